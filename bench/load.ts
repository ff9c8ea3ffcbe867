// Load: 300 students in one server each take a 4-question quiz at once by button clicks, through the
// real discord.js client in Descent's own process (`node --import tsx src/main.ts`, SQLite) and the
// local Discord emulator. Latency is from INTERACTION_CREATE leaving the emulator to the bot's final
// answer arriving there; RSS is the bot process's peak (the kernel's VmHWM).

import { ErrorCode } from "../test/e2e/discord/emulator.ts";
import { LOAD_QUIZZES, LoadHarness } from "../test/e2e/load/harness.ts";
import { expectedScore, makeStudents } from "../test/e2e/load/students.ts";

const STUDENTS = 300;
/** Two profiles: every click the moment the last answer lands (worst case), and students who read first. */
const PROFILES = [
  { name: "burst", thinkMs: 0 },
  { name: "reading", thinkMs: 2_000 },
] as const;

export async function run(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const profile of PROFILES) {
    const harness = new LoadHarness();
    await harness.start();
    try {
      const guildId = harness.guildIds[0] ?? "";
      const students = makeStudents(STUDENTS, [guildId], LOAD_QUIZZES);
      const bot = harness.bots[0];
      const cpuBefore = bot?.cpuMs() ?? Number.NaN;
      const from = performance.now();
      const player = harness.player;
      if (!player) throw new Error("load harness did not start");
      // A student the bot failed is counted, not fatal: the numbers are the point here.
      const failures: string[] = [];
      await Promise.all(
        students.map((student) =>
          player.play(student, { thinkMs: profile.thinkMs }).catch((error: unknown) => {
            failures.push(String(error));
          }),
        ),
      );
      const wallMs = performance.now() - from;
      const botCpuMs = (bot?.cpuMs() ?? Number.NaN) - cpuBefore;
      const settled = harness.emulator.settled.filter((entry) => entry.dispatchedAt >= from);
      const clicks = settled.filter((entry) => entry.customId !== undefined).length;
      const perInteraction = (value: number) => Math.round((value / settled.length) * 100) / 100;
      results[profile.name] = {
        students: STUDENTS,
        thinkMsMax: profile.thinkMs,
        interactions: settled.length,
        clicks,
        wallMs: Math.round(wallMs),
        throughputPerS: Math.round((settled.length / wallMs) * 1000),
        clickLatency: harness.latencies(from, (entry) => entry.customId !== undefined),
        quizCommandLatency: harness.latencies(from, (entry) => entry.customId === undefined),
        allLatency: harness.latencies(from),
        // Where the time goes: the bot's CPU per answered interaction bounds its throughput on one
        // core, and with every student waiting on an answer (burst) latency ≈ students / throughput.
        botCpuMsPerInteraction: perInteraction(botCpuMs),
        restCallsPerInteraction: Object.fromEntries(
          Object.entries(harness.restCalls(from)).map(([kind, count]) => [kind, perInteraction(count)]),
        ),
        expiredInteractions10062: harness.emulator.refusals(ErrorCode.UnknownInteraction).length,
        failedStudents: failures.length,
        firstFailure: failures[0],
        botWarnings: bot?.problems().slice(0, 3),
        wrongScores: students.filter((student) => student.finalScore !== expectedScore(student)).length,
        botPeakRssMiB: bot?.peakRssMiB ?? Number.NaN,
      };
    } finally {
      await harness.stop();
    }
  }
  return { ...results, targets: { p99Ms: 150, rssMiB: 250 } };
}
