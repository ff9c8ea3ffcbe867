import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import type { Logger } from "../logger.ts";
import { assertSafeNamespace, NAMESPACES } from "./keys.ts";
import { MemoryTable } from "./memory-table.ts";
import { checkSqliteFile, prepareDataDir } from "./sqlite-check.ts";
import { SqliteTable } from "./sqlite-table.ts";
import { type Backends, KeyvCodec, quiet } from "./table.ts";
import { STORE_TIMEOUT_MS } from "./unavailable.ts";

/** The SQLite file inside DATA_DIR. */
export const SQLITE_FILE_NAME = "descent.sqlite";
/** How long a write waits for another connection's (or process's) lock; below the operation timeout. */
export const SQLITE_BUSY_TIMEOUT_MS = 1_500;
/** How often expired quiz sessions are deleted from SQLite (Redis expires them by itself). */
export const SQLITE_SWEEP_INTERVAL_MS = 6 * 3_600_000;

export type { Backends } from "./table.ts";

export interface BackendOptions {
  dataDir: string;
  /** redis://, rediss:// or sqlite://path; default: the SQLite file in dataDir. */
  storeUrl?: string;
  logger: Logger;
  /** Longest time one store operation may take (default STORE_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Opens the configured back-end: SQLite (WAL) by default, Redis when STORE_URL says so. Faults a
 * user must fix (a bad file or folder, Redis not there) throw StoreStartError, one line with the fix.
 */
export async function openBackends(options: BackendOptions): Promise<Backends> {
  const url = options.storeUrl;
  const timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  if (url?.startsWith("redis://") || url?.startsWith("rediss://")) {
    const { openRedis } = await import("./redis-backends.ts");
    return openRedis(url, options.logger, timeoutMs);
  }
  const file = url?.startsWith("sqlite://")
    ? url.slice("sqlite://".length)
    : path.join(options.dataDir, SQLITE_FILE_NAME);
  return openSqlite(file, options.logger, timeoutMs);
}

async function openSqlite(file: string, logger: Logger, timeoutMs: number): Promise<Backends> {
  prepareDataDir(file);
  // One connection for both namespaces: two would take turns at the file's one write lock, the loser
  // sleeping in SQLite's busy handler, while one connection simply runs the statements in order.
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: SQLITE_BUSY_TIMEOUT_MS });
  // Its failures reach us through the queries below; unheard, its "error" event would crash the process.
  adapter.on("error", () => undefined);
  try {
    await checkSqliteFile(file, adapter, [
      // WAL lets readers run while a write commits; it is a property of the file.
      "PRAGMA journal_mode=WAL",
      // With WAL, NORMAL still survives a crash of the bot; only a power cut may lose the last commits.
      "PRAGMA synchronous=NORMAL",
    ]);
  } catch (error) {
    await adapter.disconnect().catch(() => undefined);
    throw error;
  }
  const table = (namespace: string) => {
    const keyv = quiet(new Keyv({ store: adapter, namespace: assertSafeNamespace(namespace) }), logger);
    return new SqliteTable(adapter, namespace, new KeyvCodec(keyv));
  };
  const sessions = table(NAMESPACES.sessions);
  const progress = table(NAMESPACES.progress);
  const answers = table(NAMESPACES.answers);
  const classes = table(NAMESPACES.classes);
  const sweep = async () => {
    try {
      const deleted = (await sessions.deleteExpired()) + (await classes.deleteExpired());
      if (deleted > 0) logger.info({ deleted }, "deleted expired quiz sessions");
    } catch (error) {
      logger.warn({ err: error }, "could not delete expired quiz sessions; will try again");
    }
  };
  await sweep();
  const timer = setInterval(sweep, SQLITE_SWEEP_INTERVAL_MS).unref();
  return {
    sessions,
    progress,
    answers,
    classes,
    kind: "sqlite",
    timeoutMs,
    close: async () => {
      clearInterval(timer);
      await adapter.disconnect();
    },
  };
}

/** In-memory back-end for tests and throw-away runs. */
export function memoryBackends(logger: Logger, timeoutMs = STORE_TIMEOUT_MS): Backends {
  const codec = new KeyvCodec(quiet(new Keyv({ namespace: NAMESPACES.sessions }), logger));
  return {
    sessions: new MemoryTable(codec),
    progress: new MemoryTable(codec),
    answers: new MemoryTable(codec),
    classes: new MemoryTable(codec),
    kind: "memory",
    timeoutMs,
    close: async () => {},
  };
}
