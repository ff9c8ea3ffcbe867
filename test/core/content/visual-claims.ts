import { expect } from "vitest";
import {
  createState,
  type FunctionId,
  type Hyperparameters,
  learningRateAt,
  OPTIMIZERS,
  type OptimizerId,
  type Point,
  resolveHyperparameters,
  runScheduleComparison,
  simulate,
} from "../../../src/core/sim/index.ts";

/**
 * Claims behind the lessons' pictures and the questions about them, each checked at exactly the
 * rates the picture or text uses (claims.test.ts runs them with the rest).
 */

const run = (optimizer: OptimizerId, fn: FunctionId, steps: number, hp: Partial<Hyperparameters> = {}) =>
  simulate({ optimizer, fn, steps, hyperparameters: hp });

/** Steps after which the loss stays below `level` for the rest of the run (Infinity if it never does). */
function stepsToStayBelow(loss: number[], level: number): number {
  if (!((loss.at(-1) ?? Number.POSITIVE_INFINITY) < level)) return Number.POSITIVE_INFINITY;
  let k = loss.length - 1;
  while (k > 0 && (loss[k - 1] ?? 0) < level) k--;
  return k;
}

const onBowl = (optimizer: OptimizerId, hp: Partial<Hyperparameters>) => {
  const t = run(optimizer, "quadratic", 2000, hp);
  return t.diverged ? Number.POSITIVE_INFINITY : stepsToStayBelow(t.loss, 1e-3);
};

/** η from 0.005 to `max` in steps of 0.005: fine enough that "best η" means best. */
const fineRates = (max: number) => Array.from({ length: Math.round(max / 0.005) }, (_, i) => 0.005 * (i + 1));

/** "Tuned" in a picture: the lowest final loss over a 1-2-5 grid of η from 1e-4 to 5. */
const GRID = [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];
function bestOnGrid(optimizer: OptimizerId, fn: FunctionId, steps: number): number {
  const finalLoss = (lr: number) => {
    const t = run(optimizer, fn, steps, { lr });
    return t.diverged ? Number.POSITIVE_INFINITY : (t.loss.at(-1) ?? Number.POSITIVE_INFINITY);
  };
  return GRID.reduce((best, lr) => (finalLoss(lr) < finalLoss(best) ? lr : best));
}

/**
 * Steps to stay below 1e-3 on a x² + 2y² (curvatures 2a and 4, κ = 2/a) from (−4.5, 1.5) with
 * GD at its optimal η = 2/(L + μ), or heavy-ball momentum at its optimal η and γ (Polyak).
 */
function tunedStepsOnBowl(kappa: number, optimizer: "gd" | "momentum"): number {
  const [L, mu] = [4, 4 / kappa];
  const grad = (x: number, y: number, out: Point) => {
    out[0] = mu * x;
    out[1] = L * y;
  };
  const [sL, sMu] = [Math.sqrt(L), Math.sqrt(mu)];
  const hp = resolveHyperparameters(
    optimizer,
    "quadratic",
    optimizer === "gd"
      ? { lr: 2 / (L + mu) }
      : { lr: 4 / (sL + sMu) ** 2, momentum: ((sL - sMu) / (sL + sMu)) ** 2 },
  );
  let state = createState([-4.5, 1.5]);
  const loss = [0.5 * (mu * 4.5 ** 2 + L * 1.5 ** 2)];
  for (let k = 0; k < 20 * kappa; k++) {
    state = OPTIMIZERS[optimizer].step(state, grad, hp);
    loss.push(0.5 * (mu * state.x ** 2 + L * state.y ** 2));
  }
  return stepsToStayBelow(loss, 1e-3);
}

const distanceToOne = (t: { points: Point[] }) => {
  const [x, y] = t.points.at(-1) ?? [Number.NaN, Number.NaN];
  return Math.hypot(x - 1, y - 1);
};

/** The rates the Adam and Choosing pictures and the Adam path question use on Rosenbrock. */
const ROSENBROCK_RATES = { gd: 0.002, momentum: 0.002, rmsprop: 0.01, adam: 0.5 } as const;

