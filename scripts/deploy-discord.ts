/**
 * Registers Descent's slash commands with Discord from the declarations in commands/ (the one list):
 * in one server when DISCORD_GUILD_ID is set (instant, for a class), else globally.
 * Usage: npm run deploy:discord [-- --help]
 */
import { parseArgs } from "node:util";
import { COMMANDS } from "../commands/index.ts";
import { deployCommands } from "../src/adapters/discord/deploy.ts";
import { ConfigError, loadConfig } from "../src/core/config.ts";

const HELP = `Usage: npm run deploy:discord [-- --help]

Registers Descent's slash commands (/${COMMANDS.map((module) => module.declaration.name).join(", /")})
with Discord, from the declarations in commands/.

Reads from .env or the environment:
  DISCORD_TOKEN      the bot token (developer portal → Bot → Reset Token)          required
  DISCORD_APP_ID     the Application ID (developer portal → General Information)   required
  DISCORD_GUILD_ID   one server's id: register there only, instantly (for a class)
                     without it: globally, which may take up to an hour to appear

Prints what it added, changed or removed; running it again when nothing changed does nothing.`;

let helpWanted: boolean | undefined;
try {
  helpWanted = parseArgs({ options: { help: { type: "boolean", short: "h" } } }).values.help;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n\n${HELP}`);
  process.exit(2);
}
if (helpWanted) {
  console.log(HELP);
  process.exit(0);
}

try {
  const config = loadConfig();
  if (!config.discord) {
    throw new ConfigError([
      "DISCORD_TOKEN and DISCORD_APP_ID are required to deploy commands; copy them from the Discord developer portal into .env (see npm run deploy:discord -- --help)",
    ]);
  }
  const { guildId } = config.discord;
  const result = await deployCommands({
    ...config.discord,
    commands: COMMANDS.map((module) => module.declaration),
  });
  const where = guildId ? `server ${guildId}` : "every server (global; may take up to an hour to appear)";
  console.log(`Discord commands for ${where}:`);
  for (const [label, names] of [
    ["added", result.added],
    ["changed", result.changed],
    ["removed", result.removed],
    ["unchanged", result.unchanged],
  ] as const) {
    if (names.length > 0) console.log(`  ${label.padEnd(9)} ${names.map((name) => `/${name}`).join(" ")}`);
  }
  if (result.added.length + result.changed.length + result.removed.length === 0) {
    console.log("Nothing to change.");
  }
} catch (error) {
  // ConfigError's own heading speaks of starting the bot; this script only registers commands.
  const message =
    error instanceof ConfigError
      ? `Cannot register the commands; fix these settings (in .env or the environment):\n- ${error.problems.join("\n- ")}`
      : error instanceof Error
        ? error.message
        : error;
  console.error(message);
  process.exit(1);
}
