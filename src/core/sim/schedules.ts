/** A learning-rate schedule: optional linear warm-up, then η held, stepped down or cosine-annealed. */
export type LearningRateSchedule =
  | { decay: "constant"; warmup?: number }
  /** η₀ · factor^⌊t / every⌋ after warm-up (PyTorch's StepLR). */
  | { decay: "step"; every: number; factor: number; warmup?: number }
  /** η₀ · ½(1 + cos(π t / T)) after warm-up, reaching 0 at update `total` (CosineAnnealingLR, η_min = 0). */
  | { decay: "cosine"; total: number; warmup?: number };

/**
 * η for update `step` (1 for the first) with base rate `base`. During `warmup` updates η rises
 * linearly, base·step/warmup (so the first update is not a full-size jump from an untrained start);
 * the decay's clock t starts at 0 on the first update after warm-up.
 */
export function learningRateAt(base: number, schedule: LearningRateSchedule, step: number): number {
  const warmup = schedule.warmup ?? 0;
  if (step <= warmup) return (base * step) / warmup;
  const t = step - 1 - warmup;
  switch (schedule.decay) {
    case "constant":
      return base;
    case "step":
      return base * schedule.factor ** Math.floor(t / schedule.every);
    case "cosine": {
      const span = Math.max(1, schedule.total - warmup);
      return 0.5 * base * (1 + Math.cos((Math.PI * Math.min(t, span)) / span));
    }
  }
}
