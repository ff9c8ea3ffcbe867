import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACK_DEADLINE_MS } from "../../src/adapters/slack/limits.ts";
import { buttonsOf, DEFAULT_CHANNEL, type SlackDriver } from "./slack/driver.ts";
import type { SlackEmulator, StoredMessage } from "./slack/emulator.ts";
import { createFakeTutor, type FakeTutorState, newFakeState, RACE_DELAY_MS } from "./slack/fake-tutor.ts";
import { type Harness, SIGNING_SECRET, startHarness } from "./slack/harness.ts";
import { signedHeaders } from "./slack/signing.ts";

// The real Bolt app (startSlack) against the local Slack emulator, with a small fake tutor so the
// adapter's own behaviour is pinned down; the shared scenarios with the real tutor run in
// slack.scenarios.e2e.test.ts.

const alice = { id: "UALICE", name: "alice" };
const bob = { id: "UBOB", name: "bob" };
const FIVE_MINUTES_S = 5 * 60;

let harness: Harness;
let state: FakeTutorState;
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
    6000,
    `a new message for ${user}`,
  );

async function command(user: typeof alice, name: string, text = ""): Promise<StoredMessage> {
  const before = emulator.messages.length;
  const ack = await driver.slashCommand(user, name, text);
  expect(ack.status).toBe(200);
  return newMessageFor(user.id, before);
}

const textOf = (message: StoredMessage) => JSON.stringify(message.blocks);

