import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../src/core/content/index.ts";
import { mistakeValue } from "../../../src/core/content/mistakes.ts";
import {
  createState,
  type FunctionId,
  type Hyperparameters,
  OPTIMIZERS,
  type OptimizerId,
  type Point,
  resolveHyperparameters,
  runBatchComparison,
  simulate,
  TEST_FUNCTIONS,
} from "../../../src/core/sim/index.ts";
import { VISUAL_CLAIMS } from "./visual-claims.ts";

/** Every behaviour claim a question's answer rests on, checked against the simulator. */

const run = (
  optimizer: OptimizerId,
  fn: FunctionId,
  steps: number,
  hp: Partial<Hyperparameters> = {},
  start?: Point,
) => simulate({ optimizer, fn, steps, hyperparameters: hp, ...(start ? { start } : {}) });

const firstBelow = (loss: number[], level: number) => loss.findIndex((l) => l < level);
const maxX = (points: Point[]) => Math.max(...points.map((p) => p[0]));
const distanceTo = ([x, y]: Point, [a, b]: Point) => Math.hypot(x - a, y - b);
const lastPoint = (points: Point[]): Point => points.at(-1) ?? [Number.NaN, Number.NaN];
/** Fraction of updates after which the full-data loss went up. */
const riseFraction = (loss: number[]) =>
  loss.slice(1).filter((l, k) => l > (loss[k] ?? 0)).length / (loss.length - 1);

