import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Catalogue, loadContent } from "../../../src/core/content/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createRenderer } from "../../../src/core/render/index.ts";
import { OPTIMIZERS, TEST_FUNCTIONS } from "../../../src/core/sim/index.ts";

// Platform limits, written out here rather than imported, so a change in the code cannot loosen them.
const DISCORD_EMBED_DESCRIPTION = 4096;
const DISCORD_EMBED_FIELD = 1024;
const SLACK_SECTION_TEXT = 3000;
const BUTTON_LABEL = 75;
/** "Reads in under a minute" at a relaxed 200 words per minute. */
const WORDS_PER_MINUTE = 200;

const CONTENT_DIR = join(import.meta.dirname, "../../../content");
const LESSON_ORDER = [
  "gd",
  "momentum",
  "nesterov",
  "adagrad",
  "rmsprop",
  "adadelta",
  "adam",
  "schedules",
  "choosing",
];

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadContent(CONTENT_DIR);
});

const questions = () =>
  [...catalogue.quizzes.values()].flatMap((quiz) => quiz.questions.map((q) => ({ quiz, q })));

describe("GIVEN the real content/ folder", () => {
  it("THEN it holds the nine lessons in course order, each with its quiz", () => {
    expect(catalogue.lessons.map((l) => l.id)).toEqual(LESSON_ORDER);
    expect(catalogue.lessons.map((l) => l.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const lesson of catalogue.lessons) expect(catalogue.quizzes.get(lesson.quiz)?.id).toBe(lesson.id);
  });

  it("THEN every lesson fits one Discord embed and one Slack section, and reads in under a minute", () => {
    for (const lesson of catalogue.lessons) {
      const text = `${lesson.idea}\n\n${lesson.body}`;
      expect(text.length, lesson.id).toBeLessThanOrEqual(
        Math.min(DISCORD_EMBED_DESCRIPTION, SLACK_SECTION_TEXT),
      );
      const bullets = lesson.body.split("\n");
      expect(bullets.length, lesson.id).toBeGreaterThanOrEqual(2);
      expect(bullets.length, lesson.id).toBeLessThanOrEqual(4);
      for (const bullet of bullets) expect(bullet.length).toBeLessThanOrEqual(DISCORD_EMBED_FIELD);
      expect(text.split(/\s+/).length, lesson.id).toBeLessThanOrEqual(WORDS_PER_MINUTE);
    }
  });

  it("THEN each optimizer lesson shows exactly the simulator's update rule", () => {
    for (const lesson of catalogue.lessons.filter((l) => l.id !== "choosing" && l.id in OPTIMIZERS)) {
      const lines = OPTIMIZERS[lesson.id as keyof typeof OPTIMIZERS].latex;
      const shown = lesson.formulas.map((f) => f.latex).join("\n");
      for (const line of lines) expect(shown, lesson.id).toContain(line);
    }
    expect(catalogue.lessons.at(-1)?.formulas[0]?.latex).toContain(OPTIMIZERS.adamw.latex.at(-1));
  });

  it("THEN every quiz has at least 6 questions, 2–4 choices each, exactly one correct, tagged distractors", () => {
    for (const quiz of catalogue.quizzes.values()) {
      expect(quiz.questions.length, quiz.id).toBeGreaterThanOrEqual(6);
      expect(new Set(quiz.questions.map((q) => q.id)).size).toBe(quiz.questions.length);
    }
    for (const { quiz, q } of questions()) {
      const where = `${quiz.id}/${q.id}`;
      expect(q.choices.length, where).toBeGreaterThanOrEqual(2);
      expect(q.choices.length, where).toBeLessThanOrEqual(4);
      expect(
        q.choices.filter((c) => c.correct),
        where,
      ).toHaveLength(1);
      for (const c of q.choices) {
        expect(c.label.length, `${where}: ${c.label}`).toBeLessThanOrEqual(BUTTON_LABEL);
        if (!c.correct) expect(c.misconception, `${where}: ${c.label}`).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
      expect(q.explanation.trim().length, where).toBeGreaterThan(20);
      expect(q.explanation.length, where).toBeLessThanOrEqual(DISCORD_EMBED_FIELD);
      expect(q.prompt, where).not.toMatch(/\{[a-z]+\}/);
    }
  });

  it("THEN every kind of question appears: concept, comparison, rule, path and numeric", () => {
    const kinds = new Set(questions().map(({ q }) => q.kind));
    expect([...kinds].sort()).toEqual(["comparison", "concept", "numeric", "path", "rule"]);
  });

  it("THEN a path question's letter points at its target's position on the anonymous map", () => {
    for (const { q } of questions().filter(({ q }) => q.kind === "path")) {
      const spec = q.image?.kind === "visual" ? q.image.spec : undefined;
      expect(spec?.anonymous).toBe(true);
      const letter = /path ([A-D])\b/.exec(q.prompt)?.[1];
      const drawnBy = spec?.optimizers[(letter ?? "Z").charCodeAt(0) - 65];
      const correct = q.choices.find((c) => c.correct)?.label;
      expect(drawnBy && OPTIMIZERS[drawnBy].name).toBe(correct);
    }
  });

  it("THEN numeric answers match the values worked by hand in their explanations", () => {
    const answer = (quiz: string, id: string) =>
      catalogue.quizzes
        .get(quiz)
        ?.questions.find((q) => q.id === id)
        ?.choices.find((c) => c.correct)?.label;
    expect(answer("gd", "first-step")).toBe("y ≈ 0.600"); // 1 − 0.1·4
    expect(answer("momentum", "two-steps")).toBe("x ≈ 0.942"); // 0.98 − (0.018 + 0.0196)
    expect(answer("nesterov", "two-steps")).toBe("y ≈ 0.144"); // 0.6 − (0.36 + 0.1·0.96)
    expect(answer("adagrad", "first-step")).toBe("y ≈ 0.900"); // 1 − 0.1·4/√16
    expect(answer("rmsprop", "first-step")).toBe("x ≈ 0.900"); // 1 − 0.01/√0.01
    expect(answer("adadelta", "first-step")).toBe("x ≈ 0.9968"); // 1 − √1e-6/√0.1
    expect(answer("adam", "first-step")).toBe("x ≈ 0.900"); // 1 − 0.1·g/|g|
    const adam = catalogue.quizzes.get("adam")?.questions.find((q) => q.id === "first-step");
    // Without bias correction: 1 − 0.1 · 0.1/√0.001 ≈ 0.684.
    expect(adam?.choices.find((c) => c.misconception === "adam-no-bias-correction")?.label).toBe("x ≈ 0.684");
  });

  it("THEN lessons resolve by id, alias or title in any case", () => {
    expect(catalogue.findLesson("SGD")?.id).toBe("gd");
    expect(catalogue.findLesson("gradient descent")?.id).toBe("gd");
    expect(catalogue.findLesson("Adam")?.id).toBe("adam");
    expect(catalogue.findLesson(" RMSprop ")?.id).toBe("rmsprop");
    expect(catalogue.findLesson("NAG")?.id).toBe("nesterov");
    expect(catalogue.findLesson("lion")).toBeUndefined();
  });

  it("THEN a misspelt topic suggests the closest lessons, and nonsense suggests none", () => {
    expect(catalogue.suggestLessons("adma")[0]?.id).toBe("adam");
    expect(catalogue.suggestLessons("rmsporp")[0]?.id).toBe("rmsprop");
    expect(catalogue.suggestLessons("adagard")[0]?.id).toBe("adagrad");
    expect(catalogue.suggestLessons("nest")[0]?.id).toBe("nesterov");
    expect(catalogue.suggestLessons("zzzzzzzzzz")).toEqual([]);
    expect(catalogue.suggestLessons("ada", 2)).toHaveLength(2);
  });
});

describe("GIVEN the renderer", () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "descent-content-latex-"));
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  it("THEN every LaTeX string in the content renders", { timeout: 60_000 }, async () => {
    const renderer = createRenderer({ cacheDir, logger: silentLogger() });
    const latex = [
      ...catalogue.lessons.flatMap((l) => l.formulas.map((f) => f.latex)),
      ...questions().flatMap(({ q }) =>
        q.image?.kind === "formulas" ? q.image.formulas.map((f) => f.latex) : [],
      ),
      ...Object.values(TEST_FUNCTIONS).map((fn) => fn.latex),
    ];
    expect(latex.length).toBeGreaterThan(15);
    for (const formula of new Set(latex)) {
      const image = await renderer.formula(formula);
      expect(image.bytes.length, formula).toBeGreaterThan(100);
    }
  });
});
