import { spawn } from "node:child_process";
import { text } from "node:stream/consumers";
import { silentLogger } from "../../../src/core/logger.ts";
import { QuizEngine } from "../../../src/core/quiz/engine.ts";
import { seededRandom } from "../../../src/core/random.ts";
import { openStore, type TutorStore } from "../../../src/core/store/index.ts";
import type { Invoker } from "../../../src/core/tutor-api.ts";
import { fakeCatalogue, student } from "../fakes.ts";

/** Where the store is: the same for every "process" taking part. */
export interface StorePlace {
  dataDir: string;
  storeUrl?: string;
}

/** Every student's open quiz and the shown positions they will click, in order. */
export interface AnswerPlan {
  place: StorePlace;
  students: { who: Invoker; sessionId: string; choices: number[]; right: number }[];
}

/** What one process saw while playing a plan. */
export interface PlayReport {
  outcomes: Record<string, number>;
  /** Per answer call, ms. */
  latencies: number[];
  startedAt: number;
  endedAt: number;
}

/** The quiz engine over the fake course (the same in every process) and a store. */
export function engineOver(store: TutorStore): QuizEngine {
  return new QuizEngine({
    catalogue: fakeCatalogue(),
    store,
    clock: () => new Date(),
    random: seededRandom(5),
    logger: silentLogger(),
  });
}

/** Starts a "beta" quiz for `count` students of a community; student i gets (i mod 5) right. */
export async function makePlan(place: StorePlace, community: string, count: number): Promise<AnswerPlan> {
  const store = await openStore({ ...place, logger: silentLogger() });
  const engine = engineOver(store);
  try {
    const students = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const who = student(`user-${index}`, community);
        const started = await engine.start(who, "beta");
        const right = Math.min(index % 5, started.session.questions.length);
        const choices = started.session.questions.map((_, q) => {
          const shown = engine.show(started.session, q);
          if (!shown) throw new Error("fake course changed under the plan");
          return q < right ? shown.correct : (shown.correct + 1) % shown.choices.length;
        });
        return { who, sessionId: started.session.id, choices, right };
      }),
    );
    return { place, students };
  } finally {
    await store.close();
  }
}

/** Plays every student's answers (each student in order, all students at once) on a store of its own. */
export async function playPlan(
  plan: AnswerPlan,
  ready: () => Promise<void> = async () => {},
): Promise<PlayReport> {
  const store = await openStore({ ...plan.place, logger: silentLogger() });
  const engine = engineOver(store);
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  try {
    // Connect before the clock starts, as a running bot would be.
    await store.getProgress(plan.students[0]?.who ?? student("nobody"), new Date());
    await ready();
    const startedAt = Date.now();
    await Promise.all(
      plan.students.map(async ({ who, sessionId, choices }) => {
        for (const [index, choice] of choices.entries()) {
          const began = performance.now();
          const outcome = await engine.answer(who, sessionId, index, choice);
          latencies.push(performance.now() - began);
          outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
        }
      }),
    );
    return { outcomes, latencies, startedAt, endedAt: Date.now() };
  } finally {
    await store.close();
  }
}

const WORKER = new URL("./answer-worker.ts", import.meta.url).pathname;

/**
 * Plays plans in Node processes of their own, one each, at once (each its own event loop, connections and
 * locks). Each loads and connects first; all start clicking together once every one is ready.
 */
export async function playInChildProcesses(plans: AnswerPlan[]): Promise<PlayReport[]> {
  const children = plans.map(() =>
    spawn(process.execPath, ["--import", "tsx", WORKER], { stdio: ["ignore", "ignore", "pipe", "ipc"] }),
  );
  const stderr = children.map((child) => (child.stderr ? text(child.stderr) : Promise.resolve("")));
  const reports = children.map(
    (child, index) =>
      new Promise<PlayReport>((resolve, reject) => {
        child.on("message", (message: WorkerMessage) => {
          if (message.kind === "report") resolve(message.report);
        });
        child.once("exit", async (code) =>
          reject(new Error(`answer worker exited with ${code}: ${(await stderr[index])?.slice(-1000)}`)),
        );
      }),
  );
  // A child that dies before it is ready fails the wait through its report's rejection.
  await Promise.all(
    children.map((child, index) =>
      Promise.race([
        new Promise<void>((resolve) => {
          child.on("message", (message: WorkerMessage) => message.kind === "ready" && resolve());
          child.send({ kind: "plan", plan: plans[index] });
        }),
        reports[index],
      ]),
    ),
  );
  for (const child of children) child.send({ kind: "go" });
  try {
    return await Promise.all(reports);
  } finally {
    for (const child of children) if (child.connected) child.disconnect();
  }
}

/** Messages between the parent and an answer worker. */
export type WorkerMessage =
  | { kind: "plan"; plan: AnswerPlan }
  | { kind: "ready" }
  | { kind: "go" }
  | { kind: "report"; report: PlayReport };
