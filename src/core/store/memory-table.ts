import { type KeyvCodec, msUntil, type Stored, type SwapOptions, type Table } from "./table.ts";

/** A namespace in this process's memory: one process, so a plain compare is atomic. */
export class MemoryTable implements Table {
  readonly #rows = new Map<string, string>();

  constructor(private readonly codec: KeyvCodec) {}

  async read(key: string): Promise<Stored | undefined> {
    const raw = this.#rows.get(key);
    return raw === undefined ? undefined : this.codec.stored(raw);
  }

  async swap(
    key: string,
    expected: string | undefined,
    value: unknown,
    { ttlMs, landBy }: SwapOptions,
  ): Promise<string | undefined> {
    const raw = await this.codec.encode(value, ttlMs);
    // No await between the checks and the write.
    if (msUntil(landBy) === 0 || this.#rows.get(key) !== expected) return undefined;
    this.#rows.set(key, raw);
    return raw;
  }

  decode(raw: string): Promise<Stored> {
    return this.codec.stored(raw);
  }

  async *list(prefix: string): AsyncIterable<[string, unknown]> {
    for (const [key, raw] of [...this.#rows]) {
      if (!key.startsWith(prefix)) continue;
      const value = await this.codec.decode(raw);
      if (value !== undefined) yield [key, value];
      else this.#rows.delete(key);
    }
  }
}
