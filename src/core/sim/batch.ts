import { seededRandom } from "../random.ts";

/** How many examples each update of a mode averages its gradient over. */
export type BatchMode = "batch" | "sgd" | "minibatch";

export interface BatchComparisonOptions {
  /** Seeds both the data and the shuffles: same seed, same numbers. */
  seed?: number;
  epochs?: number;
  /** The same learning rate for every mode, so only the batch size differs. */
  lr?: number;
  /** Examples in the synthetic data set. */
  samples?: number;
  miniBatchSize?: number;
}

/** One mode's training run. Index k of each loss array is the full-data loss after k updates / epochs. */
export interface BatchRun {
  mode: BatchMode;
  batchSize: number;
  /** Full-data log-loss before any update, then after each update (length updates + 1). */
  lossPerUpdate: number[];
  /** Full-data log-loss before training, then after each epoch (length epochs + 1). */
  lossPerEpoch: number[];
}

export interface BatchComparison {
  modes: BatchRun[];
  seed: number;
  epochs: number;
  lr: number;
  samples: number;
}

/** Defaults of the batch-vs-stochastic lesson: small enough to run in a few milliseconds. */
export const BATCH_DEFAULTS = { seed: 1, epochs: 10, lr: 0.5, samples: 256, miniBatchSize: 16 } as const;

function gaussian(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface DataSet {
  x1: Float64Array;
  x2: Float64Array;
  label: Float64Array;
}

/** Two overlapping Gaussian clouds in 2-D, labelled 0 and 1 (so the loss cannot reach zero). */
export function makeData(samples: number, random: () => number): DataSet {
  const data: DataSet = {
    x1: new Float64Array(samples),
    x2: new Float64Array(samples),
    label: new Float64Array(samples),
  };
  for (let i = 0; i < samples; i++) {
    const label = i % 2;
    const sign = label === 1 ? 1 : -1;
    data.label[i] = label;
    data.x1[i] = sign * 1 + gaussian(random);
    data.x2[i] = sign * 0.5 + gaussian(random);
  }
  return data;
}

/** Numerically stable softplus: log(1 + e^z). */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Mean log-loss of the logistic model w·x + b over the whole data set. */
function fullLoss(data: DataSet, w1: number, w2: number, b: number): number {
  let total = 0;
  const n = data.label.length;
  for (let i = 0; i < n; i++) {
    const z = w1 * (data.x1[i] as number) + w2 * (data.x2[i] as number) + b;
    total += softplus(z) - (data.label[i] as number) * z;
  }
  return total / n;
}

function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
}

/** Trains the logistic model from w = 0; `lrAt(k)` is η for update k (1 for the first). */
export function train(
  data: DataSet,
  mode: BatchMode,
  batchSize: number,
  epochs: number,
  lrAt: (update: number) => number,
  random: () => number,
): BatchRun {
  const n = data.label.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let w1 = 0;
  let w2 = 0;
  let b = 0;
  const initial = fullLoss(data, w1, w2, b);
  const lossPerUpdate = [initial];
  const lossPerEpoch = [initial];
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (batchSize < n) shuffleInPlace(order, random);
    for (let from = 0; from < n; from += batchSize) {
      const to = Math.min(from + batchSize, n);
      let g1 = 0;
      let g2 = 0;
      let gb = 0;
      for (let k = from; k < to; k++) {
        const i = order[k] as number;
        const x1 = data.x1[i] as number;
        const x2 = data.x2[i] as number;
        const error = 1 / (1 + Math.exp(-(w1 * x1 + w2 * x2 + b))) - (data.label[i] as number);
        g1 += error * x1;
        g2 += error * x2;
        gb += error;
      }
      const scale = lrAt(lossPerUpdate.length) / (to - from);
      w1 -= scale * g1;
      w2 -= scale * g2;
      b -= scale * gb;
      lossPerUpdate.push(fullLoss(data, w1, w2, b));
    }
    lossPerEpoch.push(lossPerUpdate[lossPerUpdate.length - 1] as number);
  }
  return { mode, batchSize, lossPerUpdate, lossPerEpoch };
}

/**
 * Trains one logistic regression on a seeded synthetic data set three ways — full batch, one example
 * per update (SGD) and mini-batches — from the same start with the same learning rate.
 */
export function runBatchComparison(options: BatchComparisonOptions = {}): BatchComparison {
  const seed = options.seed ?? BATCH_DEFAULTS.seed;
  const epochs = options.epochs ?? BATCH_DEFAULTS.epochs;
  const lr = options.lr ?? BATCH_DEFAULTS.lr;
  const samples = options.samples ?? BATCH_DEFAULTS.samples;
  const miniBatchSize = options.miniBatchSize ?? BATCH_DEFAULTS.miniBatchSize;
  const data = makeData(samples, seededRandom(seed));
  const sizes: Record<BatchMode, number> = { batch: samples, sgd: 1, minibatch: miniBatchSize };
  // Each mode shuffles with its own stream, so one mode's result never depends on another's.
  const modes = (["batch", "sgd", "minibatch"] as const).map((mode, index) =>
    train(data, mode, sizes[mode], epochs, () => lr, seededRandom(seed + 1 + index)),
  );
  return { modes, seed, epochs, lr, samples };
}
