import { describe, expect, it } from "vitest";
import {
  createState,
  type Hyperparameters,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  type OptimizerId,
  type OptimizerState,
  TEST_FUNCTIONS,
} from "../../../src/core/sim/index.ts";

// Every hand computation below runs on the quadratic f = 0.1x² + 2y², ∇f = (0.2x, 4y), from (1, 1),
// where the first gradient is g₁ = (0.2, 4). ε is 0 where the arithmetic is exact without it (it
// only guards against 0/0); Adadelta, whose first step is ε-driven, keeps it.
const quadratic = TEST_FUNCTIONS.quadratic.gradInto;
const BASE: Hyperparameters = {
  lr: 0.1,
  momentum: 0.9,
  rho: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
};

function run(id: OptimizerId, steps: number, hp: Partial<Hyperparameters>): OptimizerState[] {
  const states = [createState([1, 1])];
  for (let k = 0; k < steps; k++) {
    states.push(OPTIMIZERS[id].step(states[k] as OptimizerState, quadratic, { ...BASE, ...hp }));
  }
  return states;
}

function expectAt(state: OptimizerState | undefined, x: number, y: number): void {
  expect(state?.x).toBeCloseTo(x, 12);
  expect(state?.y).toBeCloseTo(y, 12);
}

describe("first steps worked out by hand", () => {
  it("GIVEN gd with η 0.1 THEN θ₁ = (1 − 0.1·0.2, 1 − 0.1·4) = (0.98, 0.6)", () => {
    expectAt(run("gd", 1, {})[1], 0.98, 0.6);
  });

  it("GIVEN momentum γ 0.9, η 0.1 THEN v₁ = (0.02, 0.4), θ₁ = (0.98, 0.6), then v₂ and θ₂", () => {
    const [, first, second] = run("momentum", 2, {});
    expectAt(first, 0.98, 0.6);
    // g₂ = (0.2·0.98, 4·0.6) = (0.196, 2.4); v₂ = 0.9·(0.02, 0.4) + 0.1·(0.196, 2.4) = (0.0376, 0.6).
    expect(second?.ax).toBeCloseTo(0.0376, 12);
    expect(second?.ay).toBeCloseTo(0.6, 12);
    expectAt(second, 0.98 - 0.0376, 0.6 - 0.6);
  });

  it("GIVEN nesterov γ 0.9, η 0.1 THEN step 1 equals momentum (v₀ = 0) and step 2 uses the look-ahead", () => {
    const [, first, second] = run("nesterov", 2, {});
    expectAt(first, 0.98, 0.6);
    // Look-ahead θ₁ − γv₁ = (0.98 − 0.018, 0.6 − 0.36) = (0.962, 0.24); its gradient (0.1924, 0.96);
    // v₂ = (0.018 + 0.01924, 0.36 + 0.096) = (0.03724, 0.456).
    expectAt(second, 0.98 - 0.03724, 0.6 - 0.456);
  });

  it("GIVEN adagrad η 0.5 THEN step 1 moves each coordinate by η and step 2 divides by √G", () => {
    const [, first, second] = run("adagrad", 2, { lr: 0.5, eps: 0 });
    // G₁ = (0.04, 16): θ₁ = (1 − 0.5·0.2/0.2, 1 − 0.5·4/4).
    expectAt(first, 0.5, 0.5);
    // g₂ = (0.1, 2); G₂ = (0.05, 20).
    expectAt(second, 0.5 - (0.5 * 0.1) / Math.sqrt(0.05), 0.5 - (0.5 * 2) / Math.sqrt(20));
  });

  it("GIVEN rmsprop ρ 0.99, η 0.01 THEN step 1 is η/√(1 − ρ) = 0.1 per coordinate, then E₂ = ρE₁ + (1 − ρ)g₂²", () => {
    const [, first, second] = run("rmsprop", 2, { lr: 0.01, rho: 0.99, eps: 0 });
    expectAt(first, 0.9, 0.9);
    // g₂ = (0.18, 3.6); E₂ = 0.99·(0.0004, 0.16) + 0.01·(0.0324, 12.96) = (0.00072, 0.288).
    expectAt(second, 0.9 - (0.01 * 0.18) / Math.sqrt(0.00072), 0.9 - (0.01 * 3.6) / Math.sqrt(0.288));
  });

  it("GIVEN adadelta ρ 0.9, ε 1e-6, η 1 THEN Δ₁ = √ε/√(E[g²] + ε)·g and E[Δ²] = 0.1·Δ₁²", () => {
    const [, first] = run("adadelta", 1, { lr: 1, rho: 0.9, eps: 1e-6 });
    // E[g²]₁ = 0.1·(0.04, 16) = (0.004, 1.6).
    const dx = (Math.sqrt(1e-6) / Math.sqrt(0.004 + 1e-6)) * 0.2;
    const dy = (Math.sqrt(1e-6) / Math.sqrt(1.6 + 1e-6)) * 4;
    expectAt(first, 1 - dx, 1 - dy);
    expect(first?.bx).toBeCloseTo(0.1 * dx * dx, 15);
    const [, scaled] = run("adadelta", 1, { lr: 2, rho: 0.9, eps: 1e-6 });
    expectAt(scaled, 1 - 2 * dx, 1 - 2 * dy);
  });

  it("GIVEN adam β₁ 0.9, β₂ 0.999, η 0.1 THEN the bias-corrected step 1 is ≈ η per coordinate and step 2 follows", () => {
    const [, first, second] = run("adam", 2, { lr: 0.1, eps: 0 });
    // m̂₁ = g₁ and v̂₁ = g₁², so the step is η·g/|g| = 0.1 per coordinate.
    expectAt(first, 0.9, 0.9);
    // g₂ = 0.2·0.9 = 0.18 in x; m₂ = 0.9·0.02 + 0.1·0.18 = 0.036; v₂ = 0.999·0.00004 + 0.001·0.0324.
    const mHat = 0.036 / (1 - 0.9 ** 2);
    const vHat = (0.999 * 0.00004 + 0.001 * 0.0324) / (1 - 0.999 ** 2);
    expect(second?.x).toBeCloseTo(0.9 - (0.1 * mHat) / Math.sqrt(vHat), 12);
    expect(second?.t).toBe(2);
  });

  it("GIVEN adamw λ 0.01, η 0.1 THEN step 1 also shrinks θ by ηλθ, decoupled from the gradient", () => {
    const [, first] = run("adamw", 1, { lr: 0.1, weightDecay: 0.01, eps: 0 });
    // θ₁ = θ − ηλθ − η·g/|g| = 1 − 0.001 − 0.1.
    expectAt(first, 0.899, 0.899);
  });
});

