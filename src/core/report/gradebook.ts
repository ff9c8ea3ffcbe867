import { stringify } from "csv-stringify/sync";
import type { Catalogue } from "../content/types.ts";
import { FINAL_QUESTIONS, FINAL_QUIZ_ID, QUESTIONS_PER_QUIZ } from "../quiz/draw.ts";
import type { AnswerEntry } from "../store/answers.ts";
import type { ProgressRecord } from "../store/records.ts";
import { type ClassRecords, entriesOf } from "./aggregate.ts";

/** A student seen only in live rounds, as a progress record with nothing in it. */
function emptyProgress(who: { userId: string; userName: string }, lastDay: string): ProgressRecord {
  return {
    v: 1,
    ...who,
    lessonsSeen: [],
    quizzes: {},
    points: 0,
    week: { start: "", points: 0, best: {} },
    streak: { lastDay, days: 0 },
    answered: 0,
    recorded: [],
  };
}

/** Live-session points per student: the sum over every live session recorded in their log. */
export function livePointsOf(records: ClassRecords): Map<string, number> {
  return new Map(
    records.answers.map((log) => [
      log.userId,
      log.attempts.reduce((sum, attempt) => sum + (attempt.points ?? 0), 0),
    ]),
  );
}

/**
 * CSV text with a header row. `escape_formulas` puts a `'` before any cell starting with = + - @
 * (or a tab / carriage return), so a display name like `=HYPERLINK(…)` stays text in a spreadsheet.
 */
function toCsv(header: string[], rows: Array<Array<string | number>>): string {
  return stringify([header, ...rows], { escape_formulas: true, record_delimiter: "unix" });
}

/** The gradebook: one row per student, one best and one latest column per lesson quiz. */
export function gradebookCsv(catalogue: Catalogue, records: ClassRecords): string {
  const livePoints = livePointsOf(records);
  const quizzes = catalogue.lessons.map((lesson) => ({
    id: lesson.quiz,
    outOf: Math.min(QUESTIONS_PER_QUIZ, catalogue.quizzes.get(lesson.quiz)?.questions.length ?? 0),
  }));
  const header = [
    "display name",
    "platform id",
    "lessons seen",
    ...quizzes.flatMap(({ id, outOf }) => [`${id} best (of ${outOf})`, `${id} latest (of ${outOf})`]),
    `final best (of ${FINAL_QUESTIONS})`,
    "live points",
    "last active (UTC)",
  ];
  const logs = new Map(records.answers.map((log) => [log.userId, log]));
  // Everyone with a progress record, and anyone known only from live rounds (an empty record).
  const students = [
    ...records.progress,
    ...records.answers
      .filter((log) => !records.progress.some((record) => record.userId === log.userId))
      .map((log) => emptyProgress({ userId: log.userId, userName: log.userName ?? "" }, "")),
  ];
  const rows = students
    .sort((a, b) => a.userName.localeCompare(b.userName) || a.userId.localeCompare(b.userId))
    .map((record) => {
      const log = logs.get(record.userId);
      return [
        record.userName,
        record.userId,
        record.lessonsSeen.length,
        ...quizzes.flatMap(({ id }) => [record.quizzes[id]?.best ?? "", record.quizzes[id]?.latest ?? ""]),
        record.quizzes[FINAL_QUIZ_ID]?.best ?? "",
        livePoints.get(record.userId) ?? 0,
        lastActive(record, log ? entriesOf(log) : []),
      ];
    });
  return toCsv(header, rows);
}

/**
 * When the student was last seen studying, ISO 8601 UTC: the newest answer or quiz result to the
 * second; only a day (YYYY-MM-DD) when the last thing they did was open a lesson.
 */
export function lastActive(record: ProgressRecord, entries: AnswerEntry[]): string {
  const times = [
    ...entries.map((entry) => entry.at.getTime()),
    ...Object.values(record.quizzes).map((stats) => Date.parse(stats.lastAt)),
  ].filter(Number.isFinite);
  const newest = times.length > 0 ? new Date(Math.max(...times)) : undefined;
  const day = record.streak.lastDay;
  if (newest && newest.toISOString().slice(0, 10) >= day) return newest.toISOString().replace(".000Z", "Z");
  return day;
}

/** The raw answer log: one row per answer, oldest first. */
export function answersCsv(catalogue: Catalogue, records: ClassRecords): string {
  const names = new Map(records.progress.map((record) => [record.userId, record.userName]));
  const rows = records.answers
    .flatMap((log) =>
      log.attempts.flatMap((attempt) =>
        entriesOf({ ...log, attempts: [attempt] }).map((entry) => ({ log, attempt, entry })),
      ),
    )
    .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime())
    .map(({ log, attempt, entry }) => [
      entry.at.toISOString().replace(".000Z", "Z"),
      names.get(log.userId) ?? "",
      log.userId,
      attempt.quiz,
      `${entry.quizId}/${entry.questionId}`,
      choiceLabel(catalogue, entry),
      entry.correct ? "yes" : "no",
      entry.misconception ?? "",
    ]);
  return toCsv(
    ["time (UTC)", "student", "platform id", "quiz", "question", "choice", "correct", "misconception"],
    rows,
  );
}

/** The chosen choice's text as the quiz file has it now; its number when the content changed since. */
function choiceLabel(catalogue: Catalogue, entry: AnswerEntry): string {
  const question = catalogue.quizzes.get(entry.quizId)?.questions.find((q) => q.id === entry.questionId);
  return question?.choices[entry.choice]?.label ?? `choice ${entry.choice + 1}`;
}
