import type { Logger } from "../logger.ts";
import type { ReplyImage } from "../reply.ts";
import { cacheKey, ImageCache } from "./cache.ts";
import { RenderError } from "./errors.ts";
import { renderFormula, renderFormulaSheet } from "./formula.ts";
import { resolveSpec } from "./spec.ts";
import type { LabelledFormula, Renderer, VisualSpec, WarmItem, WarmReport } from "./types.ts";
import { drawVisual } from "./visual.ts";

export { cacheKey, RENDERER_VERSION } from "./cache.ts";
export { RenderError } from "./errors.ts";
export { BATCH_MODE_COLORS, OPTIMIZER_COLORS, OPTIMIZER_DASHES } from "./palette.ts";
export { VISUAL_LIMITS } from "./spec.ts";
export type * from "./types.ts";

/** Gives the event loop a turn between background renders (each one is synchronous CPU work). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The renderer with its on-disk cache under `cacheDir`. */
export function createRenderer(options: { cacheDir: string; logger: Logger }): Renderer {
  const cache = new ImageCache(options.cacheDir, options.logger);

  const renderer: Renderer = {
    formula(latex: string): Promise<ReplyImage> {
      return cache.get(cacheKey("formula", latex), "png", () => renderFormula(latex));
    },

    formulaSheet(formulas: LabelledFormula[], title?: string): Promise<ReplyImage> {
      if (formulas.length === 0) {
        return Promise.reject(new RenderError("A formula sheet needs at least one formula.", "bad-spec"));
      }
      return cache.get(cacheKey("sheet", { formulas, title }), "png", () =>
        renderFormulaSheet(formulas, title),
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
      return cache.get(cacheKey("visual", resolved), extension, () => drawVisual(resolved));
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
  };
  return renderer;
}
export { lessonAssets, REVIEW_SHEET_TITLE } from "./warm-list.ts";
