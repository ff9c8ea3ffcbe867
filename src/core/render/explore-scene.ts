import { z } from "zod";
import {
  createState,
  FUNCTION_IDS,
  type Hyperparameters,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  type OptimizerId,
  type Point,
  resolveHyperparameters,
  simulate,
  TEST_FUNCTIONS,
  type Trajectory,
} from "../sim/index.ts";
import { RenderError } from "./errors.ts";
import { formatNumber } from "./footer.ts";
import { VISUAL_LIMITS } from "./spec.ts";
import type { ExploreSpec } from "./types.ts";

export type { ExploreSpec } from "./types.ts";

/**
 * /explore's picture as plain data: one optimizer's path (and optionally a second one to compare),
 * a marker at one step, and the arrows drawn there. Pure and cheap (a few hundred simulated steps),
 * so the command reads its numbers and the renderer draws it from the same spec.
 */

/** Steps every explore path runs: the lessons' map length, short enough to step through. */
export const EXPLORE_STEPS = 200;
/** "Converged" for the readout: the first step with loss below this. */
export const EXPLORE_TARGET_LOSS = 1e-3;

/** The one knob an optimizer has besides η, turned over a ladder of sensible values. */
export interface ExploreKnob {
  key: keyof Pick<Hyperparameters, "momentum" | "beta1" | "rho">;
  symbol: string;
  ladder: readonly number[];
}

const GAMMA: ExploreKnob = {
  key: "momentum",
  symbol: "γ",
  ladder: [0, 0.25, 0.45, 0.6, 0.75, 0.9, 0.95, 0.99],
};
const BETA1: ExploreKnob = { key: "beta1", symbol: "β₁", ladder: [0, 0.5, 0.75, 0.9, 0.95, 0.99] };
const RHO: ExploreKnob = { key: "rho", symbol: "ρ", ladder: [0.5, 0.75, 0.9, 0.95, 0.99, 0.999] };

/** Which knob each optimizer turns (none for GD and Adagrad). */
export const EXPLORE_KNOBS: Readonly<Partial<Record<OptimizerId, ExploreKnob>>> = {
  momentum: GAMMA,
  nesterov: GAMMA,
  rmsprop: RHO,
  adadelta: RHO,
  adam: BETA1,
  adamw: BETA1,
};

/** The ladder position of the optimizer's default knob value (nearest rung for any other value). */
export function knobIndexOf(optimizer: OptimizerId, value?: number): number {
  const knob = EXPLORE_KNOBS[optimizer];
  if (!knob) return 0;
  const target = value ?? OPTIMIZERS[optimizer].defaults[knob.key] ?? knob.ladder[0] ?? 0;
  let best = 0;
  knob.ladder.forEach((rung, index) => {
    if (Math.abs(rung - target) < Math.abs((knob.ladder[best] ?? 0) - target)) best = index;
  });
  return best;
}

const exploreSpecSchema = z.object({
  function: z.enum(FUNCTION_IDS),
  optimizer: z.enum(OPTIMIZER_IDS),
  lr: z.number().min(VISUAL_LIMITS.minLr).max(VISUAL_LIMITS.maxLr),
  knob: z.number().min(0).max(0.999).optional(),
  compare: z.enum(OPTIMIZER_IDS).optional(),
  start: z.tuple([z.number(), z.number()]).optional(),
  marker: z.number().int().min(0).max(EXPLORE_STEPS),
});

/** Checks a spec crossing into the renderer; throws RenderError ("bad-spec") naming the field. */
export function checkExploreSpec(spec: ExploreSpec): ExploreSpec {
  const parsed = exploreSpecSchema.safeParse(spec);
  if (parsed.success && spec.compare !== spec.optimizer) return spec;
  const issue = parsed.error?.issues[0];
  throw new RenderError(
    `Bad explore ${issue?.path.join(".") || "compare"}: ${issue?.message ?? "compare must differ from optimizer"}`,
    "bad-spec",
  );
}

/** An arrow at the marker, in gradient units (so the two arrows compare), pointing the way θ is pushed. */
export interface ExploreArrow {
  kind: "gradient" | "velocity";
  /** "−∇f", "−v" or "−m̂". */
  label: string;
  from: Point;
  vector: Point;
}

export interface ExploreScene {
  spec: ExploreSpec;
  path: Trajectory;
  comparePath?: Trajectory;
  /** The marker's step, after clamping to the path. */
  marker: number;
  at: Point;
  /** The gradient arrow, then the velocity (or m̂) arrow when the method has one and it is not zero. */
  arrows: ExploreArrow[];
}

/** The run's knob value: the spec's, else the optimizer's default (undefined when it has no knob). */
export function knobValue(spec: Pick<ExploreSpec, "optimizer" | "knob">): number | undefined {
  const knob = EXPLORE_KNOBS[spec.optimizer];
  if (!knob) return undefined;
  return spec.knob ?? knob.ladder[knobIndexOf(spec.optimizer)];
}

function overrides(spec: ExploreSpec): Partial<Hyperparameters> {
  const knob = EXPLORE_KNOBS[spec.optimizer];
  const value = knobValue(spec);
  return { lr: spec.lr, ...(knob && value !== undefined ? { [knob.key]: value } : {}) };
}

/**
 * The optimizer's own memory after `steps` steps, in gradient units: v/η for momentum and Nesterov
 * (v carries η inside), m̂ for Adam and AdamW; undefined for methods without one.
 */
