import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Catalogue, loadContent } from "../../../src/core/content/index.ts";
import { runTemplate } from "../../../src/core/content/mistakes.ts";
import { drawPractice } from "../../../src/core/practice/plan.ts";
import { reviewAnswer } from "../../../src/core/practice/scheduler.ts";
import { questionVariant, variantCount } from "../../../src/core/practice/variants.ts";
import { showQuestion } from "../../../src/core/quiz/draw.ts";
import { seededRandom } from "../../../src/core/random.ts";
import { emptyProgress } from "../../../src/core/store/progress.ts";
import { ProgressSchema } from "../../../src/core/store/records.ts";
import { reviewKey } from "../../../src/core/store/reviews.ts";
import { student } from "../fakes.ts";

const CONTENT_DIR = join(import.meta.dirname, "../../../content");
const DAY_MS = 86_400_000;
let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadContent(CONTENT_DIR);
});

const everyQuestion = () =>
  [...catalogue.quizzes.values()].flatMap((quiz) => quiz.questions.map((question) => ({ quiz, question })));

describe("practice over the real course", () => {
  it("GIVEN a student who answered every question twice THEN the record stays a few kilobytes and reads back", () => {
    const who = student("0123456789012345678", "guild-1");
    let now = new Date("2026-11-30T10:00:00Z");
    let record = { ...emptyProgress(who, now), lessonsSeen: catalogue.lessons.map((lesson) => lesson.id) };
    const bare = JSON.stringify(record).length;
    for (const round of [0, 1]) {
      for (const { quiz, question } of everyQuestion()) {
        const right = round === 1 || question.id.length % 2 === 0;
        const misconception = question.choices.find((choice) => !choice.correct)?.misconception;
        record = reviewAnswer(record, reviewKey(quiz.id, question.id), { right, misconception }, now);
      }
      now = new Date(now.getTime() + 3 * DAY_MS);
    }
    const bytes = Buffer.byteLength(JSON.stringify(record));
    const questions = everyQuestion().length;
    console.info(
      `practice record: ${questions} questions answered twice -> ${bytes} bytes (${bare} without cards)`,
    );
    expect(Object.keys(record.reviews ?? {})).toHaveLength(questions);
    expect(bytes - bare).toBeLessThan(questions * 80);
    expect(ProgressSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it("GIVEN a numeric question under review THEN it comes back with another start or η and the simulator's answer", () => {
    const numeric = everyQuestion().filter(({ question }) => question.numeric);
    expect(numeric.length).toBeGreaterThan(0);
    for (const { quiz, question } of numeric) {
      expect(variantCount(question), question.id).toBeGreaterThan(0);
      const variant = questionVariant(question, 1);
      if (!variant?.numeric || !question.numeric) throw new Error(`${question.id}: no variant`);
      expect(variant.prompt, question.id).not.toBe(question.prompt);
      const changed =
        variant.numeric.lr !== question.numeric.lr ||
        variant.numeric.start.some((value, index) => value !== question.numeric?.start[index]);
      expect(changed, question.id).toBe(true);
      const index = variant.numeric.coordinate === "x" ? 0 : 1;
      const expected = runTemplate(variant.numeric)[index] ?? Number.NaN;
      const correct = variant.choices.find((choice) => choice.correct)?.label ?? "";
      const shownValue = Number(correct.split("≈")[1]);
      expect(Math.abs(shownValue - expected), question.id).toBeLessThanOrEqual(10 ** -variant.numeric.digits);
      expect(new Set(variant.choices.map((choice) => choice.label)).size).toBe(variant.choices.length);

      // Drawn by /practice once due, the variant is what the student is shown.
      const who = student("ana");
      const monday = new Date("2026-11-30T10:00:00Z");
      const record = reviewAnswer(
        { ...emptyProgress(who, monday), lessonsSeen: [] },
        reviewKey(quiz.id, question.id),
        { right: false },
        monday,
      );
      const [drawn] = drawPractice(
        catalogue,
        record,
        new Date(monday.getTime() + 7 * DAY_MS),
        seededRandom(1),
      );
      if (!drawn) throw new Error("nothing drawn");
      expect(drawn.variant, question.id).toBeGreaterThan(0);
      expect(showQuestion(catalogue, drawn)?.question.prompt).not.toBe(question.prompt);
    }
  });
});
