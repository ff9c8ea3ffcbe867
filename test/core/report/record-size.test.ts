import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/core/content/index.ts";
import { ANSWERS_KEPT, type AnswerLog, appendAnswers } from "../../../src/core/store/answers.ts";

/** Stored text of a log as Keyv writes it. */
const storedBytes = (log: AnswerLog) => Buffer.byteLength(JSON.stringify({ value: log, expires: null }));

describe("answer log size (README: Teacher tools)", () => {
  it("GIVEN a term of study with the real content THEN even an always-wrong student's record stays under 13 KB, and endless retakes stay under 110 KB", async () => {
    const catalogue = await loadContent(path.join(import.meta.dirname, "../../../content"));
    const all = [...catalogue.quizzes.values()].flatMap((quiz) => quiz.questions.map((q) => ({ quiz, q })));
    const longest = [...all].sort(
      (a, b) => b.q.id.length + b.quiz.id.length - a.q.id.length - a.quiz.id.length,
    );
    let at = Date.parse("2026-09-01T00:00:00Z");
    // Worst case per answer: the longest question ids, always wrong with the longest misconception tag.
    const attempt = (log: AnswerLog, id: string, quiz: string, count: number) =>
      appendAnswers(
        log,
        { id, quiz },
        Array.from({ length: count }, (_, index) => {
          const { quiz: source, q } = longest[index % longest.length] ?? { quiz: { id: "" }, q: { id: "" } };
          at += 60_000;
          return {
            index,
            at: new Date(at),
            quizId: source.id,
            questionId: q.id,
            choice: 3,
            correct: false,
            misconception: "adadelta-never-needs-tuning",
          };
        }),
      );
    let term: AnswerLog = { v: 1, userId: "123456789012345678", userName: "A display name", attempts: [] };
    let n = 0;
    for (const lesson of catalogue.lessons)
      for (let k = 0; k < 2; k++) term = attempt(term, `s${n++}`.padStart(12, "0"), lesson.quiz, 4);
    for (let k = 0; k < 2; k++) term = attempt(term, `f${n++}`.padStart(12, "0"), "final", 10);
    for (let k = 0; k < 10; k++) term = attempt(term, `l${n++}`.padStart(12, "0"), "live", 5);
    expect(term.attempts.reduce((sum, a) => sum + a.answers.length, 0)).toBe(
      catalogue.lessons.length * 8 + 70,
    );
    expect(storedBytes(term)).toBeLessThan(13_000);
    let spam: AnswerLog = { v: 1, userId: "123456789012345678", attempts: [] };
    for (let k = 0; k < 500; k++) spam = attempt(spam, `r${k}`.padStart(12, "0"), "adam", 4);
    expect(spam.attempts.reduce((sum, a) => sum + a.answers.length, 0)).toBeLessThanOrEqual(ANSWERS_KEPT);
    expect(storedBytes(spam)).toBeLessThan(110_000);
  });
});
