// @napi-rs/canvas keeps pixels read back from a canvas (getImageData) in native memory that V8 does
// not count, so a render worker that reads megabytes per race sees no reason to collect garbage and
// the process grows by the amount read. This module keeps that count and, past a budget, asks V8 for
// a collection; the pixels are then freed on the thread's next event-loop turn (napi finalizers run
// there, which is why the render pool's workers wait on their loop: see `atomics` in pool.ts).
import v8 from "node:v8";
import vm from "node:vm";

/** Native bytes read back since the last collection that may be held only by garbage. */
let unreclaimed = 0;
/** Collect once this much native garbage may be waiting (a race reads about 4 MB). */
export const NATIVE_GARBAGE_BUDGET_BYTES = 8 * 1024 * 1024;

/** V8's own collector, made callable without starting node with --expose-gc. */
const collect: ((options?: { type: "minor" | "major" }) => void) | undefined = (() => {
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;
  } catch {
    return undefined;
  }
})();

/** Records `bytes` of native memory just allocated for a short-lived read-back. */
export function noteNativeBytes(bytes: number): void {
  unreclaimed += bytes;
}

/** Call when a drawing is done: past the budget, the garbage holding native memory is collected. */
export function reclaimNativeMemory(): void {
  if (unreclaimed < NATIVE_GARBAGE_BUDGET_BYTES || !collect) return;
  unreclaimed = 0;
  collect();
}
