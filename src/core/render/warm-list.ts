import { reviewSheet } from "../content/catalogue.ts";
import type { Catalogue } from "../content/types.ts";
import type { WarmItem } from "./types.ts";

/** Title of the review sheet with every update rule (the review command should use the same). */
export const REVIEW_SHEET_TITLE = "Every update rule";

/**
 * Every image the lessons and quizzes show, as the commands request them: each lesson's formula
 * sheet (titled with the lesson) and visual, each question's image, and the review sheet.
 */
export function lessonAssets(catalogue: Catalogue): WarmItem[] {
  const items: WarmItem[] = [];
  for (const lesson of catalogue.lessons) {
    if (lesson.formulas.length > 0)
      items.push({ kind: "sheet", formulas: lesson.formulas, title: lesson.title });
    items.push({ kind: "visual", spec: lesson.visual });
    for (const question of catalogue.quizzes.get(lesson.quiz)?.questions ?? []) {
      if (question.image?.kind === "formulas")
        items.push({ kind: "sheet", formulas: question.image.formulas });
      else if (question.image?.kind === "visual") items.push({ kind: "visual", spec: question.image.spec });
    }
  }
  const review = reviewSheet(catalogue);
  if (review.length > 0) items.push({ kind: "sheet", formulas: review, title: REVIEW_SHEET_TITLE });
  return items;
}
