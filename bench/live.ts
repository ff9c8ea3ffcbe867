// Live round: 300 students in one channel all click within 2 s of the question appearing, through the
// real discord.js client in Descent's own process and the local Discord emulator (SQLite store).
// Beside it, `load` measures the personal quiz's click path the same way.

import { LoadHarness } from "../test/e2e/load/harness.ts";

const STUDENTS = 300;
const CLICK_WINDOW_MS = 2_000;
const SECONDS = 10;
/** The teacher holds every permission in the emulated server; students none. */
const teacher = { id: "290000000000000001", name: "teacher" };

export async function run(): Promise<Record<string, unknown>> {
  const harness = new LoadHarness();
  try {
    await harness.start();
    return await measure(harness);
  } finally {
    await harness.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(harness: LoadHarness): Promise<Record<string, unknown>> {
  const emulator = harness.emulator;
  const start = emulator.command({
    user: teacher,
    name: "live",
    subcommand: "start",
    options: { quiz: "adam", seconds: SECONDS, questions: 1 },
  });
  const started = await start.outcome;
  if (started.kind !== "message") throw new Error(`/live start answered ${JSON.stringify(started)}`);
  const round = [...emulator.messages.values()].find((message) => !message.api.interaction_metadata);
  if (!round) throw new Error("no round message was posted");
  const buttons = round.api.components.flatMap((row) => row.components) as Array<{ custom_id: string }>;
  const deadline = Date.parse(String(round.api.timestamp)) + SECONDS * 1000;
  const from = performance.now();
  const students = Array.from({ length: STUDENTS }, (_, index) => ({
    id: String(310_000_000_000_000_000n + BigInt(index)),
    name: `student${index}`,
    permissions: "0",
  }));
  const outcomes = await Promise.all(
    students.map(async (user, index) => {
      await sleep(Math.random() * CLICK_WINDOW_MS);
      const handle = emulator.click({
        user,
        messageId: round.api.id,
        customId: buttons[index % buttons.length]?.custom_id ?? "",
      });
      const outcome = await handle.outcome;
      const text =
        outcome.kind === "message"
          ? (emulator.messages.get(outcome.messageId)?.api.embeds[0]?.description ?? "")
          : "";
      return {
        locked: text.startsWith("Locked in"),
        ms: outcome.kind === "rejected" ? Number.POSITIVE_INFINITY : outcome.at - handle.dispatchedAt,
      };
    }),
  );
  const latency = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round((latency[Math.min(latency.length - 1, Math.floor(p * latency.length))] ?? 0) * 10) / 10;
  // Wait for the close; note when the result edit landed against the stored deadline.
  let closedAt = 0;
  while (Date.now() < deadline + 10_000) {
    if (round.api.embeds[0]?.title?.includes("closed")) {
      closedAt = Date.now();
      break;
    }
    await sleep(20);
  }
  // Edits of the round message before the result (the tally), and the closest two of them.
  const tallyEdits = emulator.requests
    .filter(
      (request) =>
        request.method === "PATCH" &&
        request.path.includes(`/messages/${round.api.id}`) &&
        request.at >= from,
    )
    .map((request) => request.at)
    .slice(0, -1);
  const gaps = tallyEdits.slice(1).map((at, index) => at - (tallyEdits[index] ?? at));
  const alt =
    round.api.attachments.find((attachment) => attachment.filename.includes("class-split"))?.description ??
    "";
  const counted = Number(/How the class answered, (\d+) answers/.exec(alt)?.[1] ?? 0);
  return {
    students: STUDENTS,
    clickWindowMs: CLICK_WINDOW_MS,
    acknowledged: outcomes.filter((outcome) => outcome.locked).length,
    clickLatencyMs: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: pct(1) },
    answersCounted: counted,
    answersLostOrDoubled: Math.abs(STUDENTS - counted),
    tallyEditsWhileOpen: tallyEdits.length,
    tallyEditMinGapMs: gaps.length ? Math.round(Math.min(...gaps)) : null,
    openForS: SECONDS,
    resultsAfterDeadlineMs: closedAt ? closedAt - deadline : null,
    botPeakRssMiB: Math.max(...harness.bots.map((bot) => bot.peakRssMiB)),
    targets: { p99Ms: 250, tallyEditMinGapMs: 2000, resultsWithinMs: 1000, rssMiB: 250 },
  };
}
