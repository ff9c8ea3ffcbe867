import type KeyvSqlite from "@keyv/sqlite";
import { type KeyvCodec, NotWrittenError, type Stored, type SwapOptions, type Table } from "./table.ts";

/** Rows fetched per page when listing a community. */
export const SQLITE_PAGE_ROWS = 500;

/**
 * SQLite's clock in whole epoch milliseconds, read when the statement runs (after it got the write
 * lock). Rounded: the bare expression is off by a few microseconds either way, which at the deadline's
 * millisecond would let a late write through.
 */
const SQLITE_NOW_MS = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";

/**
 * A namespace in Keyv's SQLite table: the compare-and-swap seam for SQLite. Each swap is ONE
 * conditional statement, which SQLite runs atomically even when several processes share the file
 * (WAL, busy timeout), so no lock is needed.
 *
 * What it relies on from @keyv/sqlite (pinned by test/core/store/layout.test.ts): one table,
 * `adapter.opts.table` (default `keyv`), with columns `key` (primary key) and `value` (text); a
 * record's key is `namespace:key`; the value is Keyv's JSON text `{"value":…,"expires":…}`.
 */
export class SqliteTable implements Table {
  readonly #table: string;

  constructor(
    private readonly adapter: KeyvSqlite,
    private readonly namespace: string,
    private readonly codec: KeyvCodec,
  ) {
    // The adapter has already reduced the table name to [A-Za-z0-9_].
    this.#table = adapter.opts.table ?? "keyv";
  }

  async read(key: string): Promise<Stored | undefined> {
    const rows = (await this.adapter.query(
      `SELECT value FROM ${this.#table} WHERE key = ?`,
      this.#key(key),
    )) as { value: string }[];
    const raw = rows[0]?.value;
    return raw === undefined ? undefined : this.codec.stored(raw);
  }

  async swap(
    key: string,
    expected: string | undefined,
    value: unknown,
    { ttlMs, landBy }: SwapOptions,
  ): Promise<string | undefined> {
    const raw = await this.codec.encode(value, ttlMs);
    const until = wallClockMs(landBy);
    try {
      // RETURNING yields a row only when the statement wrote one: that is the swap's verdict.
      const rows =
        expected === undefined
          ? await this.adapter.query(
              `INSERT INTO ${this.#table} (key, value) SELECT ?, ? WHERE ${SQLITE_NOW_MS} < ?
               ON CONFLICT(key) DO NOTHING RETURNING key`,
              this.#key(key),
              raw,
              until,
            )
          : await this.adapter.query(
              `UPDATE ${this.#table} SET value = ? WHERE key = ? AND value = ? AND ${SQLITE_NOW_MS} < ? RETURNING key`,
              raw,
              this.#key(key),
              expected,
              until,
            );
      return (rows as unknown[]).length === 1 ? raw : undefined;
    } catch (error) {
      // A statement that fails (busy, I/O error) is rolled back: nothing of it landed.
      throw new NotWrittenError(error);
    }
  }

  decode(raw: string): Promise<Stored> {
    return this.codec.stored(raw);
  }

  async *list(prefix: string): AsyncIterable<[string, unknown]> {
    const [from, to] = keyRange(this.#key(prefix));
    // Keyset paging over the primary key: each page is an index range scan.
    let after = "";
    for (;;) {
      const rows = (await this.adapter.query(
        `SELECT key, value FROM ${this.#table} WHERE key >= ? AND key < ? AND key > ? ORDER BY key LIMIT ?`,
        from,
        to,
        after,
        SQLITE_PAGE_ROWS,
      )) as { key: string; value: string }[];
      for (const row of rows) {
        const value = await this.codec.decode(row.value);
        if (value !== undefined) yield [row.key.slice(this.namespace.length + 1), value];
      }
      const last = rows.at(-1);
      if (!last || rows.length < SQLITE_PAGE_ROWS) return;
      after = last.key;
    }
  }

  /** Deletes the records of this namespace that expired before `now`; returns how many. */
  async deleteExpired(now = Date.now()): Promise<number> {
    const [from, to] = keyRange(this.#key(""));
    const rows = await this.adapter.query(
      `DELETE FROM ${this.#table} WHERE key >= ? AND key < ? AND json_extract(value, '$.expires') <= ? RETURNING key`,
      from,
      to,
      now,
    );
    return (rows as unknown[]).length;
  }

  /** Keyv's layout for SQLite: `namespace:key`. */
  #key(key: string): string {
    return `${this.namespace}:${key}`;
  }
}

/**
 * `landBy` (on the `performance.now()` clock) as epoch milliseconds, the clock SQLite reads (same
 * machine), rounded early. A deadline already passed stays in the past: a swap sent late must be
 * refused, not given until "now". SQLite's "now" is whole milliseconds, so a statement that passes
 * `now < until` ran before `until`.
 */
function wallClockMs(landBy: number): number {
  return Math.floor(Date.now() + (landBy - performance.now()));
}

/** [prefix, first string after every string starting with prefix): an index range, unlike LIKE. */
function keyRange(prefix: string): [string, string] {
  const last = prefix.charCodeAt(prefix.length - 1);
  return [prefix, `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`];
}