describe("optimizer contract", () => {
  it.each(OPTIMIZER_IDS)("GIVEN %s.step without `out` THEN the input state is left untouched", (id) => {
    const state = createState([1, 1]);
    const before = { ...state };
    const next = OPTIMIZERS[id].step(state, quadratic, BASE);
    expect(state).toEqual(before);
    expect(next).not.toBe(state);
  });

  it.each(OPTIMIZER_IDS)("GIVEN %s.step in place THEN it equals the pure step", (id) => {
    const pure = run(id, 3, {}).at(-1);
    const state = createState([1, 1]);
    for (let k = 0; k < 3; k++) OPTIMIZERS[id].step(state, quadratic, BASE, state);
    expect(state).toEqual(pure);
  });

  it.each(OPTIMIZER_IDS)(
    "GIVEN %s THEN exactly the hyperparameters in `uses` change its trajectory",
    (id) => {
      const baseline = run(id, 3, {}).at(-1);
      const changed: Hyperparameters = {
        lr: 0.05,
        momentum: 0.5,
        rho: 0.5,
        beta1: 0.5,
        beta2: 0.5,
        eps: 1e-3,
        weightDecay: 0.3,
      };
      for (const key of Object.keys(changed) as (keyof Hyperparameters)[]) {
        const moved = run(id, 3, { [key]: changed[key] }).at(-1);
        const differs = moved?.x !== baseline?.x || moved?.y !== baseline?.y;
        expect(differs, `${id} with a different ${key}`).toBe(OPTIMIZERS[id].uses.includes(key));
      }
    },
  );

  it("GIVEN the PyTorch defaults THEN each optimizer declares them", () => {
    expect(OPTIMIZERS.adagrad.defaults).toEqual({ eps: 1e-10 });
    expect(OPTIMIZERS.rmsprop.defaults).toEqual({ rho: 0.99, eps: 1e-8 });
    expect(OPTIMIZERS.adadelta.defaults).toEqual({ rho: 0.9, eps: 1e-6 });
    expect(OPTIMIZERS.adam.defaults).toEqual({ beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(OPTIMIZERS.adamw.defaults).toEqual({ beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 });
    expect(OPTIMIZERS.momentum.defaults).toEqual({ momentum: 0.9 });
    expect(OPTIMIZERS.nesterov.defaults).toEqual({ momentum: 0.9 });
  });

  it("GIVEN each optimizer's LaTeX THEN it names the symbols its rule uses", () => {
    expect(OPTIMIZERS.nesterov.latex.join(" ")).toContain(String.raw`\nabla f(\theta - \gamma v)`);
    expect(OPTIMIZERS.adam.latex.join(" ")).toContain(String.raw`1 - \beta_1^{\,t}`);
    expect(OPTIMIZERS.adamw.latex.join(" ")).toContain(String.raw`\eta \lambda \theta`);
    expect(OPTIMIZERS.adadelta.latex.at(-1)).toBe(String.raw`\theta \leftarrow \theta - \eta\, \Delta`);
  });
});
