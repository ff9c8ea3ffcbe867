import type { Catalogue } from "./content/types.ts";
import { type PracticeSummary, summarise } from "./practice/plan.ts";
import { withReminder } from "./practice/reminders.ts";
import type { ClassRecords } from "./report/aggregate.ts";
import type { AnswerEntry } from "./store/answers.ts";
import { describeDuration } from "./store/calendar.ts";
import { classKey, scopeOf, scopeOfInvoker } from "./store/keys.ts";
import { type BoardRow, boardFor, type Period, rankRecords, rankRows } from "./store/leaderboard.ts";
import { currentStreak, markLessonSeen, touch } from "./store/progress.ts";
import { type ClassSettings, ClassSettingsSchema, type ProgressRecord } from "./store/records.ts";
import type { TutorStore } from "./store/store.ts";
import { describeWeek, isDefaultWeek, weekWindow, windowStandings } from "./store/week.ts";
import type { Invoker } from "./tutor-api.ts";

/**
 * What commands ask of the store, in their own words: no keys, scopes or record updates leak out.
 * Commands import these services and types from here, never from store/.
 */

export { PRACTICE_QUESTIONS, PRACTICE_QUIZ_ID } from "./practice/plan.ts";
export type { AnswerEntry } from "./store/answers.ts";
export type { BoardRow, Period } from "./store/leaderboard.ts";
export { LEADERBOARD_SIZE } from "./store/leaderboard.ts";
export type { ClassSettings, ProgressRecord, SessionRecord } from "./store/records.ts";
export type { WeekSettings } from "./store/week.ts";
export { checkWeek, DEFAULT_WEEK, describeWeek, parseWeekDay } from "./store/week.ts";
export type { PracticeSummary };
export { describeDuration };

/** A student's own record. */
export interface ProgressService {
  /** The caller's record in this community (an empty one if they have none yet). */
  of(who: Invoker): Promise<ProgressRecord>;
  /** Records a lesson as seen and counts today towards the streak. */
  markLessonSeen(who: Invoker, lessonId: string): Promise<void>;
  /** Consecutive study days ending today or yesterday (0 once a day was missed). */
  streak(record: ProgressRecord): number;
}

/** A community's boards. */
export interface LeaderboardService {
  /** Everyone ranked for the period, most points first; equal points share a rank. */
  rows(who: Invoker, period: Period): Promise<BoardRow[]>;
  /** The top rows, plus the caller's own row when it is further down. */
  boardFor(rows: BoardRow[], userId: string): { top: BoardRow[]; own?: BoardRow };
  /** When the community's weekly board next resets, and its rule in words ("Monday 00:00 UTC"). */
  reset(who: Invoker): Promise<{ next: Date; rule: string }>;
}

/** A student's spaced practice (the answers themselves are scheduled by the quiz engine). */
export interface PracticeService {
  /** Reviews due today, the next one after today, and the misconceptions still open. */
  summary(who: Invoker): Promise<PracticeSummary>;
  /** Turns the daily private reminder on or off. */
  setReminder(who: Invoker, on: boolean): Promise<void>;
}

export function practiceService(store: TutorStore, catalogue: Catalogue, clock: () => Date): PracticeService {
  return {
    async summary(who) {
      const now = clock();
      return summarise(catalogue, await store.getProgress(who, now), now);
    },
    async setReminder(who, on) {
      const now = clock();
      await store.updateProgress(who, now, (progress) => ({
        next: withReminder(progress, who, on, now),
        result: undefined,
      }));
    },
  };
}

/** A community's class settings (its instructors). */
export interface ClassSettingsService {
  /** The caller's community's settings (empty ones if none were saved). */
  of(who: Invoker): Promise<ClassSettings>;
  /**
   * Changes them atomically; `change` returns the new settings, or undefined to leave them. A change
   * is logged with who made it, and `what` (in words) when given.
   */
  update(
    who: Invoker,
    change: (current: ClassSettings) => ClassSettings | undefined,
    what?: string,
  ): Promise<ClassSettings>;
}

