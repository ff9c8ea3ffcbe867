import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/core/config.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { lessonAssets } from "../../../src/core/render/index.ts";
import { openTutor } from "../../../src/open-tutor.ts";
import type { TutorInstance } from "./driver.ts";

const CONTENT_DIR = join(import.meta.dirname, "../../../content");

/**
 * Builds Descent's real tutor the way `src/main.ts` does (`openTutor` over `loadConfig`, so with the
 * production defaults such as one render worker) on a fresh SQLite store and image cache. The
 * returned factory opens the same store again each time, as a restarted bot process would.
 */
export async function realTutorFactory(
  options: { warm?: boolean; clock?: () => Date } = {},
): Promise<() => Promise<TutorInstance>> {
  const logger = silentLogger();
  const dataDir = await mkdtemp(join(tmpdir(), "descent-e2e-data-"));
  const cacheDir = await mkdtemp(join(tmpdir(), "descent-e2e-cache-"));
  // Only the paths differ from production: every other setting takes its default.
  const config = loadConfig({ DATA_DIR: dataDir, CACHE_DIR: cacheDir, CONTENT_DIR }, { envFile: false });
  const open = async (): Promise<TutorInstance> => {
    const { tutor, close } = await openTutor(config, logger, options.clock);
    return { tutor, close };
  };
  if (options.warm) {
    const { renderer, content, close } = await openTutor(config, logger);
    await renderer.warm(lessonAssets(content.current));
    await close();
  }
  return open;
}
