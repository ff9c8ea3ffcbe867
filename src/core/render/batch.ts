import { createCanvas } from "@napi-rs/canvas";
import type { ChartConfiguration } from "chart.js";
import type { BatchComparison } from "../sim/batch.ts";
import { drawChart } from "./chart-setup.ts";
import { FONT_FAMILY } from "./fonts.ts";
import { formatNumber } from "./footer.ts";
import { BATCH_MODE_COLORS, CARD } from "./palette.ts";

/** Two panels side by side, each the size of a small chart. */
export const BATCH_PANEL = { width: 520, height: 420 } as const;
const FOOTER_HEIGHT = 26;
const MODE_NAMES = { batch: "Full batch", sgd: "SGD", minibatch: "Mini-batch" } as const;
const MODE_DASHES = { batch: [], sgd: [], minibatch: [8, 4] } as const;

function panel(comparison: BatchComparison, perEpoch: boolean): ChartConfiguration<"line"> {
  return {
    type: "line",
    data: {
      datasets: comparison.modes.map((run) => {
        const losses = perEpoch ? run.lossPerEpoch : run.lossPerUpdate;
        // A log update axis has no 0: per update starts at update 1.
        const data = losses.map((y, k) => ({ x: k, y })).filter((p) => perEpoch || p.x > 0);
        return {
          label: `${MODE_NAMES[run.mode]} (${run.batchSize} per update)`,
          data,
          borderColor: BATCH_MODE_COLORS[run.mode],
          backgroundColor: BATCH_MODE_COLORS[run.mode],
          borderDash: [...MODE_DASHES[run.mode]],
          borderWidth: run.mode === "sgd" && !perEpoch ? 1.2 : 2.5,
          pointRadius: perEpoch ? 3 : 0,
          pointStyle: perEpoch ? "circle" : "line",
        };
      }),
    },
    options: {
      parsing: false,
      layout: { padding: 10 },
      scales: {
        x: {
          type: perEpoch ? "linear" : "logarithmic",
          title: { display: true, text: perEpoch ? "epoch (one pass over the data)" : "update (log scale)" },
          // Log axes tick every 1-2-…-9; label the powers of ten only, unrotated.
          ticks: {
            maxRotation: 0,
            callback: (value) =>
              perEpoch || Number.isInteger(Math.log10(Number(value))) ? formatNumber(Number(value)) : "",
          },
          grid: { color: "#EEF1F4" },
        },
        y: { title: { display: true, text: "training loss (log-loss)" }, grid: { color: "#EEF1F4" } },
      },
      plugins: {
        title: {
          display: true,
          text: perEpoch ? "Loss per epoch" : "Loss per update",
          font: { size: 16, weight: "bold" },
        },
        legend: { labels: { usePointStyle: true, pointStyle: "line", pointStyleWidth: 30 } },
      },
    },
  };
}

/** Two chart panels side by side with a one-line footer under them, as PNG (the batch and schedules pictures). */
export function drawChartPair(
  panel: { width: number; height: number },
  left: ChartConfiguration<"line">,
  right: ChartConfiguration<"line">,
  footer: string,
): { bytes: Buffer; width: number; height: number } {
  const { width, height } = panel;
  const canvas = createCanvas(width * 2, height + FOOTER_HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = CARD.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  drawChart(width, height, left, (drawn) => ctx.drawImage(drawn, 0, 0));
  drawChart(width, height, right, (drawn) => ctx.drawImage(drawn, width, 0));
  ctx.fillStyle = CARD.muted;
  ctx.font = `11px ${FONT_FAMILY}`;
  ctx.textAlign = "center";
  ctx.fillText(footer, canvas.width / 2, height + FOOTER_HEIGHT / 2);
  return { bytes: canvas.toBuffer("image/png"), width: canvas.width, height: canvas.height };
}

/** Batch vs SGD vs mini-batch: loss per update and per epoch side by side, with a footer (PNG). */
export function drawBatchComparison(comparison: BatchComparison): {
  bytes: Buffer;
  width: number;
  height: number;
} {
  return drawChartPair(
    BATCH_PANEL,
    panel(comparison, false),
    panel(comparison, true),
    `logistic regression on ${comparison.samples} synthetic points · seed ${comparison.seed} · lr ${formatNumber(comparison.lr)} · ${comparison.epochs} epochs`,
  );
}
