import type Keyv from "keyv";
import type { Logger } from "../logger.ts";

/** A stored record: its exact text (the token a swap compares) and its value (undefined once expired). */
export interface Stored {
  raw: string;
  value: unknown;
}

/** How a swap is written. */
export interface SwapOptions {
  /** The record expires this long after the write. */
  ttlMs?: number;
  /**
   * The write must land by this time on the `performance.now()` clock; the store itself checks it, in
   * the same atomic step, so a write delayed past it (a paused Redis, a stalled disk) never lands.
   */
  landBy: number;
}

/** A write that certainly did not land (refused before it reached the store, or rolled back). */
export class NotWrittenError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "NotWrittenError";
  }
}

/**
 * One namespace of records with the only write that is safe across processes: compare-and-swap.
 * Every backend does the compare, the deadline check and the write in one atomic step (a Lua script
 * on Redis, a single conditional statement on SQLite), so two bot processes on one store can never
 * lose an update, and a write its caller gave up on cannot land later. This is the seam where Descent
 * depends on Keyv's storage layout: see SqliteTable and RedisTable, and test/core/store/layout.test.ts.
 */
export interface Table {
  /** The record under `key`, or undefined if there is none. */
  read(key: string): Promise<Stored | undefined>;
  /**
   * Writes `value` if `key` still holds exactly `expected` (undefined: still absent) and returns the
   * text now stored; undefined when another writer got there first. `ttlMs` makes the record expire
   * that long after this write. Also undefined when the write was too late to land (see SwapOptions);
   * rejects with NotWrittenError when it certainly did not land, with anything else when unsure.
   */
  swap(
    key: string,
    expected: string | undefined,
    value: unknown,
    options: SwapOptions,
  ): Promise<string | undefined>;
  /** The record as `read` would return it if the key held `raw` (its value undefined once expired). */
  decode(raw: string): Promise<Stored>;
  /** Every live record whose key starts with `prefix`. */
  list(prefix: string): AsyncIterable<[string, unknown]>;
}

/** The namespaces of records, on one back-end. */
export interface Backends {
  sessions: Table;
  progress: Table;
  /** Every student's answer log (for the class report and the gradebook). */
  answers: Table;
  /** Records a community shares: class settings, live sessions (see classKey). */
  classes: Table;
  /** A short name for logs: "sqlite", "redis" or "memory". */
  kind: string;
  /** Longest time one store operation may take. */
  timeoutMs: number;
  close(): Promise<void>;
}

/** Milliseconds from now until `landBy` (on the `performance.now()` clock), 0 once passed. */
export function msUntil(landBy: number): number {
  return Math.max(0, landBy - performance.now());
}

/** Keyv's text format ({"value":…,"expires":…}), so records stay readable through Keyv itself. */
export class KeyvCodec {
  constructor(private readonly keyv: Keyv) {}

  /** The text stored for `value`, expiring `ttlMs` after `now` when given. */
  async encode(value: unknown, ttlMs: number | undefined, now = Date.now()): Promise<string> {
    const serialize = this.keyv.serialize ?? JSON.stringify;
    return serialize({ value, expires: ttlMs === undefined ? undefined : now + ttlMs });
  }

  /** The value inside stored text, undefined if it has expired or cannot be read. */
  async decode(raw: string, now = Date.now()): Promise<unknown> {
    const deserialize = this.keyv.deserialize ?? JSON.parse;
    const data = (await deserialize(raw)) as { value?: unknown; expires?: unknown } | undefined;
    if (!data) return undefined;
    return typeof data.expires === "number" && data.expires <= now ? undefined : data.value;
  }

  /** The stored text with its value decoded. */
  async stored(raw: string): Promise<Stored> {
    return { raw, value: await this.decode(raw) };
  }
}

/** Store errors reach the caller as StoreUnavailableError; Keyv's own error events are only logged. */
export function quiet(keyv: Keyv, logger: Logger): Keyv {
  keyv.on("error", (error: unknown) => logger.debug({ err: error, namespace: keyv.namespace }, "keyv error"));
  return keyv;
}
