import { createClient } from "@keyv/redis";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { openBackends } from "../../../src/core/store/backends.ts";
import { scopeOf, TutorStore } from "../../../src/core/store/index.ts";
import { sessionKey } from "../../../src/core/store/keys.ts";
import { rankRecords } from "../../../src/core/store/leaderboard.ts";
import type { SqliteTable } from "../../../src/core/store/sqlite-table.ts";
import { SESSION_TTL_MS } from "../../../src/core/store/store.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import { choiceButtons, harness, nextButton, playQuiz, rightButton, student, wrongButton } from "../fakes.ts";
import { BACKENDS, freshCommunity, REDIS_URL, removeTempDirs, tempDir } from "./backends.ts";

afterAll(removeTempDirs);

const DAY_MS = 86_400_000;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== undefined)(
    `store on ${backend.name}${backend.skip ? ` (${backend.skip})` : ""}`,
    () => {
      it("GIVEN a restart mid-quiz (new tutor and store on the same data) THEN the old buttons still work", async () => {
        const handle = backend.place();
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
        const store = await backend.open(backend.place());
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
        const store = await backend.open(backend.place());
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

      it("GIVEN two bot processes on one store and 300 students clicking on both at once THEN each answer counts once and the board is exact", async () => {
        const place = backend.place();
        // Separate stores = separate connections and locks: what two shards share is the data only.
        const [one, two] = (await Promise.all([backend.open(place), backend.open(place)])).map(
          (store, index) => ({ store, tutor: harness({ store, seed: 11 + index }).tutor }),
        ) as [{ store: TutorStore; tutor: Tutor }, { store: TutorStore; tutor: Tutor }];
        const community = freshCommunity();
        const students = Array.from({ length: 300 }, (_, index) => student(`user-${index}`, community));
        const problems: string[] = [];
        /** Right answers each student was told were accepted: what the clicks imply. */
        const scores = new Map<string, number>();
        const refused = /already answered/;
        try {
          await Promise.all(
            students.map(async (who, index) => {
              let question: Reply = await (index % 2 ? two : one).tutor.run("quiz", { topic: "beta" }, who);
              let score = 0;
              for (let q = 0; q < 4; q++) {
                const plannedRight = (index + q) % 3 !== 0;
                const planned = plannedRight ? rightButton(question) : wrongButton(question);
                const other = plannedRight ? wrongButton(question) : rightButton(question);
                // Even questions: one double click split across the processes. Odd: two different
                // choices land at once (exactly one may count) while the other process records a lesson.
                const replies = await Promise.all([
                  one.tutor.click(planned.id, who),
                  two.tutor.click((q % 2 === 0 ? planned : other).id, who),
                  ...(q === 1 ? [two.tutor.run("lesson", { topic: "gamma" }, who)] : []),
                ]);
                const answers = replies.slice(0, 2);
                const accepted = answers.filter((reply) => !refused.test(reply.text));
                const expectedAccepted = q % 2 === 0 ? 2 : 1;
                if (
                  accepted.length !== expectedAccepted ||
                  accepted.some((r) => !/Right|Not quite/.test(r.text))
                )
                  problems.push(
                    `${who.userId} q${q}: ${answers.map((r) => r.text.slice(0, 40)).join(" | ")}`,
                  );
                if (q % 2 === 0 && !(plannedRight ? /Right/ : /Not quite/).test(accepted[0]?.text ?? ""))
                  problems.push(`${who.userId} q${q}: planned answer not shown`);
                if (/Right/.test(accepted[0]?.text ?? "")) score += 1;
                const next = nextButton(accepted[0] ?? question);
                if (q < 3) question = await ((index + q) % 2 ? one : two).tutor.click(next?.id ?? "", who);
              }
              scores.set(who.userId, score);
            }),
          );
          expect(problems).toEqual([]);

          for (const { store } of [one, two]) {
            const records = await store.listProgress(scopeOf("discord", community));
            expect(records).toHaveLength(300);
            for (const record of records) {
              const score = scores.get(record.userId);
              expect(record.answered, record.userId).toBe(4);
              expect(record.quizzes.beta, record.userId).toMatchObject({ best: score, attempts: 1 });
              expect(record.points, record.userId).toBe(score);
              expect(record.lessonsSeen, record.userId).toEqual(["gamma"]);
            }
            // Rank = 1 + how many students were told of a higher score.
            const told = [...scores.values()];
            for (const row of rankRecords(records, "all", new Date("2026-03-04T12:00:00Z"))) {
              expect(row.rank).toBe(1 + told.filter((other) => other > row.points).length);
            }
          }
        } finally {
          await Promise.all([one.store.close(), two.store.close()]);
        }
      });

      it("GIVEN a started quiz THEN its session expires 30 days after its last change, and progress never does", async () => {
        const backends = await openBackends({
          dataDir: tempDir(),
          storeUrl: backend.name === "redis" ? REDIS_URL : undefined,
          logger: silentLogger(),
        });
        const store = new TutorStore(backends, silentLogger());
        const { tutor, now } = harness({ store });
        const alice = student("alice", freshCommunity());
        try {
          const start = await tutor.run("quiz", { topic: "alpha" }, alice);
          const before = Date.now();
          await tutor.click(rightButton(start).id, alice);
          const sessionId = (await store.getProgress(alice, now.value)).openSession ?? "";
          const session = await backends.sessions.read(sessionKey(alice, sessionId));
          const expires = JSON.parse(session?.raw ?? "{}").expires as number;
          // The answer's write renewed the expiry: 30 days from then, not from the start.
          expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
          expect(expires).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);
          const progress = await backends.progress.read(`${scopeOf("discord", alice.communityId)}/alice`);
          expect(JSON.parse(progress?.raw ?? "{}").expires).toBeUndefined();

          if (backend.name === "redis") {
            const client = createClient({ url: REDIS_URL });
            await client.connect();
            const ttl = await client.pTTL(`descent-sessions::${sessionKey(alice, sessionId)}`);
            await client.close();
            expect(ttl).toBeGreaterThan(SESSION_TTL_MS - DAY_MS);
            expect(ttl).toBeLessThanOrEqual(SESSION_TTL_MS);
          } else {
            // SQLite has no expiry of its own: the sweep deletes what is past its date, and only that.
            const sessions = backends.sessions as SqliteTable;
            expect(await sessions.deleteExpired(Date.now())).toBe(0);
            expect(await sessions.deleteExpired(Date.now() + SESSION_TTL_MS + DAY_MS)).toBe(1);
            const stale = await tutor.click(choiceButtons(start)[0]?.id ?? "", alice);
            expect(stale.text).toMatch(/no longer valid/);
            expect((await store.getProgress(alice, now.value)).answered).toBe(1);
          }
        } finally {
          await store.close();
        }
      });
    },
  );
}
