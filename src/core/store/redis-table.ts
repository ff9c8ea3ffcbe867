import type KeyvRedis from "@keyv/redis";
import type { RedisClientType } from "@keyv/redis";
import type { RedisClock } from "./redis-clock.ts";
import { type KeyvCodec, NotWrittenError, type Stored, type SwapOptions, type Table } from "./table.ts";

/** Keys asked for per SCAN step when listing a community. */
export const REDIS_SCAN_COUNT = 1_000;

/**
 * Compare-and-swap in one step: Redis runs a script atomically, so whichever of several bot
 * processes comes second sees the first one's write and retries. A script that runs after its
 * deadline (Redis paused, the network slow) writes nothing. ARGV: expected ("" = absent), new value,
 * TTL in ms ("" = none), deadline in Redis's own epoch milliseconds.
 */
const SWAP_SCRIPT = `
local now = redis.call('TIME')
if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(ARGV[4]) then return 0 end
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2])
  else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
  return 1
end
return 0
`;

/** Errors of commands that never reached Redis, or that Redis refused before the script wrote. */
const NOT_SENT_OR_REFUSED = new Set(["ClientOfflineError", "ClientClosedError", "ErrorReply", "SimpleError"]);

/**
 * A namespace on Redis: the compare-and-swap seam for Redis.
 *
 * What it relies on from @keyv/redis (pinned by test/core/store/layout.test.ts): a record lives in a
 * plain string key named by `adapter.createKeyPrefix(key, namespace)` (today `namespace::key`), set
 * with PX when it expires; the value is Keyv's JSON text `{"value":…,"expires":…}`.
 */
export class RedisTable implements Table {
  constructor(
    private readonly client: RedisClientType,
    private readonly adapter: KeyvRedis<string>,
    private readonly codec: KeyvCodec,
    private readonly clock: RedisClock,
  ) {}

  async read(key: string): Promise<Stored | undefined> {
    const raw = await this.client.get(this.#key(key));
    return raw === null ? undefined : this.codec.stored(raw);
  }

  async swap(
    key: string,
    expected: string | undefined,
    value: unknown,
    { ttlMs, landBy }: SwapOptions,
  ): Promise<string | undefined> {
    const raw = await this.codec.encode(value, ttlMs);
    const ttl = ttlMs === undefined ? "" : String(Math.ceil(ttlMs));
    try {
      const written = await this.client.eval(SWAP_SCRIPT, {
        keys: [this.#key(key)],
        arguments: [expected ?? "", raw, ttl, String(this.clock.redisTimeAt(landBy))],
      });
      return written === 1 ? raw : undefined;
    } catch (error) {
      if (NOT_SENT_OR_REFUSED.has((error as object)?.constructor?.name)) throw new NotWrittenError(error);
      // Sent, and the connection broke before the answer: it may have landed (by its deadline).
      throw error;
    }
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
