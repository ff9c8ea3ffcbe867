import type Keyv from "keyv";
import type { z } from "zod";
import type { Logger } from "../logger.ts";
import type { Invoker } from "../tutor-api.ts";
import type { Backends } from "./backends.ts";
import { progressKey, progressPrefix, sessionKey } from "./keys.ts";
import { KeyedLock } from "./lock.ts";
import { emptyProgress } from "./progress.ts";
import { type ProgressRecord, ProgressSchema, type SessionRecord, SessionSchema } from "./records.ts";

/** What an update callback returns: the new record to write (or none) and a result for the caller. */
export interface Change<R, T> {
  next?: R;
  result: T;
}

/**
 * Descent's durable state over Keyv: quiz sessions and progress records. Every read-modify-write
 * runs under a per-key lock, and keys are per student, so concurrent students never collide.
 */
export class TutorStore {
  readonly #lock = new KeyedLock();

  constructor(
    private readonly backends: Backends,
    private readonly logger: Logger,
  ) {}

  /** "sqlite", "redis" or "memory". */
  get kind(): string {
    return this.backends.kind;
  }

  /** A session of the caller's community, or undefined (unknown, expired or unreadable). */
  async getSession(who: Invoker, sessionId: string): Promise<SessionRecord | undefined> {
    return this.#read(this.backends.sessions, sessionKey(who, sessionId), SessionSchema);
  }

  /** Reads, changes and writes one session atomically with respect to this process. */
  async updateSession<T>(
    who: Invoker,
    sessionId: string,
    change: (current: SessionRecord | undefined) => Change<SessionRecord, T>,
  ): Promise<T> {
    const key = sessionKey(who, sessionId);
    return this.#lock.run(`s:${key}`, async () => {
      const current = await this.#read(this.backends.sessions, key, SessionSchema);
      const { next, result } = change(current && structuredClone(current));
      if (next) await this.backends.sessions.set(key, next);
      return result;
    });
  }

  /** The caller's progress in their community (a fresh one if they have none). */
  async getProgress(who: Invoker, now: Date): Promise<ProgressRecord> {
    return (
      (await this.#read(this.backends.progress, progressKey(who), ProgressSchema)) ?? emptyProgress(who, now)
    );
  }

  /** Reads, changes and writes the caller's progress record atomically with respect to this process. */
  async updateProgress<T>(
    who: Invoker,
    now: Date,
    change: (current: ProgressRecord) => Change<ProgressRecord, T>,
  ): Promise<T> {
    const key = progressKey(who);
    return this.#lock.run(`p:${key}`, async () => {
      const current =
        (await this.#read(this.backends.progress, key, ProgressSchema)) ?? emptyProgress(who, now);
      const { next, result } = change(structuredClone(current));
      if (next) await this.backends.progress.set(key, next);
      return result;
    });
  }

  /** Every progress record of one community (platform + community scope). */
  async listProgress(scope: string): Promise<ProgressRecord[]> {
    const iterator = this.backends.progress.iterator;
    if (!iterator) throw new Error(`The ${this.kind} store cannot list keys; use SQLite or Redis`);
    const prefix = progressPrefix(scope);
    const records: ProgressRecord[] = [];
    for await (const [key, value] of iterator(undefined)) {
      if (typeof key !== "string" || !key.startsWith(prefix)) continue;
      const parsed = ProgressSchema.safeParse(value);
      if (parsed.success) records.push(parsed.data);
      else
        this.logger.warn({ key, issues: parsed.error.issues.length }, "skipping unreadable progress record");
    }
    return records;
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.backends.close();
  }

  async #read<S extends z.ZodType>(keyv: Keyv, key: string, schema: S): Promise<z.infer<S> | undefined> {
    const value: unknown = await keyv.get(key);
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    // An unreadable record (older format, hand edit) is treated as absent rather than crashing the command.
    this.logger.warn({ key, issues: parsed.error.issues.slice(0, 3) }, "ignoring unreadable store record");
    return undefined;
  }
}
