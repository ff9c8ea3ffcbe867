import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_READY_WAITS_MS } from "../../src/adapters/slack/limits.ts";
import { type Reply, textReply } from "../../src/core/reply.ts";
import type { CommandDeclaration, Tutor } from "../../src/core/tutor-api.ts";
import { realTutorFactory } from "./discord/real-tutor.ts";
import { buttonsOf, DEFAULT_CHANNEL } from "./slack/driver.ts";
import type { SlackEmulator, StoredMessage } from "./slack/emulator.ts";
import { type Harness, startHarness } from "./slack/harness.ts";

// Private replies with pictures, through the real Bolt app against an emulator that enforces
// Slack's file rules: a picture shows only in a conversation its file was shared into (never in an
// ephemeral message), only once Slack has processed it, and the file carries `alt_txt`.

const alice = { id: "UALICE", name: "alice" };
const RULE_ALT = "Which rule is this? A formula with a moving average of squared gradients";
const ANSWER_ALT = "The RMSprop update rule, drawn as a formula";
/** Longer than files.getUploadURLExternal's alt_txt (1000), within an image block's alt_text (2000). */
const LONG_ALT = `A contour map. ${"The path bends towards the valley floor. ".repeat(40)}`.slice(0, 1500);

const declarations: CommandDeclaration[] = [
  { name: "quiz", description: "Take a quiz", options: [] },
  { name: "lesson", description: "Open a lesson", options: [] },
];

const picture = (alt: string) => ({
  bytes: Buffer.alloc(300, 2),
  fileName: "rule.png",
  alt,
  width: 9,
  height: 9,
});

/** A question with a picture and a private answer with another: what Descent's quizzes send. */
const pictureTutor: Tutor = {
  commands: declarations,
  async run(command): Promise<Reply> {
    if (command === "lesson") {
      return {
        title: "Lesson",
        text: "Public.",
        images: [picture(LONG_ALT)],
        buttons: [],
        private: false,
      };
    }
    return {
      title: "Question 1/1",
      text: "Which optimizer is this?",
      images: [picture(RULE_ALT)],
      buttons: [
        [
          { id: "answer:rmsprop", label: "RMSprop", style: "secondary" },
          { id: "skip", label: "Skip", style: "secondary" },
        ],
      ],
      private: true,
    };
  },
  async click(buttonId): Promise<Reply> {
    if (buttonId === "skip") return textReply("Skipped; no points for this one.");
    return {
      text: "✅ Right: RMSprop.",
      images: [picture(ANSWER_ALT)],
      buttons: [],
      private: true,
      replaceOriginal: true,
    };
  },
  async autocomplete() {
    return [];
  },
};

/** Waits until an upload is complete and Slack is still processing it, then lets Slack finish. */
async function finishProcessingOnce(emulator: SlackEmulator): Promise<void> {
  await emulator.waitFor(
    () => [...emulator.files.values()].some((file) => file.completed && !file.processed),
    10_000,
    "an upload being processed",
  );
  emulator.finishProcessing();
}

const imageFileIds = (message: StoredMessage) =>
  message.blocks
    .filter((block) => block.type === "image")
    .map((block) => String((block.slack_file as { id: string }).id));

describe("Slack: a private reply with pictures", () => {
  let harness: Harness;
  let emulator: SlackEmulator;
  beforeAll(async () => {
    harness = await startHarness({ makeTutor: () => pictureTutor, fileProcessingMs: "manual" });
    ({ emulator } = harness);
  });
  afterAll(() => harness.stop());

  it("GIVEN /quiz in a channel THEN the question waits for the picture, arrives in the DM with it, and a pointer stays private in the channel", async () => {
    const dm = emulator.dmOf(alice.id);
    await harness.driver.slashCommand(alice, "quiz");
    // Slack is still processing the upload: the adapter asks files.info and posts nothing yet.
    await emulator.waitFor(() => emulator.callsTo("files.info").length > 0, 10_000, "files.info");
    expect(emulator.messages.filter((m) => m.via === "chat.postMessage")).toHaveLength(0);
    emulator.finishProcessing();

    const question = await emulator.waitFor(
      () => emulator.messages.find((m) => m.channel === dm && m.via === "chat.postMessage"),
      10_000,
      "the question in the DM",
    );
    const [fileId = ""] = imageFileIds(question);
    const file = emulator.files.get(fileId);
    expect(file?.channels.has(dm)).toBe(true);
    expect(file?.altText).toBe(RULE_ALT);
    expect(question.blocks.find((block) => block.type === "image")?.alt_text).toBe(RULE_ALT);
    expect(buttonsOf(question).map((button) => button.label)).toEqual(["RMSprop", "Skip"]);

    const pointer = await emulator.waitFor(() =>
      emulator.messages.find((m) => m.channel === DEFAULT_CHANNEL && m.ephemeralTo === alice.id),
    );
    expect(pointer.text).toMatch(/direct messages/);
    expect(JSON.stringify(pointer.blocks)).not.toMatch(/slack_file/);
    // The rules held: nothing was refused on the way.
    expect(emulator.calls.filter((call) => !call.ok)).toEqual([]);
  });

  it("GIVEN a click in the DM gets a private answer without pictures THEN it stays in the DM as a lasting message", async () => {
    const dm = emulator.dmOf(alice.id);
    const question = emulator.messages.find((m) => m.channel === dm && m.via === "chat.postMessage");
    if (!question) throw new Error("no question in the DM");
    const before = emulator.messages.length;
    await harness.driver.click(alice, question, (button) => button.label === "Skip");
    const note = await emulator.waitFor(() => emulator.messages.slice(before).find((m) => m.channel === dm));
    expect(note.text).toMatch(/Skipped/);
    // Ephemeral messages vanish when Slack reloads; the DM is private anyway.
    expect(note.ephemeralTo).toBeUndefined();
    // The DM's id is remembered: conversations.open is rate-limited per workspace.
    expect(emulator.callsTo("conversations.open")).toHaveLength(1);
  });

  it("GIVEN alice answers in the DM THEN the question is replaced in place with the answer's picture", async () => {
    const dm = emulator.dmOf(alice.id);
    const question = emulator.messages.find((m) => m.channel === dm && m.via === "chat.postMessage");
    if (!question) throw new Error("no question in the DM");
    await harness.driver.click(alice, question, (button) => button.label === "RMSprop");
    await finishProcessingOnce(emulator);
    await emulator.waitFor(() => question.edits === 1, 10_000, "the answer in place");
    expect(question.text).toMatch(/Right: RMSprop/);
    const [fileId = ""] = imageFileIds(question);
    expect(emulator.files.get(fileId)?.altText).toBe(ANSWER_ALT);
    expect(emulator.calls.filter((call) => !call.ok)).toEqual([]);
  });

  it("GIVEN /quiz typed in the DM itself THEN it is answered there, with no pointer", async () => {
    const dm = emulator.dmOf(alice.id);
    const before = emulator.messages.length;
    await harness.driver.slashCommand(alice, "quiz", "", { channel: dm });
    await finishProcessingOnce(emulator);
    const question = await emulator.waitFor(
      () => emulator.messages.slice(before).find((m) => m.via === "response_url"),
      10_000,
      "the question",
    );
    expect(question.channel).toBe(dm);
    expect(question.ephemeralTo).toBeUndefined();
    expect(imageFileIds(question)).toHaveLength(1);
    expect(emulator.messages.slice(before).filter((m) => m.ephemeralTo)).toHaveLength(0);
  });
});

