import { z } from "zod";
import { resolveSpec } from "../render/spec.ts";
import { FUNCTION_IDS, OPTIMIZER_IDS } from "../sim/types.ts";
import { CONTENT_LIMITS as L } from "./limits.ts";
import { MISTAKE_IDS } from "./mistakes.ts";

/** Lower-case words joined by hyphens: ids, aliases and misconception tags. */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use lower-case words joined by hyphens, e.g. adam-no-bias-correction");

const point = z.tuple([z.number(), z.number()]);
const positive = z.number().positive().finite();

/** A VisualSpec (render/types.ts) as written in front-matter or a question's image. */
export const visualSpecSchema = z
  .strictObject({
    kind: z.enum(["chart", "map", "race", "batch", "schedule"]),
    function: z.enum(FUNCTION_IDS).optional(),
    optimizers: z.array(z.enum(OPTIMIZER_IDS)).max(L.maxPaths).optional(),
    steps: z.int().min(1).max(L.maxSteps).optional(),
    /** One η for all (an equal-η comparison) or one per optimizer, e.g. `{ gd: 0.45, momentum: 0.6 }`. */
    lr: z.union([positive, z.partialRecord(z.enum(OPTIMIZER_IDS), positive)]).optional(),
    /** γ for momentum and Nesterov. */
    momentum: z.number().min(0).max(0.999).optional(),
    /** Joins the picture's title: which rates these are, e.g. "each at its best η for 1000 steps". */
    note: z.string().min(1).optional(),
    start: point.optional(),
    anonymous: z.boolean().optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.kind === "batch" || spec.kind === "schedule") return;
    if (!spec.function)
      ctx.addIssue({ code: "custom", path: ["function"], message: `a ${spec.kind} needs a function` });
    if (!spec.optimizers?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["optimizers"],
        message: `a ${spec.kind} needs at least one optimizer`,
      });
    }
  })
  .transform((spec) => ({
    ...spec,
    function: spec.function ?? "quadratic",
    optimizers: spec.optimizers ?? [],
  }))
  .superRefine((spec, ctx) => {
    // The renderer's own limits (lr range, unique optimizers…), so content never asks for an image it refuses.
    try {
      resolveSpec(spec);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
    }
  });

/** `optimizer:adam` (the simulator's update rule) or `function:beale` (a test surface). */
export const formulaRefSchema = z
  .string()
  .regex(/^(optimizer|function):[a-z]+$/, "write optimizer:<id> or function:<id>, e.g. optimizer:adam");

/** Lessons show only the simulator's own LaTeX, so what is shown is what runs. */
export const lessonFormulaSchema = z.union([
  formulaRefSchema,
  z.strictObject({ ref: formulaRefSchema, label: z.string().min(1).max(L.title) }),
]);

/** Quiz images may also show hand-written (deliberately wrong) rules as distractors. */
export const quizFormulaSchema = z.union([
  lessonFormulaSchema,
  z.strictObject({ label: z.string().min(1).max(L.title), latex: z.string().min(1) }),
]);

export const lessonFrontMatterSchema = z.strictObject({
  id: slug,
  order: z.int().min(1),
  title: z.string().min(1).max(L.title),
  aliases: z.array(z.string().min(1)).default([]),
  idea: z.string().min(1).max(L.idea),
  formulas: z.array(lessonFormulaSchema).min(1),
  visual: visualSpecSchema,
  /** Behaviour claims the lesson's picture and bullets rely on; each has a simulator test, as a question's. */
  claims: z.array(slug).optional(),
});

const choiceSchema = z
  .strictObject({
    /** Omit when `optimizer` is set: the label is then the optimizer's display name. */
    label: z.string().min(1).max(L.choiceLabel).optional(),
    optimizer: z.enum(OPTIMIZER_IDS).optional(),
    correct: z.boolean().default(false),
    misconception: slug.optional(),
    /** For a wrong choice: why it is wrong, shown after the answer as "• <label>: <why>". */
    why: z.string().min(1).max(L.why).optional(),
  })
  .refine((c) => c.label !== undefined || c.optimizer !== undefined, {
    message: "a choice needs a label (or an optimizer, whose name becomes the label)",
  });