function memoryAfter(spec: ExploreSpec, steps: number): Point | undefined {
  const { optimizer } = spec;
  if (!memoryLabel(optimizer)) return undefined;
  const surface = TEST_FUNCTIONS[spec.function];
  const hp = resolveHyperparameters(optimizer, spec.function, overrides(spec));
  const state = createState(spec.start ?? surface.start);
  // Replays the same kernel simulate() runs, so the state matches the drawn path exactly.
  for (let k = 0; k < steps; k++) OPTIMIZERS[optimizer].step(state, surface.gradInto, hp, state);
  if (optimizer === "momentum" || optimizer === "nesterov") return [state.ax / hp.lr, state.ay / hp.lr];
  if (state.t === 0) return [0, 0];
  const correction = 1 - hp.beta1 ** state.t;
  return [state.ax / correction, state.ay / correction];
}

/** The arrow label of the optimizer's memory: "−v" (momentum, Nesterov), "−m̂" (Adam, AdamW), else none. */
export function memoryLabel(optimizer: OptimizerId): string | undefined {
  if (optimizer === "momentum" || optimizer === "nesterov") return "−v";
  if (optimizer === "adam" || optimizer === "adamw") return "−m̂";
  return undefined;
}

/** Simulates the spec and places the marker and its arrows. */
export function exploreScene(spec: ExploreSpec): ExploreScene {
  const surface = TEST_FUNCTIONS[spec.function];
  const start = spec.start ? { start: spec.start } : {};
  const path = simulate({
    optimizer: spec.optimizer,
    fn: spec.function,
    steps: EXPLORE_STEPS,
    ...start,
    hyperparameters: overrides(spec),
  });
  const comparePath = spec.compare
    ? simulate({ optimizer: spec.compare, fn: spec.function, steps: EXPLORE_STEPS, ...start })
    : undefined;
  const marker = Math.min(spec.marker, path.points.length - 1);
  const at = path.points[marker] as Point;
  const [gx, gy] = surface.grad(at[0], at[1]);
  const arrows: ExploreArrow[] = [{ kind: "gradient", label: "−∇f", from: at, vector: [-gx, -gy] }];
  const memory = memoryAfter(spec, marker);
  const label = memoryLabel(spec.optimizer);
  if (label && memory && (memory[0] !== 0 || memory[1] !== 0) && memory.every(Number.isFinite)) {
    arrows.push({ kind: "velocity", label, from: at, vector: [-memory[0], -memory[1]] });
  }
  return { spec, path, ...(comparePath ? { comparePath } : {}), marker, at, arrows };
}

/** η to three significant digits, never rounded to one (η ÷2 must read as a change: 0.000156, not 2e-4). */
export function formatRate(lr: number): string {
  return String(Number(lr.toPrecision(3)));
}

/** "η 0.05 · γ 0.9" for the main path. */
export function knobsLabel(spec: ExploreSpec): string {
  const knob = EXPLORE_KNOBS[spec.optimizer];
  const value = knobValue(spec);
  return `η ${formatRate(spec.lr)}${knob && value !== undefined ? ` · ${knob.symbol} ${formatNumber(value)}` : ""}`;
}

/** The readout of one run: final loss and when it reached the target, or why it stopped. */
export function outcomeOf(path: Trajectory): string {
  const steps = path.points.length - 1;
  if (path.diverged) return `diverged at step ${path.stopped?.step}`;
  if (path.stopped?.reason === "unbounded")
    return `ran off downhill past f = −1e6 at step ${path.stopped.step} (this function has no minimum)`;
  const reached = path.loss.findIndex((loss) => loss < EXPLORE_TARGET_LOSS);
  const when = reached < 0 ? `not below 1e-3 in ${steps} steps` : `loss < 1e-3 at step ${reached}`;
  return `final loss ${formatNumber(path.loss.at(-1) ?? 0)} · ${when}`;
}

function length([x, y]: Point): number {
  return Math.hypot(x, y);
}

/** Where the marker is and what the arrows say, in words. */
export function markerLabel(scene: ExploreScene): string {
  const [x, y] = scene.at;
  const loss = scene.path.loss[scene.marker] ?? 0;
  const arrows = scene.arrows
    .map((arrow) => `${arrow.label} (length ${formatNumber(length(arrow.vector))})`)
    .join(" and ");
  const label = memoryLabel(scene.spec.optimizer);
  const zero =
    label && !scene.arrows.some((arrow) => arrow.kind === "velocity") ? ` (${label} is still 0)` : "";
  return `step ${scene.marker}/${scene.path.points.length - 1} at (${formatNumber(x)}, ${formatNumber(y)}), f = ${formatNumber(loss)}; arrows: ${arrows}${zero}`;
}

/** Alt text: function, knobs, marker step and readout. */
export function describeExplore(scene: ExploreScene): string {
  const { spec } = scene;
  const name = OPTIMIZERS[spec.optimizer].name;
  const compare = scene.comparePath
    ? ` Compared with ${OPTIMIZERS[scene.comparePath.optimizer].name} at its default η ${formatNumber(scene.comparePath.hyperparameters.lr)}: ${outcomeOf(scene.comparePath)}.`
    : "";
  return `Contour map of ${TEST_FUNCTIONS[spec.function].title} with the path of ${name} (${knobsLabel(spec)}): ${outcomeOf(scene.path)}. Marker at ${markerLabel(scene)}.${compare}`;
}
