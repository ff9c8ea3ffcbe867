import { COMMANDS } from "../commands/index.ts";
import type { Config } from "./core/config.ts";
import { loadCheckedContent } from "./core/content/check-formulas.ts";
import { ContentHolder } from "./core/content/reload.ts";
import type { Logger } from "./core/logger.ts";
import { createRenderer } from "./core/render/index.ts";
import type { Renderer } from "./core/render/types.ts";
import { openStore } from "./core/store/index.ts";
import type { TutorStore } from "./core/store/store.ts";
import { createTutor } from "./core/tutor.ts";
import type { Tutor } from "./core/tutor-api.ts";

/** A tutor with the services it holds open. */
export interface OpenTutor {
  tutor: Tutor;
  renderer: Renderer & Required<Pick<Renderer, "close">>;
  store: TutorStore;
  /** The content served; `content.reload()` swaps in edited content that passes every check. */
  content: ContentHolder;
  /** Closes the store, then the renderer's workers. */
  close(): Promise<void>;
}

/**
 * Settings → store → renderer → checked content → tutor with every command: the one way a tutor is
 * built, by `src/main.ts` and by the end-to-end tests, so both run with the same defaults (render
 * workers, cache cap, store). The store opens first, so a bad DATA_DIR or database file is reported
 * (StoreStartError) before anything else starts. Throws that, or the content's ContentError (naming
 * file and field), with nothing left open.
 */
/** `clock` is for tests that move time; the bot uses the system clock. */
export async function openTutor(config: Config, logger: Logger, clock?: () => Date): Promise<OpenTutor> {
  const store = await openStore({ dataDir: config.dataDir, storeUrl: config.storeUrl, logger });
  const renderer = createRenderer({
    cacheDir: config.cacheDir,
    logger,
    workers: config.renderWorkers,
    cacheMaxBytes: config.cacheMaxBytes,
  });
  // Formulas are checked by drawing them through the renderer: cached sheets cost nothing.
  const loadChecked = (dir: string) => loadCheckedContent(dir, renderer);
  let content: ContentHolder;
  try {
    const initial = await loadChecked(config.contentDir);
    content = new ContentHolder({ dir: config.contentDir, initial, logger, load: loadChecked });
  } catch (error) {
    await Promise.all([renderer.close(), store.close()]);
    throw error;
  }
  const tutor = createTutor({
    catalogue: () => content.current,
    renderer,
    store,
    logger,
    commands: COMMANDS,
    ...(clock && { clock }),
  });
  return {
    tutor,
    renderer,
    store,
    content,
    close: async () => {
      await store.close();
      await renderer.close();
    },
  };
}
