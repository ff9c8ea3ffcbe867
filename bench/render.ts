// Rendering: cold (first in process) and warm medians per image kind, cached fetches from memory and
// disk, and the same formula through mathjax-node (MathJax 2, the library the original design named).
// Then the main thread during races drawn inline vs on the worker pool (event-loop delay, wall time),
// and memory of a process that drew every kind, inline vs pool (each in a fresh child process).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { silentLogger } from "../src/core/logger.ts";
import { createRenderer } from "../src/core/render/index.ts";
import { resolveSpec } from "../src/core/render/spec.ts";
import type { VisualSpec } from "../src/core/render/types.ts";

const FORMULA = String.raw`\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat v_t} + \epsilon}\,\hat m_t`;
const SPECS: Record<"chart" | "map" | "race", VisualSpec> = {
  chart: { kind: "chart", function: "rosenbrock", optimizers: ["gd", "momentum", "adam"], steps: 200 },
  map: { kind: "map", function: "saddle", optimizers: ["gd", "adagrad", "rmsprop", "adam"], steps: 200 },
  // The race: 3 optimizers, 300 steps, 60 frames.
  race: { kind: "race", function: "beale", optimizers: ["momentum", "nesterov", "adam"], steps: 300 },
};
/** The targets for warm renders on the 2-core machine, in ms. */
const TARGETS_MS = { formula: 15, chart: 50, map: 150, race: 400, cachedFetch: 1 };
const REPEATS = { formula: 30, chart: 15, map: 10, race: 9, fetch: 200 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function timeMs(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function coldAndWarm(
  work: () => unknown,
  repeats: number,
): Promise<{ coldMs: number; warmMedianMs: number }> {
  const coldMs = await timeMs(work);
  const warm: number[] = [];
  for (let i = 0; i < repeats; i++) warm.push(await timeMs(work));
  return { coldMs: round(coldMs), warmMedianMs: round(median(warm)) };
}

/** The baseline's own package (not Descent's dependency): installed by its lock file on first use. */
const BASELINE_DIR = fileURLToPath(new URL("./baseline/", import.meta.url));

function installBaselineOnce(): void {
  if (existsSync(join(BASELINE_DIR, "node_modules", "mathjax-node"))) return;
  process.stderr.write("bench: installing the mathjax-node baseline into bench/baseline (first run only)\n");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: BASELINE_DIR, stdio: ["ignore", 2, 2] });
}

