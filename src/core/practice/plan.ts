import type { Catalogue, Question, Quiz } from "../content/types.ts";
import { type Random, shuffle } from "../random.ts";
import type { DrawnQuestion, ProgressRecord } from "../store/records.ts";
import { type Review, reviewKey, reviewsOf } from "../store/reviews.ts";
import { variantCount } from "./variants.ts";

/** Questions in one /practice set. */
export const PRACTICE_QUESTIONS = 5;
/** The quiz id of /practice sessions. */
export const PRACTICE_QUIZ_ID = "practice";

const DAY_MS = 86_400_000;

/** Reviews count as due for the whole UTC day they fall on, so "due today" means what it says. */
function endOfDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
}

interface Located {
  quiz: Quiz;
  question: Question;
}

/** Every question of the catalogue by card key. */
function questionsByKey(catalogue: Catalogue): Map<string, Located> {
  const byKey = new Map<string, Located>();
  for (const quiz of catalogue.quizzes.values())
    for (const question of quiz.questions) byKey.set(reviewKey(quiz.id, question.id), { quiz, question });
  return byKey;
}

/** What /progress and the suggestions say about a student's reviews. */
export interface PracticeSummary {
  /** Reviews due today (or overdue). */
  due: number;
  /** The earliest review due after today, if any. */
  next?: Date;
  /** Misconceptions of wrong answers not yet put right, most recent card first. */
  misconceptions: string[];
  /** The daily reminder: "stopped" after the platform refused it too many days in a row. */
  reminder: "on" | "off" | "stopped";
}

/** Due reviews, the next one after today, and the misconceptions still open (questions still in the course). */
export function summarise(catalogue: Catalogue, record: ProgressRecord, now: Date): PracticeSummary {
  const known = questionsByKey(catalogue);
  const reviews = reviewsOf(record).filter((review) => known.has(review.key));
  const cutoff = endOfDay(now);
  const later = reviews
    .map((review) => review.card.due.getTime())
    .filter((due) => due >= cutoff)
    .sort((a, b) => a - b)[0];
  const open = reviews
    .filter((review) => review.misconception)
    .sort((a, b) => (b.card.last_review?.getTime() ?? 0) - (a.card.last_review?.getTime() ?? 0));
  return {
    due: reviews.filter((review) => review.card.due.getTime() < cutoff).length,
    ...(later !== undefined && { next: new Date(later) }),
    misconceptions: [...new Set(open.map((review) => review.misconception as string))],
    reminder: record.remind ? (record.remind.stopped ? "stopped" : "on") : "off",
  };
}

/**
 * A /practice set: reviews due today first (earliest first), then questions new to the student from
 * the lessons they have seen; only when there is neither, reviews not yet due, soonest first.
 * A card last missed with a misconception is asked through another question testing the same
 * misconception where the course has one, so the student cannot just remember a choice's position;
 * a numeric question comes back with another start or η.
 */
export function drawPractice(
  catalogue: Catalogue,
  record: ProgressRecord,
  now: Date,
  random: Random,
  count = PRACTICE_QUESTIONS,
): DrawnQuestion[] {
  const known = questionsByKey(catalogue);
  const reviews = reviewsOf(record).filter((review) => known.has(review.key));
  const cutoff = endOfDay(now);
  const byDue = [...reviews].sort((a, b) => a.card.due.getTime() - b.card.due.getTime());
  const due = byDue.filter((review) => review.card.due.getTime() < cutoff);
  const notDue = byDue.filter((review) => review.card.due.getTime() >= cutoff);
  const carded = new Set(reviews.map((review) => review.key));
  const seenQuizzes = new Set(
    catalogue.lessons.filter((lesson) => record.lessonsSeen.includes(lesson.id)).map((lesson) => lesson.quiz),
  );
  const fresh = shuffle(
    [...known].filter(([key, { quiz }]) => seenQuizzes.has(quiz.id) && !carded.has(key)),
    random,
  );

  const picked: DrawnQuestion[] = [];
  const used = new Set<string>();
  const add = (key: string, extra: Partial<DrawnQuestion> = {}) => {
    const located = known.get(key);
    if (!located || used.has(key) || picked.length >= count) return;
    used.add(key);
    picked.push({ ...drawn(located, random), ...extra });
  };
  // A question due itself comes back in its own right, so it never stands in for another.
  const taken = new Set(due.map((review) => review.key));
  for (const review of due) {
    const stand = standIn(review, known, taken, random);
    if (stand) {
      taken.add(stand);
      add(stand, { reviewOf: review.key });
    } else add(review.key, variantFor(review, known));
  }
  for (const [key] of fresh) add(key);
  // Reviewing early moves a card too, so only a set that would otherwise be empty does it.
  if (picked.length === 0) for (const review of notDue) add(review.key, variantFor(review, known));
  return picked;
}

/** Another question with a wrong choice carrying the review's misconception, if the course has one. */
function standIn(
  review: Review,
  known: Map<string, Located>,
  used: Set<string>,
  random: Random,
): string | undefined {
  if (!review.misconception) return undefined;
  const others = [...known].filter(
    ([key, { question }]) =>
      key !== review.key &&
      !used.has(key) &&
      question.choices.some((choice) => choice.misconception === review.misconception),
  );
  return shuffle(others, random)[0]?.[0];
}

/** A numeric question under review comes back with another start or η (a different one each time). */
function variantFor(review: Review, known: Map<string, Located>): Partial<DrawnQuestion> {
  const question = known.get(review.key)?.question;
  const count = question ? variantCount(question) : 0;
  return count > 0 ? { variant: (review.card.reps % count) + 1 } : {};
}

function drawn({ quiz, question }: Located, random: Random): DrawnQuestion {
  const order = shuffle(
    question.choices.map((_, index) => index),
    random,
  );
  return { quizId: quiz.id, questionId: question.id, order };
}
