import type { FunctionId, OptimizerId } from "./types.ts";

/**
 * The one table of default learning rates: for each surface, a rate at which each optimizer shows its
 * character within ~100–300 steps from the surface's default start, without diverging. Adadelta's
 * PyTorch default is 1.0; it is raised where η = 1 would need ~1,000 steps to arrive.
 */
export const DEFAULT_LR: Record<FunctionId, Record<OptimizerId, number>> = {
  quadratic: {
    gd: 0.4,
    momentum: 0.05,
    nesterov: 0.05,
    adagrad: 0.5,
    rmsprop: 0.05,
    adadelta: 5,
    adam: 0.1,
    adamw: 0.1,
  },
  rosenbrock: {
    gd: 0.002,
    momentum: 0.001,
    nesterov: 0.001,
    adagrad: 1,
    rmsprop: 0.02,
    adadelta: 2,
    adam: 0.2,
    adamw: 0.2,
  },
  beale: {
    gd: 0.01,
    momentum: 0.001,
    nesterov: 0.001,
    adagrad: 1,
    rmsprop: 0.05,
    adadelta: 2,
    adam: 0.1,
    adamw: 0.1,
  },
  saddle: {
    gd: 0.01,
    momentum: 0.002,
    nesterov: 0.002,
    adagrad: 0.05,
    rmsprop: 0.005,
    adadelta: 1,
    adam: 0.01,
    adamw: 0.01,
  },
  himmelblau: {
    gd: 0.002,
    momentum: 0.0005,
    nesterov: 0.0005,
    adagrad: 0.2,
    rmsprop: 0.02,
    adadelta: 1,
    adam: 0.05,
    adamw: 0.05,
  },
  rastrigin: {
    gd: 0.002,
    momentum: 0.02,
    nesterov: 0.002,
    adagrad: 0.5,
    rmsprop: 0.05,
    adadelta: 1,
    adam: 0.1,
    adamw: 0.1,
  },
};
