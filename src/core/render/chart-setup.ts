import { type Canvas, createCanvas } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration, type ChartType, registerables } from "chart.js";
import { FONT_FAMILY, registerBundledFonts } from "./fonts.ts";
import { CARD } from "./palette.ts";

let ready = false;

/** Paints the light card behind every chart (a canvas starts transparent, unreadable on dark themes). */
const lightCard = {
  id: "lightCard",
  beforeDraw(chart: Chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = CARD.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Registers Chart.js's controllers and the bundled font once, with server-side defaults. */
export function prepareCharts(): void {
  if (ready) return;
  registerBundledFonts();
  Chart.register(...registerables, lightCard);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = CARD.ink;
  ready = true;
}

/**
 * One canvas per chart size, reused: @napi-rs/canvas memory is native and invisible to the garbage
 * collector, so a fresh canvas (and a copy) per chart piled up megabytes per image in a render
 * worker before anything freed them. The sizes are the few fixed image sizes.
 */
const canvases = new Map<string, Canvas>();

function canvasOfSize(width: number, height: number): Canvas {
  const key = `${width}x${height}`;
  let canvas = canvases.get(key);
  if (!canvas) {
    canvas = createCanvas(width, height);
    canvases.set(key, canvas);
  }
  return canvas;
}

/**
 * Draws one Chart.js chart on this size's reused canvas and hands it to `use` (encode it, copy it
 * or draw over it there: the canvas is cleared and reused afterwards); returns what `use` returns.
 */
export function drawChart<T extends ChartType, R>(
  width: number,
  height: number,
  config: ChartConfiguration<T>,
  use: (canvas: Canvas, chart: Chart<T>) => R,
): R {
  prepareCharts();
  const canvas = canvasOfSize(width, height);
  const options = { ...config.options, animation: false, responsive: false, devicePixelRatio: 1 };
  // Chart.js types expect a DOM canvas context; the @napi-rs/canvas one is API-compatible.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const chart = new Chart(canvas.getContext("2d") as any, { ...config, options } as ChartConfiguration<T>);
  try {
    return use(canvas, chart);
  } finally {
    chart.destroy();
  }
}
