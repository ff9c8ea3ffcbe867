import { z } from "zod";
import { FUNCTION_IDS, type FunctionId, OPTIMIZER_IDS, type OptimizerId, type Point } from "../sim/types.ts";
import { RenderError } from "./errors.ts";
import type { VisualSpec } from "./types.ts";

/** Image limits: steps an image can show (more adds nothing visible), learning-rate range, start box. */
export const VISUAL_LIMITS = {
  maxSteps: 5000,
  defaultSteps: 200,
  minLr: 1e-6,
  maxLr: 10,
  maxAbsStart: 1000,
  /** A note joins the title: about what fits beside a surface's name on one line. */
  maxNote: 48,
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

const visualSpecSchema = z
  .object({
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
  })
  .superRefine((spec, ctx) => {
    // A rate for an optimizer the picture does not draw is a typo, not a harmless extra.
    if (typeof spec.lr !== "object") return;
    for (const id of Object.keys(spec.lr) as OptimizerId[]) {
      if (!spec.optimizers.includes(id))
        ctx.addIssue({
          code: "custom",
          path: ["lr"],
          message: `gives a rate for ${id}, which is not in optimizers`,
        });
    }
  });

/** Checks a spec and fills its defaults; throws RenderError ("bad-spec") saying what to change. */
export function resolveSpec(spec: VisualSpec): ResolvedSpec {
  // The batch and schedule charts ignore function and optimizers: give the schema harmless stand-ins.
  const fixed = spec.kind === "batch" || spec.kind === "schedule";
  const input = fixed ? { ...spec, function: "quadratic", optimizers: ["gd"], lr: undefined } : spec;
  const parsed = visualSpecSchema.safeParse(input);
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
