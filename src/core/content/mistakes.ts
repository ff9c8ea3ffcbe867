import { createState, OPTIMIZERS, resolveHyperparameters, simulate, TEST_FUNCTIONS } from "../sim/index.ts";
import type { Hyperparameters, OptimizerId, Point } from "../sim/types.ts";
import type { NumericTemplate } from "./types.ts";

/** Plausible slips a student makes when stepping by hand; each yields a distractor value. */
export const MISTAKE_IDS = [
  "gradient-ascent",
  "lr-applied-twice",
  "forgot-learning-rate",
  "adam-no-bias-correction",
  "no-square-root",
  "momentum-ignored",
  "no-lookahead",
  "adadelta-as-rmsprop",
  "rmsprop-as-adagrad",
  "schedule-ignored",
  "warmup-from-zero",
] as const;
export type MistakeId = (typeof MISTAKE_IDS)[number];

interface Mistake {
  /** The misconception id a distractor from this mistake is tagged with by default. */
  misconception: string;
  /** Completes "… is what you get if you …" in the explanation. */
  slip: string;
  /** Optimizers the slip makes sense for; undefined means any. */
  appliesTo?: readonly OptimizerId[];
  /** The final position the slip produces. */
  run(t: NumericTemplate): Point;
}

const index = (t: NumericTemplate) => (t.coordinate === "x" ? 0 : 1);

/** The correct final position: the simulator's run of the template. */
export function runTemplate(
  t: NumericTemplate,
  overrides: Partial<Hyperparameters> = {},
  optimizer = t.optimizer,
): Point {
  const run = simulate({
    optimizer,
    fn: t.function,
    steps: t.steps,
    start: t.start,
    hyperparameters: { ...t.hyperparameters, lr: t.lr, ...overrides },
    ...(t.schedule ? { schedule: t.schedule } : {}),
  });
  if (run.diverged) throw new RangeError(`the run diverged at step ${run.stopped?.step}`);
  const last = run.points.at(-1);
  if (!last || run.points.length !== t.steps + 1) throw new RangeError("the run stopped early");
  return last;
}

/** The template's full hyperparameters: its own, else the optimizer's defaults. */
function hyperparameters(t: NumericTemplate): Hyperparameters {
  return resolveHyperparameters(t.optimizer, t.function, { ...t.hyperparameters, lr: t.lr });
}

/** The optimizer's own rule, but every step added instead of subtracted: it follows +∇f (uphill). */
function uphill(t: NumericTemplate): Point {
  const fn = TEST_FUNCTIONS[t.function];
  const rising = (x: number, y: number, out: Point) => {
    fn.gradInto(x, y, out);
    out[0] = -out[0];
    out[1] = -out[1];
  };
  const state = createState(t.start);
  for (let k = 0; k < t.steps; k++) OPTIMIZERS[t.optimizer].step(state, rising, hyperparameters(t), state);
  return [state.x, state.y];
}

/** Adam without m̂ and v̂. */
function adamWithoutBiasCorrection(t: NumericTemplate): Point {
  const { beta1, beta2, eps } = hyperparameters(t);
  const p: Point = [t.start[0], t.start[1]];
  const m: Point = [0, 0];
  const v: Point = [0, 0];
  for (let k = 0; k < t.steps; k++) {
    const g = TEST_FUNCTIONS[t.function].grad(p[0], p[1]);
    for (const i of [0, 1] as const) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      p[i] -= (t.lr * m[i]) / (Math.sqrt(v[i]) + eps);
    }
  }
  return p;
}

/** Adagrad or RMSprop dividing by the accumulator itself instead of its square root. */
function withoutSquareRoot(t: NumericTemplate): Point {
  const { rho, eps } = hyperparameters(t);
  const p: Point = [t.start[0], t.start[1]];
  const acc: Point = [0, 0];
  for (let k = 0; k < t.steps; k++) {
    const g = TEST_FUNCTIONS[t.function].grad(p[0], p[1]);
    for (const i of [0, 1] as const) {
      acc[i] = t.optimizer === "adagrad" ? acc[i] + g[i] * g[i] : rho * acc[i] + (1 - rho) * g[i] * g[i];
      p[i] -= (t.lr * g[i]) / (acc[i] + eps);
    }
  }
  return p;
}

