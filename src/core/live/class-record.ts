import type { Logger } from "../logger.ts";
import type { ShownQuestion } from "../quiz/draw.ts";
import type { AnswerEntry } from "../store/answers.ts";
import type { TutorStore } from "../store/store.ts";
import type { LiveAnswer, LiveSession } from "./records.ts";

/**
 * Copies one closed live question into each student's answer log, with their session points, so
 * live rounds feed the class report and the gradebook. Idempotent per student, session and
 * question (appendAnswers), so a retry or a second closer adds nothing. A store failure is logged:
 * the round itself is already closed and shown.
 */
export async function recordLiveAnswers(
  { store, logger }: { store: TutorStore; logger: Logger },
  session: LiveSession,
  index: number,
  answers: LiveAnswer[],
  shown: ShownQuestion,
): Promise<void> {
  const drawn = session.questions[index];
  if (!drawn) return;
  await Promise.all(
    answers.map((answer) => {
      const choice = drawn.order[answer.choice];
      if (choice === undefined) return Promise.resolve();
      const misconception = shown.choices[answer.choice]?.misconception;
      const correct = answer.choice === shown.correct;
      const entry: AnswerEntry = {
        index,
        at: new Date(answer.at),
        quizId: drawn.quizId,
        questionId: drawn.questionId,
        choice,
        correct,
        ...(misconception !== undefined && !correct && { misconception }),
      };
      const { platform, communityId } = session;
      const who = { platform, communityId, userId: answer.userId, userName: answer.userName };
      const points = session.scores[answer.userId]?.points ?? 0;
      return store.recordAnswers(who, { id: session.id, quiz: "live", points }, [entry]);
    }),
  ).catch((error: unknown) =>
    logger.warn(
      { err: error, session: session.id },
      "could not copy a live round's answers to the class report",
    ),
  );
}
