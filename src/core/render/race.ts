import { createRequire } from "node:module";
import { type Canvas, createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { GifencModule } from "gifenc";
import type { Point } from "../sim/types.ts";
import type { Surface } from "./field.ts";
import { FONT_FAMILY } from "./fonts.ts";
import { drawMapCanvas, type PlotArea } from "./map.ts";
import { CARD } from "./palette.ts";
import type { Series } from "./series.ts";

// gifenc's CommonJS named exports are invisible to Node's ESM loader, and its "module" build has no
// default export under Vite: require() gives the same object everywhere.
const { applyPalette, GIFEncoder, quantize } = createRequire(import.meta.url)("gifenc") as GifencModule;

/** Race GIF size: smaller than the still map so 60 frames stay well under the upload target. */
export const RACE_SIZE = { width: 640, height: 500 } as const;
/** At most this many frames (the budget), whatever the number of steps. */
export const MAX_RACE_FRAMES = 60;
const FRAME_DELAY_MS = 80;
/** The last frame stays up so the result can be read before the loop restarts. */
const FINAL_FRAME_DELAY_MS = 2000;
/** Palette index left unused by the image, marking "unchanged since the last frame". */
const TRANSPARENT_INDEX = 255;

/** Which step each frame shows: evenly spread over 0…steps, ending on the last step. */
export function frameSteps(steps: number, maxFrames = MAX_RACE_FRAMES): number[] {
  const frames = Math.min(maxFrames, steps + 1);
  if (frames <= 1) return [0];
  return Array.from({ length: frames }, (_, i) => Math.round((i * steps) / (frames - 1)));
}

function drawPaths(ctx: SKRSContext2D, area: PlotArea, series: Series[], step: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
  ctx.clip();
  for (const s of series) {
    const last = Math.min(step, s.trajectory.points.length - 1);
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 2.5;
    ctx.lineJoin = "round";
    ctx.setLineDash(s.dash);
    ctx.beginPath();
    for (let k = 0; k <= last; k++) {
      const [x, y] = area.toPixel(s.trajectory.points[k] as Point);
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    // The runner's head: a filled dot with a white rim, visible on any band.
    const [hx, hy] = area.toPixel(s.trajectory.points[last] as Point);
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(hx, hy, 6, 0, 2 * Math.PI);
    ctx.fillStyle = s.colour;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#FFFFFF";
    ctx.stroke();
  }
  ctx.restore();
}

function drawStepCounter(ctx: SKRSContext2D, area: PlotArea, step: number, steps: number): void {
  const text = `step ${step} / ${steps}`;
  ctx.font = `bold 15px ${FONT_FAMILY}`;
  const width = ctx.measureText(text).width + 16;
  const x = area.right - width - 8;
  const y = area.top + 8;
  ctx.fillStyle = CARD.background;
  ctx.strokeStyle = CARD.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x, y, width, 26, 6);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = CARD.ink;
  ctx.textBaseline = "middle";
  ctx.fillText(text, x + 8, y + 13);
}

function frame(
  background: Canvas,
  area: PlotArea,
  series: Series[],
  step: number,
  steps: number,
): Uint8ClampedArray {
  const canvas = createCanvas(background.width, background.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(background, 0, 0);
  drawPaths(ctx, area, series, step);
  drawStepCounter(ctx, area, step, steps);
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

/**
 * The trajectory map with every optimizer moving step by step, as a looping GIF. One palette is
 * built for all frames (from the first and last) so the contours never flicker, and each frame
 * after the first stores only the pixels that changed.
 */
export function drawRace(
  surface: Surface,
  series: Series[],
  steps: number,
  title: string,
  footer: string,
): Buffer {
  const { width, height } = RACE_SIZE;
  const { canvas: background, area } = drawMapCanvas(surface, series, {
    title,
    footer,
    withPaths: false,
    width,
    height,
  });
  const schedule = frameSteps(steps);
  const first = frame(background, area, series, 0, steps);
  const last = frame(background, area, series, steps, steps);
  const both = new Uint8ClampedArray(first.length * 2);
  both.set(first);
  both.set(last, first.length);
  const palette = quantize(both, TRANSPARENT_INDEX);
  while (palette.length < TRANSPARENT_INDEX) palette.push([0, 0, 0]);
  palette.push([255, 0, 255]); // never drawn: only marks transparent pixels

  const gif = GIFEncoder();
  let previous: Uint8Array | undefined;
  schedule.forEach((step, i) => {
    const rgba =
      i === 0 ? first : i === schedule.length - 1 ? last : frame(background, area, series, step, steps);
    const indexed = applyPalette(rgba, palette);
    const delay = i === schedule.length - 1 ? FINAL_FRAME_DELAY_MS : FRAME_DELAY_MS;
    if (!previous) {
      gif.writeFrame(indexed, width, height, { palette, delay });
    } else {
      const delta = new Uint8Array(indexed.length);
      for (let p = 0; p < indexed.length; p++) {
        delta[p] = indexed[p] === previous[p] ? TRANSPARENT_INDEX : (indexed[p] as number);
      }
      // dispose 1: keep the previous frame underneath, so transparent pixels show it.
      gif.writeFrame(delta, width, height, {
        delay,
        transparent: true,
        transparentIndex: TRANSPARENT_INDEX,
        dispose: 1,
      });
    }
    previous = indexed;
  });
  gif.finish();
  return Buffer.from(gif.bytes());
}
