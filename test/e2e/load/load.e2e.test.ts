import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { openStore } from "../../../src/core/store/index.ts";
import { ErrorCode, type SettledInteraction } from "../discord/emulator.ts";
import { LOAD_QUIZZES, LoadHarness } from "./harness.ts";
import { parseQuizButton } from "./quiz-buttons.ts";
import { RedisServer, sqliteIntegrity } from "./stores.ts";
import { expectedScore, makeStudents, QUIZ_LENGTH, type Student, sleep } from "./students.ts";

/**
 * A lecture hall at once, through the real discord.js client in Descent's own process (`src/main.ts`)
 * and the local Discord emulator: a class quizzing concurrently, the bot killed mid-quiz, the API
 * failing for a while, and two shard processes on one Redis. These are tests of correctness: nothing
 * lost, nothing counted twice, every click answered (a student whose click failed, e.g. answered
 * past Discord's 3 s on a busy machine, clicks again as a person would). Speed is not asserted here:
 * `npm run bench -- --only load` runs 300 students and reports latencies and expired interactions
 * against their targets.
 */

/** Students in the one-server class (each: /quiz, 4 answers, 3 "Next question", /progress). */
const CLASS_SIZE = 100;
const KILL_CLASS_SIZE = 40;
const FAULT_CLASS_SIZE = 30;
const SHARD_CLASS_SIZE = 80;
/** A student who got no answer at all clicks again after this long (a refused answer: at once). */
const STUDENT_RETRY_MS = 10_000;
/** Safety nets only, generous for a busy 2-core machine; the bench holds the speed targets. */
const LOAD_TIMEOUT_MS = 180_000;
const START_TIMEOUT_MS = 180_000;
const RETRYING = { retryAfterMs: STUDENT_RETRY_MS };

const POINTS = /\((\d+) points?\)/;
const ANSWERS_GIVEN = /Answers given: (\d+)/;
const BOARD_ROW = /^\*\*(\d+)\.\*\* (\S+): (\d+) points?/;

/** Points and rank each student should have in their server, from the clicks they made. */
function expectedBoard(students: Student[]) {
  const rows = students
    .map((student) => ({ name: student.user.name, points: expectedScore(student) }))
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
  return rows.map((row) => ({ ...row, rank: 1 + rows.filter((other) => other.points > row.points).length }));
}

/** Each student saw the verdict their click implied, ended on the score it implies, and /progress agrees. */
async function expectEveryAnswerCountedOnce(harness: LoadHarness, students: Student[]) {
  for (const student of students) {
    expect(student.finalScore, student.user.name).toBe(expectedScore(student));
    const verdicts = student.plan.map((right) => (right ? "right" : "wrong"));
    expect([...student.seen.entries()].sort(([a], [b]) => a - b).map(([, seen]) => seen)).toEqual(verdicts);
  }
  const progress = await Promise.all(students.map((student) => harness.commandText(student, "progress")));
  progress.forEach((text, index) => {
    const student = students[index] as Student;
    expect(ANSWERS_GIVEN.exec(text)?.[1], student.user.name).toBe(String(QUIZ_LENGTH));
    expect(POINTS.exec(text)?.[1], student.user.name).toBe(String(expectedScore(student)));
  });
}

/** The server's all-time top 10 lists exactly the students the clicks put there, in order. */
async function expectLeaderboard(harness: LoadHarness, students: Student[]) {
  const expected = expectedBoard(students);
  // Asked by the leader, so the board has no extra "your own place" row under the top 10.
  const leader = students.find((student) => student.user.name === expected[0]?.name);
  if (!leader) throw new Error("no students");
  const text = await harness.commandText(leader, "leaderboard", { period: "all" });
  const rows = text.split("\n").flatMap((line) => {
    const match = BOARD_ROW.exec(line);
    return match ? [{ rank: Number(match[1]), name: match[2], points: Number(match[3]) }] : [];
  });
  expect(rows).toEqual(expected.slice(0, 10));
}

/**
 * Discord refused nothing but late answers (10062, which the students clicked again after): never a
 * second acknowledgement or a malformed reply.
 */
function expectOnlyLateRefusals(harness: LoadHarness) {
  const refused = harness.emulator.settled.filter(({ outcome }) => outcome.kind === "rejected");
  expect(
    refused.filter(({ outcome }) => "code" in outcome && outcome.code !== ErrorCode.UnknownInteraction),
  ).toEqual([]);
}

function answerClicks(entries: SettledInteraction[]) {
  return entries.flatMap((entry) => {
    const action = entry.customId ? parseQuizButton(entry.customId) : undefined;
    return action?.kind === "answer" && entry.outcome.kind === "message" ? [{ entry, action }] : [];
  });
}