describe("Slack over HTTP: the real Bolt app against the emulator", () => {
  beforeAll(async () => {
    state = newFakeState();
    harness = await startHarness({ makeTutor: () => createFakeTutor(state) });
    ({ emulator, driver } = harness);
  });
  afterAll(() => harness.stop());

  it("GIVEN a wrong signature or a timestamp older than 5 minutes THEN Bolt rejects the request unseen", async () => {
    const http = harness.http;
    if (!http) throw new Error("HTTP harness expected");
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
    expect(state.runs).toHaveLength(0);
  });

  it("GIVEN every declared command THEN each is acked in time and answered", async () => {
    const texts: Record<string, string> = { lesson: "adam", race: "rosenbrock adam,sgd" };
    for (const name of ["lesson", "quiz", "review", "progress", "leaderboard", "recommend", "help"]) {
      const message = await command(alice, name, texts[name] ?? "");
      expect(message.text.length, name).toBeGreaterThan(0);
    }
    expect(state.runs.map((run) => run.command)).toEqual([
      "lesson",
      "quiz",
      "review",
      "progress",
      "leaderboard",
      "recommend",
      "help",
    ]);
    expect(state.runs[0]?.who).toMatchObject({
      platform: "slack",
      userId: alice.id,
      userName: "alice",
      communityId: emulator.teamId,
      channelId: "CGENERAL",
    });
  });

  it("GIVEN /lesson adam THEN one public message holds the title, the uploaded picture with alt text and a button", async () => {
    const lesson = await command(alice, "lesson", "adam");
    expect(lesson.ephemeralTo).toBeUndefined();
    const image = lesson.blocks.find((block) => block.type === "image") as {
      slack_file: { id: string };
      alt_text: string;
    };
    const file = emulator.files.get(image.slack_file.id);
    expect(file?.bytes?.length).toBe(200);
    expect(image.alt_text).toMatch(/adam update rule/);
    expect(buttonsOf(lesson).map((button) => button.label)).toEqual(["Quiz me"]);
  });

  it("GIVEN too many words THEN the student privately gets the usage hint", async () => {
    const hint = await command(alice, "lesson", "adam sgd momentum");
    expect(hint.ephemeralTo).toBe(alice.id);
    expect(hint.text).toMatch(/Usage: `\/lesson &lt;topic&gt;`/);
  });

  it("GIVEN /quiz answered by clicks THEN the same private message walks to the score", async () => {
    const quiz = await command(alice, "quiz");
    expect(quiz.ephemeralTo).toBe(alice.id);
    for (let step = 0; step < 2; step++) {
      await driver.click(alice, quiz, (button) => button.label === "RMSprop");
      await emulator.waitFor(() => quiz.edits === step + 1, 3000, `edit ${step + 1}`);
    }
    expect(quiz.text).toMatch(/Score 2\/2/);
    expect(buttonsOf(quiz)).toHaveLength(0);
  });

  it("GIVEN bob forges a click on alice's quiz THEN he is refused privately and her quiz is unchanged", async () => {
    const quiz = await command(alice, "quiz");
    const before = emulator.messages.length;
    await driver.click(bob, quiz, (button) => button.label === "RMSprop", { forge: true });
    const refusal = await newMessageFor(bob.id, before);
    expect(refusal.ephemeralTo).toBe(bob.id);
    expect(refusal.text).toMatch(/belongs to someone else/);
    expect(quiz.edits).toBe(0);
  });

  it("GIVEN a double click THEN the question advances once and the second click gets a private note", async () => {
    const quiz = await command(alice, "quiz");
    const before = emulator.messages.length;
    const clicks = await Promise.all([0, 1].map(() => driver.click(alice, quiz, (b) => b.label === "SGD")));
    expect(clicks.map((click) => click.status)).toEqual([200, 200]);
    const note = await newMessageFor(alice.id, before);
    expect(note.text).toMatch(/already answered/);
    expect(quiz.edits).toBe(1);
    expect(quiz.text).toMatch(/Question 2\/2/);
  });

  it("GIVEN the app restarts mid-quiz THEN the old buttons still work", async () => {
    const quiz = await command(bob, "quiz");
    await driver.click(bob, quiz, (button) => button.label === "RMSprop");
    await emulator.waitFor(() => quiz.edits === 1);
    await harness.restart();
    await driver.click(bob, quiz, (button) => button.label === "RMSprop");
    await emulator.waitFor(() => quiz.edits === 2);
    expect(quiz.text).toMatch(/Score 2\/2/);
  });

  it("GIVEN finished quizzes THEN /leaderboard is public and lists both students", async () => {
    const board = await command(bob, "leaderboard");
    expect(board.ephemeralTo).toBeUndefined();
    expect(board.text).toMatch(/alice: 2/);
    expect(board.text).toMatch(/bob: 2/);
  });

  it("GIVEN /race (slower than Slack's 3 s) THEN the ack comes first and the GIF is posted later", async () => {
    const before = emulator.messages.length;
    const started = Date.now();
    const ack = await driver.slashCommand(alice, "race", "rosenbrock adam,sgd");
    const ackMs = Date.now() - started;
    expect(ack.status).toBe(200);
    expect(ackMs).toBeLessThan(ACK_DEADLINE_MS);
    const race = await newMessageFor(alice.id, before);
    expect(Date.now() - started).toBeGreaterThanOrEqual(RACE_DELAY_MS);
    expect(race.ephemeralTo).toBeUndefined();
    const image = race.blocks.find((block) => block.type === "image") as { slack_file: { id: string } };
    expect(emulator.files.get(image.slack_file.id)?.name).toBe("race.gif");
  });

  it("GIVEN alice opens the App Home THEN it shows her progress and the leaderboard", async () => {
    await driver.openHome(alice);
    const view = await emulator.waitFor(() => emulator.homeViews.get(alice.id));
    expect(JSON.stringify(view)).toMatch(/Your progress.*2 points.*divider.*Leaderboard.*bob: 2/);
  });

  it("GIVEN a 429 with Retry-After and two 500s THEN the client retries and the lesson arrives", async () => {
    emulator.failNext("files.getUploadURLExternal", { status: 429, retryAfterSeconds: 1 });
    emulator.failNext("files.completeUploadExternal", { status: 500 }, 2);
    const lesson = await command(alice, "lesson", "sgd");
    expect(lesson.blocks.some((block) => block.type === "image")).toBe(true);
    expect(emulator.callsTo("files.getUploadURLExternal").at(-1)?.status).toBe(200);
    expect(
      emulator
        .callsTo("files.completeUploadExternal")
        .slice(-3)
        .map((call) => call.status),
    ).toEqual([500, 500, 200]);
  });

  it("GIVEN an expired response_url THEN the app logs a warning and posts through the Web API", async () => {
    const before = emulator.messages.length;
    const ack = await driver.slashCommand(alice, "lesson", "momentum", { late: true });
    await emulator.waitFor(() => emulator.calls.some((c) => c.method === "response_url" && c.status === 404));
    const posted = await newMessageFor(alice.id, before);
    expect(ack.status).toBe(200);
    expect(posted.via).toBe("chat.postMessage");
    expect(harness.logs.some((line) => /response_url/.test(line.msg))).toBe(true);
  });

  it("GIVEN /lesson without a topic THEN a picker suggests topics as she types and runs the pick", async () => {
    const picker = await command(alice, "lesson");
    expect(picker.ephemeralTo).toBe(alice.id);
    expect(await driver.suggest(alice, picker, "ada")).toEqual(["adam", "adagrad", "adadelta"]);
    const before = emulator.messages.length;
    await driver.select(alice, picker, "adagrad");
    const lesson = await newMessageFor(alice.id, before);
    expect(textOf(lesson)).toMatch(/Lesson: adagrad/);
  });
});

describe("Slack over Socket Mode", () => {
  let socket: Harness;
  beforeAll(async () => {
    socket = await startHarness({ makeTutor: () => createFakeTutor(), socket: true });
  });
  afterAll(() => socket.stop());

  it("GIVEN a command and a click as envelopes THEN both are acked on the socket and answered", async () => {
    const { emulator: slack, driver: user } = socket;
    await user.slashCommand(alice, "quiz");
    const quiz = await slack.waitFor(() => slack.messages.find((m) => m.ephemeralTo === alice.id));
    await user.click(alice, quiz, (button) => button.label === "RMSprop");
    await slack.waitFor(() => quiz.edits === 1);
    expect(slack.socketMode.acks).toHaveLength(2);
    expect(slack.callsTo("apps.connections.open")).toHaveLength(1);
  });
});
