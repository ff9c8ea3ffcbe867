import type KeyvRedis from "@keyv/redis";
import type { RedisClientType } from "@keyv/redis";
import type { KeyvCodec, Stored, Table } from "./table.ts";

/** Keys asked for per SCAN step when listing a community. */
export const REDIS_SCAN_COUNT = 1_000;

/**
 * Compare-and-swap in one step: Redis runs a script atomically, so whichever of several bot
 * processes comes second sees the first one's write and retries. ARGV: expected ("" = absent),
 * new value, TTL in ms ("" = none).
 */
const SWAP_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2])
  else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
  return 1
end
return 0
`;

/** A namespace on Redis, keyed as @keyv/redis keys it (`namespace::key`). */
export class RedisTable implements Table {
  constructor(
    private readonly client: RedisClientType,
    private readonly adapter: KeyvRedis<string>,
    private readonly codec: KeyvCodec,
  ) {}

  async read(key: string): Promise<Stored | undefined> {
    const raw = await this.client.get(this.#key(key));
    return raw === null ? undefined : this.codec.stored(raw);
  }

  async swap(
    key: string,
    expected: string | undefined,
    value: unknown,
    ttlMs?: number,
  ): Promise<string | undefined> {
    const raw = await this.codec.encode(value, ttlMs);
    const written = await this.client.eval(SWAP_SCRIPT, {
      keys: [this.#key(key)],
      arguments: [expected ?? "", raw, ttlMs === undefined ? "" : String(Math.ceil(ttlMs))],
    });
    return written === 1 ? raw : undefined;
  }

  decode(raw: string): Promise<Stored> {
    return this.codec.stored(raw);
  }

  async *list(prefix: string): AsyncIterable<[string, unknown]> {
    const start = this.#key("").length;
    // Encoded ids hold no glob characters (* ? [ ] \), so the prefix matches itself only.
    for await (const keys of this.client.scanIterator({
      MATCH: `${this.#key(prefix)}*`,
      COUNT: REDIS_SCAN_COUNT,
      TYPE: "string",
    })) {
      if (keys.length === 0) continue;
      const values = await this.client.mGet(keys);
      for (const [index, raw] of values.entries()) {
        const value = raw === null ? undefined : await this.codec.decode(raw);
        const key = keys[index];
        if (value !== undefined && key !== undefined) yield [key.slice(start), value];
      }
    }
  }

  #key(key: string): string {
    return this.adapter.createKeyPrefix(key, this.adapter.namespace);
  }
}
