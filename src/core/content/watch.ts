import { type FSWatcher, watch } from "node:fs";
import type { Logger } from "../logger.ts";

/** Quiet time after the last change before reloading: an editor's save is often several writes. */
export const CONTENT_WATCH_DEBOUNCE_MS = 300;

/** A running watch; close() stops it. */
export interface ContentWatch {
  close(): void;
}

/**
 * Calls `onChange` once the content folder (lessons/, quizzes/, recursively) has been quiet for
 * `debounceMs` after a change. The watch does not keep the process alive on its own.
 */
export function watchContent(
  dir: string,
  onChange: () => void,
  options: { logger: Logger; debounceMs?: number },
): ContentWatch {
  const delay = options.debounceMs ?? CONTENT_WATCH_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, delay);
    });
    watcher.on("error", (error) =>
      options.logger.warn({ err: error, dir }, "content watch stopped; send SIGHUP to reload content"),
    );
  } catch (error) {
    // Some file systems (network mounts, some containers) cannot be watched; SIGHUP still reloads.
    options.logger.warn(
      { err: error, dir },
      "cannot watch the content folder; send SIGHUP to reload content",
    );
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