const CLAIMS: Record<string, () => void> = {
  ...VISUAL_CLAIMS,
  "batch-smooth-sgd-noisy": () => {
    // The prompt's η = 0.5, the lesson picture's rate.
    const modes = Object.fromEntries(runBatchComparison({ lr: 0.5 }).modes.map((m) => [m.mode, m]));
    expect(riseFraction(modes.batch?.lossPerUpdate ?? [])).toBe(0);
    expect(riseFraction(modes.sgd?.lossPerUpdate ?? [])).toBeGreaterThan(0.2);
  },
  "minibatch-trade-off": () => {
    const comparison = runBatchComparison({});
    expect(comparison.modes.find((m) => m.mode === "minibatch")?.batchSize).toBe(16); // "batches of 16"
    const modes = Object.fromEntries(comparison.modes.map((m) => [m.mode, m]));
    const [batch, sgd, mini] = [modes.batch, modes.sgd, modes.minibatch];
    expect(riseFraction(mini?.lossPerUpdate ?? [])).toBeLessThan(riseFraction(sgd?.lossPerUpdate ?? []));
    expect(mini?.lossPerEpoch.at(-1)).toBeLessThan(batch?.lossPerEpoch.at(-1) ?? 0);
  },
  "gd-diverges-above-half": () => {
    expect(run("gd", "quadratic", 200, { lr: 0.6 }).diverged).toBe(true);
    const stable = run("gd", "quadratic", 200, { lr: 0.49 });
    expect(stable.loss.at(-1)).toBeLessThan(stable.loss[0] ?? 0);
    const unstable = run("gd", "quadratic", 200, { lr: 0.51 });
    expect(unstable.loss.at(-1)).toBeGreaterThan(unstable.loss[0] ?? 0);
    expect(run("gd", "quadratic", 100, { lr: 0.4 }).loss.at(-1)).toBeLessThan(1e-6);
  },
  "lr-too-small-crawls": () => {
    // From (−4.5, 1.5): "its loss has fallen only 39% after 100 steps".
    const slow = run("gd", "quadratic", 100, { lr: 0.001 });
    expect(1 - (slow.loss.at(-1) ?? 0) / (slow.loss[0] ?? 1)).toBeCloseTo(0.39, 2);
  },
  "gd-ravine-zigzag": () => {
    const { points } = run("gd", "quadratic", 10, { lr: 0.4 });
    for (let k = 1; k < points.length; k++) {
      expect(Math.sign(points[k]?.[1] ?? 0)).toBe(-Math.sign(points[k - 1]?.[1] ?? 0));
      expect(points[k]?.[0]).toBeGreaterThan(points[k - 1]?.[0] ?? 0);
    }
    expect(Math.abs(points[10]?.[0] ?? 0)).toBeGreaterThan(0.4 * Math.abs(points[0]?.[0] ?? 0));
  },
  "momentum-overshoots": () => {
    expect(maxX(run("momentum", "quadratic", 200, { lr: 0.05 }).points)).toBeGreaterThan(0.1);
    expect(maxX(run("gd", "quadratic", 200, { lr: 0.05 }).points)).toBeLessThanOrEqual(0);
  },
  "momentum-terminal-velocity": () => {
    const hp = resolveHyperparameters("momentum", "quadratic", { lr: 0.1 });
    const constant = (_x: number, _y: number, out: Point) => {
      out[0] = 1;
      out[1] = -2;
    };
    let state = createState([0, 0]);
    const steps: number[] = [];
    for (let k = 0; k < 300; k++) {
      const before = state.x;
      state = OPTIMIZERS.momentum.step(state, constant, hp);
      steps.push(before - state.x);
    }
    expect(steps[0]).toBeCloseTo(0.1, 12);
    expect(steps.at(-1)).toBeCloseTo(1, 6); // η·g / (1 − γ) = 0.1 / 0.1
    expect(Math.max(...steps)).toBeLessThanOrEqual(1 + 1e-9);
  },
  "nesterov-less-overshoot": () => {
    const momentum = run("momentum", "quadratic", 400, { lr: 0.05 });
    const nesterov = run("nesterov", "quadratic", 400, { lr: 0.05 });
    expect(maxX(nesterov.points)).toBeLessThan(maxX(momentum.points));
    expect(firstBelow(nesterov.loss, 1e-3)).toBeLessThan(0.5 * firstBelow(momentum.loss, 1e-3));
    // "loss 1e-3 in 25 steps against momentum's 58"
    expect(firstBelow(nesterov.loss, 1e-3)).toBe(25);
    expect(firstBelow(momentum.loss, 1e-3)).toBe(58);
  },
  "beale-overshoot": () => {
    const momentum = run("momentum", "beale", 500, { lr: 0.005 });
    const nesterov = run("nesterov", "beale", 500, { lr: 0.005 });
    const overshoot = (points: Point[]) => maxX(points) - 3;
    expect(overshoot(nesterov.points)).toBeGreaterThan(0);
    // "about half as much"; momentum's "about twice as much".
    const ratio = overshoot(momentum.points) / overshoot(nesterov.points);
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(2.5);
    for (const t of [momentum, nesterov])
      expect(distanceTo(lastPoint(t.points), [3, 0.5])).toBeLessThan(0.01);
    // "At η = 0.01 both diverge."
    expect(run("momentum", "beale", 500, { lr: 0.01 }).diverged).toBe(true);
    expect(run("nesterov", "beale", 500, { lr: 0.01 }).diverged).toBe(true);
  },
  "adagrad-lr-shrinks": () => {
    const { points } = run("adagrad", "rosenbrock", 2000, { lr: 0.01 });
    const rates: number[] = [];
    for (let k = 1; k < points.length; k++) {
      const [x, y] = points[k - 1] ?? [0, 0];
      const g = TEST_FUNCTIONS.rosenbrock.grad(x, y)[0];
      if (Math.abs(g) > 1e-6) rates.push((x - (points[k]?.[0] ?? 0)) / g);
    }
    for (let k = 1; k < rates.length; k++)
      expect(rates[k]).toBeLessThanOrEqual((rates[k - 1] ?? 0) * (1 + 1e-9));
    expect(rates.at(-1)).toBeLessThan(0.9 * (rates[0] ?? 0));
  },
  "adagrad-first-step-eta": () => firstStepIsLr("adagrad"),
  "adam-first-step-eta": () => firstStepIsLr("adam"),
  "rmsprop-keeps-moving": () => {
    const adagrad = run("adagrad", "rosenbrock", 2000, { lr: 0.01 });
    const rmsprop = run("rmsprop", "rosenbrock", 2000, { lr: 0.01 });
    expect(distanceTo(lastPoint(rmsprop.points), [1, 1])).toBeLessThan(
      distanceTo(lastPoint(adagrad.points), [1, 1]),
    );
  },
  "saddle-escape": () => {
    // From (−1, 0.001) at η = 0.05: when does each path reach |y| ≥ 0.5, and how close to (0, 0) did it pass?
    const leave = (o: OptimizerId) => {
      const { points } = run(o, "saddle", 300, { lr: 0.05 });
      const k = points.findIndex((p) => Math.abs(p[1]) >= 0.5);
      return { k, closest: Math.min(...points.slice(0, k).map((p) => Math.abs(p[0]))) };
    };
    const gd = leave("gd");
    for (const adaptive of ["adagrad", "rmsprop", "adam"] as const) {
      expect(leave(adaptive).k, adaptive).toBeLessThan(gd.k / 3);
      expect(leave(adaptive).closest, adaptive).toBeGreaterThan(0.4);
    }
    for (const heavy of ["gd", "momentum"] as const) expect(leave(heavy).closest, heavy).toBeLessThan(0.05);
    expect(leave("rmsprop").k).toBeLessThan(leave("momentum").k);
    // RMSprop's first step is η/√(1 − ρ) = 10η = 0.5 in y: from 0.001 to about 0.5 at once.
    const first = run("rmsprop", "saddle", 1, { lr: 0.05 }).points[1] ?? [0, 0];
    expect(first[1] - 0.001).toBeCloseTo(0.5, 3);
    expect(Math.abs(lastPoint(run("gd", "saddle", 40, { lr: 0.05 }).points)[1])).toBeLessThan(0.1);
    expect(Math.abs(lastPoint(run("adagrad", "saddle", 40, { lr: 0.05 }).points)[1])).toBeGreaterThan(0.5);
  },
  "saddle-ridge-stuck": () => {
    for (const o of ["gd", "rmsprop", "adagrad", "adam"] as const) {
      const { points } = run(o, "saddle", 1000, { lr: 0.05 }, [-1, 0]);
      expect(points.every((p) => p[1] === 0)).toBe(true);
      expect(Math.abs(lastPoint(points)[0])).toBeLessThan(0.05);
      // x is pulled back along the bowl: it never runs off (RMSprop's x does burst out to about 0.33).
      expect(Math.max(...points.map((p) => Math.abs(p[0])))).toBeLessThanOrEqual(1);
    }
  },
  "adadelta-slow-start": () => {
    const [x0, y0] = TEST_FUNCTIONS.quadratic.start;
    const adadelta = run("adadelta", "quadratic", 200, { lr: 1 });
    const first = adadelta.points[1] ?? [0, 0];
    // First step ≈ √ε / √((1 − ρ) g²) · g = √ε / √(1 − ρ) per coordinate, whatever g is.
    const expected = Math.sqrt(1e-6) / Math.sqrt(0.1);
    expect(Math.abs(first[0] - x0)).toBeCloseTo(expected, 5);
    expect(Math.abs(first[1] - y0)).toBeCloseTo(expected, 5);
    expect(lastPoint(adadelta.points)[0]).toBeLessThan(-3);
    expect(run("rmsprop", "quadratic", 200, { lr: 0.05 }).loss.at(-1)).toBeLessThan(1e-6);
  },
  "adam-m-no-build-up": () => {
    // With a steady g, m̂ tends to g: every step stays ≈ η, unlike momentum's 1/(1 − γ) build-up.
    const hp = resolveHyperparameters("adam", "quadratic", { lr: 0.1 });
    const constant = (_x: number, _y: number, out: Point) => {
      out[0] = 1;
      out[1] = -2;
    };
    let state = createState([0, 0]);
    for (let k = 0; k < 300; k++) {
      const before = state.x;
      state = OPTIMIZERS.adam.step(state, constant, hp);
      expect(before - state.x).toBeCloseTo(0.1, 6);
    }
  },
  "adam-bias-correction-size": () => {
    const template = {
      optimizer: "adam",
      function: "quadratic",
      start: [1, 1],
      lr: 0.1,
      steps: 1,
      coordinate: "x",
      digits: 3,
    } as const;
    const withoutCorrection = mistakeValue("adam-no-bias-correction", { ...template, start: [1, 1] });
    expect(typeof withoutCorrection).toBe("number");
    // (1 − β₁)/√(1 − β₂) = 0.1/√0.001 ≈ 3.162 steps of η.
    expect((1 - (withoutCorrection as number)) / 0.1).toBeCloseTo(0.1 / Math.sqrt(0.001), 4);
    const corrected = lastPoint(run("adam", "quadratic", 1, { lr: 0.1 }, [1, 1]).points);
    expect((1 - corrected[0]) / 0.1).toBeCloseTo(1, 6);
  },
  "adamw-decay-decoupled": () => {
    const hp = resolveHyperparameters("adamw", "quadratic", { lr: 0.1 });
    const zero = (_x: number, _y: number, out: Point) => {
      out[0] = 0;
      out[1] = 0;
    };
    const next = OPTIMIZERS.adamw.step(createState([10, 0.1]), zero, hp);
    expect(next.x).toBeCloseTo(10 * (1 - 0.1 * 0.01), 12);
    expect(next.y).toBeCloseTo(0.1 * (1 - 0.1 * 0.01), 12);
    // Adam with L2 in the gradient (g = λθ): the step is ≈ η whatever θ is, so the decay is not a fixed fraction.
    const l2 = (x: number, y: number, out: Point) => {
      out[0] = 0.01 * x;
      out[1] = 0.01 * y;
    };
    const adam = OPTIMIZERS.adam.step(
      createState([10, 0.1]),
      l2,
      resolveHyperparameters("adam", "quadratic", { lr: 0.1 }),
    );
    expect(10 - adam.x).toBeCloseTo(0.1, 5);
    expect(0.1 - adam.y).toBeCloseTo(0.1, 5);
  },
};

