import { type Card, createEmptyCard, fsrs, generatorParameters, Rating } from "ts-fsrs";
import type { ProgressRecord } from "../store/records.ts";
import { reviewOf, withReview } from "../store/reviews.ts";

/**
 * FSRS (ts-fsrs) with whole-day intervals: no same-day learning steps (a chat tutor asks again on a
 * later day, not in ten minutes) and no fuzz (a student's dates do not jump about at random).
 */
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

export type { Card };

/** The card after one answer at `now`: wrong is FSRS's "Again", right its "Good". */
export function nextCard(card: Card | undefined, right: boolean, now: Date): Card {
  return scheduler.next(card ?? createEmptyCard(now), now, right ? Rating.Good : Rating.Again).card;
}

/**
 * The record with one answer to question `key` ("quizId/questionId") scheduled: FSRS moves the card,
 * and a wrong answer's misconception is kept until a right answer clears it. Pure; callers run it
 * inside the record's compare-and-swap with the rest of the answer (quiz engine; live rounds and
 * daily questions can feed it the same way).
 */
export function reviewAnswer(
  record: ProgressRecord,
  key: string,
  answer: { right: boolean; misconception?: string },
  now: Date,
): ProgressRecord {
  const card = nextCard(reviewOf(record, key)?.card, answer.right, now);
  return withReview(record, key, card, answer.right ? undefined : answer.misconception);
}
