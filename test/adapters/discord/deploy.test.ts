import { ApplicationIntegrationType, InteractionContextType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { deployCommands } from "../../../src/adapters/discord/deploy.ts";
import { DiscordEmulator } from "../../e2e/discord/emulator.ts";

/** Descent's real command declarations, registered through discord.js's REST client. */
describe("deployCommands against the emulator", () => {
  const emulator = new DiscordEmulator();
  const commands = COMMANDS.map((module) => module.declaration);
  const names = commands.map((command) => command.name);
  const deploy = (guildId?: string) =>
    deployCommands({
      token: emulator.token,
      appId: emulator.appId,
      restApi: emulator.restApi,
      commands,
      ...(guildId && { guildId }),
    });

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it("GIVEN DISCORD_GUILD_ID THEN the commands land in that server without the global-only contexts and integration_types", async () => {
    const guildId = emulator.guilds[0]?.id ?? "";
    const result = await deploy(guildId);
    expect(result).toMatchObject({ scope: "guild", added: names });
    const registered = emulator.commands.get(guildId) ?? [];
    expect(registered.map((command) => command.name)).toEqual(names);
    for (const command of registered) {
      expect(command).not.toHaveProperty("contexts");
      expect(command).not.toHaveProperty("integration_types");
    }
    expect(await deploy(guildId)).toMatchObject({ added: [], changed: [], unchanged: names });
  });

  it("GIVEN no guild THEN the commands are global, installed to servers and usable there and in the bot's DMs", async () => {
    const result = await deploy();
    expect(result).toMatchObject({ scope: "global", added: names });
    for (const command of emulator.commands.get("global") ?? []) {
      expect(command).toMatchObject({
        integration_types: [ApplicationIntegrationType.GuildInstall],
        contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      });
    }
  });
});
