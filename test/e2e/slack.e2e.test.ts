import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realTutorFactory } from "./discord/real-tutor.ts";
import { buttonsOf, DEFAULT_CHANNEL, type SlackDriver } from "./slack/driver.ts";
import type { SlackEmulator, StoredMessage } from "./slack/emulator.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./slack/harness.ts";
import { signedHeaders } from "./slack/signing.ts";

// The real Bolt app (startSlack) and Descent's real tutor (built as src/main.ts builds it) against
// the local Slack emulator: what is particular to Slack (signatures, acks, uploads, pickers, App
// Home, Socket Mode). Forged clicks, double clicks, restarts and the leaderboard are checked on
// both platforms by the shared scenarios (slack.scenarios.e2e.test.ts).

const alice = { id: "UALICE", name: "alice" };
const bob = { id: "UBOB", name: "bob" };
const FIVE_MINUTES_S = 5 * 60;
/** Longest a test waits for the app's answer: a safety net for a busy machine, not a target. */
const WAIT_MS = 60_000;

let harness: Harness;
let emulator: SlackEmulator;
let driver: SlackDriver;

/** The first message `user` can see in the channel that was not there before `count` messages. */
const newMessageFor = (user: string, after: number, channel = DEFAULT_CHANNEL) =>
  emulator.waitFor(
    () =>
      emulator.messages
        .slice(after)
        // The file share that precedes a reply with pictures is not the reply.
        .find(
          (m) =>
            m.channel === channel &&
            m.via !== "files.completeUploadExternal" &&
            (!m.ephemeralTo || m.ephemeralTo === user),
        ),
    WAIT_MS,
    `a new message for ${user}`,
  );

async function command(user: typeof alice, name: string, text = ""): Promise<StoredMessage> {
  const before = emulator.messages.length;
  const ack = await driver.slashCommand(user, name, text);
  expect(ack.status).toBe(200);
  return newMessageFor(user.id, before);
}

const textOf = (message: StoredMessage) => JSON.stringify(message.blocks);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const QUIZ_ME = /quiz/i;
const NEXT = /^Next question$/;

/**
 * A quiz's first question, with its buttons: privately in the channel, or in the student's DM with
 * the app when it has a picture (README "Where private pictures appear"); posted after `after`.
 */
const firstQuestion = (slack: SlackEmulator, user: string, after: number) => {
  const dm = slack.dmOf(user);
  return slack.waitFor(
    () =>
      slack.messages
        .slice(after)
        .find((m) => (m.ephemeralTo === user || m.channel === dm) && buttonsOf(m).length > 0),
    WAIT_MS,
    "the first question",
  );
};

/**
 * Clicks the first answer, then "Next question", until the score shows. A quiz that began in the
 * channel moves to the DM at its first picture, its channel message becoming the pointer there:
 * play goes on in the DM. Returns the clicks made and the messages the quiz was played on.
 */
async function playQuiz(
  user: typeof alice,
  first: StoredMessage,
): Promise<{ clicks: number; played: StoredMessage[] }> {
  const dm = emulator.dmOf(user.id);
  const played = [first];
  let quiz = first;
  let clicks = 0;
  while (!/Your score/.test(textOf(quiz))) {
    const edits = quiz.edits;
    const buttons = buttonsOf(quiz);
    const target = buttons.find((button) => NEXT.test(button.label)) ?? buttons[0];
    if (!target || clicks > 20) throw new Error(`quiz stuck on ${textOf(quiz).slice(0, 200)}`);
    const before = emulator.messages.length;
    await driver.click(user, quiz, (button) => button.value === target.value);
    await emulator.waitFor(() => quiz.edits > edits, WAIT_MS, `edit ${edits + 1}`);
    clicks++;
    if (quiz.channel !== dm && /direct messages/.test(quiz.text)) {
      quiz = await newMessageFor(user.id, before, dm);
      played.push(quiz);
    }
  }
  return { clicks, played };
}

