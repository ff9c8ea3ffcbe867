import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.ts";
import { DM_FILE_POINTER_TEXT } from "../../src/adapters/slack/deliver.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { createMemoryStore } from "../../src/core/store/index.ts";
import { createTutor } from "../../src/core/tutor.ts";
import { fakeCatalogue, fakeRenderer, playQuiz } from "../core/fakes.ts";
import { DEFAULT_CHANNEL } from "./slack/driver.ts";
import { type Harness, startHarness } from "./slack/harness.ts";

// /class export through the real Bolt app against the emulator, which enforces Slack's file rules:
// the CSV is uploaded with the three-step upload and shared into the instructor's DM with the app
// (Slack cannot attach a file to an ephemeral message), with a private pointer where it was asked.

const prof = { id: "UPROF", name: "prof" };
const pupil = { id: "UKID", name: "kid" };

describe("Slack: the gradebook as a file", () => {
  let harness: Harness;
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue: fakeCatalogue(),
    renderer: fakeRenderer(),
    store: createMemoryStore(silentLogger()),
    logger: silentLogger(),
  });

  beforeAll(async () => {
    harness = await startHarness({ makeTutor: () => tutor });
    const team = harness.emulator.teamId;
    // A workspace admin adds prof as an instructor; a student with a formula-like name plays a quiz.
    const admin = { platform: "slack" as const, userId: "UADMIN", userName: "admin", communityId: team };
    await tutor.run(
      "class",
      { subcommand: "instructors", action: "add", user: `<@${prof.id}>` },
      { ...admin, canManageCommunity: async () => true },
    );
    const student = { platform: "slack" as const, userId: "U500", userName: "+SUM(1)", communityId: team };
    await playQuiz(tutor, student, await tutor.run("quiz", { topic: "beta" }, student), 2);
  });
  afterAll(() => harness.stop());

  it("GIVEN /class export from an instructor THEN the CSV is shared into their DM and a private pointer stays in the channel", async () => {
    const { emulator, driver } = harness;
    await driver.slashCommand(prof, "class", "export");
    const dm = emulator.dmOf(prof.id);
    const file = await emulator.waitFor(
      () =>
        [...emulator.files.values()].find(
          (candidate) => candidate.name.endsWith(".csv") && candidate.completed,
        ),
      10_000,
      "the CSV upload",
    );
    expect(file.name).toMatch(/^gradebook-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...file.channels]).toEqual([dm]);
    const rows = parse(file.bytes?.toString("utf8") ?? "", { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toEqual([expect.objectContaining({ "display name": "'+SUM(1)", "beta best (of 4)": "2" })]);
    const note = await emulator.waitFor(
      () => emulator.messages.find((m) => m.channel === dm && m.via === "chat.postMessage"),
      10_000,
      "the reply in the DM",
    );
    // The file's own message in the DM is the one Slack made when it was shared there.
    expect(emulator.messages.find((m) => m.channel === dm && m.fileIds.includes(file.id))).toBeDefined();
    expect(note.text).toMatch(/gradebook-.*1 student/);
    const pointer = await emulator.waitFor(() =>
      emulator.messages.find((m) => m.channel === DEFAULT_CHANNEL && m.ephemeralTo === prof.id),
    );
    expect(pointer.text).toBe(DM_FILE_POINTER_TEXT);
    expect(emulator.calls.filter((call) => !call.ok && call.method !== "users.info")).toEqual([]);
  });

  it("GIVEN /class export from a student THEN a private refusal and no file", async () => {
    const { emulator, driver } = harness;
    const files = emulator.files.size;
    await driver.slashCommand(pupil, "class", "export");
    const refusal = await emulator.waitFor(() => emulator.messages.find((m) => m.ephemeralTo === pupil.id));
    expect(refusal.text).toMatch(/Only instructors can export/);
    expect(emulator.files.size).toBe(files);
  });
});
