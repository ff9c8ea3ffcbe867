// One bot "process" for the concurrent-start test: receives where the store is and whom to start a
// quiz for, connects, says ready, starts them all on "go", sends back what each start returned.
import { silentLogger } from "../../../src/core/logger.ts";
import { openStore } from "../../../src/core/store/index.ts";
import type { Invoker } from "../../../src/core/tutor-api.ts";
import { engineOver, type StorePlace } from "./answer-plan.ts";

export interface StartJob {
  place: StorePlace;
  students: Invoker[];
}
export interface StartResult {
  userId: string;
  kind: "started" | "open";
  sessionId: string;
}
export type StartMessage =
  | { kind: "job"; job: StartJob }
  | { kind: "ready" }
  | { kind: "go" }
  | { kind: "results"; results: StartResult[] };

const send = (message: StartMessage) => process.send?.(message);
let go: () => void = () => {};
const started = new Promise<void>((resolve) => {
  go = resolve;
});

process.on("message", async (message: StartMessage) => {
  if (message.kind === "go") go();
  if (message.kind !== "job") return;
  const { place, students } = message.job;
  const store = await openStore({ ...place, logger: silentLogger() });
  const engine = engineOver(store);
  try {
    await store.getProgress(students[0] as Invoker, new Date());
    send({ kind: "ready" });
    await started;
    const results = await Promise.all(
      students.map(async (who) => {
        const outcome = await engine.start(who, "beta");
        return { userId: who.userId, kind: outcome.kind, sessionId: outcome.session.id };
      }),
    );
    send({ kind: "results", results });
  } finally {
    await store.close();
    process.disconnect?.();
  }
});
