import type { Trajectory } from "../sim/types.ts";

/** Shortest readable number: 0.001, 2, 1e-8, 0.35. */
export function formatNumber(value: number): string {
  if (value === 0) return "0";
  if (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5) return value.toExponential(0).replace("e+", "e");
  return String(Number(value.toPrecision(3)));
}

/**
 * The footer line that says what reproduces an image: function, start, steps and learning rates —
 * "same η … for all" when they agree. An anonymous image never lists rates per path: the default-η
 * table would map them straight to the optimizers.
 */
export function reproductionFooter(
  functionId: string,
  trajectories: Trajectory[],
  steps: number,
  anonymous: boolean,
): string {
  const start = trajectories[0]?.points[0] ?? [0, 0];
  const lrs = trajectories.map((t) => t.hyperparameters.lr);
  const equal = lrs.every((lr) => lr === lrs[0]);
  const rates = equal
    ? `same η ${formatNumber(lrs[0] ?? 0)} for all`
    : anonymous
      ? "each path at its own η"
      : `η: ${trajectories.map((t) => `${t.optimizer} ${formatNumber(t.hyperparameters.lr)}`).join(", ")}`;
  const momentum = trajectories.find((t) => t.hyperparameters.momentum !== undefined)?.hyperparameters
    .momentum;
  // γ only when not the usual 0.9, and never per path on an anonymous image.
  const gamma =
    momentum !== undefined && momentum !== 0.9 && !anonymous ? ` · γ ${formatNumber(momentum)}` : "";
  return `${functionId} · start (${formatNumber(start[0])}, ${formatNumber(start[1])}) · ${steps} steps · ${rates}${gamma}`;
}
