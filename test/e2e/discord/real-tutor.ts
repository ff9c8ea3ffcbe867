import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "../../../commands/index.ts";
import { loadContent } from "../../../src/core/content/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createRenderer, lessonAssets } from "../../../src/core/render/index.ts";
import { openStore } from "../../../src/core/store/index.ts";
import { createTutor } from "../../../src/core/tutor.ts";
import type { TutorInstance } from "./driver.ts";

const CONTENT_DIR = join(import.meta.dirname, "../../../content");

/**
 * Builds Descent's real tutor on a fresh SQLite store and image cache. The returned factory opens
 * the same store again each time, as a restarted bot process would.
 */
export async function realTutorFactory(
  options: { warm?: boolean; clock?: () => Date } = {},
): Promise<() => Promise<TutorInstance>> {
  const logger = silentLogger();
  const dataDir = await mkdtemp(join(tmpdir(), "descent-e2e-data-"));
  const cacheDir = await mkdtemp(join(tmpdir(), "descent-e2e-cache-"));
  const catalogue = await loadContent(CONTENT_DIR);
  if (options.warm) await createRenderer({ cacheDir, logger }).warm(lessonAssets(catalogue));
  return async () => {
    const store = await openStore({ dataDir, logger });
    const renderer = createRenderer({ cacheDir, logger });
    return {
      tutor: createTutor({
        commands: COMMANDS,
        catalogue,
        renderer,
        store,
        logger,
        ...(options.clock && { clock: options.clock }),
      }),
      close: () => store.close(),
    };
  };
}
