import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { silentLogger } from "../../../src/core/logger.ts";
import { openStore, type TutorStore } from "../../../src/core/store/index.ts";

/** CI starts redis-server and sets this; locally: `redis-server --port 6391 --save '' --daemonize yes`. */
export const REDIS_URL = process.env.TEST_REDIS_URL;
export const REDIS_SKIP_REASON =
  "skipped: TEST_REDIS_URL is not set (start redis-server and set TEST_REDIS_URL=redis://127.0.0.1:PORT)";

const dirs: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs(). */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "descent-store-"));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Backend {
  name: "sqlite" | "redis";
  /** Where the data lives; every `open(place)` with the same place reaches the same data. */
  place(): string;
  /** A new store with its own connections: a separate "process" on the same data. */
  open(place: string, timeoutMs?: number): Promise<TutorStore>;
  /** Why the backend's cases skip, or undefined when they run. */
  skip?: string;
}

export const BACKENDS: Backend[] = [
  {
    name: "sqlite",
    place: tempDir,
    open: (dataDir, timeoutMs) => openStore({ dataDir, logger: silentLogger(), timeoutMs }),
  },
  {
    name: "redis",
    // One server for every test; each test works in its own community, so they never share keys.
    place: () => REDIS_URL ?? "",
    open: (storeUrl, timeoutMs) =>
      openStore({ dataDir: tempDir(), storeUrl, logger: silentLogger(), timeoutMs }),
    skip: REDIS_URL ? undefined : REDIS_SKIP_REASON,
  },
];

let communityCounter = 0;
/** A community id no other test (or earlier run on the same Redis) has used. */
export function freshCommunity(): string {
  communityCounter += 1;
  return `guild-${process.pid}-${Date.now()}-${communityCounter}`;
}
