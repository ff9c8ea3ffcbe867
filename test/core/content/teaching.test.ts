import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Catalogue, loadContent, MISTAKE_IDS } from "../../../src/core/content/index.ts";
import {
  createState,
  type Hyperparameters,
  OPTIMIZERS,
  type OptimizerId,
  type Point,
  resolveHyperparameters,
  TEST_FUNCTIONS,
} from "../../../src/core/sim/index.ts";

/**
 * Teaching checks over the real content: nothing internal reaches a student, every wrong choice is
 * answered, the right answer is not betrayed by its length, and generated distractors are what their
 * named slip really gives.
 */

const CONTENT_DIR = join(import.meta.dirname, "../../../content");
/** The right answer may be the strictly longest choice in at most this share of questions (chance is ~1/3). */
const MAX_LONGEST_RATE = 0.35;

interface RawNumeric {
  id: string;
  numeric?: {
    optimizer: OptimizerId;
    function: keyof typeof TEST_FUNCTIONS;
    start: Point;
    lr: number;
    steps: number;
    coordinate: "x" | "y";
    hyperparameters?: Partial<Hyperparameters>;
    schedule?: { warmup?: number };
  };
  distractors?: Array<{ mistake: string }>;
  claims?: string[];
}

let catalogue: Catalogue;
let raw: Map<string, RawNumeric[]>;
beforeAll(async () => {
  catalogue = await loadContent(CONTENT_DIR);
  raw = new Map();
  for (const name of await readdir(join(CONTENT_DIR, "quizzes"))) {
    const file = parse(await readFile(join(CONTENT_DIR, "quizzes", name), "utf8"));
    raw.set(file.id, file.questions);
  }
});

const questions = () =>
  [...catalogue.quizzes.values()].flatMap((quiz) => quiz.questions.map((q) => ({ quiz, q })));

/** Everything a student can read: lessons, prompts, choices, explanations. */
function studentText(): Array<{ where: string; text: string }> {
  return [
    ...catalogue.lessons.map((l) => ({
      where: `lessons/${l.id}`,
      text: [l.title, l.idea, l.body, ...l.formulas.map((f) => f.label)].join("\n"),
    })),
    ...questions().map(({ quiz, q }) => ({
      where: `${quiz.id}/${q.id}`,
      text: [q.prompt, q.explanation, ...q.choices.map((c) => c.label)].join("\n"),
    })),
  ];
}

/** Runs `optimizer` by its own step function with a transformed gradient, independent of mistakes.ts. */
function runWith(
  t: NonNullable<RawNumeric["numeric"]>,
  optimizer: OptimizerId,
  overrides: Partial<Hyperparameters>,
  sign: 1 | -1,
): Point {
  const hp = resolveHyperparameters(optimizer, t.function, { ...t.hyperparameters, lr: t.lr, ...overrides });
  const grad = (x: number, y: number, out: Point) => {
    const [gx, gy] = TEST_FUNCTIONS[t.function].grad(x, y);
    out[0] = sign * gx;
    out[1] = sign * gy;
  };
  let state = createState(t.start);
  for (let k = 0; k < t.steps; k++) state = OPTIMIZERS[optimizer].step(state, grad, hp);
  return [state.x, state.y];
}