/** The first step moves every coordinate by η, on several surfaces, starts and rates. */
function firstStepIsLr(optimizer: "adagrad" | "adam"): void {
  const cases: Array<[FunctionId, Point, number]> = [
    ["quadratic", [1, 1], 0.1],
    ["rosenbrock", [-1.5, 2], 0.01],
    ["beale", [1, 1.5], 0.3],
    ["saddle", [-1, 1e-3], 0.05],
  ];
  for (const [fn, start, lr] of cases) {
    const next = lastPoint(run(optimizer, fn, 1, { lr }, start).points);
    expect(Math.abs(next[0] - start[0]), `${fn} x`).toBeCloseTo(lr, 4);
    expect(Math.abs(next[1] - start[1]), `${fn} y`).toBeCloseTo(lr, 4);
  }
}

describe("GIVEN the behaviour claims quiz answers rest on", () => {
  let referenced: string[] = [];
  beforeAll(async () => {
    const catalogue = await loadContent(join(import.meta.dirname, "../../../content"));
    referenced = [
      ...catalogue.lessons.flatMap((lesson) => lesson.claims ?? []),
      ...[...catalogue.quizzes.values()].flatMap((quiz) => quiz.questions.flatMap((q) => q.claims ?? [])),
    ];
  });

  it("THEN every claim named in a lesson or question has a simulator check here, and every check is used", () => {
    expect([...new Set(referenced)].sort()).toEqual(Object.keys(CLAIMS).sort());
  });

  for (const [claim, check] of Object.entries(CLAIMS)) {
    it(`THEN the simulator confirms: ${claim}`, check);
  }
});
