import { type Canvas, ImageData } from "@napi-rs/canvas";
import type { Chart, ChartConfiguration, ChartDataset, Plugin } from "chart.js";
import type { Point } from "../sim/types.ts";
import { drawChart } from "./chart-setup.ts";
import { fieldPixels, type Surface } from "./field.ts";
import { formatNumber } from "./footer.ts";
import { CARD } from "./palette.ts";
import { type Series, thinIndices } from "./series.ts";

/** Map size: room for a two-row legend above a roughly square plot. */
export const MAP_SIZE = { width: 800, height: 600 } as const;
/** Markers along each path: about this many per path, so step spacing (speed) shows. */
const MARKERS_PER_PATH = 12;
const MAX_POINTS_PER_PATH = 600;

/** Where the plot sits on the canvas, to draw on it after Chart.js is done (the race). */
export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
  toPixel(point: Point): [number, number];
}

/** Paints the function's filled contours into the chart area, under the datasets. */
function fieldPlugin(surface: Surface): Plugin<"scatter"> {
  return {
    id: "field",
    beforeDatasetsDraw(chart) {
      const { left, top, width, height } = chart.chartArea;
      const w = Math.round(width);
      const h = Math.round(height);
      // Wraps the memoised pixels (memory the garbage collector sees) instead of a native copy.
      // biome-ignore lint/suspicious/noExplicitAny: Chart.js types the context as a DOM one
      (chart.ctx as any).putImageData(
        new ImageData(fieldPixels(surface, w, h), w, h),
        Math.round(left),
        Math.round(top),
      );
    },
  };
}

function pathDataset(s: Series, withPath: boolean): ChartDataset<"scatter"> {
  const points = s.trajectory.points;
  const every = Math.max(1, Math.round((points.length - 1) / MARKERS_PER_PATH));
  const indices = withPath ? thinIndices(points.length, MAX_POINTS_PER_PATH) : [];
  return {
    label: s.label,
    data: indices.map((k) => ({ x: (points[k] as Point)[0], y: (points[k] as Point)[1] })),
    showLine: true,
    borderColor: s.colour,
    backgroundColor: s.colour,
    borderDash: s.dash,
    borderWidth: 2.5,
    // The race draws each runner's head as a dot: its legend shows the same.
    pointStyle: withPath ? s.marker.style : "circle",
    pointRotation: withPath ? s.marker.rotation : 0,
    pointRadius: indices.map((k) => (k > 0 && k % every === 0 ? 4 : 0)),
    pointBorderColor: s.colour,
    pointBorderWidth: 1,
  };
}

function landmarkDatasets(surface: Surface, start: Point | undefined): ChartDataset<"scatter">[] {
  const landmarks: ChartDataset<"scatter">[] = [];
  if (start) {
    landmarks.push({
      label: "start",
      data: [{ x: start[0], y: start[1] }],
      pointStyle: "circle",
      pointRadius: 7,
      backgroundColor: "#FFFFFF",
      borderColor: CARD.ink,
      borderWidth: 2.5,
    });
  }
  if (surface.minima.length > 0) {
    landmarks.push({
      label: surface.minima.length > 1 ? "minima" : "minimum",
      data: surface.minima.map(([x, y]) => ({ x, y })),
      pointStyle: "crossRot",
      pointRadius: 9,
      borderColor: CARD.ink,
      backgroundColor: CARD.ink,
      borderWidth: 3,
    });
  }
  return landmarks;
}

/**
 * Draws the contour map with legend, axes, start and minima (with the paths when `withPaths`) and
 * hands the canvas and plot area to `use`, whose result it returns (the canvas is reused after).
 */
export function drawMapCanvas<R>(
  surface: Surface,
  series: Series[],
  options: {
    title: string;
    footer: string;
    withPaths: boolean;
    width?: number;
    height?: number;
    /** False leaves the start off (a background whose paths, drawn later, may start anywhere). */
    showStart?: boolean;
  },
  use: (canvas: Canvas, area: PlotArea) => R,
): R {
  const { width = MAP_SIZE.width, height = MAP_SIZE.height, showStart = true } = options;
  const start = showStart ? (series[0]?.trajectory.points[0] ?? surface.start) : undefined;
  const axis = (bounds: [number, number], text: string) => ({
    type: "linear" as const,
    min: bounds[0],
    max: bounds[1],
    title: { display: true, text },
    grid: { display: false },
    ticks: { callback: (value: number | string) => formatNumber(Number(value)) },
  });
  const config: ChartConfiguration<"scatter"> = {
    type: "scatter",
    data: {
      datasets: [
        ...series.map((s) => pathDataset(s, options.withPaths)),
        ...landmarkDatasets(surface, start),
      ],
    },
    options: {
      parsing: false,
      layout: { padding: 12 },
      scales: { x: axis(surface.bounds.x, "x"), y: axis(surface.bounds.y, "y") },
      plugins: {
        title: { display: true, text: options.title, font: { size: 17, weight: "bold" } },
        legend: { labels: { usePointStyle: true, boxHeight: 9 } },
        subtitle: {
          display: true,
          text: options.footer,
          position: "bottom",
          color: CARD.muted,
          font: { size: 11 },
        },
      },
    },
    plugins: [fieldPlugin(surface)],
  };
  return drawChart(width, height, config, (canvas, chart: Chart<"scatter">) => {
    const { left, top, right, bottom } = chart.chartArea;
    const { x, y } = surface.bounds;
    return use(canvas, {
      left,
      top,
      right,
      bottom,
      toPixel: ([px, py]) => [
        left + ((px - x[0]) / (x[1] - x[0])) * (right - left),
        bottom - ((py - y[0]) / (y[1] - y[0])) * (bottom - top),
      ],
    });
  });
}

/** Trajectory map as PNG bytes. */
export function drawTrajectoryMap(surface: Surface, series: Series[], title: string, footer: string): Buffer {
  return drawMapCanvas(surface, series, { title, footer, withPaths: true }, (canvas) =>
    canvas.toBuffer("image/png"),
  );
}
