// Load: 300 students each take a 4-question quiz at once by button clicks, through the real
// discord.js client in Descent's own process (`node --import tsx src/main.ts`) and the local Discord
// emulator. Latency is from INTERACTION_CREATE leaving the emulator to the bot's final answer
// arriving there; RSS is each bot process's peak (the kernel's VmHWM).

import { ErrorCode } from "../test/e2e/discord/emulator.ts";
import { LOAD_QUIZZES, LoadHarness } from "../test/e2e/load/harness.ts";
import { RedisServer } from "../test/e2e/load/stores.ts";
import { expectedScore, makeStudents } from "../test/e2e/load/students.ts";

const STUDENTS = 300;

interface Profile {
  name: string;
  /** Each student waits up to this long (uniformly random) before /quiz and before each click. */
  thinkMs: number;
  /** Bot processes (Discord shards); more than one shares a throw-away redis-server. */
  shards?: number;
  guilds?: number;
  /** The API answers 429 with this Retry-After for `durationMs`, from `afterMs` into the run. */
  rateLimit?: { afterMs: number; durationMs: number; retryAfterMs: number };
}

/**
 * One class in one server on SQLite: every click the moment the last answer lands (worst case), and
 * students who read first. Then the scale-out shape: the burst over 4 servers on two shard processes
 * sharing Redis (skipped when redis-server is not installed).
 */
const PROFILES: Profile[] = [
  { name: "burst", thinkMs: 0 },
  { name: "reading", thinkMs: 2_000 },
  { name: "burstTwoShardsRedis", thinkMs: 0, shards: 2, guilds: 4 },
  // The load suite's 429 scenario at full size: every answer must still come within Discord's 3 s.
  { name: "rateLimited", thinkMs: 300, rateLimit: { afterMs: 400, durationMs: 1_200, retryAfterMs: 400 } },
];

export async function run(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const profile of PROFILES) {
    const redis = profile.shards ? new RedisServer() : undefined;
    try {
      await redis?.start();
    } catch (error) {
      results[profile.name] = { skipped: String(error) };
      continue;
    }
    const harness = new LoadHarness({
      shards: profile.shards ?? 1,
      guilds: profile.guilds ?? 1,
      ...(redis && { storeUrl: redis.url }),
    });
    try {
      await harness.start();
      results[profile.name] = await measure(harness, profile);
    } finally {
      await harness.stop();
      await redis?.stop();
    }
  }
  return { ...results, targets: { p99Ms: 150, rssMiB: 250 } };
}

async function measure(harness: LoadHarness, profile: Profile): Promise<Record<string, unknown>> {
  const students = makeStudents(STUDENTS, harness.guildIds, LOAD_QUIZZES);
  const player = harness.player;
  if (!player) throw new Error("load harness did not start");
  const cpuBefore = harness.bots.map((bot) => bot.cpuMs());
  const from = performance.now();
  const { rateLimit } = profile;
  if (rateLimit) {
    setTimeout(
      () => harness.emulator.injectFaultWindow(429, rateLimit.durationMs, rateLimit.retryAfterMs),
      rateLimit.afterMs,
    );
  }
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
  const botCpuMs = harness.bots.reduce((sum, bot, index) => sum + bot.cpuMs() - (cpuBefore[index] ?? 0), 0);
  const settled = harness.emulator.settled.filter((entry) => entry.dispatchedAt >= from);
  const clicks = settled.filter((entry) => entry.customId !== undefined).length;
  const perInteraction = (value: number) => Math.round((value / settled.length) * 100) / 100;
  return {
    students: STUDENTS,
    thinkMsMax: profile.thinkMs,
    botProcesses: harness.bots.length,
    servers: harness.guildIds.length,
    store: harness.bots.length > 1 ? "redis" : "sqlite",
    interactions: settled.length,
    clicks,
    wallMs: Math.round(wallMs),
    throughputPerS: Math.round((settled.length / wallMs) * 1000),
    clickLatency: harness.latencies(from, (entry) => entry.customId !== undefined),
    quizCommandLatency: harness.latencies(from, (entry) => entry.customId === undefined),
    allLatency: harness.latencies(from),
    // Where the time goes: the bot's CPU per answered interaction bounds a process's throughput on
    // one core, and with every student waiting on an answer (burst) latency ≈ students / throughput.
    botCpuMsPerInteraction: perInteraction(botCpuMs),
    restCallsPerInteraction: Object.fromEntries(
      Object.entries(harness.restCalls(from)).map(([kind, count]) => [kind, perInteraction(count)]),
    ),
    expiredInteractions10062: harness.emulator.refusals(ErrorCode.UnknownInteraction).length,
    failedStudents: failures.length,
    firstFailure: failures[0],
    botWarnings: harness.bots.flatMap((bot) => bot.problems()).slice(0, 3),
    wrongScores: students.filter((student) => student.finalScore !== expectedScore(student)).length,
    botPeakRssMiB: Math.max(...harness.bots.map((bot) => bot.peakRssMiB)),
  };
}
