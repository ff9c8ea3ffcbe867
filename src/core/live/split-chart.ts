import type { ChartConfiguration } from "chart.js";
import { drawChart } from "../render/chart-setup.ts";
import { CARD } from "../render/palette.ts";
import type { ReplyImage } from "../reply.ts";

/** Size of the class's answer split: small, a bar per choice. */
export const SPLIT_SIZE = { width: 720, height: 360 } as const;
/** Colour-blind-safe pair (Okabe–Ito): the correct choice green-blue, the others grey. */
const RIGHT = "#009E73";
const WRONG = "#999999";

/** One bar of the split. */
export interface SplitBar {
  /** "A. Adam" */
  label: string;
  count: number;
  correct: boolean;
}

/** "12 (40%)" — a share of all answers, 0% when nobody answered. */
export function share(count: number, total: number): string {
  return `${count} (${total === 0 ? 0 : Math.round((100 * count) / total)}%)`;
}

/**
 * How the class answered one question: a horizontal bar per choice, the correct one green and
 * marked ✓, each labelled with its count and percentage; the alt text lists the same numbers.
 */
export function drawSplit(bars: readonly SplitBar[], title: string): ReplyImage {
  const total = bars.reduce((sum, bar) => sum + bar.count, 0);
  const config: ChartConfiguration<"bar"> = {
    type: "bar",
    data: {
      labels: bars.map((bar) => `${bar.correct ? "✓ " : ""}${bar.label}  ${share(bar.count, total)}`),
      datasets: [
        {
          data: bars.map((bar) => bar.count),
          backgroundColor: bars.map((bar) => (bar.correct ? RIGHT : WRONG)),
          borderWidth: 0,
        },
      ],
    },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false }, title: { display: true, text: title, color: CARD.ink } },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "students" } },
        y: { ticks: { color: CARD.ink } },
      },
    },
  };
  const canvas = drawChart(SPLIT_SIZE.width, SPLIT_SIZE.height, config);
  const listed = bars
    .map((bar) => `${bar.label}${bar.correct ? " (correct)" : ""}: ${share(bar.count, total)}`)
    .join("; ");
  return {
    bytes: canvas.toBuffer("image/png"),
    fileName: "class-split.png",
    alt: `How the class answered, ${total} ${total === 1 ? "answer" : "answers"}: ${listed}.`,
    width: SPLIT_SIZE.width,
    height: SPLIT_SIZE.height,
  };
}
