import { describe, expect, it } from "vitest";
import { drawFinal, drawQuiz, showQuestion } from "../../../src/core/quiz/draw.ts";
import { seededRandom } from "../../../src/core/random.ts";
import { fakeCatalogue } from "../fakes.ts";

describe("drawing questions", () => {
  it("GIVEN a bank of 5 THEN 4 distinct questions, choices shuffled, the right answer tracked", () => {
    const catalogue = fakeCatalogue(3, 5);
    const quiz = catalogue.quizzes.get("alpha");
    if (!quiz) throw new Error("fixture");
    const positions = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      const drawn = drawQuiz(quiz, seededRandom(seed));
      expect(drawn).toHaveLength(4);
      expect(new Set(drawn.map((question) => question.questionId)).size).toBe(4);
      for (const question of drawn) {
        expect([...question.order].sort()).toEqual([0, 1, 2]);
        const shown = showQuestion(catalogue, question);
        expect(shown?.choices[shown.correct]?.label).toMatch(/^right/);
        positions.add(shown?.correct ?? -1);
      }
    }
    // Over 120 questions the right answer sits in every position at some point.
    expect(positions).toEqual(new Set([0, 1, 2]));
  });

  it("GIVEN 9 lessons (the course) THEN the final has 10 questions with at least one from each lesson", () => {
    const catalogue = fakeCatalogue(9, 4);
    for (let seed = 1; seed <= 20; seed++) {
      const drawn = drawFinal(catalogue, seededRandom(seed));
      expect(drawn).toHaveLength(10);
      expect(new Set(drawn.map((question) => question.quizId)).size).toBe(9);
      expect(new Set(drawn.map((question) => question.questionId)).size).toBe(10);
    }
  });

  it("GIVEN more lessons than final questions THEN 10 questions from 10 different lessons", () => {
    const drawn = drawFinal(fakeCatalogue(11, 2), seededRandom(3));
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn.map((question) => question.quizId)).size).toBe(10);
  });

  it("GIVEN content that changed after the draw THEN the question is not shown", () => {
    const catalogue = fakeCatalogue(1, 4);
    expect(
      showQuestion(catalogue, { quizId: "alpha", questionId: "gone", order: [0, 1, 2] }),
    ).toBeUndefined();
    expect(
      showQuestion(catalogue, { quizId: "alpha", questionId: "alpha-q0", order: [0, 1] }),
    ).toBeUndefined();
  });
});
