import type { Point } from "../sim/types.ts";

/** What the renderer needs of a test function (a subset of the simulator's TestFunction). */
export interface Surface {
  id: string;
  title: string;
  f(x: number, y: number): number;
  start: Point;
  bounds: { x: [number, number]; y: [number, number] };
  minima: Point[];
}

/** Filled contour bands: few enough to read as levels and to quantise cleanly into a GIF palette. */
export const FIELD_BANDS = 14;
/** Switch to log10 values when the top of the surface is this many times its typical height. */
const LOG_SCALE_RATIO = 6;
const MEDIAN_SAMPLES = 1024;

/** Light steel ramp, low → high: light enough that the Okabe–Ito paths stay readable on top. */
const RAMP: [number, number, number][] = [
  [250, 250, 245],
  [214, 226, 236],
  [150, 170, 192],
];
/** Iso-lines darken the band colour by this factor. */
const ISO_LINE_SHADE = 0.72;

function rampColour(t: number): [number, number, number] {
  const scaled = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1);
  const i = Math.min(Math.floor(scaled), RAMP.length - 2);
  const u = scaled - i;
  const a = RAMP[i] as [number, number, number];
  const b = RAMP[i + 1] as [number, number, number];
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** The surface sampled on a pixel grid: which band every pixel falls in, and whether values were logged. */
export interface BandedField {
  width: number;
  height: number;
  bands: Uint8Array;
  logScale: boolean;
}

const paintedFields = new Map<string, Uint8ClampedArray>();
/** Painted fields kept in memory: one per surface and plot size is all the lessons use. */
const MAX_PAINTED_FIELDS = 24;

/** The painted field of `surface` at this size, memoised (maps and races of a surface share it). */
export function fieldPixels(surface: Surface, width: number, height: number): Uint8ClampedArray {
  const key = `${surface.id}:${width}x${height}`;
  let pixels = paintedFields.get(key);
  if (!pixels) {
    pixels = paintField(sampleField(surface, width, height));
    if (paintedFields.size >= MAX_PAINTED_FIELDS)
      paintedFields.delete(paintedFields.keys().next().value as string);
    paintedFields.set(key, pixels);
  }
  return pixels;
}

/** Samples f over `bounds` at one value per pixel (row 0 = top = largest y) and bins it into bands. */
export function sampleField(surface: Surface, width: number, height: number): BandedField {
  const {
    x: [x0, x1],
    y: [y0, y1],
  } = surface.bounds;
  const values = new Float64Array(width * height);
  for (let row = 0; row < height; row++) {
    const y = y1 - ((row + 0.5) / height) * (y1 - y0);
    for (let column = 0; column < width; column++) {
      const x = x0 + ((column + 0.5) / width) * (x1 - x0);
      values[row * width + column] = surface.f(x, y);
    }
  }
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (!Number.isFinite(low)) low = 0;
  if (!Number.isFinite(high)) high = low + 1;
  const median = sampledMedian(values);
  const span = high - low || 1;
  // Where f spans decades (Rosenbrock, Beale), equal linear bands would all sit on the walls.
  const logScale = span > LOG_SCALE_RATIO * (median - low);
  const offset = span * 1e-4;
  const scale = (v: number) => (logScale ? Math.log10(v - low + offset) : v);
  const scaledLow = scale(low);
  const scaledSpan = scale(high) - scaledLow || 1;
  const bands = new Uint8Array(width * height);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const t = Number.isFinite(v) ? (scale(v) - scaledLow) / scaledSpan : 1;
    bands[i] = Math.min(FIELD_BANDS - 1, Math.floor(t * FIELD_BANDS));
  }
  return { width, height, bands, logScale };
}

/** Median of about a thousand evenly spaced samples: enough to choose the scale, far cheaper than a sort. */
function sampledMedian(values: Float64Array): number {
  const stride = Math.max(1, Math.floor(values.length / MEDIAN_SAMPLES));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i] as number;
    if (Number.isFinite(v)) sample.push(v);
  }
  sample.sort((a, b) => a - b);
  return sample[Math.floor(sample.length / 2)] ?? 0;
}

/** RGBA pixels of the filled contour map, with a darker iso-line wherever the band changes. */
export function paintField(field: BandedField): Uint8ClampedArray {
  const { width, height, bands } = field;
  const colours = Array.from({ length: FIELD_BANDS }, (_, band) => rampColour(band / (FIELD_BANDS - 1)));
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const i = row * width + column;
      const band = bands[i] as number;
      const edge =
        (column + 1 < width && bands[i + 1] !== band) || (row + 1 < height && bands[i + width] !== band);
      const [r, g, b] = colours[band] as [number, number, number];
      const shade = edge ? ISO_LINE_SHADE : 1;
      rgba[i * 4] = r * shade;
      rgba[i * 4 + 1] = g * shade;
      rgba[i * 4 + 2] = b * shade;
      rgba[i * 4 + 3] = 255;
    }
  }
  return rgba;
}
