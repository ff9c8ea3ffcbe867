import type { ReportPicture } from "../render/report.ts";
import { plural, truncate } from "../text.ts";
import { type ClassReport, REPORT_TOP } from "./aggregate.ts";

/** Longest question prompt quoted in the report's text. */
const PROMPT_CHARS = 80;

/** The report's picture, as data for the renderer. */
export function reportPicture(report: ClassReport, scopeName: string): ReportPicture {
  return {
    title: `${scopeName}: ${plural(report.students, "student")}, ${report.activeThisWeek} active this week, ${plural(report.answers, "answer")}`,
    students: report.students,
    lessons: report.lessons.map((lesson) => ({
      label: lesson.title,
      seen: lesson.seen,
      passed: lesson.passed,
    })),
    hardest: report.questions.slice(0, REPORT_TOP).map((question) => ({
      label: `${question.quizId}: ${question.prompt}`,
      share: question.right / question.answered,
      answered: question.answered,
    })),
    misconceptions: report.misconceptions.map((m) => ({
      label: `${m.id} (→ ${m.lessonTitle})`,
      count: m.count,
    })),
  };
}

/** The report's short text: the same numbers, and what to do about the misconceptions. */
export function reportText(report: ClassReport): string {
  const lines = [
    `**Students:** ${report.students} (${report.activeThisWeek} active this week) · ${plural(report.answers, "answer")} recorded`,
    "",
    "**Lessons** (saw it / passed its quiz with ≥ 3 of 4):",
    ...report.lessons.map((lesson) => `• ${lesson.title}: ${lesson.seen} / ${lesson.passed}`),
  ];
  const hardest = report.questions.slice(0, REPORT_TOP);
  lines.push("", "**Hardest questions** (share answered right):");
  if (hardest.length === 0) lines.push("• No answers recorded yet.");
  for (const question of hardest) {
    const share = Math.round((100 * question.right) / question.answered);
    lines.push(
      `• ${share}% of ${question.answered} · ${question.quizId}: _${truncate(question.prompt, PROMPT_CHARS)}_`,
    );
  }
  lines.push("", "**Most common misconceptions** (and the lesson that fixes each):");
  if (report.misconceptions.length === 0) lines.push("• None recorded yet.");
  for (const m of report.misconceptions) {
    lines.push(`• \`${m.id}\` ×${m.count} → \`/lesson ${m.lessonId}\` (${m.lessonTitle})`);
  }
  return lines.join("\n");
}
