// Runs the benchmarks and prints ONE JSON object: { machine, date, results: { name: {…} } }.
// Usage: npm run bench [-- --only sim,render] [-- --markdown]  (--markdown also writes BENCHMARKS.md)
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { toMarkdown } from "./markdown.ts";

/** A benchmark module: one async run() returning plain JSON-able numbers. */
interface BenchmarkModule {
  run(): Promise<Record<string, unknown>>;
}

/** Every benchmark, by name, in run order. Add yours here: `name: () => import("./name.ts")`. */
const BENCHMARKS: Record<string, () => Promise<BenchmarkModule>> = {
  sim: () => import("./sim.ts"),
  render: () => import("./render.ts"),
  discord: () => import("./discord.ts"),
  explore: () => import("./explore.ts"),
  store: () => import("./store.ts"),
  load: () => import("./load.ts"),
  live: () => import("./live.ts"),
  startup: () => import("./startup.ts"),
  "race-memory": () => import("./race-memory.ts"),
};

const { values } = parseArgs({ options: { only: { type: "string" }, markdown: { type: "boolean" } } });
const names = values.only ? values.only.split(",").map((name) => name.trim()) : Object.keys(BENCHMARKS);
const unknown = names.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `error: unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHMARKS).join(", ")}`,
  );
  process.exit(2);
}

const results: Record<string, Record<string, unknown>> = {};
for (const name of names) {
  const load = BENCHMARKS[name] as () => Promise<BenchmarkModule>;
  results[name] = await (await load()).run();
}

const cpus = os.cpus();
const report = {
  machine: {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    // Timings on a shared machine swing with its load; read them together.
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  },
  date: new Date().toISOString(),
  results,
};
console.log(JSON.stringify(report, null, 2));
if (values.markdown) writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), toMarkdown(report));
