import { mkdtemp, readdir, writeFile } from "node:fs/promises";
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
    expect((await readdir(dir)).sort()).toEqual(["k2.gif", "k2.json", "lru"]);
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

describe("ImageCache bounds", () => {
  const roomy = { bavail: 1_000_000, blocks: 2_000_000, bsize: 4096 };
  const image = (bytes: number, seed = 1): ReplyImage => ({
    ...fakeImage(seed),
    bytes: Buffer.alloc(bytes, seed),
  });
  const filesIn = async (dir: string) =>
    (await readdir(dir, { recursive: true })).filter((name) => name.includes("."));

  it("GIVEN evictable images past the cap THEN the least recently used go, files and all", async () => {
    const dir = await tempDir();
    const cache = new ImageCache(dir, silentLogger(), { maxBytes: 3_000 });
    await cache.get("a", "gif", () => image(1_000, 1), { evictable: true });
    await cache.get("b", "gif", () => image(1_000, 2), { evictable: true });
    // "a" is served again, so "b" is now the least recently used.
    await cache.get("a", "gif", () => image(1_000, 9), { evictable: true });
    await cache.get("c", "gif", () => image(1_000, 3), { evictable: true });
    expect(cache.stats.evicted).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the unlink runs in the background
    const names = await filesIn(dir);
    expect(names.some((name) => name.includes("b."))).toBe(false);
    expect(names.filter((name) => name.startsWith("lru/a.") || name.startsWith("lru/c."))).toHaveLength(4);
  });

  it("GIVEN a restart over a folder above the cap THEN the oldest evictable images go; pinned ones stay", async () => {
    const dir = await tempDir();
    const first = new ImageCache(dir, silentLogger(), { maxBytes: 100_000 });
    await first.get("lesson", "png", () => image(5_000, 1));
    for (const key of ["old", "mid", "new"]) {
      await first.get(key, "gif", () => image(2_000, 2), { evictable: true });
      await new Promise((resolve) => setTimeout(resolve, 20)); // distinct modification times
    }
    const second = new ImageCache(dir, silentLogger(), { maxBytes: 4_500 });
    let rendered = 0;
    await second.get(
      "new",
      "gif",
      () => {
        rendered++;
        return image(2_000, 2);
      },
      { evictable: true },
    );
    expect(rendered).toBe(0);
    expect(second.stats.evicted).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const names = await filesIn(dir);
    expect(names.some((name) => name.includes("old."))).toBe(false);
    expect(names).toContain("lesson.png");
  });

  it("GIVEN a disk that fills up mid-write THEN the image is still served and no temporary file remains", async () => {
    const dir = await tempDir();
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    const cache = new ImageCache(dir, silentLogger(), {
      fs: {
        statfs: async () => roomy,
        // Writes part of the file, then the disk is full (as a real write would leave it).
        writeFile: async (path, data) => {
          await writeFile(path, Buffer.from(data).subarray(0, 1));
          throw full;
        },
      },
    });
    const served = await cache.get("k", "gif", () => image(1_000, 4), { evictable: true });
    expect(served.bytes).toEqual(image(1_000, 4).bytes);
    expect(cache.stats.notWritten).toBe(1);
    expect(await filesIn(dir)).toEqual([]);
  });

  it("GIVEN the data disk below its free-space reserve THEN nothing is written and the image is served", async () => {
    const dir = await tempDir();
    const writes: string[] = [];
    // 10 GB disk with 90 MB free: under min(5% = 500 MB, 100 MB).
    const nearlyFull = { bavail: (90 * 1024 * 1024) / 4096, blocks: (10 * 1024 ** 3) / 4096, bsize: 4096 };
    const cache = new ImageCache(dir, silentLogger(), {
      fs: {
        statfs: async () => nearlyFull,
        writeFile: async (path, data) => {
          writes.push(path);
          await writeFile(path, data);
        },
      },
    });
    const served = await cache.get("k", "png", () => image(500, 5));
    expect(served.bytes).toEqual(image(500, 5).bytes);
    expect(writes).toEqual([]);
    expect(cache.stats.notWritten).toBe(1);
  });

  it("GIVEN a small disk above its reserve THEN the 5% floor applies and it writes", async () => {
    const dir = await tempDir();
    // 1 GB disk with 80 MB free: above 5% (51 MB), though under 100 MB.
    const small = { bavail: (80 * 1024 * 1024) / 4096, blocks: 1024 ** 3 / 4096, bsize: 4096 };
    const cache = new ImageCache(dir, silentLogger(), {
      fs: { statfs: async () => small, writeFile: (path, data) => writeFile(path, data) },
    });
    await cache.get("k", "png", () => image(500, 6));
    expect((await filesIn(dir)).sort()).toEqual(["k.json", "k.png"]);
  });

  it("GIVEN temporary files left by a crash THEN opening the cache removes them", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "k.png.1234.tmp"), "partial");
    const cache = new ImageCache(dir, silentLogger());
    await cache.get("other", "png", () => image(10, 7));
    expect(await filesIn(dir)).not.toContain("k.png.1234.tmp");
  });
});
