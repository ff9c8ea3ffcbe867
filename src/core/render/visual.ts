import type { ReplyImage } from "../reply.ts";
import { runBatchComparison, simulate, TEST_FUNCTIONS } from "../sim/index.ts";
import { drawBatchComparison } from "./batch.ts";
import { CHART_SIZE, drawConvergenceChart } from "./chart.ts";
import { describeBatch, describeChart, describeMap } from "./describe.ts";
import { reproductionFooter } from "./footer.ts";
import { clampAlt } from "./formula.ts";
import { drawTrajectoryMap, MAP_SIZE } from "./map.ts";
import { drawRace, RACE_SIZE } from "./race.ts";
import { toSeries } from "./series.ts";
import type { ResolvedSpec } from "./spec.ts";

/** Simulates a resolved spec and draws it: chart/map/batch as PNG, race as GIF. */
export function drawVisual(spec: ResolvedSpec): ReplyImage {
  if (spec.kind === "batch") {
    const comparison = runBatchComparison();
    const image = drawBatchComparison(comparison);
    return { ...image, fileName: "batch-vs-sgd.png", alt: clampAlt(describeBatch(comparison)) };
  }
  const surface = TEST_FUNCTIONS[spec.function];
  const trajectories = spec.optimizers.map((optimizer) =>
    simulate({
      optimizer,
      fn: spec.function,
      steps: spec.steps,
      ...(spec.start ? { start: spec.start } : {}),
      ...(spec.lr === undefined ? {} : { hyperparameters: { lr: spec.lr } }),
    }),
  );
  const series = toSeries(trajectories, spec.anonymous);
  const footer = reproductionFooter(
    spec.function,
    trajectories,
    series.map((s) => s.shortLabel),
    spec.steps,
  );
  const title = surface.title;
  switch (spec.kind) {
    case "chart":
      return {
        bytes: drawConvergenceChart(series, title, footer),
        ...CHART_SIZE,
        fileName: `${spec.function}-chart.png`,
        alt: clampAlt(describeChart(surface, series, spec.steps)),
      };
    case "map":
      return {
        bytes: drawTrajectoryMap(surface, series, title, footer),
        ...MAP_SIZE,
        fileName: `${spec.function}-map.png`,
        alt: clampAlt(describeMap(surface, series, spec.steps, false)),
      };
    case "race":
      return {
        bytes: drawRace(surface, series, spec.steps, `Race on ${title}`, footer),
        ...RACE_SIZE,
        fileName: `${spec.function}-race.gif`,
        alt: clampAlt(describeMap(surface, series, spec.steps, true)),
      };
  }
}
