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
  race: { minOptimizers: 1, maxOptimizers: 4, minSteps: 10, maxSteps: 1000 },
} as const;

/** A VisualSpec with every default filled in: what the cache key and the drawing use. */
export interface ResolvedSpec {
  kind: VisualSpec["kind"];
  function: FunctionId;
  optimizers: OptimizerId[];
  steps: number;
  lr?: number;
  start?: Point;
  anonymous: boolean;
}

const visualSpecSchema = z.object({
  kind: z.enum(["chart", "map", "race", "batch"], {
    error: () => "kind must be one of chart, map, race, batch",
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
  lr: z
    .number()
    .min(VISUAL_LIMITS.minLr, `lr must be at least ${VISUAL_LIMITS.minLr}`)
    .max(VISUAL_LIMITS.maxLr, `lr must be at most ${VISUAL_LIMITS.maxLr}`)
    .optional(),
  start: z
    .tuple([z.number(), z.number()])
    .refine(
      (p) => p.every((v) => Math.abs(v) <= VISUAL_LIMITS.maxAbsStart),
      `start coordinates must be within ±${VISUAL_LIMITS.maxAbsStart}`,
    )
    .optional(),
  anonymous: z.boolean().optional(),
});

const { race } = VISUAL_LIMITS;
/** A race's own bounds on top of every image's. */
const raceSpecSchema = visualSpecSchema.extend({
  optimizers: visualSpecSchema.shape.optimizers.refine(
    (ids) => ids.length <= race.maxOptimizers,
    `a race takes at most ${race.maxOptimizers} optimizers`,
  ),
  steps: z
    .number()
    .int("steps must be a whole number")
    .min(race.minSteps, `steps must be at least ${race.minSteps} for a race`)
    .max(race.maxSteps, `steps must be at most ${race.maxSteps} for a race`)
    .optional(),
});

/** Checks a spec and fills its defaults; throws RenderError ("bad-spec") saying what to change. */
export function resolveSpec(spec: VisualSpec): ResolvedSpec {
  // The batch chart ignores function and optimizers: give the schema harmless stand-ins.
  const input = spec.kind === "batch" ? { ...spec, function: "quadratic", optimizers: ["gd"] } : spec;
  const parsed = (spec.kind === "race" ? raceSpecSchema : visualSpecSchema).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.filter((p) => typeof p === "string").join(".") || "spec";
    throw new RenderError(`Bad ${where}: ${issue?.message ?? "invalid"}`, "bad-spec");
  }
  const value = parsed.data;
  if (value.kind === "batch") {
    return { kind: "batch", function: "quadratic", optimizers: [], steps: 0, anonymous: false };
  }
  return {
    kind: value.kind,
    function: value.function,
    optimizers: value.optimizers,
    steps: value.steps ?? VISUAL_LIMITS.defaultSteps,
    ...(value.lr === undefined ? {} : { lr: value.lr }),
    ...(value.start === undefined ? {} : { start: value.start as Point }),
    anonymous: value.anonymous ?? false,
  };
}

/** The runs a resolved spec shows, one per optimizer (none for the batch chart). */
export function simulateSpec(spec: ResolvedSpec): Trajectory[] {
  if (spec.kind === "batch") return [];
  return spec.optimizers.map((optimizer) =>
    simulate({
      optimizer,
      fn: spec.function,
      steps: spec.steps,
      ...(spec.start ? { start: spec.start } : {}),
      ...(spec.lr === undefined ? {} : { hyperparameters: { lr: spec.lr } }),
    }),
  );
}
