import { afterEach, describe, expect, it } from "vitest";
import { type DiscordBot, deployCommands, startDiscord } from "../../../src/adapters/discord/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { textReply } from "../../../src/core/reply.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import { DiscordEmulator } from "../../e2e/discord/emulator.ts";
import { shardFor } from "../../e2e/discord/snowflake.ts";

// Two guilds whose ids put them on shard 0 and shard 1 of two (Discord: (id >> 22) % count).
const GUILD_ON_SHARD_0 = (1000n << 22n).toString();
const GUILD_ON_SHARD_1 = (1001n << 22n).toString();

/** Answers with the name of the bot process, so a test can see which process served a guild. */
function tutorNamed(name: string): Tutor {
  return {
    commands: [{ name: "whoami", description: "Which process answers", options: [] }],
    run: async (_command, _options, who) => textReply(`${name} for ${who.communityId}`, { private: false }),
    click: async () => textReply("no"),
    autocomplete: async () => [],
  };
}

describe("sharding", () => {
  let emulator: DiscordEmulator | undefined;
  const bots: DiscordBot[] = [];
  const user = { id: "600000000000000001", name: "fay" };

  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await emulator?.stop();
    emulator = undefined;
  });

  const start = async (recommendedShards: number) => {
    emulator = await new DiscordEmulator({
      guildIds: [GUILD_ON_SHARD_0, GUILD_ON_SHARD_1],
      recommendedShards,
    }).start();
    const base = { token: emulator.token, appId: emulator.appId, restApi: emulator.restApi };
    await deployCommands({ ...base, commands: tutorNamed("x").commands });
    return base;
  };
  const answerIn = async (guildId: string) => {
    if (!emulator) throw new Error("emulator not started");
    const outcome = await emulator.command({ user, name: "whoami", guildId }).outcome;
    if (outcome.kind !== "message") throw new Error(outcome.kind);
    return emulator.messages.get(outcome.messageId)?.api.embeds[0]?.description;
  };

  it("GIVEN the guild ids THEN they sit on different shards (the test's premise)", () => {
    expect([shardFor(GUILD_ON_SHARD_0, 2), shardFor(GUILD_ON_SHARD_1, 2)]).toEqual([0, 1]);
  });

  it("GIVEN shards 'auto' and a recommendation of 2 THEN one process runs both shards and serves both guilds", async () => {
    const base = await start(2);
    bots.push(
      await startDiscord({ ...base, tutor: tutorNamed("solo"), logger: silentLogger(), shards: "auto" }),
    );
    expect(emulator?.readyShards).toBe(2);
    expect(await answerIn(GUILD_ON_SHARD_0)).toBe(`solo for ${GUILD_ON_SHARD_0}`);
    expect(await answerIn(GUILD_ON_SHARD_1)).toBe(`solo for ${GUILD_ON_SHARD_1}`);
  });

  it("GIVEN two processes with explicit shard ids THEN each guild is served by the process owning its shard", async () => {
    const base = await start(1);
    bots.push(
      await startDiscord({
        ...base,
        tutor: tutorNamed("p0"),
        logger: silentLogger(),
        shards: { ids: [0], count: 2 },
      }),
      await startDiscord({
        ...base,
        tutor: tutorNamed("p1"),
        logger: silentLogger(),
        shards: { ids: [1], count: 2 },
      }),
    );
    expect(emulator?.readyShards).toBe(2);
    expect(await answerIn(GUILD_ON_SHARD_0)).toBe(`p0 for ${GUILD_ON_SHARD_0}`);
    expect(await answerIn(GUILD_ON_SHARD_1)).toBe(`p1 for ${GUILD_ON_SHARD_1}`);
  });
});
