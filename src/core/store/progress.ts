import type { Invoker } from "../tutor-api.ts";
import { previousDay, utcDay, weekStart } from "./calendar.ts";
import { type ProgressRecord, RECORDED_SESSIONS_KEPT } from "./records.ts";

/** Pure updates of a progress record; the store runs them under the record's lock. */

/** A fresh record for a student new to this community. */
export function emptyProgress(who: Invoker, now: Date): ProgressRecord {
  return {
    v: 1,
    userId: who.userId,
    userName: who.userName,
    lessonsSeen: [],
    quizzes: {},
    points: 0,
    week: { start: utcDay(weekStart(now)), points: 0, best: {} },
    streak: { lastDay: "", days: 0 },
    answered: 0,
    recorded: [],
  };
}

/** Counts today in the streak (consecutive UTC days with any study) and refreshes the name. */
export function touch(record: ProgressRecord, who: Invoker, now: Date): ProgressRecord {
  const today = utcDay(now);
  let streak = record.streak;
  // A clock stepped back to an earlier day does not rewrite the streak (YYYY-MM-DD sorts as dates).
  if (today > streak.lastDay) {
    streak = { lastDay: today, days: streak.lastDay === previousDay(today) ? streak.days + 1 : 1 };
  }
  return { ...record, userName: who.userName, streak, week: currentWeek(record, now) };
}

/** The streak as of `now`: it lapses if yesterday had no study. */
export function currentStreak(record: ProgressRecord, now: Date): number {
  const today = utcDay(now);
  return record.streak.lastDay === today || record.streak.lastDay === previousDay(today)
    ? record.streak.days
    : 0;
}

/** Points earned this week (0 if the record's week is over). */
export function weekPoints(record: ProgressRecord, now: Date): number {
  return record.week.start === utcDay(weekStart(now)) ? record.week.points : 0;
}

/** Whether the student finished any quiz this week. */
export function activeThisWeek(record: ProgressRecord, now: Date): boolean {
  return record.week.start === utcDay(weekStart(now)) && Object.keys(record.week.best).length > 0;
}

/**
 * The week a change counts for. A week is fixed once something is recorded in it: only a later week
 * replaces it, so a clock stepped back across Monday 00:00 UTC cannot wipe (or hide) what was
 * recorded after the reset; an answer recorded meanwhile counts for the record's week.
 */
function currentWeek(record: ProgressRecord, now: Date): ProgressRecord["week"] {
  const start = utcDay(weekStart(now));
  return start > record.week.start ? { start, points: 0, best: {} } : record.week;
}

/** Adds a lesson to the ones seen (once). */
export function markLessonSeen(record: ProgressRecord, lessonId: string): ProgressRecord {
  return record.lessonsSeen.includes(lessonId)
    ? record
    : { ...record, lessonsSeen: [...record.lessonsSeen, lessonId] };
}

/**
 * Brings `answered` up to date with a session that now holds `given` answers. Idempotent: a replay,
 * a retry after a store outage or a second process adds nothing, and a count lost to a crash between
 * the session write and this one is made good by the next click on that session.
 */
export function countAnswers(record: ProgressRecord, sessionId: string, given: number): ProgressRecord {
  const already = record.counted?.session === sessionId ? record.counted.answers : 0;
  if (given <= already) return record;
  return {
    ...record,
    answered: record.answered + given - already,
    counted: { session: sessionId, answers: given },
  };
}

export interface QuizResult {
  sessionId: string;
  quizId: string;
  score: number;
  outOf: number;
}

/** Records a finished attempt: latest, best, points and the week's points. Idempotent per session. */
export function recordResult(record: ProgressRecord, result: QuizResult, now: Date): ProgressRecord {
  if (record.recorded.includes(result.sessionId)) return record;
  const previous = record.quizzes[result.quizId];
  const quizzes = {
    ...record.quizzes,
    [result.quizId]: {
      best: Math.max(previous?.best ?? 0, result.score),
      latest: result.score,
      outOf: result.outOf,
      attempts: (previous?.attempts ?? 0) + 1,
      lastAt: now.toISOString(),
    },
  };
  const week = currentWeek(record, now);
  const weekBest = { ...week.best, [result.quizId]: Math.max(week.best[result.quizId] ?? 0, result.score) };
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const { openSession, ...rest } = record;
  return {
    ...rest,
    quizzes,
    points: sum(Object.values(quizzes).map((stats) => stats.best)),
    week: { start: week.start, best: weekBest, points: sum(Object.values(weekBest)) },
    recorded: [...record.recorded, result.sessionId].slice(-RECORDED_SESSIONS_KEPT),
    ...(openSession !== result.sessionId && openSession !== undefined && { openSession }),
  };
}
