import type { Catalogue } from "../content/types.ts";
import type { AnswerEntry } from "../store/answers.ts";
import type { SessionRecord } from "../store/records.ts";
import { showQuestion } from "./draw.ts";

/**
 * The answers given so far in a quiz session, as the class report records them. All of them, not
 * only the newest: recording skips the ones already in the log, so passing them all heals an answer
 * whose log write a store outage lost (it is then stamped with `now`).
 */
export function sessionAnswers(catalogue: Catalogue, session: SessionRecord, now: Date): AnswerEntry[] {
  return session.answers.flatMap((given, index) => {
    const drawn = session.questions[index];
    const shown = drawn && showQuestion(catalogue, drawn);
    const choice = given === null || !drawn ? undefined : drawn.order[given];
    if (given === null || !shown || choice === undefined) return [];
    const misconception = shown.choices[given]?.misconception;
    return [
      {
        index,
        at: now,
        quizId: drawn.quizId,
        questionId: drawn.questionId,
        choice,
        correct: given === shown.correct,
        ...(misconception !== undefined && { misconception }),
      },
    ];
  });
}
