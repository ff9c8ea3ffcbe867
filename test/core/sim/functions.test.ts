import { describe, expect, it } from "vitest";
import { FUNCTION_IDS, TEST_FUNCTIONS } from "../../../src/core/sim/index.ts";

/** Seeded points so a failure names the same point on every run. */
function samplePoints(count: number, bounds: { x: [number, number]; y: [number, number] }, seed = 7) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () => {
    // Sample a little beyond the plot window too.
    const x = bounds.x[0] - 0.5 + next() * (bounds.x[1] - bounds.x[0] + 1);
    const y = bounds.y[0] - 0.5 + next() * (bounds.y[1] - bounds.y[0] + 1);
    return [x, y] as const;
  });
}

describe.each(FUNCTION_IDS)("test function %s", (id) => {
  const fn = TEST_FUNCTIONS[id];

  it("GIVEN 200 points THEN the analytic gradient matches central finite differences", () => {
    const h = 1e-5;
    for (const [x, y] of samplePoints(200, fn.bounds)) {
      const [gx, gy] = fn.grad(x, y);
      const dx = (fn.f(x + h, y) - fn.f(x - h, y)) / (2 * h);
      const dy = (fn.f(x, y + h) - fn.f(x, y - h)) / (2 * h);
      const scale = 1 + Math.abs(fn.f(x, y));
      expect(Math.abs(gx - dx), `d/dx at (${x}, ${y})`).toBeLessThan(1e-6 * scale);
      expect(Math.abs(gy - dy), `d/dy at (${x}, ${y})`).toBeLessThan(1e-6 * scale);
    }
  });

  it("GIVEN gradInto THEN it writes the same gradient as grad", () => {
    const out: [number, number] = [Number.NaN, Number.NaN];
    fn.gradInto(0.3, -0.7, out);
    expect(out).toEqual(fn.grad(0.3, -0.7));
  });

  it("GIVEN its minima THEN the gradient vanishes and f is the global minimum value 0", () => {
    for (const [x, y] of fn.minima) {
      const [gx, gy] = fn.grad(x, y);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-9);
      expect(fn.f(x, y)).toBeCloseTo(0, 12);
    }
  });

  it("GIVEN its default start THEN it lies inside the plot bounds", () => {
    const [x, y] = fn.start;
    expect(x).toBeGreaterThanOrEqual(fn.bounds.x[0]);
    expect(x).toBeLessThanOrEqual(fn.bounds.x[1]);
    expect(y).toBeGreaterThanOrEqual(fn.bounds.y[0]);
    expect(y).toBeLessThanOrEqual(fn.bounds.y[1]);
  });
});

describe("known values", () => {
  it("GIVEN the formulas of the issue THEN f matches them at hand-picked points", () => {
    expect(TEST_FUNCTIONS.quadratic.f(1, 1)).toBeCloseTo(0.1 + 2, 12);
    expect(TEST_FUNCTIONS.rosenbrock.f(0, 0)).toBe(1);
    expect(TEST_FUNCTIONS.rosenbrock.f(-1, 2)).toBe(4 + 100);
    // (1.5)^2 + (2.25)^2 + (2.625)^2 at x = 0.
    expect(TEST_FUNCTIONS.beale.f(0, 5)).toBeCloseTo(2.25 + 5.0625 + 6.890625, 12);
    expect(TEST_FUNCTIONS.saddle.f(2, 3)).toBe(4 - 9);
    expect(TEST_FUNCTIONS.himmelblau.f(0, 0)).toBe(121 + 49);
    // cos(2π·0.5) = −1 in each coordinate: 20 + 0.25 + 10 + 0.25 + 10.
    expect(TEST_FUNCTIONS.rastrigin.f(0.5, 0.5)).toBeCloseTo(40.5, 12);
  });

  it("GIVEN the saddle THEN it has no minima and is flagged unbounded below; the others are not", () => {
    expect(TEST_FUNCTIONS.saddle.minima).toEqual([]);
    expect(TEST_FUNCTIONS.saddle.unboundedBelow).toBe(true);
    for (const id of FUNCTION_IDS.filter((other) => other !== "saddle")) {
      expect(TEST_FUNCTIONS[id].unboundedBelow).toBe(false);
      expect(TEST_FUNCTIONS[id].minima.length).toBeGreaterThan(0);
    }
    expect(TEST_FUNCTIONS.himmelblau.minima).toHaveLength(4);
  });
});
