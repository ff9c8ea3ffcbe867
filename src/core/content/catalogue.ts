import { distance } from "fastest-levenshtein";
import type { LabelledFormula } from "../render/types.ts";
import type { Catalogue, Lesson, Quiz, Recommend } from "./types.ts";

/** Lower-case, trimmed, spaces and underscores as hyphens: "Gradient Descent" → "gradient-descent". */
export function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}

/** Every name a lesson answers to: id, aliases, title. */
function namesOf(lesson: Lesson): string[] {
  return [lesson.id, ...lesson.aliases, lesson.title].map(normaliseName);
}

/** How far a query is from a lesson's closest name; a prefix of a name counts as a match. */
function closeness(query: string, lesson: Lesson): number {
  return Math.min(...namesOf(lesson).map((name) => (name.startsWith(query) ? 0 : distance(query, name))));
}

/** Builds the catalogue's lookups over validated lessons (in course order), quizzes and /recommend's data. */
export function createCatalogue(
  lessons: Lesson[],
  quizzes: Map<string, Quiz>,
  recommend: Recommend,
): Catalogue {
  const byName = new Map<string, Lesson>();
  for (const lesson of lessons) for (const name of namesOf(lesson)) byName.set(name, lesson);
  return {
    lessons,
    quizzes,
    recommend,
    findLesson: (query) => byName.get(normaliseName(query)),
    suggestLessons(query, limit = 3) {
      const wanted = normaliseName(query);
      // Allow about one typo per three letters, at least two, so "adma" finds Adam but "xyz" finds nothing.
      const tolerance = Math.max(2, Math.ceil(wanted.length / 3));
      return lessons
        .map((lesson) => ({ lesson, score: closeness(wanted, lesson) }))
        .filter(({ score }) => score <= tolerance)
        .sort((a, b) => a.score - b.score || a.lesson.order - b.lesson.order)
        .slice(0, limit)
        .map(({ lesson }) => lesson);
    },
  };
}

/** The review sheet: every lesson's formulas in course order. */
export function reviewSheet(catalogue: Catalogue): LabelledFormula[] {
  return catalogue.lessons.flatMap((lesson) => lesson.formulas);
}

/** The catalogue as plain JSON (quizzes as an array in course order), for `content --json`. */
export function catalogueToJson(catalogue: Catalogue): {
  lessons: Lesson[];
  quizzes: Quiz[];
  recommend: Recommend;
} {
  return {
    lessons: catalogue.lessons,
    quizzes: [...catalogue.quizzes.values()],
    recommend: catalogue.recommend,
  };
}
