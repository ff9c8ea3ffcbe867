import type { Trajectory } from "../sim/types.ts";

/** Shortest readable number: 0.001, 2, 1e-8, 0.35. */
export function formatNumber(value: number): string {
  if (value === 0) return "0";
  if (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5) return value.toExponential(0).replace("e+", "e");
  return String(Number(value.toPrecision(3)));
}

/** The footer line that says what reproduces an image: function, start, learning rates, steps. */
export function reproductionFooter(
  functionId: string,
  trajectories: Trajectory[],
  labels: string[],
  steps: number,
): string {
  const start = trajectories[0]?.points[0] ?? [0, 0];
  const rates = trajectories.map((t, i) => `${labels[i]} ${formatNumber(t.hyperparameters.lr)}`).join(", ");
  return `${functionId} · start (${formatNumber(start[0])}, ${formatNumber(start[1])}) · ${steps} steps · lr: ${rates}`;
}
