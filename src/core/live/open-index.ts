import type { TutorStore } from "../store/store.ts";
import { LiveIndexSchema } from "./records.ts";

/** The one record listing every open session's key, so a process starting up re-arms their deadlines. */
const INDEX_KEY = "live/open";

export async function openSessionKeys(store: TutorStore): Promise<string[]> {
  return (await store.getClassRecord(INDEX_KEY, LiveIndexSchema))?.open ?? [];
}

export async function listOpen(store: TutorStore, key: string): Promise<void> {
  await store.updateClassRecord(INDEX_KEY, LiveIndexSchema, (current) =>
    current?.open.includes(key)
      ? { result: undefined }
      : { next: { v: 1 as const, open: [...(current?.open ?? []), key] }, result: undefined },
  );
}

export async function unlistOpen(store: TutorStore, key: string): Promise<void> {
  await store.updateClassRecord(INDEX_KEY, LiveIndexSchema, (current) =>
    current?.open.includes(key)
      ? { next: { v: 1 as const, open: current.open.filter((open) => open !== key) }, result: undefined }
      : { result: undefined },
  );
}
