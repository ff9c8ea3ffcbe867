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
