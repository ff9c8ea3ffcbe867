import { z } from "zod";
import { simulate } from "../sim/simulate.ts";
import {
  FUNCTION_IDS,
  type FunctionId,
  OPTIMIZER_IDS,
  type OptimizerId,
  type Point,
  type Trajectory,
} from "../sim/types.ts";
import { RenderError } from "./errors.ts";
import type { VisualSpec } from "./types.ts";

/**
 * The one set of image limits: steps an image can show (more adds nothing visible), learning-rate
 * range, start box, and a race's tighter bounds (enough optimizers to compare, few enough to read;
 * steps a student may ask for). `/race` declares its options from these and the renderer checks them.
 */
export const VISUAL_LIMITS = {
  maxSteps: 5000,
  defaultSteps: 200,
  minLr: 1e-6,
  maxLr: 10,
  maxAbsStart: 1000,
  /** A note joins the title: about what fits beside a surface's name on one line. */
  maxNote: 48,
  race: { minOptimizers: 1, maxOptimizers: 4, minSteps: 10, maxSteps: 1000 },
} as const;

/** A VisualSpec with every default filled in: what the cache key and the drawing use. */
export interface ResolvedSpec {
  kind: VisualSpec["kind"];
  function: FunctionId;
  optimizers: OptimizerId[];
  steps: number;
  lr?: number | Partial<Record<OptimizerId, number>>;
  momentum?: number;
  note?: string;
  start?: Point;
  anonymous: boolean;
}

const rate = z
  .number()
  .min(VISUAL_LIMITS.minLr, `lr must be at least ${VISUAL_LIMITS.minLr}`)
  .max(VISUAL_LIMITS.maxLr, `lr must be at most ${VISUAL_LIMITS.maxLr}`);

const visualSpecObject = z.object({
  kind: z.enum(["chart", "map", "race", "batch", "schedule"], {
    error: () => "kind must be one of chart, map, race, batch, schedule",
  }),
  function: z.enum(FUNCTION_IDS, {
    error: (issue) => `unknown function "${String(issue.input)}"; choose one of ${FUNCTION_IDS.join(", ")}`,
  }),
  optimizers: z
    .array(
      z.enum(OPTIMIZER_IDS, {
        error: (issue) =>
          `unknown optimizer "${String(issue.input)}"; choose from ${OPTIMIZER_IDS.join(", ")}`,
      }),
    )
    .min(1, "give at least one optimizer")
    .refine((ids) => new Set(ids).size === ids.length, "each optimizer may appear only once"),
  steps: z
    .number()
    .int("steps must be a whole number")
    .min(1, "steps must be at least 1")
    .max(VISUAL_LIMITS.maxSteps, `steps must be at most ${VISUAL_LIMITS.maxSteps} for an image`)
    .optional(),
  lr: z.union([rate, z.partialRecord(z.enum(OPTIMIZER_IDS), rate)]).optional(),
  momentum: z
    .number()
    .min(0, "momentum must be at least 0")
    .max(0.999, "momentum must be below 1")
    .optional(),
  start: z
    .tuple([z.number(), z.number()])
    .refine(
      (p) => p.every((v) => Math.abs(v) <= VISUAL_LIMITS.maxAbsStart),
      `start coordinates must be within ±${VISUAL_LIMITS.maxAbsStart}`,
    )
    .optional(),
  anonymous: z.boolean().optional(),
  note: z
    .string()
    .min(1)
    .max(VISUAL_LIMITS.maxNote, `note must be at most ${VISUAL_LIMITS.maxNote} characters`)
    .optional(),
});

/** A rate for an optimizer the picture does not draw is a typo, not a harmless extra. */
function ratesMatchOptimizers(
  spec: { optimizers: readonly OptimizerId[]; lr?: number | Partial<Record<OptimizerId, number>> },
  ctx: z.RefinementCtx,
): void {
  if (typeof spec.lr !== "object") return;
  for (const id of Object.keys(spec.lr) as OptimizerId[]) {
    if (!spec.optimizers.includes(id))
      ctx.addIssue({
        code: "custom",
        path: ["lr"],
        message: `gives a rate for ${id}, which is not in optimizers`,
      });
  }
}

const visualSpecSchema = visualSpecObject.superRefine(ratesMatchOptimizers);

const { race } = VISUAL_LIMITS;
/** A race's own bounds on top of every image's. */
const raceSpecSchema = visualSpecObject
  .extend({
    optimizers: visualSpecObject.shape.optimizers.refine(
      (ids) => ids.length <= race.maxOptimizers,
      `a race takes at most ${race.maxOptimizers} optimizers`,
    ),
    steps: z
      .number()
      .int("steps must be a whole number")
      .min(race.minSteps, `steps must be at least ${race.minSteps} for a race`)
      .max(race.maxSteps, `steps must be at most ${race.maxSteps} for a race`)
      .optional(),
  })
  .superRefine(ratesMatchOptimizers);

/** Checks a spec and fills its defaults; throws RenderError ("bad-spec") saying what to change. */
export function resolveSpec(spec: VisualSpec): ResolvedSpec {
  // The batch and schedule charts ignore function and optimizers: give the schema harmless stand-ins.
  const fixed = spec.kind === "batch" || spec.kind === "schedule";
  const input = fixed ? { ...spec, function: "quadratic", optimizers: ["gd"], lr: undefined } : spec;
  const parsed = (spec.kind === "race" ? raceSpecSchema : visualSpecSchema).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.filter((p) => typeof p === "string").join(".") || "spec";
    throw new RenderError(`Bad ${where}: ${issue?.message ?? "invalid"}`, "bad-spec");
  }
  const value = parsed.data;
  if (value.kind === "batch" || value.kind === "schedule") {
    return { kind: value.kind, function: "quadratic", optimizers: [], steps: 0, anonymous: false };
  }
  return {
    kind: value.kind,
    function: value.function,
    optimizers: value.optimizers,
    steps: value.steps ?? VISUAL_LIMITS.defaultSteps,
    ...(value.lr === undefined ? {} : { lr: value.lr }),
    ...(value.momentum === undefined ? {} : { momentum: value.momentum }),
    ...(value.note === undefined ? {} : { note: value.note }),
    ...(value.start === undefined ? {} : { start: value.start as Point }),
    anonymous: value.anonymous ?? false,
  };
}

/** The learning rate the spec gives `optimizer`, if any (one for all, or its own entry). */
export function specLr(spec: ResolvedSpec, optimizer: OptimizerId): number | undefined {
  return typeof spec.lr === "object" ? spec.lr[optimizer] : spec.lr;
}

/** The runs a resolved spec shows, one per optimizer (none for the batch chart). */
export function simulateSpec(spec: ResolvedSpec): Trajectory[] {
  if (spec.kind === "batch" || spec.kind === "schedule") return [];
  return spec.optimizers.map((optimizer) =>
    simulate({
      optimizer,
      fn: spec.function,
      steps: spec.steps,
      ...(spec.start ? { start: spec.start } : {}),
      hyperparameters: { lr: specLr(spec, optimizer), momentum: spec.momentum },
    }),
  );
}