/** Changes kept in the settings' log (older ones go first). */
export const CHANGES_KEPT = 20;

const EMPTY_SETTINGS: ClassSettings = { v: 1, instructors: [], changes: [] };
const settingsKey = (who: Invoker) => classKey(who, "settings", "class");
const settingsOf = async (store: TutorStore, who: Invoker) =>
  (await store.getClassRecord(settingsKey(who), ClassSettingsSchema)) ?? EMPTY_SETTINGS;

export function classSettingsService(store: TutorStore, clock: () => Date): ClassSettingsService {
  return {
    of: (who) => settingsOf(store, who),
    update: (who, change, what) =>
      store.updateClassRecord(settingsKey(who), ClassSettingsSchema, (current) => {
        const changed = change(current ?? EMPTY_SETTINGS);
        if (!changed) return { result: current ?? EMPTY_SETTINGS };
        const changedBy = { userId: who.userId, at: clock().toISOString() };
        const changes = what
          ? [...changed.changes, { ...changedBy, what }].slice(-CHANGES_KEPT)
          : changed.changes;
        const next = { ...changed, changedBy, changes };
        return { next, result: next };
      }),
  };
}

export function progressService(store: TutorStore, clock: () => Date): ProgressService {
  return {
    of: (who) => store.getProgress(who, clock()),
    async markLessonSeen(who, lessonId) {
      const now = clock();
      await store.updateProgress(who, now, (progress) => ({
        next: markLessonSeen(touch(progress, who, now), lessonId),
        result: undefined,
      }));
    },
    streak: (record) => currentStreak(record, clock()),
  };
}

export function leaderboardService(store: TutorStore, clock: () => Date): LeaderboardService {
  return {
    async rows(who, period) {
      const now = clock();
      const scope = scopeOfInvoker(who);
      const { week } = await settingsOf(store, who);
      // Without a chosen week the stored Monday-UTC week is the board; otherwise count the window from the answer log.
      if (period === "all" || isDefaultWeek(week, now))
        return rankRecords(await store.listProgress(scope), period, now);
      const [progress, answers] = await Promise.all([store.listProgress(scope), store.listAnswers(scope)]);
      return rankRows(windowStandings(progress, answers, weekWindow(week, now).start, now));
    },
    boardFor: (rows, userId) => boardFor(rows, userId),
    async reset(who) {
      const { week } = await settingsOf(store, who);
      return { next: weekWindow(week, clock()).nextReset, rule: describeWeek(week) };
    },
  };
}

/** What a class has recorded, for its instructors (report, gradebook) and for live rounds. */
export interface ClassService {
  /** Every student's progress and answer log in the caller's community. */
  records(who: Invoker): Promise<ClassRecords>;
  /** The same for a community named by platform and id (the operator's CLI). */
  recordsOf(platform: Invoker["platform"], communityId: string): Promise<ClassRecords>;
  /** Adds answers given outside a personal quiz (a live round, with its points) to the student's log, each once. */
  recordAnswers(
    who: Pick<Invoker, "platform" | "communityId" | "userId" | "userName">,
    attempt: { id: string; quiz: string; points?: number },
    entries: AnswerEntry[],
  ): Promise<void>;
}

export function classService(store: TutorStore): ClassService {
  const recordsIn = async (scope: string): Promise<ClassRecords> => {
    const [progress, answers] = await Promise.all([store.listProgress(scope), store.listAnswers(scope)]);
    return { progress, answers };
  };
  return {
    records: (who) => recordsIn(scopeOfInvoker(who)),
    recordsOf: (platform, communityId) => recordsIn(scopeOf(platform, communityId)),
    recordAnswers: (who, attempt, entries) => store.recordAnswers(who, attempt, entries),
  };
}
