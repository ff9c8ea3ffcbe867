import { createRequire } from "node:module";
import { type Canvas, createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { GifencModule } from "gifenc";
import type { Point } from "../sim/types.ts";
import type { Surface } from "./field.ts";
import { FONT_FAMILY } from "./fonts.ts";
import { drawMapCanvas, type PlotArea } from "./map.ts";
import { noteNativeBytes } from "./native-memory.ts";
import { CARD } from "./palette.ts";
import { changedRects, type Rect, union } from "./race-rects.ts";
import type { Series } from "./series.ts";

// gifenc's CommonJS named exports are invisible to Node's ESM loader, and its "module" build has no
// default export under Vite: require() gives the same object everywhere.
const { GIFEncoder, nearestColorIndex, quantize } = createRequire(import.meta.url)("gifenc") as GifencModule;

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

const COUNTER_FONT = `bold 15px ${FONT_FAMILY}`;
const COUNTER_HEIGHT = 26;
const counterText = (step: number, steps: number) => `step ${step} / ${steps}`;

/** Where "step n / N" sits: the plot's top-right corner, as wide as its text. */
function counterBox(ctx: SKRSContext2D, area: PlotArea, step: number, steps: number): Rect {
  ctx.font = COUNTER_FONT;
  const width = ctx.measureText(counterText(step, steps)).width + 16;
  const left = area.right - width - 8;
  const top = area.top + 8;
  return { left, top, right: left + width, bottom: top + COUNTER_HEIGHT };
}

function drawStepCounter(ctx: SKRSContext2D, box: Rect, step: number, steps: number): void {
  ctx.font = COUNTER_FONT;
  ctx.fillStyle = CARD.background;
  ctx.strokeStyle = CARD.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(box.left, box.top, box.right - box.left, COUNTER_HEIGHT, 6);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = CARD.ink;
  ctx.textBaseline = "middle";
  ctx.fillText(counterText(step, steps), box.left + 8, box.top + COUNTER_HEIGHT / 2);
}

/**
 * Reused across races on this thread: native canvas memory is invisible to the garbage collector,
 * so a canvas (or a full read-back) per frame piled up hundreds of MB per race before anything
 * freed it. One canvas, one composed frame and one delta buffer are all a race needs.
 */
let reused: { canvas: Canvas; composed: Uint8Array; delta: Uint8Array; both: Uint8ClampedArray } | undefined;

function raceBuffers() {
  const { width, height } = RACE_SIZE;
  reused ??= {
    canvas: createCanvas(width, height),
    composed: new Uint8Array(width * height),
    delta: new Uint8Array(width * height),
    both: new Uint8ClampedArray(width * height * 8),
  };
  return reused;
}

/** Maps colours to palette indices, each exact colour searched once per race. */
function paletteLookup(palette: number[][]): (red: number, green: number, blue: number) => number {
  const known = new Map<number, number>();
  return (red, green, blue) => {
    const key = (red << 16) | (green << 8) | blue;
    let index = known.get(key);
    if (index === undefined) {
      index = nearestColorIndex(palette, [red, green, blue]);
      known.set(key, index);
    }
    return index;
  };
}

/** GIF image descriptor's first byte, after an 8-byte graphic control extension. */
const IMAGE_SEPARATOR = 0x2c;
const GRAPHIC_CONTROL_BYTES = 8;

/**
 * gifenc writes every frame at (0, 0); a frame covering only the changed rectangle saves most of
 * the encoding time and bytes, so its image descriptor's left/top (GIF89a §20) are set afterwards.
 */
function placeLastFrame(gif: ReturnType<GifencModule["GIFEncoder"]>, frameStart: number, box: Rect): void {
  const bytes = gif.bytesView();
  const at = frameStart + GRAPHIC_CONTROL_BYTES;
  if (bytes[at] !== IMAGE_SEPARATOR) throw new Error("gifenc's frame layout changed; cannot place the frame");
  bytes[at + 1] = box.left & 0xff;
  bytes[at + 2] = box.left >> 8;
  bytes[at + 3] = box.top & 0xff;
  bytes[at + 4] = box.top >> 8;
}

/**
 * The trajectory map with every optimizer moving step by step, as a looping GIF. One palette is
 * built for all frames (from the first and last) so the contours never flicker, and each frame
 * after the first stores only the rectangle that changed, transparent where a pixel stayed the same.
 */
export function drawRace(
  surface: Surface,
  series: Series[],
  steps: number,
  title: string,
  footer: string,
): Buffer {
  const { width, height } = RACE_SIZE;
  const options = { title, footer, withPaths: false, width, height };
  return drawMapCanvas(surface, series, options, (background, area) =>
    animate(background, area, series, steps),
  );
}

/** The frames over `background` (the map without paths), encoded as a GIF. */
function animate(background: Canvas, area: PlotArea, series: Series[], steps: number): Buffer {
  const { width, height } = RACE_SIZE;
  const { canvas, composed, delta, both } = raceBuffers();
  const ctx = canvas.getContext("2d");
  const drawFrame = (step: number, box: Rect) => {
    ctx.drawImage(background, 0, 0);
    drawPaths(ctx, area, series, step);
    drawStepCounter(ctx, box, step, steps);
  };
  const frameBytes = width * height * 4;
  drawFrame(steps, counterBox(ctx, area, steps, steps));
  both.set(ctx.getImageData(0, 0, width, height).data, frameBytes);
  noteNativeBytes(frameBytes);
  let counter = counterBox(ctx, area, 0, steps);
  drawFrame(0, counter);
  both.set(ctx.getImageData(0, 0, width, height).data, 0);
  noteNativeBytes(frameBytes);
  // The drawn colours only: the last entry marks transparent pixels and must never be chosen.
  const colours = quantize(both, TRANSPARENT_INDEX);
  const indexOf = paletteLookup(colours);
  const palette = [...colours];
  while (palette.length < TRANSPARENT_INDEX) palette.push([0, 0, 0]);
  palette.push([255, 0, 255]);

  for (let p = 0, byte = 0; p < composed.length; p++, byte += 4) {
    composed[p] = indexOf(both[byte] as number, both[byte + 1] as number, both[byte + 2] as number);
  }
  const gif = GIFEncoder();
  gif.writeFrame(composed, width, height, { palette, delay: FRAME_DELAY_MS });
  const schedule = frameSteps(steps);
  for (let i = 1; i < schedule.length; i++) {
    const from = schedule[i - 1] as number;
    const to = schedule[i] as number;
    const previousCounter = counter;
    counter = counterBox(ctx, area, to, steps);
    const rects = changedRects(RACE_SIZE, area, series, from, to, [previousCounter, counter]);
    // Draw only inside the changed rectangles: the canvas still holds the previous frame elsewhere.
    ctx.save();
    ctx.beginPath();
    for (const r of rects) ctx.rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
    ctx.clip();
    drawFrame(to, counter);
    ctx.restore();
    const box = union(rects);
    const boxWidth = box.right - box.left;
    const frame = delta.subarray(0, boxWidth * (box.bottom - box.top));
    frame.fill(TRANSPARENT_INDEX);
    for (const rect of rects) {
      const w = rect.right - rect.left;
      const h = rect.bottom - rect.top;
      if (w <= 0 || h <= 0) continue;
      const pixels = ctx.getImageData(rect.left, rect.top, w, h).data;
      noteNativeBytes(pixels.length);
      for (let y = 0; y < h; y++) {
        let p = (rect.top + y) * width + rect.left;
        let q = (rect.top + y - box.top) * boxWidth + rect.left - box.left;
        for (let x = 0, byte = y * w * 4; x < w; x++, p++, q++, byte += 4) {
          const index = indexOf(
            pixels[byte] as number,
            pixels[byte + 1] as number,
            pixels[byte + 2] as number,
          );
          // Rectangles may overlap: a pixel already updated this frame keeps its entry.
          if (index !== composed[p]) {
            composed[p] = index;
            frame[q] = index;
          }
        }
      }
    }
    const frameStart = gif.bytesView().length;
    // dispose 1: keep the previous frame underneath, so transparent pixels show it.
    gif.writeFrame(frame, boxWidth, box.bottom - box.top, {
      delay: i === schedule.length - 1 ? FINAL_FRAME_DELAY_MS : FRAME_DELAY_MS,
      transparent: true,
      transparentIndex: TRANSPARENT_INDEX,
      dispose: 1,
    });
    placeLastFrame(gif, frameStart, box);
  }
  gif.finish();
  return Buffer.from(gif.bytes());
}
