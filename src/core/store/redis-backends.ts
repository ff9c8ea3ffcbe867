import KeyvRedis, { createClient, defaultReconnectStrategy, Keyv, type RedisClientType } from "@keyv/redis";
import type { Logger } from "../logger.ts";
import { assertSafeNamespace, NAMESPACES } from "./keys.ts";
import { RedisClock } from "./redis-clock.ts";
import { RedisTable } from "./redis-table.ts";
import { type Backends, KeyvCodec, quiet } from "./table.ts";
import { StoreStartError } from "./unavailable.ts";

/** How long start-up waits for Redis before refusing to start. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Opens one Redis connection shared by both namespaces. While Redis is down, commands fail at once
 * (no offline queue: a click must not be replayed minutes later) and the client keeps reconnecting
 * with backoff up to 2 s, forever; the store works again as soon as Redis is back.
 */
export async function openRedis(url: string, logger: Logger, timeoutMs: number): Promise<Backends> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: defaultReconnectStrategy, connectTimeout: REDIS_CONNECT_TIMEOUT_MS },
  }) as RedisClientType;
  const clock = new RedisClock(client);
  watchConnection(client, logger, clock);
  await connectOrExplain(client, url);
  // Writes state their deadline in Redis's clock, so it must be readable before the first one.
  await clock.sync().catch(async (error: unknown) => {
    await client.close().catch(() => undefined);
    const why = error instanceof Error ? error.message : String(error);
    throw new StoreStartError(
      `Redis at ${redactedUrl(url)} refused TIME (${why}); Descent needs it (and Lua scripts) to bound its writes`,
      { cause: error },
    );
  });
  clock.start();
  const open = (namespace: string) => {
    const adapter = new KeyvRedis(client, { namespace: assertSafeNamespace(namespace) });
    const keyv = quiet(new Keyv(adapter, { namespace, useKeyPrefix: false }), logger);
    return new RedisTable(client, adapter, new KeyvCodec(keyv), clock);
  };
  return {
    sessions: open(NAMESPACES.sessions),
    progress: open(NAMESPACES.progress),
    answers: open(NAMESPACES.answers),
    classes: open(NAMESPACES.classes),
    kind: "redis",
    timeoutMs,
    close: async () => {
      clock.stop();
      if (client.isOpen) await client.close();
    },
  };
}

/** Fails start-up with a fix, instead of retrying forever, when Redis is not there at all. */
async function connectOrExplain(client: RedisClientType, url: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${REDIS_CONNECT_TIMEOUT_MS} ms`)),
      REDIS_CONNECT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (error) {
    client.destroy();
    const where = redactedUrl(url);
    const why = error instanceof Error ? error.message : String(error);
    throw new StoreStartError(
      `Redis at ${where} does not answer (${why}); start redis-server or fix STORE_URL`,
      {
        cause: error,
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** One warning when the connection drops and one line when it is back, not one per retry. */
function watchConnection(client: RedisClientType, logger: Logger, clock: RedisClock): void {
  // Before the first connect, connectOrExplain reports failures (with the fix) instead.
  let state: "starting" | "up" | "down" = "starting";
  client.on("error", (error: unknown) => {
    if (state !== "up") return;
    state = "down";
    logger.warn({ err: error }, "store connection lost; replying 'try again' and reconnecting");
  });
  client.on("ready", () => {
    if (state === "down") {
      logger.info("store connection back");
      // Redis may have restarted on another machine's clock.
      void clock.sync().catch(() => undefined);
    }
    state = "up";
  });
}

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "STORE_URL";
  }
}
