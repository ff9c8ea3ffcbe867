import type { FunctionId, GradientInto, Point, TestFunction } from "./types.ts";

const TWO_PI = 2 * Math.PI;

/** Builds a TestFunction whose allocating `grad` is derived from its allocation-free `gradInto`. */
function defineFunction(spec: Omit<TestFunction, "grad">): TestFunction {
  const gradInto: GradientInto = spec.gradInto;
  return {
    ...spec,
    grad(x, y) {
      const out: Point = [0, 0];
      gradInto(x, y, out);
      return out;
    },
  };
}

const quadratic = defineFunction({
  id: "quadratic",
  title: "Ill-conditioned bowl",
  latex: String.raw`f(x, y) = 0.1\,x^2 + 2\,y^2`,
  f: (x, y) => 0.1 * x * x + 2 * y * y,
  gradInto(x, y, out) {
    out[0] = 0.2 * x;
    out[1] = 4 * y;
  },
  // Far out along the shallow x-axis and off the steep y-axis: gd zig-zags in y while crawling in x.
  start: [-4.5, 1.5],
  bounds: { x: [-5, 5], y: [-2, 2] },
  minima: [[0, 0]],
  unboundedBelow: false,
});

const rosenbrock = defineFunction({
  id: "rosenbrock",
  title: "Rosenbrock's banana valley",
  latex: String.raw`f(x, y) = (1 - x)^2 + 100\,(y - x^2)^2`,
  f(x, y) {
    const r = y - x * x;
    return (1 - x) * (1 - x) + 100 * r * r;
  },
  gradInto(x, y, out) {
    const r = y - x * x;
    out[0] = -2 * (1 - x) - 400 * x * r;
    out[1] = 200 * r;
  },
  // Up the far wall: every method first falls into the valley, then must crawl along it to (1, 1).
  start: [-1.2, 1],
  bounds: { x: [-2, 2], y: [-1, 3] },
  minima: [[1, 1]],
  unboundedBelow: false,
});

const beale = defineFunction({
  id: "beale",
  title: "Beale's function",
  latex: "f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
  f(x, y) {
    const y2 = y * y;
    const a = 1.5 - x + x * y;
    const b = 2.25 - x + x * y2;
    const c = 2.625 - x + x * y2 * y;
    return a * a + b * b + c * c;
  },
  gradInto(x, y, out) {
    const y2 = y * y;
    const y3 = y2 * y;
    const a = 1.5 - x + x * y;
    const b = 2.25 - x + x * y2;
    const c = 2.625 - x + x * y3;
    out[0] = 2 * a * (y - 1) + 2 * b * (y2 - 1) + 2 * c * (y3 - 1);
    out[1] = 2 * a * x + 4 * b * x * y + 6 * c * x * y2;
  },
  start: [1, 1.5],
  bounds: { x: [-1, 4.5], y: [-1.5, 2] },
  minima: [[3, 0.5]],
  unboundedBelow: false,
});

const saddle = defineFunction({
  id: "saddle",
  title: "Saddle point",
  latex: "f(x, y) = x^2 - y^2",
  f: (x, y) => x * x - y * y,
  gradInto(x, y, out) {
    out[0] = 2 * x;
    out[1] = -2 * y;
  },
  // Just off the ridge y = 0: the gradient's y-part is tiny, so gd stalls near the saddle point
  // while the adaptive methods, which rescale each coordinate, escape at once.
  start: [-1, 1e-3],
  bounds: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
  minima: [],
  unboundedBelow: true,
});

const himmelblau = defineFunction({
  id: "himmelblau",
  title: "Himmelblau's four valleys",
  latex: "f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
  f(x, y) {
    const u = x * x + y - 11;
    const w = x + y * y - 7;
    return u * u + w * w;
  },
  gradInto(x, y, out) {
    const u = x * x + y - 11;
    const w = x + y * y - 7;
    out[0] = 4 * x * u + 2 * w;
    out[1] = 2 * u + 4 * y * w;
  },
  // Near the central peak (−0.2708, −0.9230): which of the four minima a method reaches depends on it.
  start: [-0.3, -0.8],
  bounds: { x: [-5, 5], y: [-5, 5] },
  minima: [
    [3, 2],
    [-2.805118086952745, 3.131312518250573],
    [-3.779310253377747, -3.28318599128617],
    [3.584428340330492, -1.848126526964404],
  ],
  unboundedBelow: false,
});

const rastrigin = defineFunction({
  id: "rastrigin",
  title: "Rastrigin's egg crate",
  latex: String.raw`f(x, y) = 20 + x^2 - 10\cos(2\pi x) + y^2 - 10\cos(2\pi y)`,
  f: (x, y) => 20 + x * x - 10 * Math.cos(TWO_PI * x) + y * y - 10 * Math.cos(TWO_PI * y),
  gradInto(x, y, out) {
    out[0] = 2 * x + 10 * TWO_PI * Math.sin(TWO_PI * x);
    out[1] = 2 * y + 10 * TWO_PI * Math.sin(TWO_PI * y);
  },
  start: [-2.3, 2.6],
  bounds: { x: [-3.5, 3.5], y: [-3.5, 3.5] },
  minima: [[0, 0]],
  unboundedBelow: false,
});

/** The 2-D surfaces the lessons and races run on, with analytic gradients. */
export const TEST_FUNCTIONS: Record<FunctionId, TestFunction> = {
  quadratic,
  rosenbrock,
  beale,
  saddle,
  himmelblau,
  rastrigin,
};
