import { randomBytes } from "node:crypto";
import type { Catalogue } from "../content/types.ts";
import { drawFinal, drawQuiz, FINAL_QUIZ_ID } from "../quiz/draw.ts";
import type { Random } from "../random.ts";
import type { Platform } from "../tutor-api.ts";
import type { LiveSession } from "./records.ts";

/** Who starts a session, and where. */
export interface Starter {
  platform: Platform;
  communityId: string;
  channelId: string;
  userId: string;
  userName: string;
}

/** A new session with its first question open from `now`; undefined when the quiz has no questions. */
export function draftSession(
  catalogue: Catalogue,
  random: Random,
  now: Date,
  who: Starter,
  { quizId, seconds, count }: { quizId: string; seconds: number; count: number },
): LiveSession | undefined {
  const quiz = catalogue.quizzes.get(quizId);
  const questions =
    quizId === FINAL_QUIZ_ID
      ? drawFinal(catalogue, random, count)
      : quiz
        ? drawQuiz(quiz, random, count)
        : [];
  if (questions.length === 0) return undefined;
  return {
    v: 1,
    id: randomBytes(6).toString("hex"),
    platform: who.platform,
    communityId: who.communityId,
    channelId: who.channelId,
    startedBy: { userId: who.userId, userName: who.userName },
    quizId,
    seconds,
    questions,
    index: 0,
    state: "open",
    openedAt: now.toISOString(),
    deadline: new Date(now.getTime() + seconds * 1000).toISOString(),
    results: [],
    scores: {},
  };
}
