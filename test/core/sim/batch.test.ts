import { describe, expect, it } from "vitest";
import { runBatchComparison } from "../../../src/core/sim/index.ts";

function increases(values: number[]): number {
  let count = 0;
  for (let k = 1; k < values.length; k++) if ((values[k] as number) > (values[k - 1] as number)) count++;
  return count;
}

describe("runBatchComparison", () => {
  const result = runBatchComparison({ seed: 3, epochs: 4, samples: 200, miniBatchSize: 16 });
  const byMode = Object.fromEntries(result.modes.map((run) => [run.mode, run]));

  it("GIVEN the same seed twice THEN every number is the same; another seed gives other numbers", () => {
    expect(runBatchComparison({ seed: 3, epochs: 4, samples: 200, miniBatchSize: 16 })).toEqual(result);
    const other = runBatchComparison({ seed: 4, epochs: 4, samples: 200, miniBatchSize: 16 });
    expect(other.modes[0]?.lossPerEpoch).not.toEqual(result.modes[0]?.lossPerEpoch);
  });

  it("GIVEN 200 samples, 4 epochs, batches of 16 THEN each mode records one loss per update plus the start", () => {
    expect(byMode.batch?.batchSize).toBe(200);
    expect(byMode.sgd?.batchSize).toBe(1);
    expect(byMode.minibatch?.batchSize).toBe(16);
    expect(byMode.batch?.lossPerUpdate).toHaveLength(4 + 1);
    expect(byMode.sgd?.lossPerUpdate).toHaveLength(4 * 200 + 1);
    // 200 / 16 = 12.5: twelve full batches and one of 8 per epoch.
    expect(byMode.minibatch?.lossPerUpdate).toHaveLength(4 * 13 + 1);
    for (const run of result.modes) expect(run.lossPerEpoch).toHaveLength(4 + 1);
  });

  it("GIVEN the zero start THEN every mode begins at log 2 and ends lower", () => {
    for (const run of result.modes) {
      expect(run.lossPerUpdate[0]).toBeCloseTo(Math.LN2, 12);
      expect(run.lossPerEpoch.at(-1)).toBeLessThan(Math.LN2 - 0.1);
    }
  });

  it("GIVEN full-batch updates THEN the loss never rises, while single-example updates often raise it", () => {
    expect(increases(byMode.batch?.lossPerUpdate ?? [])).toBe(0);
    const sgd = byMode.sgd?.lossPerUpdate ?? [];
    expect(increases(sgd)).toBeGreaterThan(0.2 * (sgd.length - 1));
  });
});
