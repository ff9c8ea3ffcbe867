import { ApplicationIntegrationType, InteractionContextType, REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordEmulator, ErrorCode } from "./emulator.ts";

/** Discord's documented registration rules the emulator enforces, through discord.js's REST client. */
describe("Discord emulator: command registration scope", () => {
  const emulator = new DiscordEmulator();
  let rest: REST;
  const command = {
    name: "lesson",
    description: "A lesson",
    options: [],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  };

  beforeAll(async () => {
    await emulator.start();
    rest = new REST({ api: emulator.restApi }).setToken(emulator.token);
  });

  afterAll(() => emulator.stop());

  it("GIVEN contexts and integration_types on a global command THEN they are accepted", async () => {
    await rest.put(Routes.applicationCommands(emulator.appId), { body: [command] });
    expect(emulator.commands.get("global")?.[0]).toMatchObject({ contexts: command.contexts });
  });

  it("GIVEN contexts or integration_types on a guild command THEN the overwrite is refused and nothing changes", async () => {
    const guildId = emulator.guilds[0]?.id ?? "";
    const { contexts: _contexts, ...withTypesOnly } = command;
    for (const body of [[command], [withTypesOnly]]) {
      await expect(
        rest.put(Routes.applicationGuildCommands(emulator.appId, guildId), { body }),
      ).rejects.toMatchObject({ status: 400, code: ErrorCode.InvalidFormBody });
    }
    expect(emulator.commands.has(guildId)).toBe(false);
    const { contexts: _c, integration_types: _i, ...guildCommand } = command;
    await rest.put(Routes.applicationGuildCommands(emulator.appId, guildId), { body: [guildCommand] });
    expect(emulator.commands.get(guildId)?.map((registered) => registered.name)).toEqual(["lesson"]);
  });
});
