/**
 * Registers Descent's slash commands with Discord from the declarations in commands/ (the one list):
 * in one server when DISCORD_GUILD_ID is set (instant, for a class), else globally.
 * Usage: npm run deploy:discord
 */
import { COMMANDS } from "../commands/index.ts";
import { deployCommands } from "../src/adapters/discord/deploy.ts";
import { ConfigError, loadConfig } from "../src/core/config.ts";

try {
  const config = loadConfig();
  if (!config.discord) {
    throw new ConfigError([
      "DISCORD_TOKEN and DISCORD_APP_ID are required to deploy commands; copy them from the Discord developer portal into .env",
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
