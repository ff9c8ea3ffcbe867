import type { LabelledFormula, Renderer } from "../render/types.ts";
import { ProblemList } from "./errors.ts";
import { loadContent } from "./load.ts";
import type { Catalogue } from "./types.ts";

/** Typesets one formula, reporting MathJax's complaint against its file and field. */
async function check(
  formula: LabelledFormula,
  file: string,
  field: string,
  problems: ProblemList,
): Promise<void> {
  // Loaded on first use: a bot whose formula images are all cached never loads MathJax (~30 MB) here.
  const { typeset } = await import("../render/latex.ts");
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

/** One formula sheet the commands show, with where each of its formulas comes from. */
interface Sheet {
  formulas: LabelledFormula[];
  title?: string;
  file: string;
  field(index: number): string;
}

/** Every formula sheet /lesson and /quiz draw, with the same arguments they draw it with. */
function sheets(catalogue: Catalogue): Sheet[] {
  const all: Sheet[] = catalogue.lessons.map((lesson) => ({
    formulas: lesson.formulas,
    title: lesson.title,
    file: `lessons/${lesson.id}.md`,
    field: (i) => `formulas[${i}]`,
  }));
  for (const quiz of catalogue.quizzes.values()) {
    quiz.questions.forEach((question, i) => {
      if (question.image?.kind !== "formulas") return;
      all.push({
        formulas: question.image.formulas,
        file: `quizzes/${quiz.id}.yaml`,
        field: (j) => `questions[${i}] (${question.id}).image.formulas[${j}].latex`,
      });
    });
  }
  return all;
}

/**
 * Makes sure every formula of the catalogue (lesson rules and quiz images) renders, so LaTeX that
 * would fail at the first /lesson or /quiz is refused up front. Throws a ContentError naming file
 * and field. With a renderer, each sheet is drawn through it (a cache hit is proof enough, and a
 * miss warms the cache); only a sheet that fails is typeset formula by formula to name the culprit.
 */
export async function checkFormulas(catalogue: Catalogue, renderer?: Renderer): Promise<void> {
  const problems = new ProblemList();
  for (const sheet of sheets(catalogue)) {
    if (sheet.formulas.length === 0) continue;
    if (renderer) {
      const drawn = await renderer.formulaSheet(sheet.formulas, sheet.title).then(
        () => true,
        () => false,
      );
      if (drawn) continue;
    }
    for (const [i, formula] of sheet.formulas.entries())
      await check(formula, sheet.file, sheet.field(i), problems);
  }
  problems.throwIfAny();
}

/** Loads content/ with every check, the LaTeX included: what start-up and a reload accept. */
export async function loadCheckedContent(dir: string, renderer?: Renderer): Promise<Catalogue> {
  const catalogue = await loadContent(dir);
  await checkFormulas(catalogue, renderer);
  return catalogue;
}
