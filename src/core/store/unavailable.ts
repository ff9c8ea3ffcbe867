/** How long one store operation may take before the user is told to try again (a reply is due in 3 s). */
export const STORE_TIMEOUT_MS = 2_000;
/**
 * How much longer a write already sent may still land, and so how long the caller waits for its answer
 * past the timeout. Every write carries this deadline to the store, which refuses it once passed: a
 * write the caller gave up on can never land later (Discord and Slack replies are deferred by then).
 */
export const STORE_SETTLE_MS = 3_000;
/** Time for the store's answer to a write sent just before its deadline to travel back. */
const ANSWER_MARGIN_MS = 250;

/** What the caller can say about a failed operation: nothing was saved, or its last write's fate is unknown. */
export type Saved = "nothing" | "unknown";

/**
 * The store could not be reached or did not answer in time. `saved` says what the student may be told:
 * "nothing" when no write of the operation can have landed (or ever will), "unknown" when a write was
 * sent and its answer never came; the write's deadline has passed, so the next read shows the truth.
 */
export class StoreUnavailableError extends Error {
  constructor(
    operation: string,
    cause?: unknown,
    readonly saved: Saved = "nothing",
  ) {
    const why = cause instanceof Error ? cause.message : String(cause ?? "no answer");
    super(`The store did not complete "${operation}" (${why}); check that it is running (STORE_URL).`, {
      cause,
    });
    this.name = "StoreUnavailableError";
  }
}

/** The store cannot start; the message is one line naming the path, the fault and the fix. */
export class StoreStartError extends Error {
  override readonly name = "StoreStartError";
}

/** Lets work that retries stop once its caller has given up, and bounds the writes it sends. */
export interface Deadline {
  /** Throws StoreUnavailableError (nothing saved) once no new write may start. */
  check(): void;
  /** When (on the `performance.now()` clock) a write sent now must land by; the store refuses it after. */
  readonly landBy: number;
  /** Waits for a write: while one is pending, the caller waits for its answer instead of giving up. */
  write<T>(pending: Promise<T>): Promise<T>;
}

/**
 * Runs `work` with a time limit. At `timeoutMs` the caller gets StoreUnavailableError (nothing saved)
 * unless a write is on its way; then it waits for that write's answer until the write's own deadline
 * (`settleMs` later), and only if none comes is the outcome "unknown". Other errors pass through.
 */
export async function bounded<T>(
  operation: string,
  timeoutMs: number,
  work: (deadline: Deadline) => Promise<T>,
  settleMs = STORE_SETTLE_MS,
): Promise<T> {
  const started = performance.now();
  const landBy = started + timeoutMs + settleMs;
  let expired = false;
  let writing = 0;
  const timedOut = (saved: Saved, after: number) =>
    new StoreUnavailableError(operation, `timed out after ${Math.round(after)} ms`, saved);
  const deadline: Deadline = {
    check() {
      if (expired) throw timedOut("nothing", timeoutMs);
    },
    landBy,
    async write(pending) {
      writing += 1;
      try {
        return await pending;
      } finally {
        writing -= 1;
      }
    },
  };
  const timers: NodeJS.Timeout[] = [];
  const timeout = new Promise<never>((_, reject) => {
    timers.push(
      setTimeout(() => {
        expired = true;
        if (writing === 0) return reject(timedOut("nothing", timeoutMs));
        const wait = landBy + ANSWER_MARGIN_MS - performance.now();
        timers.push(setTimeout(() => reject(timedOut("unknown", timeoutMs + settleMs)), wait));
      }, timeoutMs),
    );
  });
  const running = work(deadline);
  // The losing side of the race must not become an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, timeout]);
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}
