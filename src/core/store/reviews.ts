import type { Card } from "ts-fsrs";
import type { ProgressRecord, ReviewTuple } from "./records.ts";

/**
 * A student's FSRS cards, one per question they answered, kept in their progress record so a card
 * changes in the same compare-and-swap as the answer's count. Each card is a short tuple, not an
 * object, so a student who answered every question stays a few kilobytes:
 * [last review (Unix minutes), interval (days), stability, difficulty, reps, lapses, state, misconception?]
 * The misconception is that of the wrong choice last picked; a right answer clears it.
 */
export type { ReviewTuple };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** One question's review state as the practice planner reads it. */
export interface Review {
  /** "quizId/questionId". */
  key: string;
  card: Card;
  /** The misconception of the wrong answer last given, until a right answer clears it. */
  misconception?: string;
}

/** The card key of a question. */
export function reviewKey(quizId: string, questionId: string): string {
  return `${quizId}/${questionId}`;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

function encode(card: Card, misconception: string | undefined): ReviewTuple {
  const last = Math.floor((card.last_review ?? card.due).getTime() / MINUTE_MS);
  const days = Math.max(0, Math.round((card.due.getTime() - last * MINUTE_MS) / DAY_MS));
  const base = [
    last,
    days,
    round4(card.stability),
    round4(card.difficulty),
    card.reps,
    card.lapses,
    card.state,
  ] as const;
  return misconception ? [...base, misconception] : [...base];
}

function decode(key: string, tuple: ReviewTuple): Review {
  const [last, days, stability, difficulty, reps, lapses, state, misconception] = tuple;
  const lastReview = new Date(last * MINUTE_MS);
  const card: Card = {
    due: new Date(lastReview.getTime() + days * DAY_MS),
    stability,
    difficulty,
    elapsed_days: 0,
    scheduled_days: days,
    learning_steps: 0,
    reps,
    lapses,
    state,
    last_review: lastReview,
  };
  return { key, card, ...(misconception && { misconception }) };
}

/** Every card of the record. */
export function reviewsOf(record: ProgressRecord): Review[] {
  return Object.entries(record.reviews ?? {}).map(([key, tuple]) => decode(key, tuple));
}

/** One card, if the question was ever answered. */
export function reviewOf(record: ProgressRecord, key: string): Review | undefined {
  const tuple = record.reviews?.[key];
  return tuple && decode(key, tuple);
}

/** The record with one card replaced. */
export function withReview(
  record: ProgressRecord,
  key: string,
  card: Card,
  misconception: string | undefined,
): ProgressRecord {
  return { ...record, reviews: { ...record.reviews, [key]: encode(card, misconception) } };
}
