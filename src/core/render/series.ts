import { OPTIMIZERS } from "../sim/index.ts";
import type { Trajectory } from "../sim/types.ts";
import {
  anonymousLabel,
  OPTIMIZER_COLORS,
  OPTIMIZER_DASHES,
  OPTIMIZER_MARKERS,
  type PointStyleName,
} from "./palette.ts";

/** One optimizer's run with how to draw it. */
export interface Series {
  trajectory: Trajectory;
  /** Legend label: the display name, or A, B, C… for anonymous images. */
  label: string;
  /** Short label for footers: the optimizer id or the letter. */
  shortLabel: string;
  colour: string;
  dash: number[];
  marker: { style: PointStyleName; rotation: number };
}

/** Pairs each trajectory with its colour, dash, marker and label. */
export function toSeries(trajectories: Trajectory[], anonymous = false): Series[] {
  return trajectories.map((trajectory, index) => {
    const id = trajectory.optimizer;
    const name = anonymous ? anonymousLabel(index) : OPTIMIZERS[id].name;
    const ending = trajectory.diverged ? " (diverged)" : trajectory.stopped ? " (ran off to −∞)" : "";
    return {
      trajectory,
      label: `${name}${ending}`,
      shortLabel: anonymous ? anonymousLabel(index) : id,
      colour: OPTIMIZER_COLORS[id],
      dash: OPTIMIZER_DASHES[id],
      marker: OPTIMIZER_MARKERS[id],
    };
  });
}

/** At most `limit` evenly spaced indices of an array of `length`, always keeping the last. */
export function thinIndices(length: number, limit: number): number[] {
  if (length <= limit) return Array.from({ length }, (_, i) => i);
  const stride = (length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => Math.round(i * stride));
}