describe("load: one class in one server, one bot process on SQLite", () => {
  const harness = new LoadHarness();
  const students = makeStudents(CLASS_SIZE, [], LOAD_QUIZZES);

  beforeAll(async () => {
    await harness.start();
    for (const student of students) student.guildId = harness.guildIds[0] ?? "";
  }, START_TIMEOUT_MS);
  afterAll(() => harness.stop());

  it(
    `GIVEN ${CLASS_SIZE} students quizzing at once by clicks THEN every click is answered and every answer counts once`,
    async () => {
      const from = performance.now();
      await harness.playAll(students, RETRYING);
      // Every student finished (each click answered, at the latest when clicked again) and the bot is still up.
      expectOnlyLateRefusals(harness);
      const answered = answerClicks(harness.emulator.settled.filter((entry) => entry.dispatchedAt >= from));
      expect(answered.length).toBeGreaterThanOrEqual(CLASS_SIZE * QUIZ_LENGTH);
      // A private /quiz is acknowledged privately and finished with at most one edit: no public
      // placeholder to delete, no separate follow-up carrying the image again.
      const calls = harness.restCalls(from);
      expect({ delete: calls.delete, followUp: calls.followUp }).toEqual({ delete: 0, followUp: 0 });
      await expectEveryAnswerCountedOnce(harness, students);
      await expectLeaderboard(harness, students);
      expect(harness.bots[0]?.running).toBe(true);
      expect(harness.bots[0]?.logs.filter((entry) => entry.level >= 50)).toEqual([]);
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    "GIVEN 429s with Retry-After for a while mid-load THEN each request waits as told, then delivers",
    async () => {
      const class2 = makeStudents(FAULT_CLASS_SIZE, [harness.guildIds[0] ?? ""], ["gd"]).map(
        (student, index) => ({
          ...student,
          user: { id: `31${String(index).padStart(16, "0")}`, name: `late${String(index).padStart(3, "0")}` },
        }),
      );
      const retryAfterMs = 400;
      const playing = harness.playAll(class2, { thinkMs: 300, ...RETRYING });
      await sleep(400);
      const window = harness.emulator.injectFaultWindow(429, 1_200, retryAfterMs);
      await playing;
      const requests = harness.emulator.requests;
      const inWindow = requests.filter((request) => request.at >= window.from && request.at < window.until);
      expect(inWindow.length).toBeGreaterThan(0);
      // Each request (one interaction's answer or edit: its own path) is tried again no sooner than
      // Retry-After after a 429, so within the window it is tried at most once per Retry-After.
      const attempts = new Map<string, number[]>();
      for (const request of inWindow) {
        const key = `${request.method} ${request.path}`;
        attempts.set(key, [...(attempts.get(key) ?? []), request.at]);
      }
      const limit = Math.ceil((window.until - window.from) / retryAfterMs) + 1;
      for (const [request, times] of attempts) expect(times.length, request).toBeLessThanOrEqual(limit);
      // Every attempt after a 429 came at least Retry-After later, inside the window or after it.
      let retried = 0;
      requests.forEach((request, index) => {
        if (request.status !== 429) return;
        const again = requests
          .slice(index + 1)
          .find((later) => later.method === request.method && later.path === request.path);
        if (!again) return;
        retried++;
        expect(again.at - request.at, request.path).toBeGreaterThanOrEqual(retryAfterMs * 0.9);
      });
      expect(retried).toBeGreaterThan(0);
      expectOnlyLateRefusals(harness);
      expect(harness.bots[0]?.running).toBe(true);
      await expectEveryAnswerCountedOnce(harness, class2);
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    "GIVEN 500s for a while mid-load THEN the bot retries a bounded number of times, stays up, and delivers after",
    async () => {
      const class3 = makeStudents(FAULT_CLASS_SIZE, [harness.guildIds[0] ?? ""], ["choosing"]).map(
        (student, index) => ({
          ...student,
          user: { id: `32${String(index).padStart(16, "0")}`, name: `next${String(index).padStart(3, "0")}` },
        }),
      );
      const playing = harness.playAll(class3, { thinkMs: 300, ...RETRYING });
      await sleep(400);
      const window = harness.emulator.injectFaultWindow(500, 500);
      await playing;
      const inWindow = harness.emulator.requests.filter(
        (request) => request.at >= window.from && request.at < window.until,
      );
      expect(inWindow.some((request) => request.status === 500)).toBe(true);
      // Per interaction: the answer and the failure notice, each tried at most 1 + 3 retries.
      const perInteraction = new Map<string, number>();
      for (const request of inWindow) {
        const id = /\/interactions\/(\d+)\//.exec(request.path)?.[1];
        if (id) perInteraction.set(id, (perInteraction.get(id) ?? 0) + 1);
      }
      for (const count of perInteraction.values()) expect(count).toBeLessThanOrEqual(8);
      expect(harness.bots[0]?.running).toBe(true);
      // Students who got nothing clicked again after the outage: every answer still counts exactly once.
      await expectEveryAnswerCountedOnce(harness, class3);
    },
    LOAD_TIMEOUT_MS,
  );
});

describe("load: the bot killed with SIGKILL mid-quiz, restarted on the same SQLite file", () => {
  const harness = new LoadHarness();
  const students = makeStudents(KILL_CLASS_SIZE, [], LOAD_QUIZZES);

  beforeAll(async () => {
    await harness.start();
    for (const student of students) student.guildId = harness.guildIds[0] ?? "";
  }, START_TIMEOUT_MS);
  afterAll(() => harness.stop());

  it(
    "GIVEN a kill after half the answers THEN acknowledged answers survive, the file is sound, old buttons resume",
    async () => {
      const player = harness.player;
      const bot = harness.bots[0];
      if (!player || !bot) throw new Error("harness not started");
      const playing = harness.playAll(students, { thinkMs: 100, ...RETRYING });
      const half = (KILL_CLASS_SIZE * QUIZ_LENGTH) / 2;
      while (answerClicks(harness.emulator.settled).length < half) await sleep(10);
      // Students stop clicking first (no dispatch can hit a dead gateway); clicks in flight die with the bot.
      player.halt();
      await bot.kill();
      await playing;
      const acked = answerClicks(harness.emulator.settled);
      expect(acked.length).toBeGreaterThanOrEqual(half);
      expect(acked.length).toBeLessThan(KILL_CLASS_SIZE * QUIZ_LENGTH);

      expect(await sqliteIntegrity(harness.dataDir)).toBe("ok");
      const store = await openStore({ dataDir: harness.dataDir, logger: silentLogger() });
      try {
        for (const { entry, action } of acked) {
          const student = students.find((candidate) => candidate.user.id === entry.userId) as Student;
          const who = {
            platform: "discord" as const,
            userId: student.user.id,
            userName: student.user.name,
            communityId: student.guildId,
          };
          const session = await store.getSession(who, action.sessionId);
          expect(session?.answers[action.question], `${student.user.name} q${action.question}`).toBe(
            action.choice,
          );
        }
      } finally {
        await store.close();
      }

      await harness.restart();
      // A student whose message shows feedback clicks its old "Next question" button: the next question comes.
      const waiting = students.filter((student) => {
        const message = harness.emulator.messages.get(student.messageId ?? "");
        return message?.api.components
          .flatMap((row) => row.components)
          .some((button) => "custom_id" in button && button.custom_id.startsWith("qn:"));
      });
      const [first] = waiting;
      if (!first) throw new Error("no student was between questions at the kill");
      // The student reads the message before clicking, as the player does: its answer may have
      // arrived just as the students halted, unread until now.
      const before = player.look(first);
      if (before.kind !== "feedback") throw new Error(`${first.user.name} shows no Next button`);
      const nextId = before.nextId;
      const next = parseQuizButton(nextId);
      if (next?.kind !== "next") throw new Error("no Next button");
      const outcome = await harness.emulator.click({
        user: first.user,
        messageId: first.messageId ?? "",
        customId: nextId,
      }).outcome;
      expect(outcome.kind).toBe("message");
      expect(harness.emulator.messages.get(first.messageId ?? "")?.api.embeds[0]?.title).toMatch(
        new RegExp(`question ${next.question + 1}/${QUIZ_LENGTH}$`),
      );
      player.resume();
      await harness.playAll(students, RETRYING);
      expectOnlyLateRefusals(harness);
      await expectEveryAnswerCountedOnce(harness, students);
      await expectLeaderboard(harness, students);
      expect(await sqliteIntegrity(harness.dataDir)).toBe("ok");
    },
    LOAD_TIMEOUT_MS,
  );
});

describe("load: two shard processes on one Redis, guilds routed by (guild_id >> 22) % 2", () => {
  const redis = new RedisServer();
  let harness: LoadHarness;
  let students: Student[];

  beforeAll(async () => {
    await redis.start();
    harness = new LoadHarness({ shards: 2, guilds: 4, storeUrl: redis.url });
    await harness.start();
    students = makeStudents(SHARD_CLASS_SIZE, harness.guildIds, LOAD_QUIZZES);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await harness?.stop();
    await redis.stop();
  });

  it(
    `GIVEN ${SHARD_CLASS_SIZE} students over 4 servers THEN both processes serve, nothing is lost, each board is right`,
    async () => {
      await harness.playAll(students, RETRYING);
      const spread = harness.emulator.dispatchesByShard;
      expect(spread.get(0) ?? 0).toBeGreaterThan(SHARD_CLASS_SIZE);
      expect(spread.get(1) ?? 0).toBeGreaterThan(SHARD_CLASS_SIZE);
      expectOnlyLateRefusals(harness);
      await expectEveryAnswerCountedOnce(harness, students);
      for (const guildId of harness.guildIds) {
        await expectLeaderboard(
          harness,
          students.filter((student) => student.guildId === guildId),
        );
      }
      for (const bot of harness.bots) expect(bot.running).toBe(true);
    },
    LOAD_TIMEOUT_MS,
  );
});
