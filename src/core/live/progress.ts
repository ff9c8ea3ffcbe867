import type { Logger } from "../logger.ts";
import { touch } from "../store/progress.ts";
import type { TutorStore } from "../store/store.ts";
import type { LiveAnswer, LiveSession } from "./records.ts";

/**
 * A closed round's answers count as each student's answers in their own progress (and a study day
 * for their streak); session points stay out of /leaderboard. Run once, by the process that closed
 * the round; a student whose record cannot be written now is logged and skipped.
 */
export async function countInProgress(
  store: TutorStore,
  logger: Logger,
  session: LiveSession,
  answers: readonly LiveAnswer[],
  now: Date,
): Promise<void> {
  await Promise.all(
    answers.map(async (answer) => {
      const who = {
        platform: session.platform,
        communityId: session.communityId,
        userId: answer.userId,
        userName: answer.userName,
      };
      try {
        await store.updateProgress(who, now, (progress) => ({
          next: { ...touch(progress, who, now), answered: progress.answered + 1 },
          result: undefined,
        }));
      } catch (error) {
        logger.warn(
          { err: error, session: session.id },
          "could not count a live answer in a student's progress",
        );
      }
    }),
  );
}
