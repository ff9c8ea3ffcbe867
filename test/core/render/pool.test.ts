import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { RenderError } from "../../../src/core/render/errors.ts";
import { createRenderer } from "../../../src/core/render/index.ts";
import { runJob } from "../../../src/core/render/jobs.ts";
import { RenderPool } from "../../../src/core/render/pool.ts";
import { resolveSpec } from "../../../src/core/render/spec.ts";
import type { VisualSpec } from "../../../src/core/render/types.ts";

const tempDir = () => mkdtemp(join(tmpdir(), "descent-pool-"));
const RACE: VisualSpec = { kind: "race", function: "beale", optimizers: ["momentum", "nesterov", "adam"] };

describe("rendering on a worker pool", () => {
  const closers: Array<() => Promise<void>> = [];
  // One pool for the tests below that talk to RenderPool directly: each leaves it working.
  const pool = new RenderPool({ size: 1, logger: silentLogger() });
  closers.push(() => pool.close());
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it("GIVEN one worker THEN this thread keeps running other work while a race renders there", async () => {
    const pooled = createRenderer({ cacheDir: await tempDir(), logger: silentLogger(), workers: 1 });
    closers.push(pooled.close);
    await pooled.formula("x"); // the worker's start-up is not what this test is about
    let settled = false;
    const rendering = pooled.visual(RACE).finally(() => {
      settled = true;
    });
    // Turns of this thread's event loop while the race is drawn: a render on this thread would
    // finish (or block) before any of them ran. No clock involved, so a busy machine cannot fail it.
    let turns = 0;
    while (!settled && turns < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      turns += 1;
    }
    expect(settled, "the race finished before this thread got three turns").toBe(false);
    await rendering;
    expect(pooled.stats().rendered).toBe(2);
  });

  it("GIVEN bad LaTeX on a worker THEN the caller gets a RenderError with its code and the offending command", async () => {
    const renderer = createRenderer({ cacheDir: await tempDir(), logger: silentLogger(), workers: 1 });
    closers.push(renderer.close);
    const failure = await renderer.formula(String.raw`\frca{1}{2}`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RenderError);
    expect(failure).toMatchObject({ code: "bad-latex", isUserError: true });
    expect((failure as RenderError).message).toBe(String.raw`Bad LaTeX: Undefined control sequence \frca`);
  });

  it("GIVEN a chart drawn on a worker THEN its bytes equal the same chart drawn on this thread (fonts load there too)", async () => {
    const job = {
      kind: "visual",
      spec: resolveSpec({ kind: "chart", function: "rosenbrock", optimizers: ["gd", "adam"], steps: 80 }),
    } as const;
    const [onWorker, here] = [await pool.run(job), runJob(job)];
    expect(Buffer.isBuffer(onWorker.bytes)).toBe(true);
    expect(onWorker.bytes.equals(here.bytes)).toBe(true);
    expect({ ...onWorker, bytes: undefined }).toEqual({ ...here, bytes: undefined });
  });

  it("GIVEN the worker dies mid-render THEN the caller gets a RenderError and the next render works on a new worker", async () => {
    await pool.run({ kind: "formula", latex: "x" });
    const [first] = pool.threads;
    if (!first) throw new Error("the pool started no worker");
    const race = pool.run({ kind: "visual", spec: resolveSpec(RACE) });
    await first.terminate();
    const failure = await race.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RenderError);
    expect(failure).toMatchObject({ code: "internal" });
    const image = await pool.run({ kind: "formula", latex: "y^2" });
    expect(image.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(pool.threads).toHaveLength(1);
    expect(pool.threads[0]).not.toBe(first);
  });

  it("GIVEN a render that outlives the timeout THEN the caller gets a RenderError saying so, and the pool keeps working", async () => {
    await pool.run({ kind: "formula", latex: "x" });
    const failure = await pool
      // 1 ms: far less than any race takes (the longest, drawn here, takes hundreds).
      .run({ kind: "visual", spec: resolveSpec({ ...RACE, steps: 1000 }) }, { timeoutMs: 1 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RenderError);
    expect((failure as RenderError).message).toMatch(/took longer than 0.001 s/);
    const image = await pool.run({ kind: "formula", latex: "y^2" });
    expect(image.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("GIVEN a new pool THEN no worker runs until the first render, and an idle worker exits until the next one", async () => {
    const idleTimeoutMs = 300;
    const lazy = new RenderPool({ size: 1, logger: silentLogger(), idleTimeoutMs });
    closers.push(() => lazy.close());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lazy.threads).toHaveLength(0);

    await lazy.run({ kind: "formula", latex: "x" });
    expect(lazy.threads).toHaveLength(1);
    const deadline = performance.now() + idleTimeoutMs + 5_000;
    while (lazy.threads.length > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lazy.threads).toHaveLength(0);

    const image = await lazy.run({ kind: "formula", latex: "y^2" });
    expect(image.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("GIVEN 20 different races on one worker THEN the process does not keep each race's pixels", async () => {
    // Each race reads about 5 MB of pixels back from the canvas into native memory, which Node frees
    // on the worker's event loop; a worker that never returned to its loop kept all of it (~100 MB here).
    const racer = new RenderPool({ size: 1, logger: silentLogger() });
    closers.push(() => racer.close());
    const race = (i: number) =>
      racer.run({
        kind: "visual",
        spec: resolveSpec({
          kind: "race",
          function: "rosenbrock",
          optimizers: ["gd", "adam"],
          lr: 0.0005 * (i + 1),
        }),
      });
    const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
    await race(0);
    const afterFirst = rssMiB();
    for (let i = 1; i < 20; i++) await race(i);
    expect(rssMiB() - afterFirst).toBeLessThan(50);
  });
});