describe("Slack: a picture Slack never finishes processing", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ makeTutor: () => pictureTutor, fileProcessingMs: "manual" });
  });
  afterAll(() => harness.stop());

  it("GIVEN the upload stays unprocessed THEN the bot stops asking after a bounded wait and describes the picture in words", async () => {
    const { emulator } = harness;
    await harness.driver.slashCommand(alice, "quiz");
    const question = await emulator.waitFor(
      () => emulator.messages.find((m) => m.ephemeralTo === alice.id),
      15_000,
      "the question in words",
    );
    expect(JSON.stringify(question.blocks)).toContain(`🖼 ${RULE_ALT}`);
    expect(buttonsOf(question).map((button) => button.label)).toEqual(["RMSprop", "Skip"]);
    // One check at once, then one per pause in FILE_READY_WAITS_MS; never a block naming the file.
    expect(emulator.callsTo("files.info")).toHaveLength(FILE_READY_WAITS_MS.length + 1);
    expect(JSON.stringify(emulator.messages.map((m) => m.blocks))).not.toMatch(/slack_file/);
  }, 20_000);
});

describe("Slack: pictures that cannot be shared", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ makeTutor: () => pictureTutor });
  });
  afterAll(() => harness.stop());

  it("GIVEN the upload keeps failing THEN the question still arrives privately, its picture described in words", async () => {
    const { emulator } = harness;
    emulator.failNext("files.completeUploadExternal", { status: 500 }, 5);
    await harness.driver.slashCommand(alice, "quiz");
    const question = await emulator.waitFor(
      () => emulator.messages.find((m) => m.ephemeralTo === alice.id),
      10_000,
      "the question",
    );
    expect(question.channel).toBe(DEFAULT_CHANNEL);
    expect(JSON.stringify(question.blocks)).toContain(`🖼 ${RULE_ALT}`);
    expect(buttonsOf(question).map((button) => button.label)).toEqual(["RMSprop", "Skip"]);
    expect(harness.logs.some((line) => /pictures/.test(line.msg))).toBe(true);
  });

  it("GIVEN a public lesson THEN its picture is shared into the channel that shows it, its long alt text kept where it fits", async () => {
    const { emulator } = harness;
    const before = emulator.messages.length;
    await harness.driver.slashCommand(alice, "lesson");
    const lesson = await emulator.waitFor(
      () => emulator.messages.slice(before).find((m) => m.via === "response_url"),
      10_000,
      "the lesson",
    );
    expect(lesson.ephemeralTo).toBeUndefined();
    const [fileId = ""] = imageFileIds(lesson);
    expect(emulator.files.get(fileId)?.channels).toEqual(new Set([DEFAULT_CHANNEL]));
    expect(emulator.files.get(fileId)?.altText).toHaveLength(1000);
    expect(lesson.blocks.find((block) => block.type === "image")?.alt_text).toBe(LONG_ALT);
  });
});

describe("Slack with the real tutor: /review's rule sheet", () => {
  let harness: Harness;
  beforeAll(async () => {
    const makeTutor = await realTutorFactory();
    harness = await startHarness({ makeTutor });
  });
  afterAll(() => harness.stop());

  it("GIVEN /review in a channel THEN the sheet is shown in alice's DM and the channel gets only a pointer", async () => {
    const { emulator } = harness;
    await harness.driver.slashCommand(alice, "review");
    const sheet = await emulator.waitFor(
      () =>
        emulator.messages.find((m) => m.channel === emulator.dmOf(alice.id) && m.via === "chat.postMessage"),
      30_000,
      "the review sheet in the DM",
    );
    expect(imageFileIds(sheet).length).toBeGreaterThan(0);
    const pointer = await emulator.waitFor(() => emulator.messages.find((m) => m.ephemeralTo === alice.id));
    expect(pointer.channel).toBe(DEFAULT_CHANNEL);
    expect(JSON.stringify(pointer.blocks)).not.toMatch(/slack_file/);
  }, 60_000);
});
