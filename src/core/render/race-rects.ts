// Which pixels of a race frame can change from one frame to the next, as rectangles.
import type { Point } from "../sim/types.ts";
import type { PlotArea } from "./map.ts";
import type { Series } from "./series.ts";

/** The race canvas's size (RACE_SIZE in race.ts). */
interface CanvasSize {
  width: number;
  height: number;
}

/** A pixel rectangle on the race canvas; right and bottom are exclusive. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Pixels around a path's drawn points that a head (radius 6, 2 px rim) or a stroke join can touch. */
const HEAD_MARGIN = 10;
/** Pixels around the counter's box that its border's antialiasing can touch. */
const BOX_MARGIN = 2;

/** The rectangle around `rects`, grown by `margin` and cut to the canvas; undefined if not finite. */
function bounds(rects: Rect[], margin: number, { width, height }: CanvasSize): Rect | undefined {
  const left = Math.floor(Math.min(...rects.map((r) => r.left)) - margin);
  const top = Math.floor(Math.min(...rects.map((r) => r.top)) - margin);
  const right = Math.ceil(Math.max(...rects.map((r) => r.right)) + margin);
  const bottom = Math.ceil(Math.max(...rects.map((r) => r.bottom)) + margin);
  if (![left, top, right, bottom].every(Number.isFinite)) return undefined;
  const box = {
    left: Math.max(0, left),
    top: Math.max(0, top),
    right: Math.min(width, right),
    bottom: Math.min(height, bottom),
  };
  return box.right > box.left && box.bottom > box.top ? box : { left: 0, top: 0, right: 0, bottom: 0 };
}

/**
 * Where the frame for step `to` can differ from the one for step `from`: around each path's new
 * points (its head moved off the old end, the stroke grew and joined there) and the step counter.
 * The rest is the same background under the same earlier path, so only these pixels are read back.
 */
export function changedRects(
  size: CanvasSize,
  area: PlotArea,
  series: Series[],
  from: number,
  to: number,
  counters: Rect[],
): Rect[] {
  const whole = { left: 0, top: 0, right: size.width, bottom: size.height };
  const rects: Rect[] = [];
  for (const s of series) {
    const points = s.trajectory.points;
    const last = points.length - 1;
    const drawn: Rect[] = [];
    for (let k = Math.min(from, last); k <= Math.min(to, last); k++) {
      const [x, y] = area.toPixel(points[k] as Point);
      drawn.push({ left: x, top: y, right: x, bottom: y });
    }
    if (drawn.length === 0) continue;
    const box = bounds(drawn, HEAD_MARGIN, size);
    // A point Chart.js's scale cannot place: read the whole frame rather than guess.
    if (!box) return [whole];
    rects.push(box);
  }
  rects.push(bounds(counters, BOX_MARGIN, size) ?? whole);
  return rects;
}

/** The rectangle covering all of `rects` (at least one pixel, so a GIF frame is never empty). */
export function union(rects: Rect[]): Rect {
  const box = {
    left: Math.min(...rects.map((r) => r.left)),
    top: Math.min(...rects.map((r) => r.top)),
    right: Math.max(...rects.map((r) => r.right)),
    bottom: Math.max(...rects.map((r) => r.bottom)),
  };
  if (box.right <= box.left || box.bottom <= box.top) return { left: 0, top: 0, right: 1, bottom: 1 };
  return box;
}
