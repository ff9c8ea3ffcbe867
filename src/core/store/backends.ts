import { mkdirSync } from "node:fs";
import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import type { Logger } from "../logger.ts";
import { assertSafeNamespace, NAMESPACES } from "./keys.ts";

/** The SQLite file inside DATA_DIR. */
export const SQLITE_FILE_NAME = "descent.sqlite";
/** Rows per page when iterating (the adapter's default of 10 makes a leaderboard scan chatty). */
export const SQLITE_ITERATION_LIMIT = 500;
/** How long a write waits for another connection's lock before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** One Keyv per namespace (the adapter holds the namespace, so they cannot share one adapter). */
export interface Backends {
  sessions: Keyv;
  progress: Keyv;
  /** A short name for logs: "sqlite", "redis" or "memory". */
  kind: string;
  close(): Promise<void>;
}

export interface BackendOptions {
  dataDir: string;
  /** redis://, rediss:// or sqlite://path; default: the SQLite file in dataDir. */
  storeUrl?: string;
  logger: Logger;
}

/** Opens the configured Keyv back-end: SQLite (WAL) by default, Redis when STORE_URL says so. */
export async function openBackends(options: BackendOptions): Promise<Backends> {
  const url = options.storeUrl;
  if (url?.startsWith("redis://") || url?.startsWith("rediss://")) return openRedis(url, options.logger);
  const file = url?.startsWith("sqlite://")
    ? url.slice("sqlite://".length)
    : path.join(options.dataDir, SQLITE_FILE_NAME);
  return openSqlite(file, options.logger);
}

async function openSqlite(file: string, logger: Logger): Promise<Backends> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const open = async (namespace: string) => {
    const adapter = new KeyvSqlite({
      uri: `sqlite://${file}`,
      busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
      iterationLimit: SQLITE_ITERATION_LIMIT,
    });
    // WAL lets readers run while a write commits; it is a property of the file, set on every connection.
    await adapter.query("PRAGMA journal_mode=WAL");
    // With WAL, NORMAL still survives a crash of the bot; only a power cut may lose the last commits.
    await adapter.query("PRAGMA synchronous=NORMAL");
    return {
      adapter,
      keyv: watch(new Keyv({ store: adapter, namespace: assertSafeNamespace(namespace) }), logger),
    };
  };
  const sessions = await open(NAMESPACES.sessions);
  const progress = await open(NAMESPACES.progress);
  return {
    sessions: sessions.keyv,
    progress: progress.keyv,
    kind: "sqlite",
    close: async () => {
      await sessions.adapter.disconnect();
      await progress.adapter.disconnect();
    },
  };
}

async function openRedis(url: string, logger: Logger): Promise<Backends> {
  const { createKeyv } = await import("@keyv/redis");
  const open = (namespace: string) =>
    watch(createKeyv(url, { namespace: assertSafeNamespace(namespace), throwOnConnectError: true }), logger);
  const sessions = open(NAMESPACES.sessions);
  const progress = open(NAMESPACES.progress);
  return {
    sessions,
    progress,
    kind: "redis",
    close: async () => {
      await sessions.disconnect();
      await progress.disconnect();
    },
  };
}

/** In-memory back-end for tests and throw-away runs. */
export function memoryBackends(logger: Logger): Backends {
  return {
    sessions: watch(new Keyv({ store: new Map(), namespace: NAMESPACES.sessions }), logger),
    progress: watch(new Keyv({ store: new Map(), namespace: NAMESPACES.progress }), logger),
    kind: "memory",
    close: async () => {},
  };
}

/** Store errors must fail the operation (a lost answer is worse than an error message) and be logged. */
function watch(keyv: Keyv, logger: Logger): Keyv {
  keyv.throwOnErrors = true;
  keyv.on("error", (error: unknown) =>
    logger.error({ err: error, namespace: keyv.namespace }, "store error"),
  );
  return keyv;
}
