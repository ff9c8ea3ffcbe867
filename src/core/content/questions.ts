import type { LabelledFormula } from "../render/types.ts";
import { OPTIMIZERS, TEST_FUNCTIONS } from "../sim/index.ts";
import { referencedOptimizer, resolveFormula } from "./formulas.ts";
import { CONTENT_LIMITS } from "./limits.ts";
import { correctValue, mistakeInfo, mistakeValue } from "./mistakes.ts";
import type { QuestionInput } from "./schema.ts";
import type { Choice, NumericTemplate, Question, QuestionImage } from "./types.ts";

/** Reports a problem in one field of the question being built. */
export type Report = (field: string, problem: string, fix: string) => void;

const PLACEHOLDER = /\{([a-z]+)\}/g;

/** Replaces `{name}` placeholders; reports any the question does not define. */
function fill(text: string, values: Record<string, string>, field: string, report: Report): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value !== undefined) return value;
    const known = Object.keys(values);
    report(
      field,
      `unknown placeholder ${whole}.`,
      known.length
        ? `use one of ${known.map((k) => `{${k}}`).join(", ")}.`
        : "this kind of question takes no placeholders; write the text out.",
    );
    return whole;
  });
}

function buildImage(input: QuestionInput["image"], report: Report): QuestionImage | undefined {
  if (!input) return undefined;
  if (input.kind === "visual") return { kind: "visual", spec: input.spec };
  const formulas: LabelledFormula[] = [];
  input.formulas.forEach((entry, i) => {
    const resolved = resolveFormula(entry);
    if ("problem" in resolved) report(`image.formulas[${i}]`, resolved.problem, resolved.fix);
    else formulas.push(resolved);
  });
  return { kind: "formulas", formulas };
}

const labelOf = (c: NonNullable<QuestionInput["choices"]>[number]) =>
  c.label ?? (c.optimizer ? OPTIMIZERS[c.optimizer].name : "");

/** Written choices → Choice[], with the structural rules every question obeys. */
function buildChoices(input: QuestionInput, report: Report): Choice[] {
  const choices = (input.choices ?? []).map((c) => ({
    label: labelOf(c),
    correct: c.correct,
    ...(c.misconception ? { misconception: c.misconception } : {}),
  }));
  if (input.kind !== "numeric") checkChoices(choices, report);
  (input.choices ?? []).forEach((c, i) => {
    if (!c.correct && !c.why)
      report(
        `choices[${i}].why`,
        "is missing on a wrong choice.",
        "say in one short sentence why it is wrong.",
      );
    if (c.correct && c.why) report(`choices[${i}].why`, "is set on the correct choice.", "remove it.");
  });
  return choices;
}

/** The explanation, then one line per wrong choice saying why it is wrong (in the file's order). */
function withReasons(input: QuestionInput): string {
  const lines = (input.choices ?? [])
    .filter((c) => !c.correct && c.why)
    .map((c) => `• ${labelOf(c)}: ${c.why?.trim()}`);
  return [input.explanation.trim(), ...lines].join("\n");
}

/** Exactly one correct; every wrong choice tagged; labels distinct and short enough for a button. */
function checkChoices(choices: Choice[], report: Report): void {
  const correct = choices.filter((c) => c.correct).length;
  if (correct !== 1)
    report("choices", `has ${correct} correct choices.`, "mark exactly one choice with `correct: true`.");
  const seen = new Set<string>();
  choices.forEach((c, i) => {
    if (c.label.length > CONTENT_LIMITS.choiceLabel) {
      report(
        `choices[${i}].label`,
        `is ${c.label.length} characters.`,
        `keep button labels at most ${CONTENT_LIMITS.choiceLabel}.`,
      );
    }
    if (seen.has(c.label))
      report(`choices[${i}].label`, `repeats "${c.label}".`, "give every choice a different label.");
    seen.add(c.label);
    if (!c.correct && !c.misconception) {
      report(
        `choices[${i}].misconception`,
        "is missing on a wrong choice.",
        "tag it with the misconception it reflects, e.g. `misconception: adam-no-bias-correction`.",
      );
    }
    if (c.correct && c.misconception)
      report(`choices[${i}].misconception`, "is set on the correct choice.", "remove it.");
  });
}