/** mathjax-node's own cold and warm time for the same formula to SVG, or why it could not run. */
async function mathjaxNode(): Promise<{ coldMs: number; warmMedianMs: number } | { error: string }> {
  try {
    installBaselineOnce();
    const mjnode = createRequire(join(BASELINE_DIR, "package.json"))("mathjax-node") as {
      config(options: object): void;
      start(): void;
      typeset(options: object): Promise<{ svg: string }>;
    };
    mjnode.config({ MathJax: { SVG: { font: "TeX" } } });
    mjnode.start();
    return await coldAndWarm(
      () => mjnode.typeset({ math: FORMULA, format: "TeX", svg: true }),
      REPEATS.formula,
    );
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Races drawn one after another, then this many at once, per mode. */
const LOOP_RACES = { sequential: 3, concurrent: 3 };
const ms = (ns: number) => round(ns / 1e6);

/** A race nobody has drawn yet in this run (the cache must miss). */
let raceSerial = 0;
const freshRace = (): VisualSpec => ({ ...SPECS.race, steps: 150 + raceSerial++ });

/** Event-loop delay and wall time while races render, drawn inline (0 workers) or on the pool. */
async function mainThreadDuringRaces(workers: number): Promise<Record<string, unknown>> {
  const cacheDir = await mkdtemp(join(tmpdir(), "descent-bench-loop-"));
  const renderer = createRenderer({ cacheDir, logger: silentLogger(), workers });
  try {
    // Warm-up: the worker's start-up and first-use costs are not what this measures.
    await renderer.formula("x");
    await renderer.visual(freshRace());
    const measure = async (work: () => Promise<unknown>) => {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const wallMs = await timeMs(work);
      delay.disable();
      return {
        wallMs: round(wallMs),
        loopDelayP99Ms: ms(delay.percentile(99)),
        loopDelayMaxMs: ms(delay.max),
      };
    };
    const times: number[] = [];
    const sequential = await measure(async () => {
      for (let i = 0; i < LOOP_RACES.sequential; i++)
        times.push(await timeMs(() => renderer.visual(freshRace())));
    });
    const concurrent = await measure(() =>
      Promise.all(Array.from({ length: LOOP_RACES.concurrent }, () => renderer.visual(freshRace()))),
    );
    return {
      workers,
      raceMedianMs: round(median(times)),
      [`${LOOP_RACES.sequential}RacesInTurn`]: sequential,
      [`${LOOP_RACES.concurrent}RacesAtOnce`]: concurrent,
    };
  } finally {
    await renderer.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** In a fresh process: draw one of each kind with `workers`, print the process's memory as JSON. */
async function memoryProbe(workers: number): Promise<void> {
  const cacheDir = await mkdtemp(join(tmpdir(), "descent-bench-memory-"));
  const renderer = createRenderer({ cacheDir, logger: silentLogger(), workers });
  await renderer.formula(FORMULA);
  for (const spec of Object.values(SPECS)) await renderer.visual(spec);
  const { rss, heapUsed } = process.memoryUsage();
  await renderer.close();
  await rm(cacheDir, { recursive: true, force: true });
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  console.log(JSON.stringify({ workers, rssMiB: mib(rss), mainHeapUsedMiB: mib(heapUsed) }));
}

/** Runs memoryProbe in a child process (so each mode starts from nothing) and returns its JSON. */
function memoryOf(workers: number): unknown {
  const tsx = import.meta.resolve("tsx");
  const output = execFileSync(
    process.execPath,
    ["--import", tsx, fileURLToPath(import.meta.url), "--memory-probe", String(workers)],
    { encoding: "utf8" },
  );
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
}

const probeFlag = process.argv.indexOf("--memory-probe");
if (process.argv[1] === fileURLToPath(import.meta.url) && probeFlag > 0) {
  await memoryProbe(Number(process.argv[probeFlag + 1]));
}

export async function run(): Promise<Record<string, unknown>> {
  // Loaded here, not at the top: the memory probe's pool mode must not load the drawing code itself.
  const { renderFormula } = await import("../src/core/render/formula.ts");
  const { typeset } = await import("../src/core/render/latex.ts");
  const { drawVisual } = await import("../src/core/render/visual.ts");
  const cacheDir = await mkdtemp(join(tmpdir(), "descent-bench-render-"));
  try {
    const formulaSvg = await coldAndWarm(() => typeset(FORMULA), REPEATS.formula);
    const formula = await coldAndWarm(() => renderFormula(FORMULA), REPEATS.formula);
    const visuals: Record<string, unknown> = {};
    const sizes: Record<string, number> = {};
    for (const [kind, spec] of Object.entries(SPECS) as [keyof typeof SPECS, VisualSpec][]) {
      const resolved = resolveSpec(spec);
      visuals[kind] = await coldAndWarm(() => {
        sizes[kind] = drawVisual(resolved).bytes.length;
      }, REPEATS[kind]);
    }

    const renderer = createRenderer({ cacheDir, logger: silentLogger() });
    await renderer.visual(SPECS.map);
    const memory: number[] = [];
    for (let i = 0; i < REPEATS.fetch; i++) memory.push(await timeMs(() => renderer.visual(SPECS.map)));
    const disk: number[] = [];
    for (let i = 0; i < REPEATS.fetch / 4; i++) {
      const fresh = createRenderer({ cacheDir, logger: silentLogger() });
      disk.push(await timeMs(() => fresh.visual(SPECS.map)));
    }

    const legacy = await mathjaxNode();
    const inline = await mainThreadDuringRaces(0);
    const pool = await mainThreadDuringRaces(1);
    return {
      formula: { ...formula, svgOnly: formulaSvg, latex: FORMULA },
      ...visuals,
      bytes: sizes,
      cachedFetch: { memoryMedianMs: round(median(memory)), diskMedianMs: round(median(disk)) },
      mathjaxNode: {
        formulaToSvg: legacy,
        ...("warmMedianMs" in legacy
          ? {
              warmRatioVsMathjaxFull: round(legacy.warmMedianMs / formulaSvg.warmMedianMs),
              coldRatioVsMathjaxFull: round(legacy.coldMs / formulaSvg.coldMs),
            }
          : {}),
      },
      mainThreadDuringRaces: { inline, pool },
      memoryAfterOneOfEachKind: { inline: memoryOf(0), pool: memoryOf(1) },
      targetsMs: TARGETS_MS,
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
