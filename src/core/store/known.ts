/**
 * The text this process last read or wrote under each key, newest kept, oldest dropped past `limit`.
 * Only a hint: an update tries its compare-and-swap against it without reading first, and the store
 * itself says whether the hint was still true.
 */
export class KnownRecords {
  readonly #raw = new Map<string, string>();

  constructor(private readonly limit: number) {}

  get(key: string): string | undefined {
    return this.#raw.get(key);
  }

  /** Remembers `raw` under `key` (undefined forgets it), as the most recent entry. */
  set(key: string, raw: string | undefined): void {
    this.#raw.delete(key);
    if (raw === undefined) return;
    this.#raw.set(key, raw);
    // A Map iterates in insertion order, so the first key is the one touched longest ago.
    if (this.#raw.size > this.limit) this.#raw.delete(this.#raw.keys().next().value as string);
  }

  get size(): number {
    return this.#raw.size;
  }
}
