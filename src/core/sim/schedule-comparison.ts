import { seededRandom } from "../random.ts";
import { BATCH_DEFAULTS, makeData, train } from "./batch.ts";
import { type LearningRateSchedule, learningRateAt } from "./schedules.ts";

/** One schedule's SGD run on the batch lesson's data set. */
export interface ScheduleRun {
  name: "constant" | "step" | "cosine";
  schedule: LearningRateSchedule;
  /** η used by each update (index 0 is update 1). */
  rates: number[];
  /** Full-data log-loss before any update, then after each update. */
  lossPerUpdate: number[];
}

export interface ScheduleComparison {
  runs: ScheduleRun[];
  seed: number;
  epochs: number;
  lr: number;
  samples: number;
  batchSize: number;
  /** The lowest full-data loss (full-batch GD run to convergence): the floor the runs approach. */
  bestLoss: number;
}

/** The schedules lesson's picture: small mini-batches keep the gradient noisy; η₀ is the batch lesson's. */
export const SCHEDULE_DEFAULTS = { seed: 1, epochs: 20, lr: 0.5, batchSize: 4, warmup: 20 } as const;

/**
 * Mini-batch SGD on one seeded noisy objective (the batch lesson's logistic regression) three ways,
 * with the same data, shuffles and η₀: constant η, step decay (×0.1 after each third, as PyTorch's
 * StepLR) and cosine decay to 0 after a short linear warm-up.
 */
export function runScheduleComparison(
  options: { seed?: number; epochs?: number; lr?: number } = {},
): ScheduleComparison {
  const seed = options.seed ?? SCHEDULE_DEFAULTS.seed;
  const epochs = options.epochs ?? SCHEDULE_DEFAULTS.epochs;
  const lr = options.lr ?? SCHEDULE_DEFAULTS.lr;
  const { batchSize, warmup } = SCHEDULE_DEFAULTS;
  const samples = BATCH_DEFAULTS.samples;
  const updates = epochs * Math.ceil(samples / batchSize);
  const data = makeData(samples, seededRandom(seed));
  const schedules: Array<[ScheduleRun["name"], LearningRateSchedule]> = [
    ["constant", { decay: "constant" }],
    ["step", { decay: "step", every: Math.round(updates / 3), factor: 0.1 }],
    ["cosine", { decay: "cosine", total: updates, warmup }],
  ];
  const runs = schedules.map(([name, schedule]) => {
    const rates: number[] = [];
    const lrAt = (update: number) => {
      const rate = learningRateAt(lr, schedule, update);
      rates.push(rate);
      return rate;
    };
    // The same shuffle stream for every schedule, so only η differs between the runs.
    const run = train(data, "minibatch", batchSize, epochs, lrAt, seededRandom(seed + 1));
    return { name, schedule, rates, lossPerUpdate: run.lossPerUpdate };
  });
  // Convex, smooth and small: full-batch GD at η = 1 for 1,000 epochs reaches the floor to ~1e-12.
  const floor = train(data, "batch", samples, 1000, () => 1, seededRandom(seed)).lossPerEpoch;
  return { runs, seed, epochs, lr, samples, batchSize, bestLoss: Math.min(...floor) };
}
