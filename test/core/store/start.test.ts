import { spawn } from "node:child_process";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { openStore } from "../../../src/core/store/index.ts";
import { student } from "../fakes.ts";
import { engineOver, type StorePlace } from "./answer-plan.ts";
import { BACKENDS, freshCommunity, REDIS_URL, removeTempDirs, tempDir } from "./backends.ts";
import type { StartMessage, StartResult } from "./start-worker.ts";

afterAll(removeTempDirs);

const STUDENTS = 40;
const WORKER = new URL("./start-worker.ts", import.meta.url).pathname;

/** Starts "beta" for every student in `count` processes of their own, all at once. */
async function startInChildProcesses(place: StorePlace, community: string, count: number) {
  const students = Array.from({ length: STUDENTS }, (_, index) => student(`user-${index}`, community));
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ["--import", "tsx", WORKER], { stdio: ["ignore", "ignore", "pipe", "ipc"] }),
  );
  const results = children.map((child) => {
    const stderr = child.stderr ? text(child.stderr) : Promise.resolve("");
    return new Promise<StartResult[]>((resolve, reject) => {
      child.on("message", (message: StartMessage) => message.kind === "results" && resolve(message.results));
      child.once("exit", async (code) =>
        reject(new Error(`start worker exited with ${code}: ${await stderr}`)),
      );
    });
  });
  await Promise.all(
    children.map(
      (child, index) =>
        new Promise<void>((resolve, reject) => {
          child.on("message", (message: StartMessage) => message.kind === "ready" && resolve());
          results[index]?.catch(reject);
          child.send({ kind: "job", job: { place, students } });
        }),
    ),
  );
  for (const child of children) child.send({ kind: "go" });
  return { students, results: await Promise.all(results) };
}

describe("starting a quiz is atomic per student and quiz", () => {
  it("GIVEN /quiz sent twice at once in one process THEN one attempt opens and both replies show it", async () => {
    const store = await openStore({ dataDir: tempDir(), logger: silentLogger() });
    const engine = engineOver(store);
    const who = student("alice", freshCommunity());
    try {
      const [first, second] = await Promise.all([engine.start(who, "beta"), engine.start(who, "beta")]);
      expect([first.kind, second.kind].sort()).toEqual(["open", "started"]);
      expect(first.session.id).toBe(second.session.id);
      expect((await store.getProgress(who, new Date())).openSession).toBe(first.session.id);
    } finally {
      await store.close();
    }
  });

  for (const backend of BACKENDS) {
    it.skipIf(backend.skip !== undefined)(
      `GIVEN two processes on ${backend.name} starting the same quiz for ${STUDENTS} students at once THEN each student has one attempt${backend.skip ? ` (${backend.skip})` : ""}`,
      async () => {
        const place = { dataDir: tempDir(), ...(backend.name === "redis" && { storeUrl: REDIS_URL }) };
        const community = freshCommunity();
        const { students, results } = await startInChildProcesses(place, community, 2);
        const store = await openStore({ ...place, logger: silentLogger() });
        try {
          for (const who of students) {
            const outcomes = results.map((list) => list.find((result) => result.userId === who.userId));
            expect(
              outcomes.filter((outcome) => outcome?.kind === "started"),
              who.userId,
            ).toHaveLength(1);
            const sessionIds = new Set(outcomes.map((outcome) => outcome?.sessionId));
            expect(sessionIds.size, who.userId).toBe(1);
            expect((await store.getProgress(who, new Date())).openSession).toBe(outcomes[0]?.sessionId);
          }
        } finally {
          await store.close();
        }
      },
      60_000,
    );
  }
});