const tailMean = (values: number[]) => {
  const tail = values.slice(Math.floor(values.length * 0.9));
  return tail.reduce((sum, v) => sum + v, 0) / tail.length;
};

export const VISUAL_CLAIMS: Record<string, () => void> = {
  "momentum-tuned-beats-tuned-gd": () => {
    // GD at η = 0.45 zig-zags (y flips sign every step) and is within a step of its best η.
    const { points } = run("gd", "quadratic", 10, { lr: 0.45 });
    for (let k = 1; k < points.length; k++)
      expect(Math.sign(points[k]?.[1] ?? 0)).toBe(-Math.sign(points[k - 1]?.[1] ?? 0));
    expect(onBowl("gd", { lr: 0.45 })).toBe(41);
    expect(Math.min(...fineRates(0.5).map((lr) => onBowl("gd", { lr })))).toBeGreaterThanOrEqual(40);
    // Momentum at γ = 0.45, η = 0.6: 13 steps, within a step of its best η at that γ.
    expect(onBowl("momentum", { lr: 0.6, momentum: 0.45 })).toBe(13);
    const best = Math.min(...fineRates(1).map((lr) => onBowl("momentum", { lr, momentum: 0.45 })));
    expect(best).toBeGreaterThanOrEqual(12);
  },
  "momentum-sqrt-kappa": () => {
    // Each 10× in κ: tuned GD needs about 10× the steps, tuned momentum about √10 ≈ 3.2×.
    const gd = [20, 200, 2000].map((kappa) => tunedStepsOnBowl(kappa, "gd"));
    const momentum = [20, 200, 2000].map((kappa) => tunedStepsOnBowl(kappa, "momentum"));
    for (const k of [1, 2]) {
      expect((gd[k] ?? 0) / (gd[k - 1] ?? 1)).toBeGreaterThan(8);
      expect((gd[k] ?? 0) / (gd[k - 1] ?? 1)).toBeLessThan(12);
      expect((momentum[k] ?? 0) / (momentum[k - 1] ?? 1)).toBeGreaterThan(2.5);
      expect((momentum[k] ?? 0) / (momentum[k - 1] ?? 1)).toBeLessThan(4.5);
    }
  },
  "momentum-gamma-0-9-on-bowl": () => {
    // γ = 0.9 at its best η needs about 80 steps; the best γ is about 0.4–0.5, near Polyak's 0.40.
    const usual = Math.min(...fineRates(0.5).map((lr) => onBowl("momentum", { lr })));
    expect(usual).toBeGreaterThanOrEqual(70);
    expect(usual).toBeLessThanOrEqual(90);
    const bestFor = (momentum: number) =>
      Math.min(...fineRates(1).map((lr) => onBowl("momentum", { lr, momentum })));
    const gammas = [0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8];
    const steps = gammas.map(bestFor);
    const bestGamma = gammas[steps.indexOf(Math.min(...steps))] ?? 0;
    expect(bestGamma).toBeGreaterThanOrEqual(0.4);
    expect(bestGamma).toBeLessThanOrEqual(0.5);
    const polyak = (kappa: number) => ((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1)) ** 2;
    expect(polyak(20)).toBeCloseTo(0.4, 1);
    expect(polyak(200)).toBeLessThan(0.9);
    expect(polyak(2000)).toBeGreaterThan(0.9);
  },
  "momentum-equal-lr-bigger-steps": () => {
    // At η = 0.05 GD's y never changes sign (no zig-zag), yet momentum finishes far sooner.
    const gd = run("gd", "quadratic", 2000, { lr: 0.05 });
    expect(gd.points.every((p) => p[1] > 0)).toBe(true);
    expect(onBowl("gd", { lr: 0.05 })).toBe(379);
    expect(onBowl("momentum", { lr: 0.05 })).toBe(83);
  },
  "rosenbrock-best-rates": () => {
    for (const [optimizer, lr] of Object.entries(ROSENBROCK_RATES))
      expect(bestOnGrid(optimizer as OptimizerId, "rosenbrock", 1000), optimizer).toBe(lr);
  },
  "rosenbrock-tuned-outcome": () => {
    const end = (optimizer: keyof typeof ROSENBROCK_RATES) =>
      distanceToOne(run(optimizer, "rosenbrock", 1000, { lr: ROSENBROCK_RATES[optimizer] }));
    expect(end("adam")).toBeLessThan(0.01);
    expect(end("momentum")).toBeLessThan(0.01);
    expect(end("rmsprop")).toBeGreaterThan(0.2);
    expect(end("gd")).toBeGreaterThan(end("rmsprop"));
  },
  "saddle-paths-differ": () => {
    const start: Point = [-1, 0.001];
    const path = (optimizer: OptimizerId) =>
      simulate({ optimizer, fn: "saddle", steps: 40, start, hyperparameters: { lr: 0.05 } }).points;
    // RMSprop's first step: 10η = 0.5 in each coordinate (ρ = 0.99).
    const [, rms] = path("rmsprop");
    expect(Math.abs((rms?.[0] ?? 0) - start[0])).toBeCloseTo(0.5, 3);
    expect(Math.abs((rms?.[1] ?? 0) - start[1])).toBeCloseTo(0.5, 3);
    // Adagrad: steps that only shrink, on a nearly straight line up and away from the ridge.
    const adagrad = path("adagrad");
    const length = (k: number) =>
      Math.hypot(
        (adagrad[k]?.[0] ?? 0) - (adagrad[k - 1]?.[0] ?? 0),
        (adagrad[k]?.[1] ?? 0) - (adagrad[k - 1]?.[1] ?? 0),
      );
    for (let k = 2; k <= 40; k++) expect(length(k)).toBeLessThan(length(k - 1));
    for (let k = 1; k <= 40; k++) {
      const slope = ((adagrad[k]?.[1] ?? 0) - start[1]) / ((adagrad[k]?.[0] ?? 0) - start[0]);
      expect(slope).toBeGreaterThan(0.99);
      expect(slope).toBeLessThan(1.7);
    }
    // Momentum rides the ridge past x = 0 while y is still tiny.
    expect(path("momentum").some((p) => p[0] > 0.3 && Math.abs(p[1]) < 0.05)).toBe(true);
  },
  "schedule-decay-settles": () => {
    const comparison = runScheduleComparison();
    const gap = (name: string) =>
      (comparison.runs.find((r) => r.name === name)?.lossPerUpdate ?? []).map((l) => l - comparison.bestLoss);
    expect(tailMean(gap("constant"))).toBeGreaterThan(3e-3);
    expect(tailMean(gap("constant"))).toBeLessThan(5e-3);
    expect(gap("step").at(-1)).toBeGreaterThan(3e-4);
    expect(gap("step").at(-1)).toBeLessThan(5e-4);
    expect(gap("cosine").at(-1)).toBeLessThan(1e-5);
    const step = comparison.runs.find((r) => r.name === "step");
    expect(step?.rates.at(-1)).toBeCloseTo(0.005, 12);
  },
  "schedule-noise-grows-with-lr": () => {
    const floor = (lr: number) => {
      const comparison = runScheduleComparison({ lr });
      const constant = comparison.runs.find((r) => r.name === "constant")?.lossPerUpdate ?? [];
      return tailMean(constant.map((l) => l - comparison.bestLoss));
    };
    const floors = [0.05, 0.2, 0.5, 1].map(floor);
    for (let k = 1; k < floors.length; k++) expect(floors[k]).toBeGreaterThan(floors[k - 1] ?? 0);
    expect(floors[0]).toBeCloseTo(2e-4, 4);
    expect(floors[2]).toBeCloseTo(4e-3, 3);
  },
  "schedule-step-drops": () => {
    // Epoch 65 counted from 0 is update 66 with one update per epoch.
    const schedule = { decay: "step", every: 30, factor: 0.1 } as const;
    expect(learningRateAt(0.1, schedule, 66)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(0.1, schedule, 60)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(0.1, schedule, 61)).toBeCloseTo(0.001, 12);
  },
  "schedule-cosine-half": () => {
    const schedule = { decay: "cosine", total: 100 } as const;
    expect(learningRateAt(0.1, schedule, 51)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(0.1, schedule, 1)).toBeCloseTo(0.1, 12);
  },
};
