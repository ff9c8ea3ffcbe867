import type { Logger } from "../logger.ts";
import { type BackendOptions, memoryBackends, openBackends } from "./backends.ts";
import { TutorStore } from "./store.ts";

export type { BackendOptions } from "./backends.ts";
export { scopeOf, scopeOfInvoker } from "./keys.ts";
export type { ProgressRecord, SessionRecord } from "./records.ts";
export { TutorStore } from "./store.ts";

/** Opens the configured store: the SQLite file in dataDir (WAL), or STORE_URL (redis://…). */
export async function openStore(options: BackendOptions): Promise<TutorStore> {
  return new TutorStore(await openBackends(options), options.logger);
}

/** A store that lives in memory only, for tests and throw-away runs. */
export function createMemoryStore(logger: Logger): TutorStore {
  return new TutorStore(memoryBackends(logger), logger);
}
