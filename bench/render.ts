// Rendering: cold (first in process) and warm medians per image kind, cached fetches from memory and
// disk, and the same formula through mathjax-node (MathJax 2, the library the original design named).
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../src/core/logger.ts";
import { renderFormula } from "../src/core/render/formula.ts";
import { createRenderer } from "../src/core/render/index.ts";
import { typeset } from "../src/core/render/latex.ts";
import { resolveSpec } from "../src/core/render/spec.ts";
import type { VisualSpec } from "../src/core/render/types.ts";
import { drawVisual } from "../src/core/render/visual.ts";

const FORMULA = String.raw`\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat v_t} + \epsilon}\,\hat m_t`;
const SPECS: Record<"chart" | "map" | "race", VisualSpec> = {
  chart: { kind: "chart", function: "rosenbrock", optimizers: ["gd", "momentum", "adam"], steps: 200 },
  map: { kind: "map", function: "saddle", optimizers: ["gd", "adagrad", "rmsprop", "adam"], steps: 200 },
  race: { kind: "race", function: "beale", optimizers: ["momentum", "nesterov", "adam"], steps: 200 },
};
/** The targets for warm renders on the 2-core machine, in ms. */
const TARGETS_MS = { formula: 15, chart: 50, map: 150, race: 2000, cachedFetch: 1 };
const REPEATS = { formula: 30, chart: 15, map: 10, race: 3, fetch: 200 };

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

/** mathjax-node's own cold and warm time for the same formula to SVG, or why it could not run. */
async function mathjaxNode(): Promise<{ coldMs: number; warmMedianMs: number } | { error: string }> {
  try {
    const mjnode = createRequire(import.meta.url)("mathjax-node") as {
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

export async function run(): Promise<Record<string, unknown>> {
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
      targetsMs: TARGETS_MS,
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
