// Store throughput under a lecture-hall burst: 300 students × 4 answers, on SQLite and on Redis,
// in one process, and in two processes sharing the store (every answer sent to both, as split
// double clicks, or half each, as two shards). Medians over RUNS runs; core path only (quiz
// engine + store), no chat platform. Redis: a redis-server of its own with AOF fsync everysec.

import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { silentLogger } from "../src/core/logger.ts";
import { openStore, scopeOf } from "../src/core/store/index.ts";
import {
  type AnswerPlan,
  makePlan,
  type PlayReport,
  playInChildProcesses,
  playPlan,
  type StorePlace,
} from "../test/core/store/answer-plan.ts";
import { freePort, HAS_REDIS_SERVER, killRedis, startRedis } from "../test/core/store/redis-process.ts";

const STUDENTS = 300;
const RUNS = 3;
/** Progress records of other communities in the store when the leaderboard is read. */
const OTHER_RECORDS = 20_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const round = (value: number) => Math.round(value * 10) / 10;

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

type Mode = "one process" | "two processes, every answer to both" | "two processes, half each";

async function once(place: StorePlace, mode: Mode, run: number) {
  const plan = await makePlan(place, `bench-${Date.now()}-${run}`, STUDENTS);
  let reports: PlayReport[];
  if (mode === "one process") reports = [await playPlan(plan)];
  else if (mode === "two processes, every answer to both") reports = await playInChildProcesses([plan, plan]);
  else {
    const half = (part: number): AnswerPlan => ({
      ...plan,
      students: plan.students.filter((_, index) => index % 2 === part),
    });
    reports = await playInChildProcesses([half(0), half(1)]);
  }
  const wallMs = Math.max(...reports.map((r) => r.endedAt)) - Math.min(...reports.map((r) => r.startedAt));
  const latencies = reports.flatMap((report) => report.latencies);
  const accepted = reports.reduce((sum, report) => sum + (report.outcomes.accepted ?? 0), 0);
  if (accepted !== STUDENTS * 4)
    throw new Error(`${mode}: ${accepted} answers accepted, expected ${STUDENTS * 4}`);
  return { wallMs, latencies, clicks: latencies.length };
}

async function measure(place: StorePlace, mode: Mode) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await once(place, mode, run));
  const wallMs = median(runs.map((r) => r.wallMs));
  return {
    answers: STUDENTS * 4,
    clicks: runs[0]?.clicks,
    wallMs: round(wallMs),
    answersPerSecond: Math.round((STUDENTS * 4 * 1000) / wallMs),
    clickP50Ms: round(median(runs.map((r) => percentile(r.latencies, 0.5)))),
    clickP99Ms: round(median(runs.map((r) => percentile(r.latencies, 0.99)))),
  };
}

/** Time to read one 300-student board while the store also holds OTHER_RECORDS of other communities. */
async function leaderboard(place: StorePlace) {
  const store = await openStore({ ...place, logger: silentLogger() });
  try {
    const community = `board-${Date.now()}`;
    const write = (scope: string, index: number) =>
      store.updateProgress(
        { platform: "discord", communityId: scope, userId: `u${index}`, userName: `u${index}` },
        new Date(),
        (progress) => ({ next: { ...progress, points: index % 7 }, result: undefined }),
      );
    for (let batch = 0; batch < OTHER_RECORDS; batch += 500) {
      await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          write(`other-${Math.floor((batch + i) / STUDENTS)}`, batch + i),
        ),
      );
    }
    await Promise.all(Array.from({ length: STUDENTS }, (_, i) => write(community, i)));
    const samples: number[] = [];
    for (let run = 0; run < 5; run++) {
      const began = performance.now();
      const records = await store.listProgress(scopeOf("discord", community));
      samples.push(performance.now() - began);
      if (records.length !== STUDENTS) throw new Error(`board read ${records.length} records`);
    }
    return {
      boardRecords: STUDENTS,
      recordsInStore: OTHER_RECORDS + STUDENTS,
      readMs: round(median(samples)),
    };
  } finally {
    await store.close();
  }
}

async function backend(place: StorePlace) {
  const modes: Mode[] = ["one process", "two processes, every answer to both", "two processes, half each"];
  const results: Record<string, unknown> = {};
  for (const mode of modes) results[mode] = await measure(place, mode);
  results.leaderboard = await leaderboard(place);
  return results;
}

export async function run(): Promise<Record<string, unknown>> {
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "descent-bench-store-"));
    dirs.push(dir);
    return dir;
  };
  let redis: ChildProcess | undefined;
  try {
    const results: Record<string, unknown> = {
      method: `${STUDENTS} students x 4 answers (quiz engine + store), median of ${RUNS} runs`,
      sqlite: await backend({ dataDir: temp() }),
    };
    if (HAS_REDIS_SERVER) {
      const port = await freePort();
      redis = await startRedis(port, temp(), "everysec");
      results.redis = await backend({ dataDir: temp(), storeUrl: `redis://127.0.0.1:${port}` });
    } else {
      results.redis = "skipped: no redis-server on PATH";
    }
    return results;
  } finally {
    if (redis) await killRedis(redis);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly: `npx tsx bench/store.ts`.
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
