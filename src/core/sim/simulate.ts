import { TEST_FUNCTIONS } from "./functions.ts";
import { DEFAULT_LR } from "./learning-rates.ts";
import { createState, OPTIMIZERS } from "./optimizers.ts";
import { learningRateAt } from "./schedules.ts";
import type {
  FunctionId,
  Hyperparameters,
  OptimizerId,
  Point,
  SimulationRequest,
  Trajectory,
} from "./types.ts";

/** Hard limits of a run: longest run, divergence threshold, and where the unbounded saddle stops. */
export const SIM_LIMITS = { maxSteps: 100_000, divergeAbove: 1e12, unboundedBelow: -1e6 } as const;

/** Values for hyperparameters an optimizer has no PyTorch default for (it then ignores them). */
const FALLBACK_HYPERPARAMETERS: Omit<Hyperparameters, "lr"> = {
  momentum: 0.9,
  rho: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
};

/** Every hyperparameter for `optimizer` on `fn`: overrides, else DEFAULT_LR (lr) and the optimizer's defaults. */
export function resolveHyperparameters(
  optimizer: OptimizerId,
  fn: FunctionId,
  overrides: Partial<Hyperparameters> = {},
): Hyperparameters {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return {
    ...FALLBACK_HYPERPARAMETERS,
    ...OPTIMIZERS[optimizer].defaults,
    lr: DEFAULT_LR[fn][optimizer],
    ...defined,
  };
}

/** Only the hyperparameters `optimizer` reads, for reports and JSON. */
export function usedHyperparameters(
  optimizer: OptimizerId,
  hp: Hyperparameters,
): Partial<Hyperparameters> & { lr: number } {
  const used: Partial<Hyperparameters> & { lr: number } = { lr: hp.lr };
  for (const key of OPTIMIZERS[optimizer].uses) used[key] = hp[key];
  return used;
}

/**
 * Runs one optimizer on one test function. The run stops early when f is non-finite or |f| exceeds
 * SIM_LIMITS.divergeAbove (diverged; that step's point is not recorded, so points end at the last
 * finite one), or (unless `stopWhenUnbounded` is false) when f falls below SIM_LIMITS.unboundedBelow
 * on an unbounded function (that point is recorded). `stopped.step` is the step that triggered the
 * stop. With a `schedule`, step k runs at learningRateAt(lr, schedule, k); the trajectory reports the
 * base lr.
 */
export function simulate(request: SimulationRequest): Trajectory {
  const { optimizer, fn, steps, stopWhenUnbounded = true } = request;
  if (!Number.isInteger(steps) || steps < 0 || steps > SIM_LIMITS.maxSteps) {
    throw new RangeError(`steps must be an integer from 0 to ${SIM_LIMITS.maxSteps}, got ${steps}`);
  }
  const surface = TEST_FUNCTIONS[fn];
  const step = OPTIMIZERS[optimizer].step;
  const hp = resolveHyperparameters(optimizer, fn, request.hyperparameters);
  const start = request.start ?? surface.start;
  const state = createState(start);
  const gradInto = surface.gradInto;
  const points: Point[] = [[start[0], start[1]]];
  const loss: number[] = [surface.f(start[0], start[1])];
  const trajectory: Trajectory = {
    optimizer,
    function: fn,
    hyperparameters: usedHyperparameters(optimizer, hp),
    points,
    loss,
    diverged: false,
  };

  const base = hp.lr;
  for (let k = 1; k <= steps; k++) {
    if (request.schedule) hp.lr = learningRateAt(base, request.schedule, k);
    step(state, gradInto, hp, state);
    const value = surface.f(state.x, state.y);
    if (!Number.isFinite(value) || Math.abs(value) > SIM_LIMITS.divergeAbove) {
      trajectory.diverged = true;
      trajectory.stopped = { reason: "diverged", step: k };
      break;
    }
    points.push([state.x, state.y]);
    loss.push(value);
    if (stopWhenUnbounded && surface.unboundedBelow && value < SIM_LIMITS.unboundedBelow) {
      trajectory.stopped = { reason: "unbounded", step: k };
      break;
    }
  }
  return trajectory;
}
