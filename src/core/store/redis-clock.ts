import type { RedisClientType } from "@keyv/redis";

/** How often the estimate of Redis's clock is refreshed (clocks drift apart by up to ~0.05%). */
export const REDIS_CLOCK_SYNC_MS = 60_000;
/** Drift allowed between two refreshes, taken off every deadline so it errs on the early side. */
const DRIFT_MARGIN_MS = 50;

/**
 * Redis's own clock as seen from here: a write's deadline is checked by Redis (TIME inside the swap
 * script), so it must be stated in Redis's time. Measured with TIME and this process's monotonic
 * clock; the round trip's uncertainty and the drift margin make every deadline slightly early, never late.
 */
export class RedisClock {
  #sample = { redisMs: Date.now(), localMs: performance.now(), uncertaintyMs: 0 };
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: RedisClientType) {}

  /** Reads Redis's clock now; a failed read keeps the last estimate. */
  async sync(): Promise<void> {
    const before = performance.now();
    const [seconds, micros] = (await this.client.sendCommand(["TIME"])) as [string, string];
    const after = performance.now();
    this.#sample = {
      redisMs: Number(seconds) * 1000 + Math.floor(Number(micros) / 1000),
      localMs: (before + after) / 2,
      uncertaintyMs: (after - before) / 2,
    };
  }

  /** Keeps the estimate fresh until stop(). */
  start(): void {
    this.#timer = setInterval(() => void this.sync().catch(() => undefined), REDIS_CLOCK_SYNC_MS).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Redis's epoch milliseconds at `local` (on the `performance.now()` clock), rounded early. */
  redisTimeAt(local: number): number {
    const { redisMs, localMs, uncertaintyMs } = this.#sample;
    return Math.floor(redisMs + (local - localMs) - uncertaintyMs - DRIFT_MARGIN_MS);
  }
}
