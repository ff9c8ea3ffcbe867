// One bot "process" for the multi-process store test and bench (see playInChildProcesses):
// receives a plan, connects, says ready, plays it on "go", sends back its report.
import { type AnswerPlan, playPlan, type WorkerMessage } from "./answer-plan.ts";

const send = (message: WorkerMessage) => process.send?.(message);
let go: () => void = () => {};
const started = new Promise<void>((resolve) => {
  go = resolve;
});

process.on("message", async (message: WorkerMessage) => {
  if (message.kind === "go") go();
  if (message.kind !== "plan") return;
  const plan: AnswerPlan = message.plan;
  const report = await playPlan(plan, async () => {
    send({ kind: "ready" });
    await started;
  });
  send({ kind: "report", report });
  process.disconnect?.();
});
