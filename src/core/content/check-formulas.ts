import { typeset } from "../render/latex.ts";
import type { LabelledFormula } from "../render/types.ts";
import { ProblemList } from "./errors.ts";
import { loadContent } from "./load.ts";
import type { Catalogue } from "./types.ts";

/** Typesets one formula, reporting MathJax's complaint against its file and field. */
function check(formula: LabelledFormula, file: string, field: string, problems: ProblemList): void {
  try {
    typeset(formula.latex);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.add(
      file,
      field,
      `does not render: ${reason}`,
      "fix the LaTeX (a misspelt command such as \\frca for \\frac is the usual cause).",
    );
  }
}

/**
 * Typesets every formula of the catalogue (lesson rules and quiz images) so LaTeX that would fail
 * at the first /lesson or /quiz is refused up front. Throws a ContentError naming file and field.
 */
export function checkFormulas(catalogue: Catalogue): void {
  const problems = new ProblemList();
  for (const lesson of catalogue.lessons) {
    lesson.formulas.forEach((formula, i) => {
      check(formula, `lessons/${lesson.id}.md`, `formulas[${i}]`, problems);
    });
  }
  for (const quiz of catalogue.quizzes.values()) {
    quiz.questions.forEach((question, i) => {
      if (question.image?.kind !== "formulas") return;
      question.image.formulas.forEach((formula, j) => {
        const field = `questions[${i}] (${question.id}).image.formulas[${j}].latex`;
        check(formula, `quizzes/${quiz.id}.yaml`, field, problems);
      });
    });
  }
  problems.throwIfAny();
}

/** Loads content/ with every check, the LaTeX included: what start-up and a reload accept. */
export async function loadCheckedContent(dir: string): Promise<Catalogue> {
  const catalogue = await loadContent(dir);
  checkFormulas(catalogue);
  return catalogue;
}
