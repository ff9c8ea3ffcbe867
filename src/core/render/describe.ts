import type { BatchComparison } from "../sim/batch.ts";
import type { ScheduleComparison } from "../sim/schedule-comparison.ts";
import type { Point } from "../sim/types.ts";
import type { Surface } from "./field.ts";
import { formatNumber } from "./footer.ts";
import type { Series } from "./series.ts";

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function point([x, y]: Point): string {
  return `(${formatNumber(x)}, ${formatNumber(y)})`;
}

/** The series whose last loss is lowest among runs that did not diverge. */
function leader(series: Series[]): Series | undefined {
  const finite = series.filter((s) => !s.trajectory.diverged);
  return finite.reduce<Series | undefined>(
    (best, s) => (!best || (s.trajectory.loss.at(-1) ?? 0) < (best.trajectory.loss.at(-1) ?? 0) ? s : best),
    undefined,
  );
}

function outcome(series: Series[]): string {
  // "B ends lowest" would answer "which optimizer drew path B?" for anyone reading the alt text.
  if (series.some((s) => s.anonymous)) return "";
  const best = leader(series);
  const diverged = series.filter((s) => s.trajectory.diverged).map((s) => s.label.replace(/ \(.*\)$/, ""));
  const parts: string[] = [];
  if (best) parts.push(`${best.label} ends lowest at loss ${formatNumber(best.trajectory.loss.at(-1) ?? 0)}`);
  if (diverged.length > 0) parts.push(`${listOf(diverged)} diverged`);
  return parts.join("; ");
}

function ending(series: Series[]): string {
  const text = outcome(series);
  return text ? `; ${text}` : "";
}

/** Alt text for a convergence chart. */
export function describeChart(surface: Surface, series: Series[], steps: number): string {
  return `Line chart of loss against step on ${surface.title} for ${listOf(series.map((s) => s.label))} over ${steps} steps${ending(series)}.`;
}

/** Alt text for a trajectory map (still or animated). */
export function describeMap(surface: Surface, series: Series[], steps: number, animated: boolean): string {
  const start = series[0]?.trajectory.points[0] ?? surface.start;
  const minima =
    surface.minima.length === 0 ? "it has no minimum" : `minimum at ${listOf(surface.minima.map(point))}`;
  const what = animated ? "Animation of the paths of" : `Contour map of ${surface.title} with the paths of`;
  const where = animated ? ` racing on ${surface.title}` : "";
  return `${what} ${listOf(series.map((s) => s.label))}${where} from ${point(start)} over ${steps} steps (${minima})${ending(series)}.`;
}

/** Alt text for the batch comparison chart. */
export function describeBatch(comparison: BatchComparison): string {
  const afterOne = comparison.modes
    .map((run) => `${run.mode} ${formatNumber(run.lossPerEpoch[1] ?? Number.NaN)}`)
    .join(", ");
  return `Two line charts of training loss for full-batch, SGD and mini-batch gradient descent, per update and per epoch, over ${comparison.epochs} epochs; after one epoch the losses are ${afterOne}.`;
}

/** Alt text for the schedules chart. */
export function describeSchedules(comparison: ScheduleComparison): string {
  const gaps = comparison.runs
    .map((run) => `${run.name} ${formatNumber((run.lossPerUpdate.at(-1) ?? 0) - comparison.bestLoss)}`)
    .join(", ");
  return `Two line charts for mini-batch SGD on a noisy objective with a constant learning rate, step decay and warm-up plus cosine decay: the learning rate per update, and the loss above the best possible per update over ${comparison.epochs} epochs; at the end the gaps are ${gaps}.`;
}
