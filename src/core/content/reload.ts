import type { Logger } from "../logger.ts";
import { loadCheckedContent } from "./check-formulas.ts";
import { ContentError } from "./errors.ts";
import type { Catalogue } from "./types.ts";

/** What one reload did: swapped in new content, or kept the old because the new failed its checks. */
export type ReloadOutcome =
  | { swapped: true; lessons: number; questions: number }
  | { swapped: false; error: Error };

export interface ContentHolderOptions {
  dir: string;
  /** The content already loaded and checked at start-up. */
  initial: Catalogue;
  logger: Logger;
  /** Defaults to loadCheckedContent (schema, cross-file rules and LaTeX). */
  load?: (dir: string) => Promise<Catalogue>;
  /** Called after a good reload swapped the catalogue (e.g. to warm its images). */
  onSwap?: (catalogue: Catalogue) => void;
}

/**
 * The catalogue a running bot serves. A reload builds and checks the new content aside and swaps it
 * in with one assignment, so a command sees either the old content or the new, never a mix; content
 * that fails any check is logged with its file and field and the last good content stays.
 */
export class ContentHolder {
  #current: Catalogue;
  /** Reloads run one after another, so the last edit on disk is the one that ends up served. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ContentHolderOptions) {
    this.#current = options.initial;
  }

  /** The catalogue being served now. */
  get current(): Catalogue {
    return this.#current;
  }

  /** Reads the content folder again; swaps only if everything passes. Never throws. */
  reload(): Promise<ReloadOutcome> {
    const run = this.#queue.then(() => this.#reloadOnce());
    this.#queue = run;
    return run;
  }

  async #reloadOnce(): Promise<ReloadOutcome> {
    const { dir, logger } = this.options;
    try {
      const next = await (this.options.load ?? loadCheckedContent)(dir);
      this.#current = next;
      const questions = [...next.quizzes.values()].reduce((sum, quiz) => sum + quiz.questions.length, 0);
      logger.info({ dir, lessons: next.lessons.length, questions }, "content reloaded");
      this.options.onSwap?.(next);
      return { swapped: true, lessons: next.lessons.length, questions };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const problems = error instanceof ContentError ? error.problems : undefined;
      // The message lists every problem as "file → field: problem Fix: …", ready for a teacher to act on.
      logger.error(
        { dir, problems, reason: err.message },
        "content reload refused; still serving the last good content",
      );
      return { swapped: false, error: err };
    }
  }
}
