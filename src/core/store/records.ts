import { z } from "zod";

/** One FSRS card of /practice as a short tuple (see reviews.ts for its fields). */
export const ReviewSchema = z.tuple([
  z.number().int(),
  z.number().int().nonnegative(),
  z.number(),
  z.number(),
  z.number().int().nonnegative(),
  z.number().int().nonnegative(),
  z.number().int().min(0).max(3),
  // The misconception of the last wrong answer, only while it is still open.
  z.string().optional(),
]);
export type ReviewTuple = z.infer<typeof ReviewSchema>;

/** One drawn question: where it comes from and the order its choices were shown in. */
export const DrawnQuestionSchema = z.object({
  quizId: z.string(),
  questionId: z.string(),
  /** order[shown position] = index of the choice in the quiz file. */
  order: z.array(z.number().int().nonnegative()),
  /** /practice: a numeric question asked with another start or η (see practice/variants). */
  variant: z.number().int().positive().optional(),
  /** /practice: the card ("quizId/questionId") this question reviews, when it stands in for another. */
  reviewOf: z.string().optional(),
});
export type DrawnQuestion = z.infer<typeof DrawnQuestionSchema>;

/** A quiz attempt. Only its owner writes it; answers are final once given. */
export const SessionSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  /** A lesson id or "final". */
  quizId: z.string(),
  platform: z.enum(["discord", "slack", "console"]),
  communityId: z.string().nullable(),
  userId: z.string(),
  startedAt: z.string(),
  questions: z.array(DrawnQuestionSchema).min(1),
  /** answers[i] = the shown position chosen for question i, null until answered. */
  answers: z.array(z.number().int().nonnegative().nullable()),
  finishedAt: z.string().optional(),
  /** Replaced by a fresh start; its buttons change nothing any more. */
  abandoned: z.boolean().optional(),
});
export type SessionRecord = z.infer<typeof SessionSchema>;

export const QuizStatsSchema = z.object({
  best: z.number().int().nonnegative(),
  latest: z.number().int().nonnegative(),
  outOf: z.number().int().positive(),
  attempts: z.number().int().nonnegative(),
  lastAt: z.string(),
});
export type QuizStats = z.infer<typeof QuizStatsSchema>;

/** Sessions whose result is already in the record (recording is idempotent); the newest few. */
export const RECORDED_SESSIONS_KEPT = 50;

/** Live rounds ("sessionId/index") already counted in the record, so a round taken over counts once; the newest few. */
export const LIVE_ROUNDS_KEPT = 20;

/** A student's record in one community. Only that student's own actions write it. */
export const ProgressSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  /** Display name as last seen, unescaped (escape when showing it). */
  userName: z.string(),
  lessonsSeen: z.array(z.string()),
  quizzes: z.record(z.string(), QuizStatsSchema),
  /** Sum of the best score of every quiz: retaking a quiz cannot farm points. */
  points: z.number().int().nonnegative(),
  week: z.object({
    /** Monday (UTC) of the week these points belong to, YYYY-MM-DD. */
    start: z.string(),
    points: z.number().int().nonnegative(),
    best: z.record(z.string(), z.number().int().nonnegative()),
  }),
  streak: z.object({ lastDay: z.string(), days: z.number().int().nonnegative() }),
  /** Answers counted, over every attempt. */
  answered: z.number().int().nonnegative(),
  /** Answers of the latest answered session already in `answered`, so counting them again adds nothing. */
  counted: z.object({ session: z.string(), answers: z.number().int().nonnegative() }).optional(),
  /** The quiz session still in progress, if any. */
  openSession: z.string().optional(),
  recorded: z.array(z.string()),
  /** Live rounds counted (newest LIVE_ROUNDS_KEPT), so counting a round again adds nothing. */
  liveRounds: z.array(z.string()).optional(),
  /** FSRS cards for /practice, by "quizId/questionId" (see reviews.ts). */
  reviews: z.record(z.string(), ReviewSchema).optional(),
  /** The daily /practice reminder, while on: where to send it and when it is next looked at. */
  remind: z
    .object({
      platform: z.enum(["discord", "slack", "console"]),
      communityId: z.string().nullable(),
      nextAt: z.string(),
      /** Days in a row the platform refused the direct message (DMs closed, app blocked). */
      refused: z.number().int().nonnegative(),
      /** Set once refused too often: no more tries until the student turns it on again. */
      stopped: z.literal(true).optional(),
    })
    .optional(),
});
export type ProgressRecord = z.infer<typeof ProgressSchema>;

/** Instructors a community has chosen, beyond those the platform names (see core/instructors). */
export const ClassSettingsSchema = z.object({
  v: z.literal(1),
  /** Discord: members with this role are instructors. */
  instructorRole: z.string().optional(),
  /** Users an admin added as instructors (Slack; Discord too). */
  instructors: z.array(z.string()).default([]),
  /** Who changed the settings last, and when (ISO 8601). */
  changedBy: z.object({ userId: z.string(), at: z.string() }).optional(),
  /** The weekly board: its reset day and zone, and when an instructor last cleared it (absent: Monday 00:00 UTC). */
  week: z
    .object({
      timezone: z.string(),
      day: z.enum(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
      clearedAt: z.string().optional(),
    })
    .optional(),
  /** The latest changes, newest last: who, when (ISO 8601) and what (see CHANGES_KEPT). */
  changes: z.array(z.object({ userId: z.string(), at: z.string(), what: z.string() })).default([]),
});
export type ClassSettings = z.infer<typeof ClassSettingsSchema>;
