import { describe, expect, it } from "vitest";
import {
  DEFAULT_LR,
  FUNCTION_IDS,
  OPTIMIZER_IDS,
  resolveHyperparameters,
  SIM_LIMITS,
  simulate,
  TEST_FUNCTIONS,
} from "../../../src/core/sim/index.ts";

describe("simulate", () => {
  it("GIVEN 50 steps that converge THEN points[0] is the start, 51 points, loss[k] = f(points[k])", () => {
    const run = simulate({ optimizer: "adam", fn: "beale", steps: 50, start: [1, 1] });
    expect(run.points).toHaveLength(51);
    expect(run.loss).toHaveLength(51);
    expect(run.points[0]).toEqual([1, 1]);
    run.points.forEach(([x, y], k) => {
      expect(run.loss[k]).toBe(TEST_FUNCTIONS.beale.f(x, y));
    });
    expect(run.diverged).toBe(false);
    expect(run.stopped).toBeUndefined();
  });

  it("GIVEN no start THEN the run begins at the function's default start", () => {
    const run = simulate({ optimizer: "gd", fn: "rosenbrock", steps: 0 });
    expect(run.points).toEqual([TEST_FUNCTIONS.rosenbrock.start]);
  });

  it("GIVEN adam THEN the reported hyperparameters are exactly the ones adam reads", () => {
    const run = simulate({ optimizer: "adam", fn: "quadratic", steps: 1, hyperparameters: { lr: 0.3 } });
    expect(run.hyperparameters).toEqual({ lr: 0.3, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
  });

  it("GIVEN more than SIM_LIMITS.maxSteps or a fractional count THEN it refuses", () => {
    expect(() => simulate({ optimizer: "gd", fn: "quadratic", steps: 100_001 })).toThrow(RangeError);
    expect(() => simulate({ optimizer: "gd", fn: "quadratic", steps: 2.5 })).toThrow(RangeError);
  });

  it("GIVEN gd on the quadratic with η < 1/2 THEN it converges (the y-curvature is 4, so 1 − 4η must stay in (−1, 1))", () => {
    for (const lr of [0.05, 0.25, 0.45, 0.49]) {
      const run = simulate({ optimizer: "gd", fn: "quadratic", steps: 3000, hyperparameters: { lr } });
      expect(run.diverged, `lr ${lr}`).toBe(false);
      expect(run.loss.at(-1), `lr ${lr}`).toBeLessThan(1e-10);
    }
  });

  it("GIVEN gd on the quadratic with η > 1/2 THEN the y-oscillation grows until the run is marked diverged", () => {
    for (const lr of [0.51, 0.6, 1]) {
      const run = simulate({ optimizer: "gd", fn: "quadratic", steps: 3000, hyperparameters: { lr } });
      expect(run.diverged, `lr ${lr}`).toBe(true);
      expect(run.stopped?.reason).toBe("diverged");
    }
  });

  it("GIVEN momentum and nesterov with the same settings THEN step 1 agrees (v₀ = 0) and later steps differ", () => {
    const a = simulate({ optimizer: "momentum", fn: "rosenbrock", steps: 10 });
    const b = simulate({ optimizer: "nesterov", fn: "rosenbrock", steps: 10 });
    expect(b.points[1]).toEqual(a.points[1]);
    for (let k = 2; k <= 10; k++) expect(b.points[k], `step ${k}`).not.toEqual(a.points[k]);
  });

  it("GIVEN a learning rate far too large THEN the run stops as diverged at that step and keeps only finite points", () => {
    const run = simulate({ optimizer: "gd", fn: "rosenbrock", steps: 100, hyperparameters: { lr: 0.05 } });
    expect(run.diverged).toBe(true);
    expect(run.stopped?.reason).toBe("diverged");
    const step = run.stopped?.step as number;
    expect(step).toBeGreaterThan(0);
    expect(run.points).toHaveLength(step);
    for (const value of run.loss) expect(Math.abs(value)).toBeLessThanOrEqual(SIM_LIMITS.divergeAbove);
  });

  it("GIVEN a run whose position overflows THEN it is diverged, not an exception", () => {
    const run = simulate({ optimizer: "gd", fn: "beale", steps: 50, hyperparameters: { lr: 10 } });
    expect(run.diverged).toBe(true);
    expect(run.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
  });

  it("GIVEN gd escaping the saddle THEN it stops as unbounded (not diverged) once f < −1e6, that point kept", () => {
    const run = simulate({ optimizer: "gd", fn: "saddle", steps: 10_000, hyperparameters: { lr: 0.1 } });
    expect(run.diverged).toBe(false);
    expect(run.stopped?.reason).toBe("unbounded");
    expect(run.points).toHaveLength((run.stopped?.step as number) + 1);
    expect(run.loss.at(-1)).toBeLessThan(-1e6);
    expect(run.loss.slice(0, -1).every((value) => value >= -1e6)).toBe(true);
  });

  it("GIVEN the saddle's default start THEN adam leaves the ridge faster than gd", () => {
    const gd = simulate({ optimizer: "gd", fn: "saddle", steps: 50 });
    const adam = simulate({ optimizer: "adam", fn: "saddle", steps: 50 });
    expect(Math.abs(adam.points[50]?.[1] as number)).toBeGreaterThan(
      10 * Math.abs(gd.points[50]?.[1] as number),
    );
  });
});

describe("resolveHyperparameters", () => {
  it("GIVEN no overrides THEN lr comes from DEFAULT_LR and the rest from the optimizer's defaults", () => {
    const hp = resolveHyperparameters("rmsprop", "beale");
    expect(hp.lr).toBe(DEFAULT_LR.beale.rmsprop);
    expect(hp.rho).toBe(0.99);
    expect(hp.eps).toBe(1e-8);
  });

  it("GIVEN overrides, some undefined THEN defined ones win and undefined ones fall back", () => {
    const hp = resolveHyperparameters("adam", "quadratic", { lr: 0.5, beta1: undefined, eps: 1e-6 });
    expect(hp).toMatchObject({ lr: 0.5, beta1: 0.9, eps: 1e-6 });
  });
});

describe("DEFAULT_LR", () => {
  it.each(FUNCTION_IDS)(
    "GIVEN %s THEN every optimizer's default rate lowers the loss in 300 steps without diverging",
    (fn) => {
      for (const optimizer of OPTIMIZER_IDS) {
        const lr = DEFAULT_LR[fn][optimizer];
        expect(lr, `${optimizer} on ${fn}`).toBeGreaterThan(0);
        const run = simulate({ optimizer, fn, steps: 300 });
        expect(run.diverged, `${optimizer} on ${fn}`).toBe(false);
        expect(run.loss.at(-1), `${optimizer} on ${fn}`).toBeLessThan(run.loss[0] as number);
      }
    },
  );
});
