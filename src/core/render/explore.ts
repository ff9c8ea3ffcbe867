import { type Canvas, createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { ReplyImage } from "../reply.ts";
import { OPTIMIZERS, type Point, TEST_FUNCTIONS, type Trajectory } from "../sim/index.ts";
import {
  describeExplore,
  type ExploreScene,
  type ExploreSpec,
  exploreScene,
  knobsLabel,
} from "./explore-scene.ts";
import { FONT_FAMILY } from "./fonts.ts";
import { formatNumber } from "./footer.ts";
import { clampAlt } from "./formula.ts";
import { drawMapCanvas, MAP_SIZE, type PlotArea } from "./map.ts";
import { CARD, OPTIMIZER_COLORS, OPTIMIZER_DASHES } from "./palette.ts";

/**
 * Draws /explore's picture. A click changes only the paths, the marker and its arrows, so each
 * function's map (filled contours, axes, title, minima) is drawn once per render thread and kept,
 * and every click paints on one reused canvas: no canvas or pixel buffer is created per click (their
 * native memory is invisible to the garbage collector). One click costs a copy of the background,
 * a few hundred line segments and one PNG encoding.
 */

export const EXPLORE_SIZE = MAP_SIZE;
/** The longer arrow at the marker is this long; the other keeps its length relative to it. */
const ARROW_MAX_PX = 80;
/** A non-zero arrow shorter than this would be all head: drawn at this length instead. */
const ARROW_MIN_PX = 26;
/** Colours outside the optimizers' palette, so an arrow is never read as a path. */
const GRADIENT_COLOUR = "#A50026";
const VELOCITY_COLOUR = "#6A3D9A";

interface Background {
  canvas: Canvas;
  area: PlotArea;
}

/** One background per test function: a fixed, small set (FUNCTION_IDS), so no eviction is needed. */
const backgrounds = new Map<string, Background>();
let page: Canvas | undefined;

function backgroundOf(functionId: ExploreSpec["function"]): Background {
  let background = backgrounds.get(functionId);
  if (!background) {
    const surface = TEST_FUNCTIONS[functionId];
    // The chart canvas is reused by the next chart: keep a copy (one per function, drawn once).
    background = drawMapCanvas(
      surface,
      [],
      {
        title: `Explore: ${surface.title}`,
        footer: "◀ ▶ move the marker · arrows: where the gradient and the optimizer's memory push θ",
        withPaths: false,
        showStart: false,
      },
      (canvas, area) => {
        const copy = createCanvas(canvas.width, canvas.height);
        copy.getContext("2d").drawImage(canvas, 0, 0);
        return { canvas: copy, area };
      },
    );
    backgrounds.set(functionId, background);
  }
  return background;
}

function strokePath(ctx: SKRSContext2D, area: PlotArea, path: Trajectory, colour: string, dash: number[]) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2.5;
  ctx.lineJoin = "round";
  ctx.setLineDash(dash);
  ctx.beginPath();
  path.points.forEach((point, k) => {
    const [x, y] = area.toPixel(point);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Small dots at every step of the main path: their spacing shows the step size. */
function stepDots(ctx: SKRSContext2D, area: PlotArea, path: Trajectory, colour: string) {
  ctx.fillStyle = colour;
  for (const point of path.points) {
    const [x, y] = area.toPixel(point);
    ctx.beginPath();
    ctx.arc(x, y, 2, 0, 2 * Math.PI);
    ctx.fill();
  }
}

function ring(ctx: SKRSContext2D, [x, y]: [number, number], radius: number, fill: string, rim: string) {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = rim;
  ctx.stroke();
}

/** Arrow vectors in pixels, scaled together so their lengths compare. */
function arrowPixels(scene: ExploreScene, area: PlotArea): Array<[number, number]> {
  const { x, y } = TEST_FUNCTIONS[scene.spec.function].bounds;
  const sx = (area.right - area.left) / (x[1] - x[0]);
  const sy = (area.bottom - area.top) / (y[1] - y[0]);
  const raw = scene.arrows.map(({ vector: [vx, vy] }): [number, number] => [vx * sx, -vy * sy]);
  const longest = Math.max(...raw.map(([px, py]) => Math.hypot(px, py)));
  return raw.map(([px, py]) => {
    const length = Math.hypot(px, py);
    if (!(longest > 0) || length === 0) return [0, 0];
    const scaled = Math.max(ARROW_MIN_PX, (length / longest) * ARROW_MAX_PX);
    return [(px / length) * scaled, (py / length) * scaled];
  });
}

/** `side` (±1) puts the label on one side of the arrow, so two nearly parallel arrows keep readable labels. */
function arrow(
  ctx: SKRSContext2D,
  from: [number, number],
  [dx, dy]: [number, number],
  colour: string,
  label: string,
  side: number,
) {
  const length = Math.hypot(dx, dy);
  if (length === 0) return;
  const [ux, uy] = [dx / length, dy / length];
  const tip: [number, number] = [from[0] + dx, from[1] + dy];
  const head = 11;
  const outline = (width: number, style: string) => {
    ctx.strokeStyle = style;
    ctx.fillStyle = style;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(tip[0] - ux * head * 0.6, tip[1] - uy * head * 0.6);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(tip[0], tip[1]);
    ctx.lineTo(tip[0] - ux * head - uy * head * 0.5, tip[1] - uy * head + ux * head * 0.5);
    ctx.lineTo(tip[0] - ux * head + uy * head * 0.5, tip[1] - uy * head - ux * head * 0.5);
    ctx.closePath();
    ctx.fill();
    if (width > 3) ctx.stroke();
  };
  // A white halo keeps the arrow readable on any band and over the paths.
  outline(7, "#FFFFFF");
  outline(3, colour);
  ctx.font = `bold 15px ${FONT_FAMILY}`;
  ctx.textBaseline = "middle";
  ctx.textAlign = ux >= 0 ? "left" : "right";
  const [lx, ly] = [tip[0] + ux * 8 - uy * 10 * side, tip[1] + uy * 8 + ux * 10 * side];
  ctx.lineWidth = 4;
  ctx.strokeStyle = "#FFFFFF";
  ctx.strokeText(label, lx, ly);
  ctx.fillStyle = colour;
  ctx.fillText(label, lx, ly);
  ctx.textAlign = "left";
}

function box(ctx: SKRSContext2D, x: number, y: number, width: number, height: number) {
  ctx.fillStyle = "rgba(255,255,255,0.9)";
  ctx.strokeStyle = CARD.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x, y, width, height, 6);
  ctx.fill();
  ctx.stroke();
}

/** The key in the plot's top-left corner: each path with its knobs, and the arrows. */
function legend(ctx: SKRSContext2D, area: PlotArea, scene: ExploreScene) {
  const rows: Array<{ text: string; colour: string; dash?: number[]; arrow?: boolean }> = [
    {
      text: `${OPTIMIZERS[scene.spec.optimizer].name} (${knobsLabel(scene.spec)})`,
      colour: OPTIMIZER_COLORS[scene.spec.optimizer],
      dash: OPTIMIZER_DASHES[scene.spec.optimizer],
    },
  ];
  if (scene.comparePath) {
    const id = scene.comparePath.optimizer;
    rows.push({
      text: `${OPTIMIZERS[id].name} (η ${formatNumber(scene.comparePath.hyperparameters.lr)}, its default)`,
      colour: OPTIMIZER_COLORS[id],
      dash: OPTIMIZER_DASHES[id],
    });
  }
  for (const a of scene.arrows) {
    const what =
      a.kind === "gradient"
        ? "downhill, minus the gradient"
        : a.label === "−v"
          ? "where the velocity carries θ"
          : "Adam's averaged gradient (bias-corrected)";
    rows.push({
      text: `${a.label}  ${what}`,
      colour: a.kind === "gradient" ? GRADIENT_COLOUR : VELOCITY_COLOUR,
      arrow: true,
    });
  }
  ctx.font = `13px ${FONT_FAMILY}`;
  const width = Math.max(...rows.map((row) => ctx.measureText(row.text).width)) + 50;
  const height = rows.length * 20 + 8;
  const { x, y } = quietestCorner(area, scene, width, height);
  box(ctx, x, y, width, height);
  ctx.textBaseline = "middle";
  rows.forEach((row, i) => {
    const cy = y + 14 + i * 20;
    ctx.strokeStyle = row.colour;
    ctx.lineWidth = row.arrow ? 3 : 2.5;
    ctx.setLineDash(row.dash ?? []);
    ctx.beginPath();
    ctx.moveTo(x + 8, cy);
    ctx.lineTo(x + 34, cy);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = CARD.ink;
    ctx.fillText(row.text, x + 42, cy);
  });
}

/** The plot corner where a box of this size covers the fewest path points (the marker counts most). */
function quietestCorner(area: PlotArea, scene: ExploreScene, width: number, height: number) {
  const corners = [
    { x: area.left + 8, y: area.bottom - height - 8 },
    { x: area.left + 8, y: area.top + 8 },
    { x: area.right - width - 8, y: area.bottom - height - 8 },
  ];
  const points = [...scene.path.points, ...(scene.comparePath?.points ?? [])].map(area.toPixel);
  const covered = ({ x, y }: { x: number; y: number }, [px, py]: [number, number]) =>
    px >= x - 12 && px <= x + width + 12 && py >= y - 12 && py <= y + height + 12;
  const at = area.toPixel(scene.at);
  const cost = (corner: { x: number; y: number }) =>
    points.filter((point) => covered(corner, point)).length + (covered(corner, at) ? 1000 : 0);
  return corners.reduce((best, corner) => (cost(corner) < cost(best) ? corner : best));
}

/** "step k / N" in the top-right corner (the legend never takes that corner). */
function stepCounter(ctx: SKRSContext2D, area: PlotArea, scene: ExploreScene) {
  const text = `step ${scene.marker} / ${scene.path.points.length - 1}`;
  ctx.font = `bold 15px ${FONT_FAMILY}`;
  const width = ctx.measureText(text).width + 16;
  const x = area.right - width - 8;
  box(ctx, x, area.top + 8, width, 26);
  ctx.fillStyle = CARD.ink;
  ctx.textBaseline = "middle";
  ctx.fillText(text, x + 8, area.top + 21);
}

/** Paints the scene onto the reused page canvas. */
function paint(scene: ExploreScene): Canvas {
  const { canvas: background, area } = backgroundOf(scene.spec.function);
  page ??= createCanvas(EXPLORE_SIZE.width, EXPLORE_SIZE.height);
  const ctx = page.getContext("2d");
  ctx.drawImage(background, 0, 0);
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
  ctx.clip();
  const main = scene.spec.optimizer;
  if (scene.comparePath) {
    const id = scene.comparePath.optimizer;
    strokePath(ctx, area, scene.comparePath, OPTIMIZER_COLORS[id], OPTIMIZER_DASHES[id]);
  }
  strokePath(ctx, area, scene.path, OPTIMIZER_COLORS[main], OPTIMIZER_DASHES[main]);
  stepDots(ctx, area, scene.path, OPTIMIZER_COLORS[main]);
  ring(ctx, area.toPixel(scene.path.points[0] as Point), 6, "#FFFFFF", CARD.ink);
  const at = area.toPixel(scene.at);
  const pixels = arrowPixels(scene, area);
  // Longest first, so a short arrow lying along a long one stays visible on top.
  const order = scene.arrows.map((_, i) => i);
  const length = (i: number) => Math.hypot(...(pixels[i] ?? [0, 0]));
  order.sort((a, b) => length(b) - length(a));
  for (const i of order) {
    const a = scene.arrows[i];
    if (!a) continue;
    const colour = a.kind === "gradient" ? GRADIENT_COLOUR : VELOCITY_COLOUR;
    arrow(ctx, at, pixels[i] ?? [0, 0], colour, a.label, i === 0 ? 1 : -1);
  }
  // The marker on top, so both arrows visibly leave from it.
  ring(ctx, at, 7, OPTIMIZER_COLORS[main], "#FFFFFF");
  ctx.restore();
  legend(ctx, area, scene);
  stepCounter(ctx, area, scene);
  return page;
}

/** Draws run one at a time per thread: they share the page canvas, and encoding finishes off-thread. */
let previous: Promise<unknown> = Promise.resolve();

/**
 * /explore's picture as a PNG, with alt text stating the knobs, the marker step and the readout.
 * Encodes with the asynchronous `encode`: the synchronous `toBuffer` of @napi-rs/canvas 1.1 grows
 * RSS by about the image's size on every call (measured: 2,000 draws, +200 MB; `encode`: flat).
 */
export function drawExplore(spec: ExploreSpec): Promise<ReplyImage> {
  const drawn = previous.then(async () => {
    const scene = exploreScene(spec);
    const bytes = await paint(scene).encode("png");
    return {
      bytes,
      ...EXPLORE_SIZE,
      fileName: `explore-${spec.function}-${spec.optimizer}.png`,
      alt: clampAlt(describeExplore(scene)),
    };
  });
  previous = drawn.catch(() => undefined);
  return drawn;
}
