import type { Config } from "./config.ts";
import { loadCheckedContent } from "./content/check-formulas.ts";
import { ContentHolder } from "./content/reload.ts";
import type { Logger } from "./logger.ts";
import { createRenderer } from "./render/index.ts";
import type { Renderer } from "./render/types.ts";
import { openStore } from "./store/index.ts";
import type { TutorStore } from "./store/store.ts";
import { createTutor } from "./tutor.ts";
import type { Tutor } from "./tutor-api.ts";

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
 * Settings → renderer → checked content → store → tutor: the one way a tutor is built, by
 * `src/main.ts` and by the end-to-end tests, so both run with the same defaults (render workers,
 * store, cache). Throws the content's ContentError (naming file and field) or the store's error,
 * with nothing left open.
 */
export async function openTutor(config: Config, logger: Logger): Promise<OpenTutor> {
  const renderer = createRenderer({ cacheDir: config.cacheDir, logger, workers: config.renderWorkers });
  // Formulas are checked by drawing them through the renderer: cached sheets cost nothing.
  const loadChecked = (dir: string) => loadCheckedContent(dir, renderer);
  let store: TutorStore;
  let content: ContentHolder;
  try {
    const initial = await loadChecked(config.contentDir);
    store = await openStore({ dataDir: config.dataDir, storeUrl: config.storeUrl, logger });
    content = new ContentHolder({ dir: config.contentDir, initial, logger, load: loadChecked });
  } catch (error) {
    await renderer.close();
    throw error;
  }
  const tutor = createTutor({ catalogue: () => content.current, renderer, store, logger });
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