function formatNumber(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A numeric prompt with its recipe's values in place of {start}, {lr}, … */
export function numericPrompt(prompt: string, t: NumericTemplate, report: Report): string {
  const values = {
    start: `(${t.start.join(", ")})`,
    lr: String(t.lr),
    steps: String(t.steps),
    coordinate: t.coordinate,
    optimizer: OPTIMIZERS[t.optimizer].name,
    function: TEST_FUNCTIONS[t.function].title.toLowerCase(),
  };
  return fill(prompt, values, "prompt", report);
}

/** Runs the simulator for the answer and each slip; labels like `x ≈ 0.900`. */
export function buildNumeric(
  input: Pick<QuestionInput, "explanation" | "distractors">,
  t: NumericTemplate,
  report: Report,
): { choices: Choice[]; explanation: string } {
  let answer: number;
  try {
    answer = correctValue(t);
  } catch (error) {
    report(
      "numeric",
      `the simulator run failed: ${(error as Error).message}.`,
      "choose a smaller lr or fewer steps.",
    );
    return { choices: [], explanation: input.explanation };
  }
  const label = (value: number) => `${t.coordinate} ≈ ${formatNumber(value, t.digits)}`;
  const choices: Choice[] = [{ label: label(answer), correct: true }];
  const lines: string[] = [];
  (input.distractors ?? []).forEach((d, i) => {
    const value = mistakeValue(d.mistake, t);
    if (value instanceof Error) {
      report(
        `distractors[${i}].mistake`,
        `${value.message}.`,
        "choose a mistake that fits this optimizer (see the README's list).",
      );
      return;
    }
    const info = mistakeInfo(d.mistake);
    const text = label(value);
    const clash = choices.find((c) => c.label === text);
    if (clash) {
      report(
        `distractors[${i}].mistake`,
        `gives ${text}, the same label as another choice.`,
        "pick another mistake or raise `numeric.digits`.",
      );
      return;
    }
    choices.push({ label: text, correct: false, misconception: d.misconception ?? info.misconception });
    lines.push(`• ${text} is what you get if you ${info.slip}.`);
  });
  const explanation = [`${input.explanation.trim()} The simulator gives ${label(answer)}.`, ...lines].join(
    "\n",
  );
  return { choices, explanation };
}

/** Kind-specific rules: a path question names its target's letter, a rule question shows the simulator's rule. */
function checkKind(
  input: QuestionInput,
  image: QuestionImage | undefined,
  choices: Choice[],
  report: Report,
): Record<string, string> {
  const correctInput = input.choices?.find((c) => c.correct);
  if (input.kind === "numeric") {
    if (!input.numeric)
      report(
        "numeric",
        "is missing.",
        "a numeric question needs a `numeric:` recipe (optimizer, function, start, lr, steps, coordinate).",
      );
    if (input.choices)
      report(
        "choices",
        "is written by hand on a numeric question.",
        "remove `choices`; list `distractors` (mistakes) instead.",
      );
    if (!input.distractors)
      report("distractors", "is missing.", "list 1–3 `distractors`, e.g. `- mistake: gradient-ascent`.");
    return {};
  }
  if (!input.choices)
    report(
      "choices",
      "is missing.",
      `list ${CONTENT_LIMITS.minChoices}–${CONTENT_LIMITS.maxChoices} choices.`,
    );
  if (input.numeric || input.distractors)
    report(
      "numeric",
      "is only for numeric questions.",
      "set `kind: numeric` or remove `numeric`/`distractors`.",
    );
  if (input.kind === "path") {
    const spec = image?.kind === "visual" ? image.spec : undefined;
    if (spec?.kind !== "map" || !spec.anonymous) {
      report(
        "image",
        "a path question needs an anonymous map.",
        "use `image: { kind: visual, spec: { kind: map, anonymous: true, function: …, optimizers: [...] } }`.",
      );
      return {};
    }
    const at = input.target ? spec.optimizers.indexOf(input.target) : -1;
    if (at < 0) {
      report(
        "target",
        "must name one of the map's optimizers.",
        `set \`target:\` to one of ${spec.optimizers.join(", ")}.`,
      );
      return {};
    }
    if (correctInput?.optimizer !== input.target) {
      report(
        "choices",
        `the correct choice is not the target (${input.target}).`,
        `mark \`- optimizer: ${input.target}\` as correct.`,
      );
    }
    if (!input.prompt.includes("{path}"))
      report("prompt", "does not say which path.", "write {path} where the path's letter goes.");
    return { path: String.fromCharCode(65 + at) };
  }
  if (input.kind === "rule") {
    if (image?.kind !== "formulas" || !input.image || input.image.kind !== "formulas") {
      report(
        "image",
        "a rule question needs formulas.",
        "add `image: { kind: formulas, formulas: [optimizer:<id>, …] }`.",
      );
      return {};
    }
    // The correct rule must be the simulator's own, so what is taught is what runs.
    const entries = input.image.formulas;
    const shown = input.target
      ? entries
          .filter((_, i) => image.formulas[i]?.label === choices.find((c) => c.correct)?.label)
          .map(referencedOptimizer)
      : entries.map(referencedOptimizer);
    const expected = input.target ?? correctInput?.optimizer;
    if (!expected || !shown.includes(expected)) {
      report(
        "image.formulas",
        "the correct answer's rule is not taken from the simulator.",
        "reference it as `optimizer:<id>` and mark that optimizer's choice (or, with `target`, that formula's label) correct.",
      );
    }
  }
  return {};
}

/** Validates and builds one question; numeric choices are computed by the simulator here. */
export function buildQuestion(input: QuestionInput, report: Report): Question {
  const image = buildImage(input.image, report);
  let choices = buildChoices(input, report);
  const placeholders = checkKind(input, image, choices, report);
  let explanation = withReasons(input);
  let prompt = input.prompt;
  const question: Partial<Question> = {};
  if (input.kind === "numeric" && input.numeric) {
    const t: NumericTemplate = { ...input.numeric };
    const built = buildNumeric(input, t, report);
    choices = built.choices;
    checkChoices(choices, report);
    explanation = built.explanation;
    question.numeric = t;
    question.numericSource = { prompt: input.prompt, distractors: input.distractors ?? [] };
    prompt = numericPrompt(prompt, t, report);
  } else {
    prompt = fill(prompt, placeholders, "prompt", report);
  }
  if (explanation.length > CONTENT_LIMITS.questionText) {
    report(
      "explanation",
      `is ${explanation.length} characters with the computed lines.`,
      `shorten it to fit ${CONTENT_LIMITS.questionText}.`,
    );
  }
  return {
    id: input.id,
    kind: input.kind,
    prompt: prompt.trim(),
    choices,
    explanation,
    ...(image ? { image } : {}),
    ...question,
    ...(input.claims ? { claims: input.claims } : {}),
  };
}