/** What each named slip gives, computed here by running it (one-step closed forms for the hand-written rules). */
function slip(mistake: string, t: NonNullable<RawNumeric["numeric"]>): number {
  const i = t.coordinate === "x" ? 0 : 1;
  const hp = resolveHyperparameters(t.optimizer, t.function, { ...t.hyperparameters, lr: t.lr });
  const g = TEST_FUNCTIONS[t.function].grad(t.start[0], t.start[1])[i];
  switch (mistake) {
    case "gradient-ascent":
      return runWith(t, t.optimizer, {}, -1)[i];
    case "lr-applied-twice":
      return runWith(t, t.optimizer, { lr: t.lr * t.lr }, 1)[i];
    case "forgot-learning-rate":
      return runWith(t, t.optimizer, { lr: 1 }, 1)[i];
    case "momentum-ignored":
      return runWith(t, "gd", {}, 1)[i];
    case "no-lookahead":
      return runWith(t, "momentum", {}, 1)[i];
    case "rmsprop-as-adagrad":
      return runWith(t, "adagrad", {}, 1)[i];
    case "adadelta-as-rmsprop":
      return runWith(t, "rmsprop", { rho: hp.rho, eps: hp.eps }, 1)[i];
    case "adam-no-bias-correction": {
      expect(t.steps).toBe(1);
      const m = (1 - hp.beta1) * g;
      const v = (1 - hp.beta2) * g * g;
      return t.start[i] - (t.lr * m) / (Math.sqrt(v) + hp.eps);
    }
    case "no-square-root": {
      expect(t.steps).toBe(1);
      const acc = t.optimizer === "adagrad" ? g * g : (1 - hp.rho) * g * g;
      return t.start[i] - (t.lr * g) / (acc + hp.eps);
    }
    case "schedule-ignored":
      return runWith(t, t.optimizer, {}, 1)[i];
    case "warmup-from-zero": {
      // Plain GD by hand: step k (from 0) at η = η₀·min(k, w)/w, so the first step stands still.
      expect(t.optimizer).toBe("gd");
      const warmup = t.schedule?.warmup ?? 0;
      expect(warmup).toBeGreaterThan(0);
      const point: Point = [t.start[0], t.start[1]];
      for (let k = 0; k < t.steps; k++) {
        const eta = (t.lr * Math.min(k, warmup)) / warmup;
        const [gx, gy] = TEST_FUNCTIONS[t.function].grad(point[0], point[1]);
        point[0] -= eta * gx;
        point[1] -= eta * gy;
      }
      return point[i];
    }
    default:
      throw new Error(`no independent check for mistake ${mistake}; add one here`);
  }
}

describe("GIVEN the real content's teaching", () => {
  it("THEN no misconception id, slip id or claim id shows in anything a student reads", () => {
    const internal = new Set<string>([...MISTAKE_IDS]);
    for (const { q } of questions()) {
      for (const c of q.choices) if (c.misconception) internal.add(c.misconception);
      for (const claim of q.claims ?? []) internal.add(claim);
    }
    for (const { where, text } of studentText()) {
      for (const id of internal) {
        const token = new RegExp(`(^|[^a-z0-9-])${id}($|[^a-z0-9-])`, "i");
        expect(token.test(text), `${where} shows the internal name "${id}"`).toBe(false);
      }
      expect(text, where).not.toMatch(/prototype/i);
    }
  });

  it("THEN every wrong choice has its own line in the explanation saying why it is wrong", () => {
    for (const { quiz, q } of questions()) {
      const lines = q.explanation.split("\n");
      for (const c of q.choices.filter((choice) => !choice.correct)) {
        const lead = q.kind === "numeric" ? `• ${c.label} is what you get if you ` : `• ${c.label}: `;
        const line = lines.find((l) => l.startsWith(lead));
        expect(line, `${quiz.id}/${q.id}: no reason for "${c.label}"`).toBeDefined();
        expect(line?.slice(lead.length).trim().length ?? 0, `${quiz.id}/${q.id}: ${c.label}`).toBeGreaterThan(
          10,
        );
      }
    }
  });

  it(`THEN the right answer is the strictly longest choice in at most ${MAX_LONGEST_RATE * 100}% of questions`, () => {
    const written = questions().filter(({ q }) => q.kind !== "numeric");
    const text = written.filter(({ q }) => q.kind === "concept" || q.kind === "comparison");
    for (const group of [text, written]) {
      const longest = group.filter(({ q }) => {
        const right = q.choices.find((c) => c.correct)?.label.length ?? 0;
        return q.choices.every((c) => c.correct || c.label.length < right);
      });
      expect(
        longest.length / group.length,
        `longest is right in ${longest.map(({ quiz, q }) => `${quiz.id}/${q.id}`).join(", ")}`,
      ).toBeLessThanOrEqual(MAX_LONGEST_RATE);
    }
  });

  it("THEN every generated distractor is the value its named slip gives when run", () => {
    let checked = 0;
    for (const [quizId, list] of raw) {
      for (const input of list.filter((q) => q.numeric)) {
        const t = input.numeric as NonNullable<RawNumeric["numeric"]>;
        const q = catalogue.quizzes.get(quizId)?.questions.find((question) => question.id === input.id);
        const wrong = q?.choices.filter((c) => !c.correct) ?? [];
        expect(wrong.length, `${quizId}/${input.id}`).toBe(input.distractors?.length);
        input.distractors?.forEach((d, k) => {
          const shown = Number(wrong[k]?.label.split("≈")[1]);
          const digits = wrong[k]?.label.split(".")[1]?.length ?? 3;
          expect(shown, `${quizId}/${input.id}: ${d.mistake}`).toBeCloseTo(slip(d.mistake, t), digits - 1);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});