describe("Slack over HTTP: the real Bolt app against the emulator", () => {
  beforeAll(async () => {
    harness = await startHarness({ makeTutor: await realTutorFactory() });
    ({ emulator, driver } = harness);
  });
  afterAll(() => harness.stop());

  it("GIVEN a wrong signature or a timestamp older than 5 minutes THEN Bolt rejects the request unseen", async () => {
    const http = harness.http;
    if (!http) throw new Error("HTTP harness expected");
    const before = emulator.messages.length;
    const body = new URLSearchParams({ command: "/help", user_id: alice.id, text: "" }).toString();
    const form = "application/x-www-form-urlencoded";
    const forged = await http.post(body, form, signedHeaders("not-the-secret", body));
    const stale = await http.post(
      body,
      form,
      signedHeaders(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - FIVE_MINUTES_S - 60),
    );
    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
    // A signed request sent after them is answered; it is the only answer: the others ran nothing.
    await command(alice, "help");
    expect(emulator.messages.slice(before)).toHaveLength(1);
  });

  it("GIVEN every declared command THEN each is acked and answered", async () => {
    const texts: Record<string, string> = { lesson: "adam", quiz: "adam", race: "rosenbrock adam,sgd" };
    for (const name of ["lesson", "quiz", "review", "progress", "leaderboard", "recommend", "help"]) {
      const message = await command(bob, name, texts[name] ?? "");
      expect(message.text.length, name).toBeGreaterThan(0);
      expect(textOf(message), name).not.toMatch(/went wrong/);
    }
  });

  it("GIVEN /lesson adam THEN one public message holds the title, the uploaded picture with alt text and a button", async () => {
    const lesson = await command(alice, "lesson", "adam");
    expect(lesson.ephemeralTo).toBeUndefined();
    expect(textOf(lesson)).toMatch(/Adam/);
    const image = lesson.blocks.find((block) => block.type === "image") as {
      slack_file: { id: string };
      alt_text: string;
    };
    const file = emulator.files.get(image.slack_file.id);
    expect(file?.bytes?.subarray(0, 4)).toEqual(PNG_SIGNATURE);
    expect(image.alt_text.length).toBeGreaterThan(10);
    expect(buttonsOf(lesson).some((button) => QUIZ_ME.test(button.label))).toBe(true);
  });

  it("GIVEN too many words THEN the student privately gets the usage hint", async () => {
    const hint = await command(alice, "lesson", "adam sgd momentum");
    expect(hint.ephemeralTo).toBe(alice.id);
    // The topic is optional (without it a picker opens), hence the square brackets.
    expect(hint.text).toMatch(/Usage: `\/lesson \[topic\]`/);
  });

  it("GIVEN /quiz answered by clicks THEN one private message walks to the score, in the DM from its first picture", async () => {
    const dm = emulator.dmOf(alice.id);
    const start = emulator.messages.length;
    const inChannel = await command(alice, "quiz", "adam");
    expect(inChannel.ephemeralTo).toBe(alice.id);
    const { clicks, played } = await playQuiz(alice, await firstQuestion(emulator, alice.id, start));
    // Four answers and three "Next question": every click edited the message it was on, and the
    // move to the DM (if a drawn question has a picture) turned the channel's copy into the pointer.
    expect(clicks).toBe(7);
    expect(played.reduce((sum, message) => sum + message.edits, 0)).toBe(7);
    const posted = emulator.messages.slice(start).filter((m) => m.via !== "files.completeUploadExternal");
    // One private message in the channel (the quiz or the pointer), at most one quiz in the DM.
    expect(posted.filter((m) => m.channel === DEFAULT_CHANNEL && m.ephemeralTo === alice.id)).toEqual([
      inChannel,
    ]);
    expect(posted.filter((m) => m.channel === dm)).toEqual(played.filter((m) => m.channel === dm));
    expect(played.length).toBeLessThanOrEqual(2);
    expect(textOf(played.at(-1) as StoredMessage)).toMatch(/Your score: \d\/4/);
  });

  it("GIVEN /race THEN the ack comes first and the GIF is posted later", async () => {
    const before = emulator.messages.length;
    const ack = await driver.slashCommand(alice, "race", "rosenbrock adam,sgd");
    expect(ack.status).toBe(200);
    // Acked with an empty body, before the race was drawn: the answer is not in the ack.
    expect(ack.body).toBeUndefined();
    expect(emulator.messages.length).toBe(before);
    const race = await newMessageFor(alice.id, before);
    expect(race.ephemeralTo).toBeUndefined();
    const image = race.blocks.find((block) => block.type === "image") as { slack_file: { id: string } };
    expect(emulator.files.get(image.slack_file.id)?.name).toMatch(/\.gif$/);
  });

  it("GIVEN alice opens the App Home THEN it shows her progress and the leaderboard", async () => {
    await driver.openHome(alice);
    const view = await emulator.waitFor(() => emulator.homeViews.get(alice.id), WAIT_MS);
    // Her adam quiz (finished above) shows in both: her progress and the team's board.
    expect(JSON.stringify(view)).toMatch(/Your progress.*Adam.*divider.*Leaderboard.*alice/i);
  });

  it("GIVEN a 429 with Retry-After and two 500s THEN the client retries and the lesson arrives", async () => {
    const before = emulator.calls.length;
    emulator.failNext("files.getUploadURLExternal", { status: 429, retryAfterSeconds: 1 });
    emulator.failNext("files.completeUploadExternal", { status: 500 }, 2);
    const lesson = await command(alice, "lesson", "sgd");
    const images = lesson.blocks.filter((block) => block.type === "image");
    expect(images.length).toBeGreaterThan(0);
    const statuses = (method: string) =>
      emulator.calls
        .slice(before)
        .filter((call) => call.method === method)
        .map((call) => call.status);
    // Every picture was uploaded in the end: one 429 and two 500s were each tried again.
    expect(statuses("files.getUploadURLExternal").filter((status) => status === 429)).toHaveLength(1);
    expect(statuses("files.getUploadURLExternal").filter((status) => status === 200)).toHaveLength(
      images.length,
    );
    expect(statuses("files.completeUploadExternal").filter((status) => status === 500)).toHaveLength(2);
    // One completion shares all of a message's pictures at once.
    expect(statuses("files.completeUploadExternal").filter((status) => status === 200)).toHaveLength(1);
    for (const image of images) {
      const file = emulator.files.get((image.slack_file as { id: string }).id);
      expect(file?.channels.has(DEFAULT_CHANNEL)).toBe(true);
    }
  });

  it("GIVEN an expired response_url THEN the app logs a warning and posts through the Web API", async () => {
    const before = emulator.messages.length;
    const ack = await driver.slashCommand(alice, "lesson", "momentum", { late: true });
    await emulator.waitFor(
      () => emulator.calls.some((c) => c.method === "response_url" && c.status === 404),
      WAIT_MS,
    );
    const posted = await newMessageFor(alice.id, before);
    expect(ack.status).toBe(200);
    expect(posted.via).toBe("chat.postMessage");
    expect(harness.logs.some((line) => /response_url/.test(line.msg))).toBe(true);
  });

  it("GIVEN /lesson without a topic THEN a picker suggests topics as she types and runs the pick", async () => {
    const picker = await command(alice, "lesson");
    expect(picker.ephemeralTo).toBe(alice.id);
    const suggestions = (await driver.suggest(alice, picker, "ada")).join(" | ");
    for (const lesson of [/Adam/, /Adagrad/i, /Adadelta/i]) expect(suggestions).toMatch(lesson);
    expect(suggestions).not.toMatch(/Momentum/i);
    const before = emulator.messages.length;
    await driver.select(alice, picker, "adagrad");
    const lesson = await newMessageFor(alice.id, before);
    expect(lesson.ephemeralTo).toBeUndefined();
    expect(textOf(lesson)).toMatch(/AdaGrad/i);
  });
});

describe("Slack over Socket Mode", () => {
  let socket: Harness;
  beforeAll(async () => {
    socket = await startHarness({ makeTutor: await realTutorFactory(), socket: true });
  });
  afterAll(() => socket.stop());

  it("GIVEN a command and a click as envelopes THEN both are acked on the socket and answered", async () => {
    const { emulator: slack, driver: user } = socket;
    await user.slashCommand(alice, "quiz", "adam");
    const quiz = await firstQuestion(slack, alice.id, 0);
    await user.click(alice, quiz, (button) => /^A\. /.test(button.label));
    await slack.waitFor(() => quiz.edits === 1, WAIT_MS);
    expect(textOf(quiz)).toMatch(/Right!|Not quite/);
    expect(slack.socketMode.acks).toHaveLength(2);
    expect(slack.callsTo("apps.connections.open")).toHaveLength(1);
  });
});
