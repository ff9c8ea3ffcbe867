import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { buildReport, type ClassRecords } from "../../../src/core/report/aggregate.ts";
import { answersCsv, gradebookCsv } from "../../../src/core/report/gradebook.ts";
import { reportText } from "../../../src/core/report/present.ts";
import { type AnswerEntry, type AnswerLog, appendAnswers } from "../../../src/core/store/answers.ts";
import type { ProgressRecord } from "../../../src/core/store/records.ts";
import { fakeCatalogue } from "../fakes.ts";

const catalogue = fakeCatalogue(3, 5);
const NOW = new Date("2026-03-04T12:00:00Z"); // a Wednesday; the week began Monday 2026-03-02

function progress(userId: string, overrides: Partial<ProgressRecord> = {}): ProgressRecord {
  return {
    v: 1,
    userId,
    userName: userId,
    lessonsSeen: [],
    quizzes: {},
    points: 0,
    week: { start: "2026-03-02", points: 0, best: {} },
    streak: { lastDay: "2026-02-20", days: 1 },
    answered: 0,
    recorded: [],
    ...overrides,
  };
}

const stats = (best: number, latest: number, lastAt = "2026-03-03T09:15:00.000Z") => ({
  best,
  latest,
  outOf: 4,
  attempts: 2,
  lastAt,
});

/** A log of one attempt: [question, right?, misconception] per answer, at `at`. */
function log(
  userId: string,
  quiz: string,
  answers: Array<[string, boolean, string?]>,
  at: string,
): AnswerLog {
  const entries: AnswerEntry[] = answers.map(([question, correct, misconception], index) => ({
    index,
    at: new Date(at),
    quizId: question.split("-")[0] ?? "",
    questionId: question,
    choice: correct ? 1 : 0,
    correct,
    ...(misconception && { misconception }),
  }));
  return appendAnswers({ v: 1, userId, attempts: [] }, { id: `${userId}-${quiz}`, quiz }, entries);
}

const records: ClassRecords = {
  progress: [
    progress("ann", { lessonsSeen: ["alpha", "beta"], quizzes: { alpha: stats(3, 2), beta: stats(2, 2) } }),
    progress("bob", {
      lessonsSeen: ["alpha"],
      quizzes: { alpha: stats(4, 4) },
      streak: { lastDay: "2026-03-04", days: 1 },
    }),
    progress("cy", { lessonsSeen: ["alpha"] }),
  ],
  answers: [
    log(
      "ann",
      "alpha",
      [
        ["alpha-q0", false, "m-big"],
        ["alpha-q1", true],
        ["alpha-q2", false, "m-big"],
      ],
      "2026-03-03T10:00:00Z",
    ),
    log(
      "cy",
      "final",
      [
        ["alpha-q0", false, "m-sign"],
        ["beta-q0", false, "m-big"],
        ["alpha-q1", true],
      ],
      "2026-02-25T10:00:00Z",
    ),
  ],
};

describe("class report", () => {
  it("GIVEN three students THEN it counts the active ones, who saw and passed each lesson, and the hardest questions", () => {
    const report = buildReport(catalogue, records, NOW);
    expect(report.students).toBe(3);
    // ann answered this week, bob studied today, cy's last answer was last week.
    expect(report.activeThisWeek).toBe(2);
    expect(report.answers).toBe(6);
    expect(report.lessons.map((l) => [l.lessonId, l.seen, l.passed])).toEqual([
      ["alpha", 3, 2],
      ["beta", 1, 0],
      ["gamma", 0, 0],
    ]);
    // alpha-q0 and alpha-q2 and beta-q0 were never right; alpha-q1 always was.
    expect(report.questions.map((q) => [q.questionId, q.right, q.answered])).toEqual([
      ["alpha-q0", 0, 2],
      ["alpha-q2", 0, 1],
      ["beta-q0", 0, 1],
      ["alpha-q1", 2, 2],
    ]);
    expect(report.questions[0]?.prompt).toBe("alpha question 0?");
    // m-big: twice on alpha, once on beta, so alpha is the lesson that fixes it.
    expect(report.misconceptions).toEqual([
      { id: "m-big", count: 3, lessonId: "alpha", lessonTitle: "Alpha method" },
      { id: "m-sign", count: 1, lessonId: "alpha", lessonTitle: "Alpha method" },
    ]);
    expect(reportText(report)).toMatch(/`m-big` ×3 → `\/lesson alpha`/);
  });

  it("GIVEN a lesson THEN the report keeps only that lesson and the answers to its questions, from any quiz", () => {
    const report = buildReport(catalogue, records, NOW, "beta");
    expect(report.lessons.map((l) => l.lessonId)).toEqual(["beta"]);
    expect(report.answers).toBe(1);
    expect(report.misconceptions).toEqual([
      { id: "m-big", count: 1, lessonId: "beta", lessonTitle: "Beta method" },
    ]);
  });
});

describe("gradebook CSV", () => {
  it("GIVEN students THEN one row each with scores per quiz, final, live points and last active in UTC", () => {
    // bob played two live sessions: their points add up.
    const live = (id: string, points: number, log: AnswerLog) =>
      appendAnswers(log, { id, quiz: "live", points }, []);
    const bobLive = live("L2", 450, live("L1", 1000, { v: 1, userId: "bob", attempts: [] }));
    const withLive = { ...records, answers: [...records.answers, bobLive] };
    const rows = parse(gradebookCsv(catalogue, withLive), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row["display name"])).toEqual(["ann", "bob", "cy"]);
    const ann = rows[0] ?? {};
    expect(ann["platform id"]).toBe("ann");
    expect(ann["lessons seen"]).toBe("2");
    expect(ann["alpha best (of 4)"]).toBe("3");
    expect(ann["alpha latest (of 4)"]).toBe("2");
    expect(ann["gamma best (of 4)"]).toBe("");
    expect(ann["final best (of 10)"]).toBe("");
    // The newest of her answers (Mar 3 10:00) and her results (Mar 3 09:15).
    expect(ann["last active (UTC)"]).toBe("2026-03-03T10:00:00Z");
    expect(rows[1]?.["live points"]).toBe("1450");
    // bob opened a lesson today, after his last result: only the day is known.
    expect(rows[1]?.["last active (UTC)"]).toBe("2026-03-04");
    expect(rows[2]?.["last active (UTC)"]).toBe("2026-02-25T10:00:00Z");
  });

  it("GIVEN display names that start a formula THEN those cells are escaped and the rest are untouched", () => {
    const names = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", 'Zoë, "the" best', "a=b"];
    const evil: ClassRecords = {
      progress: names.map((name, i) => progress(`u${i}`, { userName: name })),
      answers: [],
    };
    const text = gradebookCsv(catalogue, evil);
    const cells = (parse(text, { columns: true }) as Array<Record<string, string>>).map(
      (r) => r["display name"],
    );
    expect(cells.sort()).toEqual(
      ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", 'Zoë, "the" best', "a=b"].sort(),
    );
    // No line of the file starts a cell with a bare formula character.
    expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  it("GIVEN the answer log THEN one row per answer, oldest first, with the choice's text", () => {
    const rows = parse(answersCsv(catalogue, records), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({
      "time (UTC)": "2026-02-25T10:00:00Z",
      student: "cy",
      "platform id": "cy",
      quiz: "final",
      question: "alpha/alpha-q0",
      choice: "wrong alpha-0-a",
      correct: "no",
      misconception: "m-sign",
    });
    expect(rows.at(-1)?.student).toBe("ann");
  });
});
