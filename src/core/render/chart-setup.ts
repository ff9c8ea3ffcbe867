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

/** Draws one Chart.js chart on a fresh canvas of the given size; the chart is destroyed afterwards. */
export function drawChart<T extends ChartType>(
  width: number,
  height: number,
  config: ChartConfiguration<T>,
  inspect?: (chart: Chart<T>) => void,
): Canvas {
  prepareCharts();
  const canvas = createCanvas(width, height);
  const options = { ...config.options, animation: false, responsive: false, devicePixelRatio: 1 };
  // Chart.js types expect a DOM canvas context; the @napi-rs/canvas one is API-compatible.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const chart = new Chart(canvas.getContext("2d") as any, { ...config, options } as ChartConfiguration<T>);
  try {
    inspect?.(chart);
    // destroy() clears the canvas, so keep a copy of the drawing first.
    const copy = createCanvas(width, height);
    copy.getContext("2d").drawImage(canvas, 0, 0);
    return copy;
  } finally {
    chart.destroy();
  }
}
