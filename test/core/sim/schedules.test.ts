import { describe, expect, it } from "vitest";
import { learningRateAt, simulate } from "../../../src/core/sim/index.ts";

describe("learningRateAt", () => {
  it("GIVEN a linear warm-up over 4 steps THEN η is η₀/4, 2η₀/4, 3η₀/4, η₀, then held", () => {
    const rates = [1, 2, 3, 4, 5, 9].map((k) => learningRateAt(0.4, { decay: "constant", warmup: 4 }, k));
    expect(rates.map((r) => Number(r.toFixed(12)))).toEqual([0.1, 0.2, 0.3, 0.4, 0.4, 0.4]);
  });

  it("GIVEN step decay ×0.5 every 3 updates THEN η halves after updates 3 and 6", () => {
    const rates = [1, 3, 4, 6, 7].map((k) => learningRateAt(1, { decay: "step", every: 3, factor: 0.5 }, k));
    expect(rates).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });

  it("GIVEN cosine over 10 updates after a 2-step warm-up THEN η peaks after warm-up and reaches 0 at the end", () => {
    const schedule = { decay: "cosine", total: 10, warmup: 2 } as const;
    expect(learningRateAt(1, schedule, 1)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(1, schedule, 3)).toBeCloseTo(1, 12);
    // Four of the eight decay updates done: cos(π/2) = 0, so η = ½.
    expect(learningRateAt(1, schedule, 7)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(1, schedule, 11)).toBeCloseTo(0, 12);
    expect(learningRateAt(1, schedule, 50)).toBeCloseTo(0, 12);
  });
});

describe("simulate with a schedule", () => {
  it("GIVEN GD on the bowl with a warm-up THEN each step uses that step's η, and the report keeps η₀", () => {
    const run = simulate({
      optimizer: "gd",
      fn: "quadratic",
      steps: 3,
      start: [1, 1],
      hyperparameters: { lr: 0.4 },
      schedule: { decay: "constant", warmup: 4 },
    });
    // y is multiplied by 1 − 4η per step: η = 0.1, 0.2, 0.3.
    expect(run.points.map((p) => p[1])).toEqual(
      [1, 0.6, 0.6 * 0.2, 0.6 * 0.2 * -0.2].map((y) => expect.closeTo(y, 12)),
    );
    expect(run.hyperparameters.lr).toBe(0.4);
  });
});
