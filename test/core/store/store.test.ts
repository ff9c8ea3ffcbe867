import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { openStore, scopeOf, type TutorStore } from "../../../src/core/store/index.ts";
import { choiceButtons, harness, nextButton, playQuiz, rightButton, student } from "../fakes.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "descent-store-"));
  dirs.push(dir);
  return dir;
}

interface Backend {
  name: string;
  /** Opens a store; calling it again with the same handle reaches the same data (a restart). */
  open(handle: string): Promise<TutorStore>;
  handle(): string;
}

const sqlite: Backend = {
  name: "sqlite",
  handle: tempDir,
  open: (dataDir) => openStore({ dataDir, logger: silentLogger() }),
};

const redisUrl = process.env.TEST_REDIS_URL;
const redis: Backend = {
  name: "redis",
  // Each test works in its own community, so tests never see each other's keys.
  handle: () => "shared",
  open: () => openStore({ dataDir: tempDir(), storeUrl: redisUrl, logger: silentLogger() }),
};

let communityCounter = 0;
function freshCommunity(): string {
  communityCounter += 1;
  return `guild-${process.pid}-${Date.now()}-${communityCounter}`;
}

for (const backend of [sqlite, ...(redisUrl ? [redis] : [])]) {
  describe(`store on ${backend.name}`, () => {
    it("GIVEN a restart mid-quiz (new tutor and store on the same data) THEN the old buttons still work", async () => {
      const handle = backend.handle();
      const community = freshCommunity();
      const alice = student("alice", community);
      const first = harness({ store: await backend.open(handle) });
      const start = await first.tutor.run("quiz", { topic: "alpha" }, alice);
      const feedback = await first.tutor.click(rightButton(start).id, alice);
      await first.store.close();

      const second = harness({ store: await backend.open(handle), seed: 99 });
      try {
        // The answer given before the restart is remembered: replaying it is a no-op, the Next button works.
        const replay = await second.tutor.click(rightButton(start).id, alice);
        expect(replay.text).toMatch(/Right/);
        const question2 = await second.tutor.click(nextButton(feedback)?.id ?? "", alice);
        expect(question2.title).toMatch(/question 2\/4/);
        const end = await playQuiz(second.tutor, alice, question2, 3);
        expect(end.text).toContain("Your score: 4/4");
        const progress = await second.store.getProgress(alice, second.now.value);
        expect(progress.answered).toBe(4);
        expect(progress.quizzes.alpha?.best).toBe(4);
      } finally {
        await second.store.close();
      }
    });

    it("GIVEN 300 students double-clicking at once THEN every answer is counted exactly once", async () => {
      const store = await backend.open(backend.handle());
      const { tutor } = harness({ store });
      const community = freshCommunity();
      try {
        const students = Array.from({ length: 300 }, (_, index) => student(`user-${index}`, community));
        const starts = await Promise.all(students.map((who) => tutor.run("quiz", { topic: "beta" }, who)));
        // 600 clicks in flight together: each student's right answer, twice.
        const clicks = students.flatMap((who, index) => {
          const id = rightButton(starts[index] ?? { text: "", images: [], buttons: [], private: true }).id;
          return [tutor.click(id, who), tutor.click(id, who)];
        });
        const replies = await Promise.all(clicks);
        expect(replies.every((reply) => /Right/.test(reply.text))).toBe(true);
        const records = await store.listProgress(scopeOf("discord", community));
        expect(records).toHaveLength(300);
        expect(records.every((record) => record.answered === 1)).toBe(true);

        // Then everyone finishes at once; the board sees every score.
        await Promise.all(
          students.map(async (who, index) => {
            const feedback = replies[index * 2];
            const next = await tutor.click(
              nextButton(feedback ?? { text: "", images: [], buttons: [], private: true })?.id ?? "",
              who,
            );
            await playQuiz(tutor, who, next, index % 4);
          }),
        );
        const finished = await store.listProgress(scopeOf("discord", community));
        expect(finished.every((record) => record.answered === 4)).toBe(true);
        const total = finished.reduce((sum, record) => sum + record.points, 0);
        // Student i got 1 + (i mod 4) right.
        expect(total).toBe(students.reduce((sum, _, index) => sum + 1 + (index % 4), 0));
      } finally {
        await store.close();
      }
    });

    it("GIVEN two communities THEN nothing of one is visible in the other", async () => {
      const store = await backend.open(backend.handle());
      const { tutor } = harness({ store });
      const here = freshCommunity();
      const there = freshCommunity();
      const aliceHere = student("alice", here);
      const aliceThere = student("alice", there);
      const bobThere = student("bob", there);
      try {
        const start = await tutor.run("quiz", { topic: "alpha" }, aliceHere);
        await playQuiz(tutor, aliceHere, start, 4);
        await tutor.run("lesson", { topic: "gamma" }, aliceHere);

        const progressThere = await tutor.run("progress", {}, aliceThere);
        expect(progressThere.text).toMatch(/Lessons seen:\*\* 0\/3/);
        expect(progressThere.text).toMatch(/None finished yet/);
        const boardThere = await tutor.run("leaderboard", { period: "all" }, bobThere);
        expect(boardThere.text).not.toMatch(/alice/);
        // Her session's buttons do nothing from the other community, even for her.
        const foreign = await tutor.click(choiceButtons(start)[0]?.id ?? "", aliceThere);
        expect(foreign.text).toMatch(/no longer valid here/);
        // The same community id on another platform is another community.
        const slackBoard = await tutor.run("leaderboard", { period: "all" }, student("bob", here, "slack"));
        expect(slackBoard.text).not.toMatch(/alice/);
        const boardHere = await tutor.run("leaderboard", { period: "all" }, student("bob", here));
        expect(boardHere.text).toMatch(/alice: 4 points/);
      } finally {
        await store.close();
      }
    });
  });
}