const MISTAKES: Record<MistakeId, Mistake> = {
  "gradient-ascent": {
    misconception: "step-uphill",
    slip: "add every step instead of subtracting it, so each step goes uphill",
    run: uphill,
  },
  "lr-applied-twice": {
    misconception: "lr-applied-twice",
    slip: "multiply by η twice",
    run: (t) => runTemplate(t, { lr: t.lr * t.lr }),
  },
  "forgot-learning-rate": {
    misconception: "forgot-learning-rate",
    slip: "forget η (take η = 1)",
    run: (t) => runTemplate(t, { lr: 1 }),
  },
  "adam-no-bias-correction": {
    misconception: "adam-no-bias-correction",
    slip: "skip the bias correction (use m and v instead of m̂ and v̂)",
    appliesTo: ["adam"],
    run: adamWithoutBiasCorrection,
  },
  "no-square-root": {
    misconception: "missing-square-root",
    slip: "divide by the accumulated g² itself, not its square root",
    appliesTo: ["adagrad", "rmsprop"],
    run: withoutSquareRoot,
  },
  "momentum-ignored": {
    misconception: "momentum-ignored",
    slip: "ignore the velocity and take plain gradient steps",
    appliesTo: ["momentum", "nesterov"],
    run: (t) => runTemplate(t, {}, "gd"),
  },
  "no-lookahead": {
    misconception: "nesterov-no-lookahead",
    slip: "take the gradient at θ instead of the look-ahead point θ − γv",
    appliesTo: ["nesterov"],
    run: (t) => runTemplate(t, {}, "momentum"),
  },
  "adadelta-as-rmsprop": {
    misconception: "adadelta-is-rmsprop",
    slip: "use RMSprop's rule (η over RMS of g) instead of Adadelta's RMS of past updates",
    appliesTo: ["adadelta"],
    // Same ρ and ε as the Adadelta run, so only the rule differs.
    run: (t) => runTemplate(t, { rho: hyperparameters(t).rho, eps: hyperparameters(t).eps }, "rmsprop"),
  },
  "rmsprop-as-adagrad": {
    misconception: "rmsprop-never-forgets",
    slip: "sum every g² as Adagrad does instead of RMSprop's decaying average",
    appliesTo: ["rmsprop"],
    run: (t) => runTemplate(t, {}, "adagrad"),
  },
  "schedule-ignored": {
    misconception: "schedule-ignored",
    slip: "ignore the schedule and take every step at the base η₀",
    run: ({ schedule: _, ...t }) => runTemplate(t),
  },
  "warmup-from-zero": {
    misconception: "warmup-from-zero",
    slip: "start the warm-up at η = 0, one step behind (η = 0, η₀/w, 2η₀/w, …)",
    run(t) {
      if (!t.schedule?.warmup) throw new Error("mistake warmup-from-zero needs a schedule with a warm-up");
      // A first step at η = 0 stays put; the rest are the warm-up's steps one place later.
      return runTemplate({ ...t, steps: t.steps - 1 });
    },
  },
};

/** The coordinate a slip produces, or an Error saying why the slip does not apply. */
export function mistakeValue(id: MistakeId, t: NumericTemplate): number | Error {
  const mistake = MISTAKES[id];
  if (mistake.appliesTo && !mistake.appliesTo.includes(t.optimizer)) {
    return new Error(`mistake ${id} is about ${mistake.appliesTo.join("/")}, not ${t.optimizer}`);
  }
  try {
    return mistake.run(t)[index(t)];
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The misconception id and the sentence fragment describing a slip. */
export function mistakeInfo(id: MistakeId): { misconception: string; slip: string } {
  return { misconception: MISTAKES[id].misconception, slip: MISTAKES[id].slip };
}

/** The value the simulator gives for the template's coordinate. */
export function correctValue(t: NumericTemplate): number {
  return runTemplate(t)[index(t)];
}
