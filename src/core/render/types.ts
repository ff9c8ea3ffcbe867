import type { ReplyImage } from "../reply.ts";
import type { FunctionId, OptimizerId, Point, Trajectory } from "../sim/types.ts";
import type { ReportPicture } from "./report.ts";

/** What a lesson's front-matter, a quiz question or `/race` asks the renderer to draw. */
export interface VisualSpec {
  /**
   * chart: loss vs step; map: trajectories on the contour map; race: animated map; batch: batch vs SGD
   * vs mini-batch; schedule: SGD with a constant vs a decayed learning rate on a noisy objective.
   */
  kind: "chart" | "map" | "race" | "batch" | "schedule";
  /** Ignored for `batch` and `schedule`. */
  function: FunctionId;
  /** Ignored for `batch` and `schedule`. */
  optimizers: OptimizerId[];
  steps?: number;
  /**
   * One learning rate for every optimizer (an equal-η comparison), or one per optimizer (e.g. each
   * at its tuned η); an optimizer left out runs at its default for the function (DEFAULT_LR).
   */
  lr?: number | Partial<Record<OptimizerId, number>>;
  /** γ for momentum and Nesterov (default 0.9). */
  momentum?: number;
  /** Added to the title: which rates these are and why, e.g. "each at its best η for 1000 steps". */
  note?: string;
  start?: Point;
  /** Hide the names: the legend reads A, B, C… in `optimizers` order (for "which optimizer drew this path?"). */
  anonymous?: boolean;
}

/** /explore's picture: every value already chosen (the command turns button ids into this). */
export interface ExploreSpec {
  function: FunctionId;
  optimizer: OptimizerId;
  lr: number;
  /** The optimizer's knob value (γ, β₁ or ρ); its default when left out. */
  knob?: number;
  /** A second optimizer, at its own default η for the function. */
  compare?: OptimizerId;
  start?: Point;
  /** The step the marker is at; clamped to the path's last point. */
  marker: number;
}

/** A formula with a label, for the review sheet and "which optimizer is this rule?" questions. */
export interface LabelledFormula {
  label: string;
  latex: string;
}

/** Draws every image Descent posts. All methods are cached by content (see render/cache.ts). */
export interface Renderer {
  /** LaTeX → PNG on a light card. Throws RenderError naming the offending command on bad LaTeX. */
  formula(latex: string): Promise<ReplyImage>;
  /** Several labelled formulas stacked in one PNG. */
  formulaSheet(formulas: LabelledFormula[], title?: string): Promise<ReplyImage>;
  /** Chart, map, race (GIF) or batch chart, simulated from the spec. */
  visual(spec: VisualSpec): Promise<ReplyImage>;
  /**
   * A race: the animated map (GIF) and the loss chart from one simulation, with the runs for the
   * standings. Bounded: one race in flight per `owner` and a few at once in all; past either
   * bound it rejects at once with a RenderError ("busy") that tells the student what to do.
   */
  race(spec: RaceSpec, options: { owner: string }): Promise<RaceResult>;
  /** The class report's picture (never cached: the class's numbers change with every answer). */
  classReport(picture: ReportPicture): Promise<ReplyImage>;
  /** /explore's map at one setting of its knobs and marker. Never cached: each is cheap and most are seen once. */
  explore(spec: ExploreSpec): Promise<ReplyImage>;
  /** Renders these into the cache one by one, yielding between them; logs failures, never rejects. */
  warm(items: WarmItem[]): Promise<WarmReport>;
  /** How requests were answered so far (rendered, from memory, from disk, joined an in-flight render). */
  stats(): { rendered: number; memoryHits: number; diskHits: number; joined: number };
  /** Stops the render workers, if any, so the process can exit; renders still running are rejected. */
  close?(): Promise<void>;
}

/** What `/race` asks for: a VisualSpec without the kind. */
export type RaceSpec = Omit<VisualSpec, "kind" | "anonymous">;

/** A race's two images and the runs they show (one simulation for all three). */
export interface RaceResult {
  animation: ReplyImage;
  chart: ReplyImage;
  runs: Trajectory[];
}

/** One image to pre-render (a lesson's formulas, sheet or visual). */
export type WarmItem =
  | { kind: "formula"; latex: string }
  | { kind: "sheet"; formulas: LabelledFormula[]; title?: string }
  | { kind: "visual"; spec: VisualSpec };

/** What `warm` did. */
export interface WarmReport {
  done: number;
  failed: number;
}
