/** How long one store operation may take before the user is told to try again (a reply is due in 3 s). */
export const STORE_TIMEOUT_MS = 2_000;

/**
 * The store could not be reached or did not answer in time. The operation wrote nothing it reported,
 * and any write still in flight is a compare-and-swap, so it can only land as if it ran in order.
 */
export class StoreUnavailableError extends Error {
  constructor(operation: string, cause?: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause ?? "no answer");
    super(`The store did not complete "${operation}" (${why}); check that it is running (STORE_URL).`, {
      cause,
    });
    this.name = "StoreUnavailableError";
  }
}

/** Lets work that retries stop once its caller has given up. */
export interface Deadline {
  /** Throws StoreUnavailableError if the time is up. */
  check(): void;
}

/**
 * Runs `work` with a time limit: past `timeoutMs` the caller gets StoreUnavailableError, and the
 * deadline tells the work not to start another attempt. Other errors pass through unchanged.
 */
export async function bounded<T>(
  operation: string,
  timeoutMs: number,
  work: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  let expired = false;
  const deadline: Deadline = {
    check() {
      if (expired) throw new StoreUnavailableError(operation, `timed out after ${timeoutMs} ms`);
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new StoreUnavailableError(operation, `timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const running = work(deadline);
  // The losing side of the race must not become an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
