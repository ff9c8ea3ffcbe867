import type { z } from "zod";
import type { Logger } from "../logger.ts";
import type { Invoker } from "../tutor-api.ts";
import { type AnswerEntry, type AnswerLog, AnswerLogSchema, appendAnswers } from "./answers.ts";
import { answersKey, progressKey, progressPrefix, sessionKey } from "./keys.ts";
import { KnownRecords } from "./known.ts";
import { KeyedLock } from "./lock.ts";
import { emptyProgress } from "./progress.ts";
import { type ProgressRecord, ProgressSchema, type SessionRecord, SessionSchema } from "./records.ts";
import { type Backends, NotWrittenError, type Stored, type Table } from "./table.ts";
import { bounded, type Deadline, StoreUnavailableError } from "./unavailable.ts";

/** What an update callback returns: the new record to write (or none) and a result for the caller. */
export interface Change<R, T> {
  next?: R;
  result: T;
}

/** Quiz sessions expire 30 days after their last change, so old attempts do not pile up. */
export const SESSION_TTL_MS = 30 * 86_400_000;
/** Tries of one update when another process keeps writing the same record first. */
export const SWAP_ATTEMPTS = 25;
/** Records whose last known text is kept (a few hundred bytes each), so most updates skip their read. */
export const KNOWN_RECORDS_KEPT = 5_000;

/**
 * Descent's durable state: quiz sessions and progress records, per student. Every update is a
 * read, a pure change, and a compare-and-swap retried on conflict, so it is exactly-once even with
 * several bot processes on one store; a per-key lock spares one process from racing itself. The
 * read is skipped when this process knows the record's text from its last read or write: the swap
 * then checks that text, and only a result confirmed by a write is returned without a fresh read.
 * Every call is bounded in time and fails with StoreUnavailableError instead of hanging; a write
 * carries its deadline to the store, so one the caller gave up on never lands later, and the error
 * says whether anything may have been saved (see `bounded`).
 */
