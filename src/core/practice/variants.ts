import { buildNumeric, numericPrompt } from "../content/questions.ts";
import type { QuestionInput } from "../content/schema.ts";
import type { NumericTemplate, Question } from "../content/types.ts";

/**
 * Numeric questions asked again by /practice with another start or η, so the number cannot be
 * remembered: the simulator computes the new answer and each slip's value, exactly as at load time.
 * A variant that diverges or whose choices collide is skipped.
 */

const round = (value: number) => Number(value.toPrecision(3));

/** The changes tried, in order: each keeps the recipe's optimizer, function and step count. */
const CHANGES: ReadonlyArray<(t: NumericTemplate) => NumericTemplate> = [
  (t) => ({ ...t, lr: round(t.lr / 2) }),
  (t) => ({ ...t, start: [round(t.start[0] * 0.5), round(t.start[1] * 0.5)] }),
  (t) => ({ ...t, start: [round(t.start[0] + 0.5), round(t.start[1] - 0.5)] }),
];

/** Built variants per question object (the catalogue is immutable; a reload brings new objects). */
const built = new WeakMap<Question, Question[]>();

function variantsOf(question: Question): Question[] {
  const cached = built.get(question);
  if (cached) return cached;
  const source = question.numericSource;
  const variants: Question[] = [];
  if (question.numeric && source) {
    for (const change of CHANGES) {
      const variant = buildVariant(question, source, change(question.numeric));
      // A variant whose answer is one the student already saw teaches nothing new.
      const answers = [question, ...variants].map(correctLabel);
      if (variant && !answers.includes(correctLabel(variant))) variants.push(variant);
    }
  }
  built.set(question, variants);
  return variants;
}

function buildVariant(
  question: Question,
  source: NonNullable<Question["numericSource"]>,
  t: NumericTemplate,
): Question | undefined {
  let failed = false;
  const report = () => {
    failed = true;
  };
  // The written explanation works through the original numbers, so a variant states its own.
  const explanation = `With these numbers: start ${`(${t.start.join(", ")})`}, η = ${t.lr}.`;
  const { choices, explanation: computed } = buildNumeric(
    // The distractors were validated against the mistake list when the content loaded.
    { explanation, distractors: source.distractors as NonNullable<QuestionInput["distractors"]> },
    t,
    report,
  );
  const prompt = numericPrompt(source.prompt, t, report).trim();
  if (failed || choices.length !== question.choices.length || prompt === question.prompt) return undefined;
  return { ...question, prompt, choices, explanation: computed, numeric: t };
}

function correctLabel(question: Question): string | undefined {
  return question.choices.find((choice) => choice.correct)?.label;
}

/** How many variants a question has (0 unless numeric). */
export function variantCount(question: Question): number {
  return variantsOf(question).length;
}

/** Variant `variant` (1-based) of a question, or undefined if it has no such variant. */
export function questionVariant(question: Question, variant: number): Question | undefined {
  return variantsOf(question)[variant - 1];
}
