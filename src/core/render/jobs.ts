import type { ReplyImage } from "../reply.ts";
import type { Trajectory } from "../sim/types.ts";
import { drawExplore } from "./explore.ts";
import type { ExploreSpec } from "./explore-scene.ts";
import { renderFormula, renderFormulaSheet } from "./formula.ts";
import { drawReport, type ReportPicture } from "./report.ts";
import type { ResolvedSpec } from "./spec.ts";
import type { LabelledFormula } from "./types.ts";
import { drawVisual } from "./visual.ts";

/**
 * One image to draw, as plain data: what crosses to a render worker. Everything in it is already
 * validated on the caller's side (visual specs are resolved), so a job is pure "spec → bytes" work.
 */
export type RenderJob =
  | { kind: "formula"; latex: string }
  | { kind: "sheet"; formulas: LabelledFormula[]; title?: string }
  | { kind: "visual"; spec: ResolvedSpec; trajectories?: Trajectory[] }
  | { kind: "report"; picture: ReportPicture }
  | { kind: "explore"; spec: ExploreSpec };

/** Draws a job on the current thread (CPU work: ~15 ms for a formula, ~0.2 s for a race; explore ends off-thread). */
export function runJob(job: Exclude<RenderJob, { kind: "explore" }>): ReplyImage;
export function runJob(job: RenderJob): ReplyImage | Promise<ReplyImage>;
export function runJob(job: RenderJob): ReplyImage | Promise<ReplyImage> {
  switch (job.kind) {
    case "formula":
      return renderFormula(job.latex);
    case "sheet":
      return renderFormulaSheet(job.formulas, job.title);
    case "visual":
      return drawVisual(job.spec, job.trajectories);
    case "report":
      return drawReport(job.picture);
    case "explore":
      return drawExplore(job.spec);
  }
}
