import type { Catalogue } from "../content/types.ts";
import { type AnswerEntry, type AnswerLog, fromTuple } from "../store/answers.ts";
import { utcDay, weekStart } from "../store/calendar.ts";
import type { ProgressRecord } from "../store/records.ts";

/** A lesson quiz is passed with at least this share right (3 of 4). */
export const PASS_SHARE = 3 / 4;
/** Hardest questions and commonest misconceptions named in the report. */
export const REPORT_TOP = 5;

/** What the class's records hold, one community. */
export interface ClassRecords {
  progress: ProgressRecord[];
  answers: AnswerLog[];
}

export interface LessonRow {
  lessonId: string;
  title: string;
  seen: number;
  passed: number;
}

export interface QuestionRow {
  /** The lesson quiz it belongs to. */
  quizId: string;
  questionId: string;
  prompt: string;
  answered: number;
  right: number;
}

export interface MisconceptionRow {
  id: string;
  count: number;
  /** The lesson whose questions it was recorded on most often: the one to send students back to. */
  lessonId: string;
  lessonTitle: string;
}

export interface ClassReport {
  /** The lesson the report is narrowed to, if any. */
  lessonId?: string;
  students: number;
  activeThisWeek: number;
  answers: number;
  lessons: LessonRow[];
  /** Every question answered at least once, hardest (lowest share right) first. */
  questions: QuestionRow[];
  /** The most common misconceptions, most frequent first, at most REPORT_TOP. */
  misconceptions: MisconceptionRow[];
}

/** Every answer in a log, flattened. */
export function entriesOf(log: AnswerLog): AnswerEntry[] {
  return log.attempts.flatMap((attempt) => attempt.answers.map(fromTuple));
}

/** Whether the student passed a lesson quiz (best ≥ 3/4). */
export function passed(record: ProgressRecord, quizId: string): boolean {
  const stats = record.quizzes[quizId];
  return stats !== undefined && stats.best >= PASS_SHARE * stats.outOf;
}

/**
 * The class report for one community, from its records: pure, so it is tested without a store.
 * Answers come from every source that records them (personal quizzes, the final, live rounds);
 * `lessonId` keeps only that lesson and the answers to its questions.
 */
export function buildReport(
  catalogue: Catalogue,
  records: ClassRecords,
  now: Date,
  lessonId?: string,
): ClassReport {
  const monday = weekStart(now);
  const logs = new Map(records.answers.map((log) => [log.userId, entriesOf(log)]));
  const students = new Set([...records.progress.map((record) => record.userId), ...logs.keys()]);
  const activeUsers = new Set(
    records.progress.filter((record) => record.streak.lastDay >= utcDay(monday)).map((r) => r.userId),
  );
  for (const [userId, entries] of logs)
    if (entries.some((entry) => entry.at >= monday)) activeUsers.add(userId);

  const lessons = catalogue.lessons
    .filter((lesson) => lessonId === undefined || lesson.id === lessonId)
    .map((lesson) => ({
      lessonId: lesson.id,
      title: lesson.title,
      seen: records.progress.filter((record) => record.lessonsSeen.includes(lesson.id)).length,
      passed: records.progress.filter((record) => passed(record, lesson.quiz)).length,
    }));

  const entries = [...logs.values()]
    .flat()
    .filter((entry) => lessonId === undefined || entry.quizId === lessonId);
  const byQuestion = new Map<string, QuestionRow>();
  const byMisconception = new Map<string, { count: number; lessons: Map<string, number> }>();
  for (const entry of entries) {
    const key = `${entry.quizId}/${entry.questionId}`;
    const row = byQuestion.get(key) ?? {
      quizId: entry.quizId,
      questionId: entry.questionId,
      prompt: promptOf(catalogue, entry) ?? entry.questionId,
      answered: 0,
      right: 0,
    };
    row.answered++;
    if (entry.correct) row.right++;
    byQuestion.set(key, row);
    if (!entry.correct && entry.misconception) {
      const tally = byMisconception.get(entry.misconception) ?? { count: 0, lessons: new Map() };
      tally.count++;
      tally.lessons.set(entry.quizId, (tally.lessons.get(entry.quizId) ?? 0) + 1);
      byMisconception.set(entry.misconception, tally);
    }
  }
  const questions = [...byQuestion.values()].sort(
    (a, b) => a.right / a.answered - b.right / b.answered || b.answered - a.answered,
  );
  const misconceptions = [...byMisconception]
    .sort(([idA, a], [idB, b]) => b.count - a.count || idA.localeCompare(idB))
    .slice(0, REPORT_TOP)
    .map(([id, tally]) => {
      const [lesson] = [...tally.lessons].sort((a, b) => b[1] - a[1])[0] ?? [""];
      const title = catalogue.lessons.find((candidate) => candidate.id === lesson)?.title ?? lesson;
      return { id, count: tally.count, lessonId: lesson, lessonTitle: title };
    });
  return {
    ...(lessonId !== undefined && { lessonId }),
    students: students.size,
    activeThisWeek: activeUsers.size,
    answers: entries.length,
    lessons,
    questions,
    misconceptions,
  };
}

function promptOf(catalogue: Catalogue, entry: AnswerEntry): string | undefined {
  return catalogue.quizzes.get(entry.quizId)?.questions.find((q) => q.id === entry.questionId)?.prompt;
}
