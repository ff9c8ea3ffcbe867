import type { ChildProcess } from "node:child_process";
import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { SQLITE_FILE_NAME } from "../../../src/core/store/backends.ts";
import { openStore } from "../../../src/core/store/index.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import { harness, nextButton, playQuiz, rightButton, student } from "../fakes.ts";
import { freshCommunity, removeTempDirs, tempDir } from "./backends.ts";
import { freePort, HAS_REDIS_SERVER, killRedis, startRedis } from "./redis-process.ts";

afterAll(removeTempDirs);

const UNAVAILABLE = /The score keeper is unavailable — try again in a moment/;
/** Short, so a hung store is noticed quickly in the test. */
const TIMEOUT_MS = 400;

/** Clicks until the store answers again (the client reconnects with backoff up to 2 s). */
async function clickUntilBack(
  tutor: Tutor,
  buttonId: string,
  who: ReturnType<typeof student>,
): Promise<Reply> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const reply = await tutor.click(buttonId, who);
    if (!UNAVAILABLE.test(reply.text)) return reply;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the store did not come back within 15 s");
}

describe.skipIf(!HAS_REDIS_SERVER)("store outage on Redis (skipped without a redis-server binary)", () => {
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server) await killRedis(server);
  });

  it("GIVEN Redis hangs, then dies, then returns THEN users are told to try again, nothing is counted twice or lost, and it recovers by itself", async () => {
    const port = await freePort();
    const dir = tempDir();
    server = await startRedis(port, dir);
    const store = await openStore({
      dataDir: tempDir(),
      storeUrl: `redis://127.0.0.1:${port}`,
      logger: silentLogger(),
      timeoutMs: TIMEOUT_MS,
    });
    const { tutor, now } = harness({ store });
    const alice = student("alice", freshCommunity());
    try {
      const start = await tutor.run("quiz", { topic: "alpha" }, alice);
      const feedback1 = await tutor.click(rightButton(start).id, alice);
      const question2 = await tutor.click(nextButton(feedback1)?.id ?? "", alice);

      // Hung: the server takes the command and never answers. The call is cut off, not left waiting.
      server.kill("SIGSTOP");
      const hung = await tutor.click(rightButton(question2).id, alice);
      expect(hung.text).toMatch(UNAVAILABLE);
      expect(hung.private).toBe(true);
      expect((await tutor.run("progress", {}, alice)).text).toMatch(UNAVAILABLE);
      server.kill("SIGCONT");
      // The cut-off answer may land late; clicking again shows it once, counted once.
      const feedback2 = await clickUntilBack(tutor, rightButton(question2).id, alice);
      expect(feedback2.text).toMatch(/Right/);
      expect((await store.getProgress(alice, now.value)).answered).toBe(2);

      // Down: every command and click answers at once with the friendly message; nothing crashes.
      await killRedis(server);
      const down = await Promise.all([
        tutor.click(nextButton(feedback2)?.id ?? "", alice),
        tutor.run("leaderboard", { period: "all" }, alice),
        tutor.run("quiz", { topic: "beta" }, student("bob", alice.communityId)),
      ]);
      for (const reply of down) expect(reply.text).toMatch(UNAVAILABLE);

      // Back on the same port with its data: the old buttons work again without a restart of the bot.
      server = await startRedis(port, dir);
      const question3 = await clickUntilBack(tutor, nextButton(feedback2)?.id ?? "", alice);
      expect(question3.title).toMatch(/question 3\/4/);
      const end = await playQuiz(tutor, alice, question3, 2);
      expect(end.text).toContain("Your score: 4/4");
      const progress = await store.getProgress(alice, now.value);
      expect(progress.answered).toBe(4);
      expect(progress.points).toBe(4);
      expect((await tutor.run("quiz", { topic: "beta" }, student("bob", alice.communityId))).title).toMatch(
        /question 1\/4/,
      );
    } finally {
      await store.close();
    }
  }, 40_000);
});

describe("store outage on SQLite", () => {
  it("GIVEN another process holds the write lock THEN a click says try again, and once it is released the click counts once", async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir, logger: silentLogger(), timeoutMs: TIMEOUT_MS });
    const { tutor, now } = harness({ store });
    const alice = student("alice", freshCommunity());
    const other = new KeyvSqlite({ uri: `sqlite://${path.join(dataDir, SQLITE_FILE_NAME)}` });
    try {
      const start = await tutor.run("quiz", { topic: "alpha" }, alice);
      await other.query("BEGIN EXCLUSIVE");
      const blocked = await tutor.click(rightButton(start).id, alice);
      expect(blocked.text).toMatch(UNAVAILABLE);
      await other.query("COMMIT");
      const feedback = await clickUntilBack(tutor, rightButton(start).id, alice);
      expect(feedback.text).toMatch(/Right/);
      expect((await store.getProgress(alice, now.value)).answered).toBe(1);
    } finally {
      await other.disconnect();
      await store.close();
    }
  }, 20_000);
});
