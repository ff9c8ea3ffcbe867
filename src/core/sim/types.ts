import type { LearningRateSchedule } from "./schedules.ts";

/** Identifiers of the optimizers the simulator runs, in lesson order (adamw is an extra). */
export const OPTIMIZER_IDS = [
  "gd",
  "momentum",
  "nesterov",
  "adagrad",
  "rmsprop",
  "adadelta",
  "adam",
  "adamw",
] as const;
export type OptimizerId = (typeof OPTIMIZER_IDS)[number];

/** Identifiers of the 2-D test functions. */
export const FUNCTION_IDS = [
  "quadratic",
  "rosenbrock",
  "beale",
  "saddle",
  "himmelblau",
  "rastrigin",
] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];

export type Point = [x: number, y: number];

/** Every hyperparameter any optimizer reads; each optimizer uses a subset. */
export interface Hyperparameters {
  lr: number;
  /** γ for momentum and nesterov. */
  momentum: number;
  /** ρ, the decay of RMSprop and Adadelta. */
  rho: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** AdamW's decoupled weight decay λ. */
  weightDecay: number;
}

/** Why a run ended before its last step. */
export type StopReason =
  /** A non-finite value or |f| > 1e12. */
  | "diverged"
  /** f < −1e6 on a function unbounded below (the saddle). */
  | "unbounded";

/** One optimizer's run on one test function. */
export interface Trajectory {
  optimizer: OptimizerId;
  function: FunctionId;
  /** The hyperparameters this optimizer actually used (only the ones it reads). */
  hyperparameters: Partial<Hyperparameters> & { lr: number };
  /** points[0] is the start, points[k] the position after k steps. */
  points: Point[];
  /** loss[k] = f(points[k]). */
  loss: number[];
  diverged: boolean;
  /** Set when the run ended early: why, and after which step. */
  stopped?: { reason: StopReason; step: number };
}

/**
 * An optimizer's whole state between steps, as plain numbers so the hot loop allocates nothing.
 * Accumulator slots are shared: `a` holds v (momentum, nesterov), G (adagrad), E[g²] (rmsprop,
 * adadelta) or m (adam, adamw); `b` holds E[Δ²] (adadelta) or v (adam, adamw).
 */
export interface OptimizerState {
  /** Position θ = (x, y). */
  x: number;
  y: number;
  /** Steps taken so far (Adam's t after its step). */
  t: number;
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

/** Writes ∇f(x, y) into `out` (no allocation); `out` may be reused between calls. */
export type GradientInto = (x: number, y: number, out: Point) => void;

/**
 * One update. Pure: reads `state`, writes the next state into `out` (a fresh object when omitted;
 * `out` may be `state` itself for an in-place, allocation-free step) and returns `out`.
 */
export type OptimizerStep = (
  state: Readonly<OptimizerState>,
  grad: GradientInto,
  hp: Readonly<Hyperparameters>,
  out?: OptimizerState,
) => OptimizerState;

/** What the lessons, the CLI and the renderer know about one optimizer. */
export interface OptimizerInfo {
  id: OptimizerId;
  /** Display name, e.g. "SGD with momentum". */
  name: string;
  /** The hyperparameters its rule reads (always including "lr"). */
  uses: (keyof Hyperparameters)[];
  /** Defaults for the hyperparameters it reads, as in PyTorch's torch.optim where it has one (lr: see DEFAULT_LR). */
  defaults: Partial<Hyperparameters>;
  /** The update rule, one LaTeX line per statement, in the order the code runs them (g = ∇f(θ)). */
  latex: string[];
  step: OptimizerStep;
}

/** A 2-D test surface with everything a lesson needs to draw and run it. */
export interface TestFunction {
  id: FunctionId;
  title: string;
  /** f(x, y) in LaTeX. */
  latex: string;
  f(x: number, y: number): number;
  /** ∇f as a new Point (convenient); `gradInto` is the allocation-free form the simulator uses. */
  grad(x: number, y: number): Point;
  gradInto: GradientInto;
  /** Default start: chosen so the optimizers' differences show. */
  start: Point;
  /** Plot window. */
  bounds: { x: [number, number]; y: [number, number] };
  /** Global minima (every one for himmelblau); empty for the saddle. */
  minima: Point[];
  /** True for the saddle: f → −∞, so runs stop at SIM_LIMITS.unboundedBelow. */
  unboundedBelow: boolean;
}

/** What `simulate` needs; missing hyperparameters come from the optimizer's defaults and DEFAULT_LR. */
export interface SimulationRequest {
  optimizer: OptimizerId;
  fn: FunctionId;
  steps: number;
  start?: Point;
  hyperparameters?: Partial<Hyperparameters>;
  /** Varies lr from step to step (warm-up, step or cosine decay); lr is the base rate η₀. */
  schedule?: LearningRateSchedule;
  /**
   * Stop once f falls below SIM_LIMITS.unboundedBelow on an unbounded function (default true: a picture
   * or race has shown the escape by then). The `simulate` CLI passes false: its data runs every step
   * unless the run diverges.
   */
  stopWhenUnbounded?: boolean;
}
