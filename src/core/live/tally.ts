import type { Logger } from "../logger.ts";

/** The public "N answers so far" is edited at most this often per message (the platforms rate-limit edits). */
export const TALLY_EDIT_INTERVAL_MS = 2_000;

interface Open {
  answered: number;
  edit: (answered: number) => Promise<void>;
  lastEdit: number;
  timer?: NodeJS.Timeout;
  /** The edit in flight, so the result never lands under a late tally edit. */
  inFlight: Promise<void>;
  closed: boolean;
}

/**
 * Each open round's count of answers taken by this process, and the throttled edit that shows it.
 * Wall time, not the tutor's clock: it paces real requests to the platform.
 */
export class Tally {
  readonly #open = new Map<string, Open>();

  constructor(private readonly logger: Logger) {}

  open(sessionId: string, index: number, edit: (answered: number) => Promise<void>): void {
    this.#open.set(`${sessionId}.${index}`, {
      answered: 0,
      edit,
      lastEdit: performance.now(),
      inFlight: Promise.resolve(),
      closed: false,
    });
  }

  /** One more answer; the message shows it within TALLY_EDIT_INTERVAL_MS, in at most one edit. */
  count(sessionId: string, index: number): void {
    const round = this.#open.get(`${sessionId}.${index}`);
    if (!round || round.closed) return;
    round.answered += 1;
    if (round.timer) return;
    const wait = Math.max(0, round.lastEdit + TALLY_EDIT_INTERVAL_MS - performance.now());
    round.timer = setTimeout(() => {
      round.timer = undefined;
      if (round.closed) return;
      round.lastEdit = performance.now();
      round.inFlight = round.inFlight.then(() =>
        round.closed
          ? undefined
          : round
              .edit(round.answered)
              .catch((error: unknown) =>
                this.logger.warn({ err: error, sessionId }, "could not update a live round's tally"),
              ),
      );
    }, wait);
    round.timer.unref();
  }

  /** No more tally edits for this round; resolves once the last one in flight has landed. */
  async close(sessionId: string, index: number): Promise<void> {
    const key = `${sessionId}.${index}`;
    const round = this.#open.get(key);
    if (!round) return;
    round.closed = true;
    clearTimeout(round.timer);
    this.#open.delete(key);
    await round.inFlight;
  }

  shutdown(): void {
    for (const round of this.#open.values()) {
      round.closed = true;
      clearTimeout(round.timer);
    }
    this.#open.clear();
  }
}
