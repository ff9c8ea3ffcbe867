import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { type Backends, memoryBackends } from "../../../src/core/store/backends.ts";
import { KnownRecords } from "../../../src/core/store/known.ts";
import type { SessionRecord } from "../../../src/core/store/records.ts";
import { TutorStore } from "../../../src/core/store/store.ts";
import type { Table } from "../../../src/core/store/table.ts";
import type { Invoker } from "../../../src/core/tutor-api.ts";

const NOW = new Date("2026-03-02T10:00:00Z");
const ALICE: Invoker = { platform: "discord", userId: "alice", userName: "Alice", communityId: "g1" };

/** A table that counts the calls that reach the store. */
function counted(table: Table) {
  const calls = { read: 0, swap: 0 };
  const wrapped: Table = {
    read: (key) => {
      calls.read++;
      return table.read(key);
    },
    swap: (key, expected, value, options) => {
      calls.swap++;
      return table.swap(key, expected, value, options);
    },
    decode: (raw) => table.decode(raw),
    list: (prefix) => table.list(prefix),
  };
  return { wrapped, calls };
}

/** Two stores ("processes") on the same memory tables; the first one's progress calls are counted. */
function twoProcesses() {
  const shared = memoryBackends(silentLogger());
  const progress = counted(shared.progress);
  const first: Backends = { ...shared, progress: progress.wrapped };
  return {
    calls: progress.calls,
    one: new TutorStore(first, silentLogger()),
    other: new TutorStore(shared, silentLogger()),
  };
}

const addAnswer = (store: TutorStore) =>
  store.updateProgress(ALICE, NOW, (progress) => ({
    next: { ...progress, answered: progress.answered + 1 },
    result: progress.answered + 1,
  }));

describe("updates that skip their read", () => {
  it("GIVEN a record this process wrote last THEN the next update is one swap and no read", async () => {
    const { one, calls } = twoProcesses();
    await addAnswer(one);
    const before = { ...calls };
    expect(await addAnswer(one)).toBe(2);
    expect(calls.read - before.read).toBe(0);
    expect(calls.swap - before.swap).toBe(1);
  });

  it("GIVEN another process changed the record since THEN the update reads it again and builds on its change", async () => {
    const { one, other, calls } = twoProcesses();
    await addAnswer(one);
    await addAnswer(other);
    const before = { ...calls };
    expect(await addAnswer(one)).toBe(3);
    expect((await other.getProgress(ALICE, NOW)).answered).toBe(3);
    expect(calls.read - before.read).toBe(1);
  });

  it("GIVEN a stale memory that would need no write THEN the result comes from a fresh read, not from memory", async () => {
    const { one, other } = twoProcesses();
    await addAnswer(one);
    await addAnswer(other);
    // Answers nothing new: decides from the record as it is now (2), not as this process last saw it (1).
    const seen = await one.updateProgress(ALICE, NOW, (progress) => ({ result: progress.answered }));
    expect(seen).toBe(2);
  });
});

function session(id: string, userId: string): SessionRecord {
  return {
    v: 1,
    id,
    quizId: "adam",
    platform: "discord",
    communityId: "g1",
    userId,
    startedAt: NOW.toISOString(),
    questions: [{ quizId: "adam", questionId: "q1", order: [1, 0] }],
    answers: [null],
  };
}

describe("new quiz sessions", () => {
  it("GIVEN a new session THEN it is stored in one write, no read, and reads back as written", async () => {
    const backends = memoryBackends(silentLogger());
    const sessions = counted(backends.sessions);
    const store = new TutorStore({ ...backends, sessions: sessions.wrapped }, silentLogger());
    await store.createSession(ALICE, session("0123456789ab", "alice"));
    expect(sessions.calls).toEqual({ read: 0, swap: 1 });
    expect(await store.getSession(ALICE, "0123456789ab")).toEqual(session("0123456789ab", "alice"));
  });

  it("GIVEN an id already in use THEN creating fails and the first session stays as it was", async () => {
    const store = new TutorStore(memoryBackends(silentLogger()), silentLogger());
    await store.createSession(ALICE, session("0123456789ab", "alice"));
    await expect(store.createSession(ALICE, session("0123456789ab", "mallory"))).rejects.toThrow(
      /already in use/,
    );
    expect((await store.getSession(ALICE, "0123456789ab"))?.userId).toBe("alice");
  });
});

describe("KnownRecords", () => {
  it("GIVEN more keys than its limit THEN the one touched longest ago is dropped", () => {
    const known = new KnownRecords(2);
    known.set("a", "1");
    known.set("b", "2");
    known.set("a", "1'");
    known.set("c", "3");
    expect([known.get("a"), known.get("b"), known.get("c")]).toEqual(["1'", undefined, "3"]);
    known.set("a", undefined);
    expect(known.size).toBe(1);
  });
});
