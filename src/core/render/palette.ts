import type { OptimizerId } from "../sim/types.ts";

/**
 * One colour per optimizer in every chart, map and race: the Okabe–Ito palette, which stays
 * distinguishable under the common colour-vision deficiencies (and reads on a light card).
 */
export const OPTIMIZER_COLORS: Readonly<Record<OptimizerId, string>> = {
  gd: "#000000",
  momentum: "#E69F00",
  nesterov: "#56B4E9",
  adagrad: "#009E73",
  rmsprop: "#CC79A7",
  adadelta: "#0072B2",
  adam: "#D55E00",
  adamw: "#8C6D1F",
};

/** Dash pattern per optimizer (canvas setLineDash), so lines differ by more than hue. */
export const OPTIMIZER_DASHES: Readonly<Record<OptimizerId, number[]>> = {
  gd: [],
  momentum: [10, 4],
  nesterov: [3, 3],
  adagrad: [],
  rmsprop: [10, 4, 3, 4],
  adadelta: [6, 6],
  adam: [],
  adamw: [2, 5],
};

/** Legend names for anonymous images ("which optimizer drew path B?"), in `optimizers` order. */
export function anonymousLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Light card and ink colours shared by every image (readable on Discord's dark and light themes). */
export const CARD = { background: "#FFFFFF", ink: "#1F2328", muted: "#57606A", border: "#D0D7DE" } as const;

/** Marker shape per optimizer (Chart.js point styles), a third cue besides colour and dash. */
export const OPTIMIZER_MARKERS: Readonly<Record<OptimizerId, { style: PointStyleName; rotation: number }>> = {
  gd: { style: "circle", rotation: 0 },
  momentum: { style: "rect", rotation: 0 },
  nesterov: { style: "triangle", rotation: 0 },
  adagrad: { style: "rectRot", rotation: 0 },
  rmsprop: { style: "star", rotation: 0 },
  adadelta: { style: "rectRounded", rotation: 0 },
  adam: { style: "triangle", rotation: 180 },
  adamw: { style: "cross", rotation: 0 },
};

/** Chart.js's built-in point styles used here. */
export type PointStyleName =
  | "circle"
  | "rect"
  | "triangle"
  | "rectRot"
  | "star"
  | "rectRounded"
  | "cross"
  | "crossRot";

/** Colours of the batch lesson's three modes (Okabe–Ito, as the optimizers). */
export const BATCH_MODE_COLORS = { batch: "#0072B2", sgd: "#E69F00", minibatch: "#009E73" } as const;

/** Colours of the schedules lesson's three runs (Okabe–Ito, as the optimizers). */
export const SCHEDULE_COLORS = { constant: "#E69F00", step: "#0072B2", cosine: "#009E73" } as const;

/**
 * Styles for anonymous paths ("which optimizer drew path B?"): colours, dashes and markers that no
 * optimizer uses, dealt out per question, so a path's look says nothing about who drew it.
 */
export const NEUTRAL_STYLES = {
  // Paul Tol's "muted" scheme (colour-blind safe), none of them an optimizer's Okabe–Ito colour.
  colours: ["#332288", "#117733", "#882255", "#44AA99"],
  dashes: [
    [14, 4],
    [4, 2],
    [7, 3, 1, 3],
    [1, 3],
  ],
  markers: [
    { style: "triangle", rotation: 90 },
    { style: "triangle", rotation: 270 },
    { style: "crossRot", rotation: 0 },
  ],
} as const satisfies {
  colours: string[];
  dashes: number[][];
  markers: { style: PointStyleName; rotation: number }[];
};
