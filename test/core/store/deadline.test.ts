import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { memoryBackends, openBackends } from "../../../src/core/store/backends.ts";
import type { Backends } from "../../../src/core/store/table.ts";
import { freshCommunity, REDIS_SKIP_REASON, REDIS_URL, removeTempDirs, tempDir } from "./backends.ts";

/**
 * A swap carries its deadline into the store, which refuses it once passed: the bot tells a student
 * "I can't tell whether that was saved" only after that deadline, so a late swap landing would turn
 * an "unsure" into a silent save. A swap sent just after its deadline is the edge case: it must be
 * refused even when the store runs it within the same millisecond.
 */

afterAll(removeTempDirs);

/** Enough tries that a check which lets a same-millisecond late swap through is caught. */
const TRIES = 200;

const OPEN: { name: string; open: () => Promise<Backends>; skip?: string }[] = [
  { name: "sqlite", open: () => openBackends({ dataDir: tempDir(), logger: silentLogger() }) },
  {
    name: "redis",
    open: () => openBackends({ dataDir: tempDir(), storeUrl: REDIS_URL, logger: silentLogger() }),
    ...(!REDIS_URL && { skip: REDIS_SKIP_REASON }),
  },
  { name: "memory", open: async () => memoryBackends(silentLogger()) },
];

describe.each(OPEN)("a swap's deadline on $name", ({ open, skip }) => {
  it.skipIf(skip !== undefined)(
    "GIVEN a swap sent just after its deadline THEN it never lands; GIVEN time left THEN it lands",
    async () => {
      const backends = await open();
      const table = backends.progress;
      const key = `${freshCommunity()}/deadline`;
      try {
        for (let attempt = 0; attempt < TRIES; attempt++) {
          const late = await table.swap(key, undefined, { attempt }, { landBy: performance.now() - 0.1 });
          expect(late).toBeUndefined();
          expect(await table.read(key)).toBeUndefined();
        }
        const written = await table.swap(
          key,
          undefined,
          { on: "time" },
          { landBy: performance.now() + 60_000 },
        );
        expect((await table.read(key))?.raw).toBe(written);
        const lateUpdate = await table.swap(
          key,
          written,
          { late: true },
          { landBy: performance.now() - 0.1 },
        );
        expect(lateUpdate).toBeUndefined();
        expect((await table.read(key))?.value).toEqual({ on: "time" });
      } finally {
        await backends.close();
      }
    },
    30_000,
  );
});
