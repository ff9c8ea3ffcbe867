import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "../../commands/index.ts";
import { loadContent } from "../../src/core/content/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { createRenderer } from "../../src/core/render/index.ts";
import { openStore } from "../../src/core/store/index.ts";
import { createTutor } from "../../src/core/tutor.ts";
import type { Tutor } from "../../src/core/tutor-api.ts";

const CONTENT_DIR = join(import.meta.dirname, "../../content");

/**
 * The real tutor on a SQLite store that outlives restarts, with a clock the test moves (the live
 * rounds' deadlines are judged by it), so a "restart mid-round" needs no waiting.
 */
export async function liveTutorFactory(start = new Date()) {
  const logger = silentLogger();
  const dataDir = await mkdtemp(join(tmpdir(), "descent-live-data-"));
  const cacheDir = await mkdtemp(join(tmpdir(), "descent-live-cache-"));
  const catalogue = await loadContent(CONTENT_DIR);
  const now = { value: start };
  const tutors: Tutor[] = [];
  return {
    now,
    /** The tutor each (re)started bot process gets, and the store to close when it stops. */
    make: async () => {
      const store = await openStore({ dataDir, logger });
      const tutor = createTutor({
        commands: COMMANDS,
        catalogue,
        renderer: createRenderer({ cacheDir, logger }),
        store,
        logger,
        clock: () => now.value,
      });
      tutors.push(tutor);
      return { tutor, close: () => store.close() };
    },
    /** Every tutor made so far closes what is due (as their timers would once the clock got there). */
    closeDue: () => Promise.all(tutors.map((tutor) => tutor.closeDue?.())),
  };
}
