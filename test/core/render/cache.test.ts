import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { cacheKey, ImageCache } from "../../../src/core/render/cache.ts";
import { createRenderer } from "../../../src/core/render/index.ts";
import type { ReplyImage } from "../../../src/core/reply.ts";

const tempDir = () => mkdtemp(join(tmpdir(), "descent-render-"));

function fakeImage(seed: number): ReplyImage {
  return {
    bytes: Buffer.from([seed, seed + 1, seed + 2]),
    fileName: "x.png",
    alt: `image ${seed}`,
    width: 3,
    height: 1,
  };
}

describe("ImageCache", () => {
  it("GIVEN ten concurrent requests for one key THEN it renders once and all get the same bytes", async () => {
    const cache = new ImageCache(await tempDir(), silentLogger());
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fakeImage(renders);
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.get("k1", "png", render)));
    expect(renders).toBe(1);
    for (const result of results) expect(result.bytes).toEqual(results[0]?.bytes);
    expect(cache.stats.joined).toBe(9);
  });

  it("GIVEN a rendered image THEN a new cache on the same folder serves it from disk without rendering", async () => {
    const dir = await tempDir();
    await new ImageCache(dir, silentLogger()).get("k2", "gif", () => fakeImage(7));
    const again = new ImageCache(dir, silentLogger());
    const image = await again.get("k2", "gif", () => {
      throw new Error("should not render");
    });
    expect(image).toEqual(fakeImage(7));
    expect(again.stats.diskHits).toBe(1);
    // Only the finished files remain: temporary files were renamed into place.
    expect((await readdir(dir)).sort()).toEqual(["k2.gif", "k2.json"]);
  });

  it("GIVEN a failing render THEN the error reaches every waiter and a later request tries again", async () => {
    const cache = new ImageCache(await tempDir(), silentLogger());
    const failing = () => Promise.reject(new Error("boom"));
    await expect(
      Promise.all([cache.get("k3", "png", failing), cache.get("k3", "png", failing)]),
    ).rejects.toThrow("boom");
    await expect(cache.get("k3", "png", () => fakeImage(1))).resolves.toEqual(fakeImage(1));
  });

  it("GIVEN different kinds or inputs THEN the keys differ; the same input gives the same key", () => {
    expect(cacheKey("formula", "x^2")).toBe(cacheKey("formula", "x^2"));
    expect(cacheKey("formula", "x^2")).not.toBe(cacheKey("formula", "x^3"));
    expect(cacheKey("formula", "x")).not.toBe(cacheKey("sheet", "x"));
  });
});

describe("createRenderer", () => {
  it("GIVEN two renderers on one cache folder THEN the second returns identical bytes without rendering", async () => {
    const dir = await tempDir();
    const first = createRenderer({ cacheDir: dir, logger: silentLogger() });
    const [a, b] = await Promise.all([
      first.formula("e^{i\\pi} + 1 = 0"),
      first.formula("e^{i\\pi} + 1 = 0"),
    ]);
    expect(first.stats().rendered).toBe(1);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    const second = createRenderer({ cacheDir: dir, logger: silentLogger() });
    const c = await second.formula("e^{i\\pi} + 1 = 0");
    expect(c.bytes.equals(a.bytes)).toBe(true);
    expect(second.stats()).toMatchObject({ rendered: 0, diskHits: 1 });
  });

  it("GIVEN a warm list with a bad item THEN the good ones are cached and the bad one is counted, not thrown", async () => {
    const renderer = createRenderer({ cacheDir: await tempDir(), logger: silentLogger() });
    const report = await renderer.warm([
      { kind: "formula", latex: "x^2" },
      { kind: "formula", latex: "\\frca{1}{2}" },
      { kind: "sheet", formulas: [{ label: "GD", latex: "\\theta - \\eta g" }] },
    ]);
    expect(report).toEqual({ done: 2, failed: 1 });
    await renderer.formula("x^2");
    expect(renderer.stats().memoryHits).toBe(1);
  });

  it("GIVEN a bad visual spec THEN visual() rejects with the reason", async () => {
    const renderer = createRenderer({ cacheDir: await tempDir(), logger: silentLogger() });
    await expect(
      renderer.visual({ kind: "chart", function: "beale", optimizers: ["nope" as "gd"] }),
    ).rejects.toThrow(/unknown optimizer "nope"/);
  });
});
