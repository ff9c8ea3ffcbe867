import { Cron } from "croner";
import { UserError } from "../user-error.ts";
import type { AnswerLog } from "./answers.ts";
import { nextWeekStart, weekStart } from "./calendar.ts";
import type { ClassSettings, ProgressRecord } from "./records.ts";

/**
 * A community's own week for the weekly board: it resets at 00:00 on its day in its zone, and an
 * instructor may clear it early (`/class reset-week`). The board is then computed when read, over
 * [max(week start, cleared at), now), from the answer log; all-time points never change.
 */

export type WeekSettings = NonNullable<ClassSettings["week"]>;
export type WeekDay = WeekSettings["day"];

/** Cron's day numbers (0 = Sunday). */
const DAY_NUMBER: Record<WeekDay, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
export const WEEK_DAYS = Object.keys(DAY_NUMBER) as WeekDay[];

/** Today's rule, kept for communities that chose nothing. */
export const DEFAULT_WEEK: WeekSettings = { timezone: "UTC", day: "monday" };

/** Whether the board is now the stored Monday-UTC week (no zone or day chosen, not cleared this week). */
export function isDefaultWeek(week: WeekSettings | undefined, now: Date): boolean {
  if (!week) return true;
  const cleared = week.clearedAt ? Date.parse(week.clearedAt) : 0;
  return week.timezone === "UTC" && week.day === "monday" && cleared <= weekStart(now).getTime();
}

/** Reads a day name ("Sunday", "sun"), or throws a friendly error. */
export function parseWeekDay(text: string): WeekDay {
  const given = text.trim().toLowerCase();
  const day = given.length >= 3 ? WEEK_DAYS.find((name) => name.startsWith(given)) : undefined;
  if (!day)
    throw new UserError(
      `**week-day** is a day of the week, e.g. \`sunday\`; you gave \`${text.slice(0, 20)}\`.`,
    );
  return day;
}

/** The reset schedule: 00:00 on `day` in `timezone` (croner keeps the local time across DST). Throws a friendly error for an unknown zone. */
function resets(week: WeekSettings): Cron {
  try {
    const cron = new Cron(`0 0 * * ${DAY_NUMBER[week.day]}`, { timezone: week.timezone, paused: true });
    cron.nextRun(); // croner checks the zone only when it computes a run
    return cron;
  } catch {
    throw new UserError(
      `**week-timezone** must be an IANA time zone such as \`Europe/Berlin\` or \`America/New_York\`; you gave \`${week.timezone.slice(0, 40)}\`.`,
    );
  }
}

/** Checks the zone is one croner (and so the board) can use, or throws the friendly error. */
export function checkWeek(week: WeekSettings): WeekSettings {
  resets(week);
  return week;
}

/** The window the weekly board counts now: [start, now), and when it next resets. */
export function weekWindow(week: WeekSettings | undefined, now: Date): { start: Date; nextReset: Date } {
  if (!week || (week.timezone === "UTC" && week.day === "monday")) {
    return { start: later(weekStart(now), week?.clearedAt), nextReset: nextWeekStart(now) };
  }
  const schedule = resets(week);
  // A run exactly at `now` is the week that begins now.
  const start = schedule.previousRuns(1, new Date(now.getTime() + 1))[0] ?? new Date(0);
  const nextReset = schedule.nextRun(now) ?? nextWeekStart(now);
  return { start: later(start, week.clearedAt), nextReset };
}

const later = (start: Date, clearedAt: string | undefined) =>
  clearedAt && Date.parse(clearedAt) > start.getTime() ? new Date(clearedAt) : start;

/** "Sunday 00:00 (America/New_York)": when the board resets, for footers and settings. */
export function describeWeek(week: WeekSettings | undefined): string {
  const { day, timezone } = week ?? DEFAULT_WEEK;
  return `${day[0]?.toUpperCase()}${day.slice(1)} 00:00 ${timezone === "UTC" ? "UTC" : `(${timezone})`}`;
}

/** A student's weekly standing: their best score on each quiz finished in the window, added up. */
export interface WindowStanding {
  userId: string;
  userName: string;
  points: number;
}

/**
 * Standings of everyone who finished a quiz in [start, now). An attempt counts once finished (its
 * session is among the record's recorded ones) at the time of its last answer, with its right
 * answers as its score: the rule of the stored week, applied to any window.
 */
export function windowStandings(
  progress: ProgressRecord[],
  logs: AnswerLog[],
  start: Date,
  now: Date,
): WindowStanding[] {
  const logOf = new Map(logs.map((log) => [log.userId, log]));
  const [from, until] = [start.getTime() / 1000, now.getTime() / 1000];
  const standings: WindowStanding[] = [];
  for (const record of progress) {
    const finished = new Set(record.recorded);
    const best = new Map<string, number>();
    for (const attempt of logOf.get(record.userId)?.attempts ?? []) {
      if (!finished.has(attempt.id) || attempt.answers.length === 0) continue;
      const at = Math.max(...attempt.answers.map((tuple) => tuple[1]));
      if (at < from || at > until) continue;
      const score = attempt.answers.filter((tuple) => tuple[4] === 1).length;
      best.set(attempt.quiz, Math.max(best.get(attempt.quiz) ?? 0, score));
    }
    if (best.size === 0) continue;
    const points = [...best.values()].reduce((sum, score) => sum + score, 0);
    standings.push({ userId: record.userId, userName: record.userName, points });
  }
  return standings;
}
