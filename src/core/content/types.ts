import type { LabelledFormula, VisualSpec } from "../render/types.ts";

/** One lesson, loaded from content/lessons/<id>.md (front-matter + short Markdown body). */
export interface Lesson {
  id: string;
  /** 1-based position in the course. */
  order: number;
  title: string;
  /** Lower-case alternative names that resolve to this lesson (`sgd`, `gradient-descent`). */
  aliases: string[];
  /** The one-sentence idea. */
  idea: string;
  /** Update rules, rendered as images. */
  formulas: LabelledFormula[];
  /** The Markdown body: 2–4 bullets (subset of Markdown in core/reply.ts). */
  body: string;
  visual: VisualSpec;
  /** Id of the quiz that follows (same as the lesson id). */
  quiz: string;
}

export interface Choice {
  label: string;
  correct: boolean;
  /** For a wrong choice: the misconception it reflects, e.g. `adam-no-bias-correction`. */
  misconception?: string;
}

/** An image shown with a question. */
export type QuestionImage =
  | { kind: "formulas"; formulas: LabelledFormula[] }
  | { kind: "visual"; spec: VisualSpec };

export interface Question {
  /** Unique within its quiz, stable across edits (quiz sessions refer to it). */
  id: string;
  kind: "concept" | "comparison" | "rule" | "path" | "numeric";
  prompt: string;
  choices: Choice[];
  explanation: string;
  image?: QuestionImage;
}

export interface Quiz {
  /** The lesson id. */
  id: string;
  title: string;
  questions: Question[];
}

/** Everything loaded from content/, validated. */
export interface Catalogue {
  /** In course order. */
  lessons: Lesson[];
  quizzes: Map<string, Quiz>;
  /** Id, alias or title, case-insensitive. */
  findLesson(query: string): Lesson | undefined;
  /** Closest lessons to a misspelt query, best first. */
  suggestLessons(query: string, limit?: number): Lesson[];
}
