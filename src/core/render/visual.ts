import { createHash } from "node:crypto";
import type { ReplyImage } from "../reply.ts";
import { runBatchComparison, runScheduleComparison, TEST_FUNCTIONS } from "../sim/index.ts";
import { drawBatchComparison } from "./batch.ts";
import { CHART_SIZE, drawConvergenceChart } from "./chart.ts";
import { describeBatch, describeChart, describeMap, describeSchedules } from "./describe.ts";
import { reproductionFooter } from "./footer.ts";
import { clampAlt } from "./formula.ts";
import { drawTrajectoryMap, MAP_SIZE } from "./map.ts";
import { drawRace, RACE_SIZE } from "./race.ts";
import { drawScheduleComparison } from "./schedule.ts";
import { toSeries } from "./series.ts";
import { type ResolvedSpec, simulateSpec } from "./spec.ts";

/** A number fixed by the spec's content: which neutral styles an anonymous question's paths get. */
function styleDeal(spec: ResolvedSpec): number {
  return createHash("sha256").update(JSON.stringify(spec)).digest().readUInt16BE(0);
}

/**
 * Draws a resolved spec: chart/map/batch/schedule as PNG, race as GIF. `trajectories` are the spec's
 * runs when the caller already simulated them (a race's GIF, chart and standings share one simulation).
 */
export function drawVisual(spec: ResolvedSpec, trajectories = simulateSpec(spec)): ReplyImage {
  if (spec.kind === "batch") {
    const comparison = runBatchComparison();
    const image = drawBatchComparison(comparison);
    return { ...image, fileName: "batch-vs-sgd.png", alt: clampAlt(describeBatch(comparison)) };
  }
  if (spec.kind === "schedule") {
    const comparison = runScheduleComparison();
    const image = drawScheduleComparison(comparison);
    return { ...image, fileName: "lr-schedules.png", alt: clampAlt(describeSchedules(comparison)) };
  }
  const surface = TEST_FUNCTIONS[spec.function];
  const series = toSeries(trajectories, spec.anonymous, styleDeal(spec));
  const footer = reproductionFooter(spec.function, trajectories, spec.steps, spec.anonymous);
  const title = spec.note ? `${surface.title} — ${spec.note}` : surface.title;
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
