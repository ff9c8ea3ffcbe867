import { z } from "zod";

/**
 * Every answer a student gave, compactly, for the class report and the gradebook. One record per
 * student per community, grouped by attempt (a personal quiz, the final, a live session), so the
 * attempt's id and quiz are written once and each answer is a short tuple.
 */

/**
 * One answer: [index in the attempt, unix seconds, "quiz/question", choice, 1 if right else 0,
 * misconception of the chosen choice if it has one]. The choice is the index in the quiz file, not
 * the shuffled position, so answers from different draws add up.
 */
export const AnswerTupleSchema = z.union([
  z.tuple([
    z.number().int(),
    z.number().int(),
    z.string(),
    z.number().int(),
    z.union([z.literal(0), z.literal(1)]),
  ]),
  z.tuple([
    z.number().int(),
    z.number().int(),
    z.string(),
    z.number().int(),
    z.union([z.literal(0), z.literal(1)]),
    z.string(),
  ]),
]);
export type AnswerTuple = z.infer<typeof AnswerTupleSchema>;

export const AttemptLogSchema = z.object({
  /** The quiz session's id, or a live session's. */
  id: z.string(),
  /** A lesson id, "final", or "live". */
  quiz: z.string(),
  answers: z.array(AnswerTupleSchema),
  /** A live session's points for this student so far (speed counts, so not derived from answers). */
  points: z.number().int().nonnegative().optional(),
});
export type AttemptLog = z.infer<typeof AttemptLogSchema>;

export const AnswerLogSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  /** Display name as last seen (for students known only from live rounds). */
  userName: z.string().optional(),
  /** Oldest first. */
  attempts: z.array(AttemptLogSchema),
});
export type AnswerLog = z.infer<typeof AnswerLogSchema>;

/**
 * Answers kept per student: the oldest attempts go first beyond this. A term of ordinary study is
 * a few hundred answers; the cap only bounds a student who retakes quizzes without end (~60 bytes
 * an answer, so at most ~70 KB a record).
 */
export const ANSWERS_KEPT = 1_200;

/** One answer as the quiz engine or a live round reports it. */
export interface AnswerEntry {
  /** Position in the attempt (question number, from 0). */
  index: number;
  at: Date;
  /** The lesson quiz the question belongs to (also for the final and live rounds). */
  quizId: string;
  questionId: string;
  /** Index of the chosen choice in the quiz file. */
  choice: number;
  correct: boolean;
  misconception?: string;
}

/** The tuple stored for an entry. */
export function toTuple(entry: AnswerEntry): AnswerTuple {
  const base = [
    entry.index,
    Math.floor(entry.at.getTime() / 1000),
    `${entry.quizId}/${entry.questionId}`,
    entry.choice,
    entry.correct ? 1 : 0,
  ] as const;
  return entry.misconception && !entry.correct ? [...base, entry.misconception] : [...base];
}

/** An entry read back from its tuple. */
export function fromTuple(tuple: AnswerTuple): AnswerEntry {
  const [index, seconds, question, choice, right, misconception] = tuple;
  const slash = question.indexOf("/");
  return {
    index,
    at: new Date(seconds * 1000),
    quizId: question.slice(0, slash),
    questionId: question.slice(slash + 1),
    choice,
    correct: right === 1,
    ...(misconception !== undefined && { misconception }),
  };
}

/**
 * The log with `entries` of one attempt added; an answer whose index the attempt already holds is
 * skipped, so a replay, a retry or a second process adds nothing. Returns the same log when nothing
 * is new (no write needed).
 */
export function appendAnswers(
  log: AnswerLog,
  attempt: { id: string; quiz: string; points?: number },
  entries: AnswerEntry[],
  kept = ANSWERS_KEPT,
): AnswerLog {
  const existing = log.attempts.find((candidate) => candidate.id === attempt.id);
  const have = new Set(existing?.answers.map((tuple) => tuple[0]));
  const fresh = entries.filter((entry) => !have.has(entry.index)).map(toTuple);
  // Session points only grow, so a replayed (older) total never lowers them.
  const points = Math.max(existing?.points ?? 0, attempt.points ?? 0);
  const morePoints = attempt.points !== undefined && points !== existing?.points;
  if (fresh.length === 0 && !morePoints) return log;
  const updated: AttemptLog = {
    ...(existing ?? { id: attempt.id, quiz: attempt.quiz }),
    answers: [...(existing?.answers ?? []), ...fresh],
    ...(attempt.points !== undefined || existing?.points !== undefined ? { points } : {}),
  };
  const attempts = [...log.attempts.filter((candidate) => candidate !== existing), updated];
  let total = attempts.reduce((sum, candidate) => sum + candidate.answers.length, 0);
  // Drop whole attempts, oldest first, but never the one just written.
  while (total > kept && attempts.length > 1) total -= attempts.shift()?.answers.length ?? 0;
  return { ...log, attempts };
}