/** A numeric question's recipe: the simulator computes the answer and the distractors at load time. */
export const numericTemplateSchema = z.strictObject({
  optimizer: z.enum(OPTIMIZER_IDS),
  function: z.enum(FUNCTION_IDS),
  start: point,
  lr: positive,
  steps: z.int().min(1).max(L.maxSteps),
  coordinate: z.enum(["x", "y"]),
  /** Digits after the decimal point in the choice labels. */
  digits: z.int().min(1).max(6).default(3),
  /** Other hyperparameters; unset ones take the optimizer's defaults. */
  hyperparameters: z
    .strictObject({ momentum: positive, rho: positive, beta1: positive, beta2: positive, eps: positive })
    .partial()
    .optional(),
  /** Varies η per step: linear warm-up, then constant, step (StepLR) or cosine decay; `lr` is η₀. */
  schedule: z
    .discriminatedUnion("decay", [
      z.strictObject({ decay: z.literal("constant"), warmup: z.int().min(1).optional() }),
      z.strictObject({
        decay: z.literal("step"),
        every: z.int().min(1),
        factor: positive,
        warmup: z.int().min(1).optional(),
      }),
      z.strictObject({
        decay: z.literal("cosine"),
        total: z.int().min(1),
        warmup: z.int().min(1).optional(),
      }),
    ])
    .optional(),
});

const distractorSchema = z.strictObject({
  mistake: z.enum(MISTAKE_IDS),
  /** Defaults to the mistake's own misconception id. */
  misconception: slug.optional(),
});

const imageSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("formulas"), formulas: z.array(quizFormulaSchema).min(1) }),
  z.strictObject({ kind: z.literal("visual"), spec: visualSpecSchema }),
]);

export const questionSchema = z.strictObject({
  id: slug,
  kind: z.enum(["concept", "comparison", "rule", "path", "numeric"]),
  prompt: z.string().min(1).max(L.questionText),
  choices: z.array(choiceSchema).min(L.minChoices).max(L.maxChoices).optional(),
  explanation: z.string().min(1).max(L.questionText),
  image: imageSchema.optional(),
  /** For `path`: the optimizer whose path the prompt's `{path}` letter names. */
  target: z.enum(OPTIMIZER_IDS).optional(),
  numeric: numericTemplateSchema.optional(),
  distractors: z
    .array(distractorSchema)
    .min(1)
    .max(L.maxChoices - 1)
    .optional(),
  /** Behaviour claims this question relies on; each has a simulator test (test/core/content/claims). */
  claims: z.array(slug).optional(),
});

export const quizFileSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(L.title),
  questions: z.array(questionSchema).min(L.minQuestions),
});

/** content/recommend.yaml: /recommend's questions and its advice, first match wins. */
export const recommendFileSchema = z.strictObject({
  questions: z
    .array(
      z.strictObject({
        id: slug,
        text: z.string().min(1).max(L.questionText),
        answers: z
          .array(
            z.strictObject({
              /** One letter: the answers so far travel in the button id as a string of letters. */
              id: z.string().regex(/^[a-z]$/, "use one lower-case letter, e.g. v"),
              label: z.string().min(1).max(L.choiceLabel),
            }),
          )
          .min(2)
          .max(L.maxRecommendAnswers),
      }),
    )
    .min(1)
    .max(L.maxRecommendQuestions),
  advice: z
    .array(
      z.strictObject({
        /** Question id → the answer id (or ids) this advice is for; omitted on the catch-all. */
        when: z.record(slug, z.union([z.string(), z.array(z.string()).min(1)])).optional(),
        optimizer: z.string().min(1).max(L.title),
        lr: z.string().min(1).max(L.title),
        reason: z.string().min(1).max(L.questionText),
        /** The lesson to read next: a lesson id. */
        lesson: slug,
      }),
    )
    .min(1),
});

export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
export type RecommendFile = z.infer<typeof recommendFileSchema>;
export type QuestionInput = z.infer<typeof questionSchema>;
export type QuizFile = z.infer<typeof quizFileSchema>;
export type NumericTemplateInput = z.infer<typeof numericTemplateSchema>;
export type QuizFormulaInput = z.infer<typeof quizFormulaSchema>;
