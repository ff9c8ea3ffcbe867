import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { openStore, scopeOf } from "../../../src/core/store/index.ts";
import { makePlan, playInChildProcesses } from "./answer-plan.ts";
import { BACKENDS, freshCommunity, REDIS_URL, removeTempDirs, tempDir } from "./backends.ts";

afterAll(removeTempDirs);

const STUDENTS = 200;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== undefined)(
    `two bot processes on ${backend.name}${backend.skip ? ` (${backend.skip})` : ""}`,
    () => {
      it(`GIVEN two child processes giving the same ${STUDENTS * 4} answers at once THEN each is accepted by exactly one and counted once`, async () => {
        const place = { dataDir: tempDir(), ...(backend.name === "redis" && { storeUrl: REDIS_URL }) };
        const community = freshCommunity();
        const plan = await makePlan(place, community, STUDENTS);
        const reports = await playInChildProcesses([plan, plan]);

        for (const report of reports) {
          // Each process saw every answer either go in or already be there; nothing else.
          expect((report.outcomes.accepted ?? 0) + (report.outcomes.duplicate ?? 0)).toBe(STUDENTS * 4);
        }
        expect(reports.reduce((sum, report) => sum + (report.outcomes.accepted ?? 0), 0)).toBe(STUDENTS * 4);

        const store = await openStore({ ...place, logger: silentLogger() });
        try {
          const records = await store.listProgress(scopeOf("discord", community));
          expect(records).toHaveLength(STUDENTS);
          const planned = new Map(plan.students.map((entry) => [entry.who.userId, entry.right]));
          for (const record of records) {
            expect(record.answered, record.userId).toBe(4);
            expect(record.points, record.userId).toBe(planned.get(record.userId));
            expect(record.quizzes.beta?.attempts, record.userId).toBe(1);
          }
        } finally {
          await store.close();
        }
      }, 60_000);
    },
  );
}
