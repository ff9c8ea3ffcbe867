import type { ProblemList } from "./errors.ts";
import type { RecommendFile } from "./schema.ts";
import type { Advice, Recommend } from "./types.ts";

export const RECOMMEND_FILE = "recommend.yaml";

/** Whether `path` (one answer letter per question, in order) satisfies an advice's `when`. */
function matches(recommend: Recommend, when: Record<string, string[]>, path: string): boolean {
  return Object.entries(when).every(([questionId, answers]) => {
    const at = recommend.questions.findIndex((q) => q.id === questionId);
    return answers.includes(path[at] ?? "");
  });
}

/** Whether `path` is a walk through the questions so far (a prefix of a full answer path). */
export function isRecommendPath(recommend: Recommend, path: string): boolean {
  return (
    path.length <= recommend.questions.length &&
    [...path].every((letter, i) => recommend.questions[i]?.answers.some((a) => a.id === letter))
  );
}

/** The advice for a full path: the first entry whose `when` matches (the loader ensures one does). */
export function adviceFor(recommend: Recommend, path: string): Advice {
  const found = recommend.advice.find((entry) => matches(recommend, entry.when, path));
  if (!found) throw new Error(`no advice matches the path "${path}"`);
  const { when: _when, ...advice } = found;
  return advice;
}

/** Every full path through the questions, e.g. "vsl", "vsp", … */
function allPaths(recommend: Recommend): string[] {
  return recommend.questions.reduce<string[]>(
    (paths, q) => paths.flatMap((path) => q.answers.map((a) => path + a.id)),
    [""],
  );
}

/**
 * Builds /recommend's data from its validated file: `when` must name real questions and answers,
 * answer letters are unique per question, every lesson exists, every path gets advice, and no
 * advice is hidden behind an earlier one.
 */
export function buildRecommend(
  file: RecommendFile,
  lessonIds: ReadonlySet<string>,
  problems: ProblemList,
): Recommend {
  const report = (field: string, problem: string, fix: string) =>
    problems.add(RECOMMEND_FILE, field, problem, fix);
  file.questions.forEach((q, i) => {
    const letters = q.answers.map((a) => a.id);
    if (new Set(letters).size !== letters.length)
      report(`questions[${i}].answers`, "repeats an answer id.", "give each answer its own letter.");
  });
  const recommend: Recommend = {
    questions: file.questions,
    advice: file.advice.map((entry, i) => {
      const when: Record<string, string[]> = {};
      for (const [questionId, value] of Object.entries(entry.when ?? {})) {
        const question = file.questions.find((q) => q.id === questionId);
        const answers = typeof value === "string" ? [value] : value;
        if (!question) {
          report(
            `advice[${i}].when.${questionId}`,
            "is not a question.",
            `use one of ${file.questions.map((q) => q.id).join(", ")}.`,
          );
        } else {
          for (const answer of answers.filter((a) => !question.answers.some((known) => known.id === a))) {
            report(
              `advice[${i}].when.${questionId}`,
              `"${answer}" is not one of its answers.`,
              `use one of ${question.answers.map((a) => a.id).join(", ")}.`,
            );
          }
        }
        when[questionId] = answers;
      }
      if (!lessonIds.has(entry.lesson))
        report(
          `advice[${i}].lesson`,
          `"${entry.lesson}" is not a lesson.`,
          `use one of ${[...lessonIds].join(", ")}.`,
        );
      return { ...entry, when };
    }),
  };
  const paths = allPaths(recommend);
  const uncovered = paths.filter((path) => !recommend.advice.some((e) => matches(recommend, e.when, path)));
  if (uncovered.length > 0)
    report(
      "advice",
      `no advice for the answers ${uncovered.join(", ")}.`,
      "end the list with an advice that has no `when`.",
    );
  const given = new Set(
    paths.map((path) => recommend.advice.findIndex((e) => matches(recommend, e.when, path))),
  );
  recommend.advice.forEach((_, i) => {
    if (!given.has(i))
      report(
        `advice[${i}]`,
        "is never given: no answers match it, or earlier advice takes them all.",
        "move it up or remove it.",
      );
  });
  return recommend;
}
