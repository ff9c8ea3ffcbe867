import type { ChildProcess } from "node:child_process";
import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { openBackends, SQLITE_FILE_NAME } from "../../../src/core/store/backends.ts";
import { openStore, TutorStore } from "../../../src/core/store/index.ts";
import type { Backends, Table } from "../../../src/core/store/table.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import { harness, nextButton, playQuiz, rightButton, student, wrongButton } from "../fakes.ts";
import { freshCommunity, removeTempDirs, tempDir } from "./backends.ts";
import { freePort, HAS_REDIS_SERVER, killRedis, startRedis } from "./redis-process.ts";

afterAll(removeTempDirs);

const NOTHING_SAVED = /The score keeper is unavailable, so nothing was saved — try again in a moment/;
const UNSURE = /stopped answering, so I can't tell whether that was saved/;
const ANY_OUTAGE = new RegExp(`${NOTHING_SAVED.source}|${UNSURE.source}`);
const ALREADY = /You already answered question 1; your first answer counts/;
/** Short, so a hung store is noticed quickly in the test. */
const TIMEOUT_MS = 400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets one held swap through; resolves with its verdict (the text written, or undefined if refused). */
type Release = () => Promise<string | undefined>;

/**
 * Sessions whose next swap waits, as a stalled disk or a paused server would hold it, until the test
 * releases it: the test decides when a write reaches the store instead of guessing with sleeps.
 */
function heldSessions(backends: Backends, gate: { hold?: (release: Release) => void }): Backends {
  const table = backends.sessions;
  const sessions: Table = {
    read: (key) => table.read(key),
    decode: (raw) => table.decode(raw),
    list: (prefix) => table.list(prefix),
    swap: (...args) => {
      const hold = gate.hold;
      if (!hold) return table.swap(...args);
      gate.hold = undefined;
      return new Promise((resolve, reject) =>
        hold(() => {
          const verdict = table.swap(...args);
          verdict.then(resolve, reject);
          return verdict;
        }),
      );
    },
  };
  return { ...backends, sessions };
}

/**
 * Runs `then` once the store's timeout for the operation under way has fired: its timer was started
 * before the swap was sent, with the same delay, and Node runs timers in that order.
 */
const afterStoreTimeout = (then: () => void) => setTimeout(then, TIMEOUT_MS);

/** The promise a held swap is waiting on, and the gate that holds it. */
function nextHeld(gate: { hold?: (release: Release) => void }): Promise<Release> {
  return new Promise((resolve) => {
    gate.hold = resolve;
  });
}

/** Clicks until the store answers again (the client reconnects with backoff up to 2 s). */
async function clickUntilBack(
  tutor: Tutor,
  buttonId: string,
  who: ReturnType<typeof student>,
): Promise<Reply> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const reply = await tutor.click(buttonId, who);
    if (!ANY_OUTAGE.test(reply.text)) return reply;
    await sleep(250);
  }
  throw new Error("the store did not come back within 15 s");
}

