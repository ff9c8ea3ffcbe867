import type { Logger } from "../logger.ts";
import { reviewAnswer } from "../practice/scheduler.ts";
import type { ShownQuestion } from "../quiz/draw.ts";
import { touch } from "../store/progress.ts";
import { LIVE_ROUNDS_KEPT } from "../store/records.ts";
import { reviewKey } from "../store/reviews.ts";
import type { TutorStore } from "../store/store.ts";
import type { LiveAnswer, LiveSession } from "./records.ts";

/**
 * A closed round's answers count as each student's answers in their own progress (a study day for
 * their streak) and are scheduled for spaced practice, in one write per student; session points
 * stay out of /leaderboard. The record remembers the round, so a process that takes over a close
 * (two closers, a restart mid-count) counts each student once. A student whose record cannot be
 * written now is logged and skipped.
 */
export async function countInProgress(
  store: TutorStore,
  logger: Logger,
  session: LiveSession,
  index: number,
  shown: ShownQuestion | undefined,
  answers: readonly LiveAnswer[],
  now: Date,
): Promise<void> {
  const round = `${session.id}/${index}`;
  const drawn = session.questions[index];
  await Promise.all(
    answers.map(async (answer) => {
      const who = {
        platform: session.platform,
        communityId: session.communityId,
        userId: answer.userId,
        userName: answer.userName,
      };
      try {
        await store.updateProgress(who, now, (progress) => {
          if (progress.liveRounds?.includes(round)) return { result: undefined };
          const counted = {
            ...touch(progress, who, now),
            answered: progress.answered + 1,
            liveRounds: [...(progress.liveRounds ?? []), round].slice(-LIVE_ROUNDS_KEPT),
          };
          // A question the content no longer has counts as answered but has nothing to review.
          if (!drawn || !shown) return { next: counted, result: undefined };
          const misconception = shown.choices[answer.choice]?.misconception;
          const right = answer.choice === shown.correct;
          const key = reviewKey(drawn.quizId, drawn.questionId);
          // Scheduled from the click, not the close (which a restart may have delayed by hours).
          const at = new Date(answer.at);
          return {
            next: reviewAnswer(counted, key, { right, ...(misconception && { misconception }) }, at),
            result: undefined,
          };
        });
      } catch (error) {
        logger.warn(
          { err: error, session: session.id },
          "could not count a live answer in a student's progress",
        );
      }
    }),
  );
}
