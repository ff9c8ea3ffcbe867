import { OPTIMIZERS } from "../sim/index.ts";
import type { Trajectory } from "../sim/types.ts";
import { formatNumber } from "./footer.ts";
import {
  anonymousLabel,
  NEUTRAL_STYLES,
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
  /** Drawn for "which optimizer drew this path?": nothing may hint at the optimizer. */
  anonymous: boolean;
  colour: string;
  dash: number[];
  marker: { style: PointStyleName; rotation: number };
}

/** "η 0.45" or "η 0.6, γ 0.45": the rates an optimizer's path was drawn at. */
export function rateLabel(trajectory: Trajectory): string {
  const { lr, momentum } = trajectory.hyperparameters;
  return `η ${formatNumber(lr)}${momentum === undefined ? "" : `, γ ${formatNumber(momentum)}`}`;
}

/**
 * Pairs each trajectory with its colour, dash, marker and label. Named series carry their
 * optimizer's style and rates; anonymous ones (A, B, C…) get neutral styles dealt by `deal`, a
 * per-question number, so neither look nor label hints at the optimizer.
 */
export function toSeries(trajectories: Trajectory[], anonymous = false, deal = 0): Series[] {
  return trajectories.map((trajectory, index) => {
    const id = trajectory.optimizer;
    const ending = trajectory.diverged ? " (diverged)" : trajectory.stopped ? " (ran off to −∞)" : "";
    if (anonymous) {
      const pick = <T>(pool: readonly T[], turn: number) => pool[(index + turn) % pool.length] as T;
      return {
        trajectory,
        label: `${anonymousLabel(index)}${ending}`,
        shortLabel: anonymousLabel(index),
        anonymous: true,
        colour: pick(NEUTRAL_STYLES.colours, deal),
        dash: [...pick(NEUTRAL_STYLES.dashes, deal >> 2)],
        marker: pick(NEUTRAL_STYLES.markers, deal >> 4),
      };
    }
    return {
      trajectory,
      label: `${OPTIMIZERS[id].name} (${rateLabel(trajectory)})${ending}`,
      shortLabel: id,
      anonymous: false,
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