describe.skipIf(!HAS_REDIS_SERVER)("store outage on Redis (skipped without a redis-server binary)", () => {
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server) await killRedis(server);
  });

  it("GIVEN Redis is paused, hangs past every deadline, dies and returns THEN every reply tells the truth about what was saved, and it recovers by itself", async () => {
    const port = await freePort();
    const dir = tempDir();
    server = await startRedis(port, dir);
    const redis = server;
    const gate: { hold?: (release: Release) => void } = {};
    const backends = await openBackends({
      dataDir: tempDir(),
      storeUrl: `redis://127.0.0.1:${port}`,
      logger: silentLogger(),
      timeoutMs: TIMEOUT_MS,
    });
    const store = new TutorStore(heldSessions(backends, gate), silentLogger());
    const { tutor, now } = harness({ store });
    const alice = student("alice", freshCommunity());
    try {
      const start = await tutor.run("quiz", { topic: "alpha" }, alice);
      const sessionId = (await store.getProgress(alice, now.value)).openSession ?? "";

      // Paused as the answer is sent, resumed past the 400 ms timeout: the answer lands by its
      // deadline, so the student is told only once Redis answers, and what they are told is what was saved.
      gate.hold = (release) => {
        redis.kill("SIGSTOP");
        void release().catch(() => undefined);
        afterStoreTimeout(() => redis.kill("SIGCONT"));
      };
      const feedback1 = await tutor.click(rightButton(start).id, alice);
      expect(feedback1.text).toMatch(/Right!/);
      expect((await store.getSession(alice, sessionId))?.answers[0]).not.toBeNull();
      expect((await tutor.click(wrongButton(start).id, alice)).text).toMatch(ALREADY);
      expect((await store.getProgress(alice, now.value)).answered).toBe(1);

      // Paused past the write's deadline: no answer came, so the student is told it may not be saved;
      // the write, run when Redis wakes up, is refused by its deadline, and the next click counts.
      const question2 = await tutor.click(nextButton(feedback1)?.id ?? "", alice);
      redis.kill("SIGSTOP");
      const unsure = await tutor.click(rightButton(question2).id, alice);
      expect(unsure.text).toMatch(UNSURE);
      expect(unsure.private).toBe(true);
      // A read has nothing to save: it gives up at the timeout.
      expect((await tutor.run("progress", {}, alice)).text).toMatch(NOTHING_SAVED);
      redis.kill("SIGCONT");
      // Redis runs the waiting script before this read, sent after it on the same connection.
      expect((await store.getSession(alice, sessionId))?.answers[1]).toBeNull();
      const feedback2 = await clickUntilBack(tutor, wrongButton(question2).id, alice);
      expect(feedback2.text).toMatch(/Not quite/);
      expect((await store.getProgress(alice, now.value)).answered).toBe(2);

      // Down: every command and click answers at once; nothing was sent, so nothing was saved.
      await killRedis(redis);
      const down = await Promise.all([
        tutor.click(nextButton(feedback2)?.id ?? "", alice),
        tutor.run("leaderboard", { period: "all" }, alice),
        tutor.run("quiz", { topic: "beta" }, student("bob", alice.communityId)),
      ]);
      for (const reply of down) expect(reply.text).toMatch(NOTHING_SAVED);

      // Back on the same port with its data: the old buttons work again without a restart of the bot.
      server = await startRedis(port, dir);
      const question3 = await clickUntilBack(tutor, nextButton(feedback2)?.id ?? "", alice);
      expect(question3.title).toMatch(/question 3\/4/);
      const end = await playQuiz(tutor, alice, question3, 2);
      expect(end.text).toContain("Your score: 3/4");
      const progress = await store.getProgress(alice, now.value);
      expect(progress.answered).toBe(4);
      expect(progress.points).toBe(3);
      expect((await tutor.run("quiz", { topic: "beta" }, student("bob", alice.communityId))).title).toMatch(
        /question 1\/4/,
      );
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe("store outage on SQLite", () => {
  it("GIVEN another process holds the write lock THEN a click says nothing was saved, and once it is released the click counts once", async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir, logger: silentLogger(), timeoutMs: TIMEOUT_MS });
    const { tutor, now } = harness({ store });
    const alice = student("alice", freshCommunity());
    const other = new KeyvSqlite({ uri: `sqlite://${path.join(dataDir, SQLITE_FILE_NAME)}` });
    try {
      const start = await tutor.run("quiz", { topic: "alpha" }, alice);
      await other.query("BEGIN EXCLUSIVE");
      const blocked = await tutor.click(rightButton(start).id, alice);
      expect(blocked.text).toMatch(NOTHING_SAVED);
      await other.query("COMMIT");
      const feedback = await clickUntilBack(tutor, rightButton(start).id, alice);
      expect(feedback.text).toMatch(/Right/);
      expect((await store.getProgress(alice, now.value)).answered).toBe(1);
    } finally {
      await other.disconnect();
      await store.close();
    }
  }, 20_000);

  it("GIVEN a write delayed past the timeout THEN the answer is shown once it lands; delayed past its deadline THEN the student is told it may not be saved and it never lands", async () => {
    const gate: { hold?: (release: Release) => void } = {};
    const backends = await openBackends({
      dataDir: tempDir(),
      logger: silentLogger(),
      timeoutMs: TIMEOUT_MS,
    });
    const store = new TutorStore(heldSessions(backends, gate), silentLogger());
    const { tutor, now } = harness({ store });
    const alice = student("alice", freshCommunity());
    try {
      const start = await tutor.run("quiz", { topic: "alpha" }, alice);
      const sessionId = (await store.getProgress(alice, now.value)).openSession ?? "";

      // Held until the store's timeout has fired, well before the write's deadline.
      gate.hold = (release) => afterStoreTimeout(() => void release().catch(() => undefined));
      const feedback1 = await tutor.click(rightButton(start).id, alice);
      expect(feedback1.text).toMatch(/Right!/);
      expect((await store.getSession(alice, sessionId))?.answers[0]).not.toBeNull();

      const question2 = await tutor.click(nextButton(feedback1)?.id ?? "", alice);
      const held = nextHeld(gate);
      expect((await tutor.click(rightButton(question2).id, alice)).text).toMatch(UNSURE);
      // The student has been told; only now does the held statement reach SQLite, past its deadline.
      expect(await (await held)()).toBeUndefined();
      expect((await store.getSession(alice, sessionId))?.answers[1]).toBeNull();
      expect((await tutor.click(wrongButton(question2).id, alice)).text).toMatch(/Not quite/);
      expect((await store.getProgress(alice, now.value)).answered).toBe(2);
    } finally {
      await store.close();
    }
  }, 30_000);
});
