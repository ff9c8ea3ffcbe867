import type { ChartConfiguration } from "chart.js";
import { drawChart } from "./chart-setup.ts";
import { formatNumber } from "./footer.ts";
import { CARD } from "./palette.ts";
import { type Series, thinIndices } from "./series.ts";

/** Convergence chart size: wide enough for a legend of five optimizers, small as a PNG. */
export const CHART_SIZE = { width: 800, height: 450 } as const;
/** Points per line: more adds bytes, not detail, at 800 px. */
const MAX_POINTS_PER_LINE = 400;
/** Use a log loss axis when positive losses span at least this many decades. */
const LOG_AXIS_DECADES = 2;

function useLogAxis(series: Series[]): boolean {
  const losses = series.flatMap((s) => s.trajectory.loss);
  if (losses.length === 0 || losses.some((v) => !(v > 0))) return false;
  return Math.log10(Math.max(...losses) / Math.min(...losses)) >= LOG_AXIS_DECADES;
}

/** Loss against step for every series, with legend, axis titles and a reproduction footer (PNG). */
export function drawConvergenceChart(series: Series[], title: string, footer: string): Buffer {
  const logAxis = useLogAxis(series);
  const config: ChartConfiguration<"line"> = {
    type: "line",
    data: {
      datasets: series.map((s) => ({
        label: s.label,
        data: thinIndices(s.trajectory.loss.length, MAX_POINTS_PER_LINE).map((k) => ({
          x: k,
          y: s.trajectory.loss[k] as number,
        })),
        borderColor: s.colour,
        backgroundColor: s.colour,
        borderDash: s.dash,
        borderWidth: 2.5,
        pointRadius: 0,
        // "line" makes the legend sample a short stroke with the dataset's dash.
        pointStyle: "line",
      })),
    },
    options: {
      parsing: false,
      layout: { padding: 12 },
      scales: {
        x: { type: "linear", title: { display: true, text: "step" }, grid: { color: "#EEF1F4" } },
        y: {
          type: logAxis ? "logarithmic" : "linear",
          title: { display: true, text: logAxis ? "loss f(θ), log scale" : "loss f(θ)" },
          grid: { color: "#EEF1F4" },
          ticks: { callback: (value) => formatNumber(Number(value)) },
        },
      },
      plugins: {
        title: { display: true, text: title, font: { size: 17, weight: "bold" } },
        legend: { labels: { usePointStyle: true, pointStyleWidth: 34 } },
        subtitle: { display: true, text: footer, position: "bottom", color: CARD.muted, font: { size: 11 } },
      },
    },
  };
  return drawChart(CHART_SIZE.width, CHART_SIZE.height, config, (canvas) => canvas.toBuffer("image/png"));
}
