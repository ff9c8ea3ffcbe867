import type { Logger } from "../logger.ts";
import type { ReplyImage } from "../reply.ts";
import { cacheKey, ImageCache } from "./cache.ts";
import { RenderError } from "./errors.ts";
import { checkExploreSpec, type ExploreSpec } from "./explore-scene.ts";
import type { RenderJob } from "./jobs.ts";
import { RenderPool } from "./pool.ts";
import { type ResolvedSpec, resolveSpec, simulateSpec } from "./spec.ts";
import type {
  LabelledFormula,
  RaceResult,
  RaceSpec,
  Renderer,
  VisualSpec,
  WarmItem,
  WarmReport,
} from "./types.ts";

export { cacheKey, DEFAULT_CACHE_MAX_BYTES, RENDERER_VERSION } from "./cache.ts";
export { RenderError } from "./errors.ts";
export { BATCH_MODE_COLORS, OPTIMIZER_COLORS, OPTIMIZER_DASHES } from "./palette.ts";
export { RENDER_TIMEOUT_MS, RENDER_WORKER_IDLE_MS } from "./pool.ts";
export type { ReportPicture } from "./report.ts";
export { VISUAL_LIMITS } from "./spec.ts";
export type * from "./types.ts";

/**
 * Races drawn or waiting at once, over all students. With one worker a race takes about half a
 * second, so the last one admitted waits a few seconds, never near the render timeout.
 */
export const DEFAULT_MAX_RACES = 6;
/** What a student hears while their previous race is still being drawn. */
export const RACE_STILL_RUNNING =
  "Your race is still running: it will appear here in a moment. Start the next one once it has.";
/** What a student hears when the render queue is full. */
export const RENDERER_BUSY =
  "I'm busy drawing other students' races right now; please try again in a moment.";

/** Gives the event loop a turn between background renders (each one is synchronous CPU work). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Draws on this thread. The drawing code (canvas, Chart.js, MathJax) loads on first use only. */
async function drawInline(job: RenderJob): Promise<ReplyImage> {
  const { runJob } = await import("./jobs.ts");
  return runJob(job);
}

/**
 * The renderer with its on-disk cache under `cacheDir`. With `workers` > 0 the drawing runs on that
 * many worker threads (call `close()` when done); with 0, the default, on the caller's thread.
 * The cache and the de-duplication of concurrent requests stay on the caller's thread either way.
 */
export function createRenderer(options: {
  cacheDir: string;
  logger: Logger;
  workers?: number;
  /** Races drawn or waiting at once (DEFAULT_MAX_RACES). */
  maxRaces?: number;
  /** Disk bytes race images may take in the cache (DEFAULT_CACHE_MAX_BYTES); least recently used go. */
  cacheMaxBytes?: number;
}): Renderer & Required<Pick<Renderer, "close">> {
  const workers = options.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0) {
    throw new RangeError(`workers must be a whole number ≥ 0 (0 draws on this thread), not ${workers}`);
  }
  const cache = new ImageCache(options.cacheDir, options.logger, {
    ...(options.cacheMaxBytes === undefined ? {} : { maxBytes: options.cacheMaxBytes }),
  });
  const pool = workers > 0 ? new RenderPool({ size: workers, logger: options.logger }) : undefined;
  const draw = (job: RenderJob) => (pool ? pool.run(job) : drawInline(job));
  const maxRaces = options.maxRaces ?? DEFAULT_MAX_RACES;
  /** Owners with a race in flight; its size is the number of races drawn or waiting. */
  const racing = new Set<string>();

  /** Validates once, simulates once, then draws (or finds in the cache) the animation and chart. */
  async function drawRace(spec: RaceSpec): Promise<RaceResult> {
    const animationSpec = resolveSpec({ ...spec, kind: "race" });
    const chartSpec: ResolvedSpec = { ...animationSpec, kind: "chart" };
    const runs = simulateSpec(animationSpec);
    const [animation, chart] = await Promise.all(
      [animationSpec, chartSpec].map((resolved) =>
        cache.get(
          cacheKey("visual", resolved),
          resolved.kind === "race" ? "gif" : "png",
          () => draw({ kind: "visual", spec: resolved, trajectories: runs }),
          // One pair per distinct request: these go first when the cache reaches its cap.
          { evictable: true },
        ),
      ),
    );
    return { animation: animation as ReplyImage, chart: chart as ReplyImage, runs };
  }

  const renderer: Renderer & Required<Pick<Renderer, "close">> = {
    formula(latex: string): Promise<ReplyImage> {
      return cache.get(cacheKey("formula", latex), "png", () => draw({ kind: "formula", latex }));
    },

    formulaSheet(formulas: LabelledFormula[], title?: string): Promise<ReplyImage> {
      if (formulas.length === 0) {
        return Promise.reject(new RenderError("A formula sheet needs at least one formula.", "bad-spec"));
      }
      return cache.get(cacheKey("sheet", { formulas, title }), "png", () =>
        draw({ kind: "sheet", formulas, ...(title === undefined ? {} : { title }) }),
      );
    },

    visual(spec: VisualSpec): Promise<ReplyImage> {
      let resolved: ReturnType<typeof resolveSpec>;
      try {
        resolved = resolveSpec(spec);
      } catch (error) {
        return Promise.reject(error);
      }
      const extension = resolved.kind === "race" ? "gif" : "png";
      return cache.get(cacheKey("visual", resolved), extension, () =>
        draw({ kind: "visual", spec: resolved }),
      );
    },

    async race(spec: RaceSpec, { owner }: { owner: string }): Promise<RaceResult> {
      if (racing.has(owner)) throw new RenderError(RACE_STILL_RUNNING, "busy");
      if (racing.size >= maxRaces) throw new RenderError(RENDERER_BUSY, "busy");
      racing.add(owner);
      try {
        return await drawRace(spec);
      } finally {
        racing.delete(owner);
      }
    },
    classReport(picture) {
      return draw({ kind: "report", picture });
    },
    explore(spec: ExploreSpec): Promise<ReplyImage> {
      try {
        return draw({ kind: "explore", spec: checkExploreSpec(spec) });
      } catch (error) {
        return Promise.reject(error);
      }
    },

    async warm(items: WarmItem[]): Promise<WarmReport> {
      const report: WarmReport = { done: 0, failed: 0 };
      for (const item of items) {
        await yieldToEventLoop();
        try {
          if (item.kind === "formula") await renderer.formula(item.latex);
          else if (item.kind === "sheet") await renderer.formulaSheet(item.formulas, item.title);
          else await renderer.visual(item.spec);
          report.done++;
        } catch (error) {
          report.failed++;
          options.logger.warn(
            { err: error, item },
            "could not pre-render an image; it will be tried on demand",
          );
        }
      }
      return report;
    },

    stats: () => ({ ...cache.stats }),

    close: async () => {
      await pool?.close();
    },
  };
  return renderer;
}
export { lessonAssets, REVIEW_SHEET_TITLE } from "./warm-list.ts";