export class TutorStore {
  readonly #lock = new KeyedLock();
  readonly #known = new KnownRecords(KNOWN_RECORDS_KEPT);

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
    const key = sessionKey(who, sessionId);
    return this.#bounded("read a quiz session", async () => {
      const stored = await this.#io("read a quiz session", this.backends.sessions.read(key));
      this.#known.set(`s:${key}`, stored?.raw);
      return this.#parse(key, stored, SessionSchema);
    });
  }

  /** Reads, changes and writes one session atomically, even against other processes. */
  async updateSession<T>(
    who: Invoker,
    sessionId: string,
    change: (current: SessionRecord | undefined) => Change<SessionRecord, T>,
  ): Promise<T> {
    const key = sessionKey(who, sessionId);
    return this.#bounded("save a quiz answer", (deadline) =>
      this.#lock.run(`s:${key}`, () =>
        this.#update(
          this.backends.sessions,
          { key, known: `s:${key}` },
          SessionSchema,
          change,
          deadline,
          SESSION_TTL_MS,
        ),
      ),
    );
  }

  /** Stores a new session under its fresh random id in one write (no read); throws if the id is taken. */
  async createSession(who: Invoker, session: SessionRecord): Promise<void> {
    const key = sessionKey(who, session.id);
    await this.#bounded("save a quiz session", (deadline) =>
      this.#lock.run(`s:${key}`, async () => {
        deadline.check();
        const written = await this.#write(
          "save a quiz session",
          this.backends.sessions,
          { key, expected: undefined, value: session, ttlMs: SESSION_TTL_MS },
          deadline,
        );
        // 48 random bits make a collision all but impossible; overwriting another quiz would be worse.
        if (written === undefined) throw new Error(`quiz session id ${session.id} is already in use`);
        this.#known.set(`s:${key}`, written);
      }),
    );
  }

  /** The caller's progress in their community (a fresh one if they have none). */
  async getProgress(who: Invoker, now: Date): Promise<ProgressRecord> {
    const key = progressKey(who);
    return this.#bounded("read progress", async () => {
      const stored = await this.#io("read progress", this.backends.progress.read(key));
      this.#known.set(`p:${key}`, stored?.raw);
      return this.#parse(key, stored, ProgressSchema) ?? emptyProgress(who, now);
    });
  }

  /** Reads, changes and writes the caller's progress record atomically, even against other processes. */
  async updateProgress<T>(
    who: Invoker,
    now: Date,
    change: (current: ProgressRecord) => Change<ProgressRecord, T>,
  ): Promise<T> {
    const key = progressKey(who);
    return this.#bounded("save progress", (deadline) =>
      this.#lock.run(`p:${key}`, () =>
        this.#update(
          this.backends.progress,
          { key, known: `p:${key}` },
          ProgressSchema,
          (current) => change(current ?? emptyProgress(who, now)),
          deadline,
        ),
      ),
    );
  }

  /** Every progress record of one community (platform + community scope). */
  async listProgress(scope: string): Promise<ProgressRecord[]> {
    return this.#list("read the leaderboard", this.backends.progress, progressPrefix(scope), ProgressSchema);
  }

  /** Every progress record with a daily reminder on, across every community (the reminder sweep). */
  async listReminders(): Promise<ProgressRecord[]> {
    const records = await this.#list("read the reminders", this.backends.progress, "", ProgressSchema);
    return records.filter((record) => record.remind && !record.remind.stopped);
  }

  async #list<R>(operation: string, table: Table, prefix: string, schema: z.ZodType<R>): Promise<R[]> {
    return this.#bounded(operation, async (deadline) => {
      const records: R[] = [];
      try {
        for await (const [key, value] of table.list(prefix)) {
          deadline.check();
          const parsed = schema.safeParse(value);
          if (parsed.success) records.push(parsed.data);
          else this.logger.warn({ key, issues: parsed.error.issues.length }, "skipping unreadable record");
        }
      } catch (error) {
        throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(operation, error);
      }
      return records;
    });
  }

  /** Adds one attempt's answers to the student's log, each once (see appendAnswers). */
  async recordAnswers(
    who: Pick<Invoker, "platform" | "communityId" | "userId" | "userName">,
    attempt: { id: string; quiz: string; points?: number },
    entries: AnswerEntry[],
  ): Promise<void> {
    const key = answersKey(who);
    await this.#bounded("save an answer for the class report", (deadline) =>
      this.#lock.run(`a:${key}`, () =>
        this.#update(
          this.backends.answers,
          { key, known: `a:${key}` },
          AnswerLogSchema,
          (current) => {
            const log = current ?? { v: 1 as const, userId: who.userId, attempts: [] };
            const next = appendAnswers(log, attempt, entries);
            return next === log
              ? { result: undefined }
              : { next: { ...next, userName: who.userName }, result: undefined };
          },
          deadline,
        ),
      ),
    );
  }

  /** Every answer log of one community (platform + community scope). */
  async listAnswers(scope: string): Promise<AnswerLog[]> {
    return this.#list("read the answer log", this.backends.answers, progressPrefix(scope), AnswerLogSchema);
  }

  /** A record the community shares (classKey), or undefined (none, expired or unreadable). */
  async getClassRecord<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
    return this.#bounded("read a class record", async () => {
      const stored = await this.#io("read a class record", this.backends.classes.read(key));
      this.#known.set(`c:${key}`, stored?.raw);
      return this.#parse(key, stored, schema);
    });
  }

  /**
   * Reads, changes and writes one shared record atomically, even against other processes: the
   * compare-and-swap that decides, say, which process closes a live round. `ttlMs` expires it.
   */
  async updateClassRecord<R, T>(
    key: string,
    schema: z.ZodType<R>,
    change: (current: R | undefined) => Change<R, T>,
    ttlMs?: number,
  ): Promise<T> {
    return this.#bounded("save a class record", (deadline) =>
      this.#lock.run(`c:${key}`, () =>
        this.#update(this.backends.classes, { key, known: `c:${key}` }, schema, change, deadline, ttlMs),
      ),
    );
  }

  /** Every readable shared record whose key starts with `prefix`. */
  async listClassRecords<S extends z.ZodType>(prefix: string, schema: S): Promise<Array<z.infer<S>>> {
    return this.#bounded("read class records", async (deadline) => {
      const records: Array<z.infer<S>> = [];
      try {
        for await (const [key, value] of this.backends.classes.list(prefix)) {
          deadline.check();
          const parsed = schema.safeParse(value);
          if (parsed.success) records.push(parsed.data);
          else this.logger.warn({ key }, "skipping unreadable class record");
        }
      } catch (error) {
        throw error instanceof StoreUnavailableError
          ? error
          : new StoreUnavailableError("read class records", error);
      }
      return records;
    });
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.backends.close();
  }

  #bounded<T>(operation: string, work: (deadline: Deadline) => Promise<T>): Promise<T> {
    return bounded(operation, this.backends.timeoutMs, work);
  }

  /** Read, change, compare-and-swap; on a conflict another process wrote first, so start over. */
  async #update<R, T>(
    table: Table,
    { key, known }: { key: string; known: string },
    schema: z.ZodType<R>,
    change: (current: R | undefined) => Change<R, T>,
    deadline: Deadline,
    ttlMs?: number,
  ): Promise<T> {
    try {
      const hint = this.#known.get(known);
      if (hint !== undefined) {
        // A result that needs no write could rest on a stale hint; only a swap proves the hint.
        const tried = await this.#attempt(
          table,
          key,
          await table.decode(hint),
          schema,
          change,
          deadline,
          ttlMs,
        );
        if (tried.written !== undefined) {
          this.#known.set(known, tried.written);
          return tried.result;
        }
      }
      for (let attempt = 1; attempt <= SWAP_ATTEMPTS; attempt++) {
        deadline.check();
        const stored = await this.#io("read a record", table.read(key));
        const tried = await this.#attempt(table, key, stored, schema, change, deadline, ttlMs);
        this.#known.set(known, tried.written ?? (tried.wrote ? undefined : stored?.raw));
        if (tried.written !== undefined || !tried.wrote) return tried.result;
        this.logger.debug({ key, attempt }, "record changed by another process; retrying");
        await pause(attempt);
      }
    } catch (error) {
      // A write whose outcome is unknown leaves nothing to trust about this record.
      this.#known.set(known, undefined);
      throw error;
    }
    throw new StoreUnavailableError("write a record", `${key} kept changing under ${SWAP_ATTEMPTS} attempts`);
  }

  /** One change and, if it writes, one swap against `stored`: `written` is the new text, unless another writer was first. */
  async #attempt<R, T>(
    table: Table,
    key: string,
    stored: Stored | undefined,
    schema: z.ZodType<R>,
    change: (current: R | undefined) => Change<R, T>,
    deadline: Deadline,
    ttlMs?: number,
  ): Promise<{ result: T; wrote: boolean; written?: string }> {
    const { next, result } = change(this.#parse(key, stored, schema));
    if (!next) return { result, wrote: false };
    deadline.check();
    const written = await this.#write(
      "write a record",
      table,
      { key, expected: stored?.raw, value: next, ttlMs },
      deadline,
    );
    return { result, wrote: true, written };
  }

  async #io<T>(operation: string, pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } catch (error) {
      throw new StoreUnavailableError(operation, error);
    }
  }

  /** One swap that must land by the operation's deadline; a failure says whether it may have landed. */
  async #write(
    operation: string,
    table: Table,
    write: { key: string; expected: string | undefined; value: unknown; ttlMs?: number },
    deadline: Deadline,
  ): Promise<string | undefined> {
    const options = { landBy: deadline.landBy, ...(write.ttlMs !== undefined && { ttlMs: write.ttlMs }) };
    try {
      return await deadline.write(table.swap(write.key, write.expected, write.value, options));
    } catch (error) {
      const saved = error instanceof NotWrittenError ? "nothing" : "unknown";
      throw new StoreUnavailableError(operation, error, saved);
    }
  }

  #parse<S extends z.ZodType>(key: string, stored: Stored | undefined, schema: S): z.infer<S> | undefined {
    if (stored?.value === undefined) return undefined;
    const parsed = schema.safeParse(stored.value);
    if (parsed.success) return parsed.data;
    // An unreadable record (older format, hand edit) is treated as absent rather than crashing the command.
    this.logger.warn({ key, issues: parsed.error.issues.slice(0, 3) }, "ignoring unreadable store record");
    return undefined;
  }
}

/** A short random wait so two processes that collided do not collide again in step. */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(2 ** attempt, 50);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
