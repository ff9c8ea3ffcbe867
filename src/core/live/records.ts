import { z } from "zod";
import { DrawnQuestionSchema } from "../store/records.ts";

/** How one closed question went. */
export const LiveResultSchema = z.object({
  /** counts[shown position] = students who chose it. */
  counts: z.array(z.number().int().nonnegative()),
  /** Who was counted (so a click that raced the close can be told the truth). */
  voters: z.array(z.string()),
});
export type LiveResult = z.infer<typeof LiveResultSchema>;

/** A student's session points so far. */
export const LiveScoreSchema = z.object({
  name: z.string(),
  points: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
});

/**
 * One channel's live session: the drawn questions, which one is up and until when, and what the
 * class scored. The deadline is data, so any process can close the round after a restart; every
 * change is a compare-and-swap, so exactly one process closes it.
 */
export const LiveSessionSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  platform: z.enum(["discord", "slack", "console"]),
  communityId: z.string(),
  channelId: z.string(),
  startedBy: z.object({ userId: z.string(), userName: z.string() }),
  quizId: z.string(),
  /** A daily question (one question, open a day, no final standings) rather than a live session. */
  kind: z.enum(["live", "daily"]).optional(),
  seconds: z.number().int().positive(),
  questions: z.array(DrawnQuestionSchema).min(1),
  /** The question up now (or last closed). */
  index: z.number().int().nonnegative(),
  /** open: taking answers; closing: one process is counting; closed: waiting for /live next; ended. */
  state: z.enum(["open", "closing", "closed", "ended"]),
  openedAt: z.string(),
  deadline: z.string(),
  /** The round message of the question up now. */
  message: z.object({ channelId: z.string(), messageId: z.string() }).optional(),
  results: z.array(LiveResultSchema),
  scores: z.record(z.string(), LiveScoreSchema),
});
export type LiveSession = z.infer<typeof LiveSessionSchema>;

/** One student's answer to one question: written once (create-if-absent), so the first click counts. */
export const LiveAnswerSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  userName: z.string(),
  choice: z.number().int().nonnegative(),
  at: z.string(),
});
export type LiveAnswer = z.infer<typeof LiveAnswerSchema>;

/** Sessions this deployment has open, by key, so start-up re-arms their deadlines. */
export const LiveIndexSchema = z.object({ v: z.literal(1), open: z.array(z.string()) });
