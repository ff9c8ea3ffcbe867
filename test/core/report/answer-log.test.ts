import { describe, expect, it } from "vitest";
import type { Catalogue } from "../../../src/core/content/types.ts";
import {
  type AnswerEntry,
  type AnswerLog,
  appendAnswers,
  fromTuple,
  toTuple,
} from "../../../src/core/store/answers.ts";
import { fakeCatalogue, harness, playQuiz, student } from "../fakes.ts";

function entry(index: number, overrides: Partial<AnswerEntry> = {}): AnswerEntry {
  return {
    index,
    at: new Date("2026-03-04T12:00:07Z"),
    quizId: "alpha",
    questionId: `alpha-q${index}`,
    choice: 2,
    correct: false,
    misconception: "rate-shrinks",
    ...overrides,
  };
}

const empty = (): AnswerLog => ({ v: 1, userId: "u1", attempts: [] });

/** The fake catalogue with every first wrong choice tagged with a misconception named after its question. */
function taggedCatalogue(): Catalogue {
  const catalogue = fakeCatalogue(2, 4);
  for (const quiz of catalogue.quizzes.values())
    for (const question of quiz.questions) {
      const first = question.choices[0];
      if (first) first.misconception = `mis-${question.id}`;
    }
  return catalogue;
}

describe("answer log", () => {
  it("GIVEN an entry THEN its tuple reads back as the same entry", () => {
    const original = entry(3);
    expect(fromTuple(toTuple(original))).toEqual(original);
    const right = entry(1, { correct: true, misconception: undefined });
    expect(fromTuple(toTuple(right))).toEqual({ ...right, misconception: undefined });
    expect(toTuple(right)).toHaveLength(5);
  });

  it("GIVEN the same answers appended twice THEN each is kept once and the second append writes nothing", () => {
    const once = appendAnswers(empty(), { id: "s1", quiz: "alpha" }, [entry(0), entry(1)]);
    const twice = appendAnswers(once, { id: "s1", quiz: "alpha" }, [entry(0), entry(1)]);
    expect(twice).toBe(once);
    const more = appendAnswers(once, { id: "s1", quiz: "alpha" }, [entry(0), entry(1), entry(2)]);
    expect(more.attempts).toHaveLength(1);
    expect(more.attempts[0]?.answers.map((tuple) => tuple[0])).toEqual([0, 1, 2]);
  });

  it("GIVEN more answers than are kept THEN the oldest attempts go and the newest stays", () => {
    let log = empty();
    for (let attempt = 0; attempt < 10; attempt++)
      log = appendAnswers(
        log,
        { id: `s${attempt}`, quiz: "alpha" },
        [entry(0), entry(1), entry(2), entry(3)],
        10,
      );
    expect(log.attempts.map((attempt) => attempt.id)).toEqual(["s8", "s9"]);
  });

  it("GIVEN a student plays a quiz, replays a click and plays the final THEN every answer is logged once with its misconception", async () => {
    const catalogue = taggedCatalogue();
    const { tutor, store } = harness({ catalogue });
    const who = student("ada");
    const start = await tutor.run("quiz", { topic: "alpha" }, who);
    await playQuiz(tutor, who, start, 1);
    // A replayed click on the first question adds nothing.
    await tutor.click(start.buttons.flat().find((b) => b.id.startsWith("qa:"))?.id ?? "", who);
    await playQuiz(tutor, who, await tutor.run("quiz", { topic: "final" }, who), 8);
    const logs = await store.listAnswers("discord.guild-1");
    expect(logs).toHaveLength(1);
    const [quiz, final] = logs[0]?.attempts ?? [];
    expect(quiz?.quiz).toBe("alpha");
    expect(final?.quiz).toBe("final");
    // The final's answers name the lesson quiz each question comes from.
    expect(new Set(final?.answers.map((tuple) => fromTuple(tuple).quizId))).toEqual(
      new Set(["alpha", "beta"]),
    );
    expect(final?.answers.every((tuple) => tuple[4] === 1)).toBe(true);
    const answers = quiz?.answers.map(fromTuple) ?? [];
    expect(answers).toHaveLength(4);
    expect(answers.filter((answer) => answer.correct)).toHaveLength(1);
    for (const answer of answers.filter((a) => !a.correct)) {
      const question = catalogue.quizzes.get("alpha")?.questions.find((q) => q.id === answer.questionId);
      // The stored choice is the index in the quiz file: its label is a wrong one, and its tag matches.
      expect(question?.choices[answer.choice]?.correct).toBe(false);
      expect(answer.misconception).toBe(question?.choices[answer.choice]?.misconception);
    }
  });
});
