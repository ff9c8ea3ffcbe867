import type { LabelledFormula, VisualSpec } from "../render/types.ts";
import type { LearningRateSchedule } from "../sim/schedules.ts";
import type { FunctionId, Hyperparameters, OptimizerId, Point } from "../sim/types.ts";

/** A numeric question's recipe: the simulator computes its answer and distractors at load time. */
export interface NumericTemplate {
  optimizer: OptimizerId;
  function: FunctionId;
  start: Point;
  lr: number;
  steps: number;
  coordinate: "x" | "y";
  /** Digits after the decimal point in the choice labels. */
  digits: number;
  hyperparameters?: Partial<Omit<Hyperparameters, "lr" | "weightDecay">>;
  /** Varies η from step to step; `lr` is then the base rate η₀. */
  schedule?: LearningRateSchedule;
}

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
  /** Behaviour claims the picture and bullets rely on (test/core/content/claims). */
  claims?: string[];
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
  /** For a numeric question: the recipe its choices were computed from. */
  numeric?: NumericTemplate;
  /** For a numeric question: its prompt before filling and its distractors (/practice asks variants). */
  numericSource?: { prompt: string; distractors: Array<{ mistake: string; misconception?: string }> };
  /** Ids of the behaviour claims the answer rests on, each checked against the simulator by a test. */
  claims?: string[];
}

export interface Quiz {
  /** The lesson id. */
  id: string;
  title: string;
  questions: Question[];
}

/** One /recommend question; each answer's id is one letter of the path its button carries. */
export interface RecommendQuestion {
  id: string;
  text: string;
  answers: Array<{ id: string; label: string }>;
}

/** What /recommend advises for a full path of answers. */
export interface Advice {
  optimizer: string;
  lr: string;
  reason: string;
  /** The lesson to read next (a lesson id, checked at load). */
  lesson: string;
}

/** content/recommend.yaml: the questions in order, and the advice tried top to bottom. */
export interface Recommend {
  questions: RecommendQuestion[];
  /** `when`: question id → accepted answer ids; empty matches every path. */
  advice: Array<Advice & { when: Record<string, string[]> }>;
}

/** Everything loaded from content/, validated. */
export interface Catalogue {
  /** In course order. */
  lessons: Lesson[];
  quizzes: Map<string, Quiz>;
  /** /recommend's questions and advice. */
  recommend: Recommend;
  /** Id, alias or title, case-insensitive. */
  findLesson(query: string): Lesson | undefined;
  /** Closest lessons to a misspelt query, best first. */
  suggestLessons(query: string, limit?: number): Lesson[];
}
