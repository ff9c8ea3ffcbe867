import type { ChartConfiguration } from "chart.js";
import type { ScheduleComparison, ScheduleRun } from "../sim/schedule-comparison.ts";
import { drawChartPair } from "./batch.ts";
import { formatNumber } from "./footer.ts";
import { SCHEDULE_COLORS } from "./palette.ts";

/** Two panels side by side, as the batch chart: η per update, and the loss above its floor. */
export const SCHEDULE_PANEL = { width: 520, height: 420 } as const;
const MAX_POINTS = 640;
const NAMES = {
  constant: "Constant η",
  step: "Step decay (×0.1 each third)",
  cosine: "Warm-up + cosine",
} as const;
const DASHES = { constant: [], step: [8, 4], cosine: [2, 3] } as const;

function every<T>(values: T[]): Array<[number, T]> {
  const stride = Math.max(1, Math.ceil(values.length / MAX_POINTS));
  return values.flatMap((v, k) =>
    k % stride === 0 || k === values.length - 1 ? [[k, v] as [number, T]] : [],
  );
}

function dataset(run: ScheduleRun, values: number[], offset: number) {
  return {
    label: NAMES[run.name],
    data: every(values).map(([k, y]) => ({ x: k + offset, y })),
    borderColor: SCHEDULE_COLORS[run.name],
    backgroundColor: SCHEDULE_COLORS[run.name],
    borderDash: [...DASHES[run.name]],
    borderWidth: run.name === "constant" ? 1.2 : 2.5,
    pointRadius: 0,
    pointStyle: "line" as const,
  };
}

function panel(comparison: ScheduleComparison, showRates: boolean): ChartConfiguration<"line"> {
  return {
    type: "line",
    data: {
      datasets: comparison.runs.map((run) =>
        showRates
          ? dataset(run, run.rates, 1)
          : dataset(
              run,
              run.lossPerUpdate.map((l) => Math.max(l - comparison.bestLoss, 1e-9)),
              0,
            ),
      ),
    },
    options: {
      parsing: false,
      layout: { padding: 10 },
      scales: {
        x: {
          type: "linear",
          max: comparison.runs[0]?.rates.length,
          title: { display: true, text: "update" },
          grid: { color: "#EEF1F4" },
        },
        y: {
          type: showRates ? "linear" : "logarithmic",
          title: {
            display: true,
            text: showRates ? "learning rate η" : "loss above the best possible (log scale)",
          },
          ticks: {
            callback: (value) =>
              showRates || Number.isInteger(Math.log10(Number(value))) ? formatNumber(Number(value)) : "",
          },
          grid: { color: "#EEF1F4" },
        },
      },
      plugins: {
        title: {
          display: true,
          text: showRates ? "The schedules" : "Noisy SGD: how close each gets",
          font: { size: 16, weight: "bold" },
        },
        legend: { labels: { usePointStyle: true, pointStyle: "line", pointStyleWidth: 30 } },
      },
    },
  };
}

/** The schedules lesson's picture (PNG): η per update beside the loss above its floor. */
export function drawScheduleComparison(comparison: ScheduleComparison): {
  bytes: Buffer;
  width: number;
  height: number;
} {
  return drawChartPair(
    SCHEDULE_PANEL,
    panel(comparison, true),
    panel(comparison, false),
    `logistic regression on ${comparison.samples} synthetic points · mini-batches of ${comparison.batchSize} · seed ${comparison.seed} · η₀ ${formatNumber(comparison.lr)} for all three · ${comparison.epochs} epochs`,
  );
}
