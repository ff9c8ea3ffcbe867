import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { type DiscordBot, deployCommands, startDiscord } from "../../../src/adapters/discord/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createRenderer } from "../../../src/core/render/index.ts";
import { createMemoryStore } from "../../../src/core/store/index.ts";
import { createTutor } from "../../../src/core/tutor.ts";
import { fakeCatalogue, playQuiz } from "../../core/fakes.ts";
import { DiscordEmulator, type EmulatedMessage, type InteractionHandle } from "../../e2e/discord/emulator.ts";

const EPHEMERAL = 64;
const LOADING = 128;

/**
 * /class report and /class export through the real discord.js client and Descent's adapter against
 * the emulator: the picture and the CSV arrive as attachments of a private (ephemeral) message.
 * The emulator gives every member Manage Server, so the caller is an instructor.
 */
describe("Discord: the class report and the gradebook file", () => {
  const emulator = new DiscordEmulator();
  const cacheDir = mkdtempSync(path.join(tmpdir(), "descent-class-"));
  const teacher = { id: "400000000000000001", name: "prof" };
  const renderer = createRenderer({ cacheDir, logger: silentLogger() });
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue: fakeCatalogue(),
    renderer,
    store: createMemoryStore(silentLogger()),
    logger: silentLogger(),
  });
  let bot: DiscordBot;

  beforeAll(async () => {
    await emulator.start();
    const guildId = emulator.guilds[0]?.id ?? "";
    await deployCommands({
      token: emulator.token,
      appId: emulator.appId,
      guildId,
      restApi: emulator.restApi,
      commands: tutor.commands,
    });
    bot = await startDiscord({
      token: emulator.token,
      appId: emulator.appId,
      restApi: emulator.restApi,
      tutor,
      logger: silentLogger(),
    });
    // A student whose display name starts a spreadsheet formula plays a quiz in the server.
    const student = { platform: "discord" as const, userId: "500", userName: "=1+1", communityId: guildId };
    await playQuiz(tutor, student, await tutor.run("quiz", { topic: "alpha" }, student), 3);
  });

  afterAll(async () => {
    await bot?.stop();
    await emulator.stop();
    await renderer.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const answer = async (handle: InteractionHandle): Promise<EmulatedMessage> => {
    const done = () =>
      emulator.messagesOf(handle.id).find((m) => !(m.api.flags & LOADING) && m.api.attachments.length);
    for (let i = 0; i < 1_000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const message = done();
    if (!message)
      throw new Error(`no answer with an attachment: ${JSON.stringify(emulator.messagesOf(handle.id))}`);
    return message;
  };

  it("GIVEN /class export THEN a private message carries gradebook.csv, whose formula-like name is escaped", async () => {
    const message = await answer(emulator.command({ user: teacher, name: "class", subcommand: "export" }));
    expect(message.api.flags & EPHEMERAL).toBe(EPHEMERAL);
    const [file] = message.api.attachments;
    expect(file?.filename).toMatch(/^gradebook-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await emulator.attachmentBytes(file?.id ?? "");
    const rows = parse(bytes?.toString("utf8") ?? "", { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      expect.objectContaining({ "display name": "'=1+1", "platform id": "500", "alpha best (of 4)": "3" }),
    ]);
    // Only the picture-less text is in the embed; the file is a plain attachment, not an embedded image.
    expect(JSON.stringify(message.api.embeds)).not.toContain("attachment://gradebook");
  });

  it("GIVEN /class report lesson:alpha THEN a private message with the report picture and its numbers", async () => {
    const message = await answer(
      emulator.command({ user: teacher, name: "class", subcommand: "report", options: { lesson: "alpha" } }),
    );
    expect(message.api.flags & EPHEMERAL).toBe(EPHEMERAL);
    const [picture] = message.api.attachments;
    expect(picture?.filename).toBe("class-report.png");
    expect(picture?.description).toMatch(/Alpha method 0 saw, 1 passed/);
    expect(message.api.embeds[0]?.description).toContain("**Students:** 1");
  });
});
