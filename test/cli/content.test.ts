import { describe, expect, it } from "vitest";
import { runScript } from "./run-script.ts";

describe("descent content --json", () => {
  it("GIVEN the real content THEN the final quiz is listed with its draw rule beside the lesson quizzes", async () => {
    const { stdout } = await runScript("src/cli/index.ts", ["content", "--json"]);
    const catalogue = JSON.parse(stdout) as {
      lessons: Array<{ quiz: string }>;
      quizzes: Array<{ id: string }>;
      finalQuiz: { id: string; questions: number; fromQuizzes: string[]; rule: string };
    };
    expect(catalogue.finalQuiz.id).toBe("final");
    expect(catalogue.finalQuiz.questions).toBe(10);
    // Drawn from every lesson's quiz, in course order: what `/quiz final` really draws from.
    expect(catalogue.finalQuiz.fromQuizzes).toEqual(catalogue.lessons.map((lesson) => lesson.quiz));
    expect(catalogue.quizzes.map((quiz) => quiz.id)).toEqual(
      expect.arrayContaining(catalogue.finalQuiz.fromQuizzes),
    );
    expect(catalogue.finalQuiz.rule).toMatch(/at least one from each/);
  });
});
