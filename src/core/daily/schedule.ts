import { Cron } from "croner";
import { z } from "zod";
import type { Platform } from "../tutor-api.ts";
import { UserError } from "../user-error.ts";

/** A daily question is open this long (then the next day's post shows how it went). */
export const DAILY_OPEN_SECONDS = 86_400;

/**
 * One community's daily question: where and when it posts, the next post time as data (any process
 * may post it, after a restart too), and which questions this cycle has asked so far (every
 * question comes up once before any repeats). Every change is a compare-and-swap.
 */
export const DailyScheduleSchema = z.object({
  v: z.literal(1),
  active: z.boolean(),
  platform: z.enum(["discord", "slack", "console"]),
  communityId: z.string(),
  channelId: z.string(),
  /** Local wall-clock time, HH:MM (24 h). */
  time: z.string(),
  /** IANA time zone the time is in. */
  timezone: z.string(),
  /** The next post (ISO 8601 UTC). */
  nextAt: z.string(),
  /** "quizId/questionId" asked in the current cycle. */
  asked: z.array(z.string()),
  /** The session of the question posted last, to show its result with the next one. */
  last: z.object({ key: z.string(), sessionId: z.string() }).optional(),
  setBy: z.object({ userId: z.string(), userName: z.string(), at: z.string() }),
});
export type DailySchedule = z.infer<typeof DailyScheduleSchema>;

/** Communities with a daily question on, by schedule key, so every process's sweep finds them. */
export const DailyIndexSchema = z.object({ v: z.literal(1), on: z.array(z.string()) });

export interface DailyPlace {
  platform: Platform;
  communityId: string;
  channelId: string;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Reads "HH:MM" (24 h), or throws a friendly error. */
export function parseTime(text: string): { hour: number; minute: number } {
  const match = TIME.exec(text.trim());
  if (!match)
    throw new UserError(`**time** is a 24-hour time like \`09:30\`; you gave \`${text.slice(0, 20)}\`.`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The first post time after `after` at `time` in `timezone` (croner works in the zone's wall clock,
 * so a daylight-saving change moves the UTC instant, not the local time). Throws a friendly error
 * for an unknown zone.
 */
export function nextPostAt(time: string, timezone: string, after: Date): Date {
  const { hour, minute } = parseTime(time);
  let next: Date | null;
  try {
    next = new Cron(`${minute} ${hour} * * *`, { timezone, paused: true }).nextRun(after);
  } catch {
    throw new UserError(
      `**timezone** must be an IANA time zone such as \`Europe/Berlin\` or \`America/New_York\`; you gave \`${timezone.slice(0, 40)}\`.`,
    );
  }
  if (!next) throw new Error(`no next run for ${time} ${timezone}`);
  return next;
}
