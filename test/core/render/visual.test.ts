import { describe, expect, it } from "vitest";
import { RenderError } from "../../../src/core/render/errors.ts";
import { OPTIMIZER_COLORS, SCHEDULE_COLORS } from "../../../src/core/render/palette.ts";
import { resolveSpec } from "../../../src/core/render/spec.ts";
import type { VisualSpec } from "../../../src/core/render/types.ts";
import { drawVisual } from "../../../src/core/render/visual.ts";
import { countColour, countInk, decodeGifFrames, decodePng } from "./decode.ts";

const draw = (spec: VisualSpec) => drawVisual(resolveSpec(spec));
const UPLOAD_TARGET_BYTES = 2 * 1024 * 1024;

describe("drawVisual", () => {
  it("GIVEN a chart spec THEN an 800×450 PNG has each optimizer's line in its colour", async () => {
    const image = draw({
      kind: "chart",
      function: "rosenbrock",
      optimizers: ["momentum", "adam"],
      steps: 150,
    });
    const pixels = await decodePng(image.bytes);
    expect([pixels.width, pixels.height]).toEqual([800, 450]);
    expect([image.width, image.height]).toEqual([800, 450]);
    expect(countColour(pixels, OPTIMIZER_COLORS.momentum)).toBeGreaterThan(300);
    expect(countColour(pixels, OPTIMIZER_COLORS.adam)).toBeGreaterThan(300);
    expect(image.alt).toMatch(/^Line chart of loss against step on .*Adam/);
    expect(image.alt).toContain("150 steps");
  });

  it("GIVEN a map spec THEN the PNG is mostly heat map, with both paths drawn", async () => {
    const image = draw({ kind: "map", function: "beale", optimizers: ["nesterov", "adam"] });
    const pixels = await decodePng(image.bytes);
    expect([pixels.width, pixels.height]).toEqual([image.width, image.height]);
    // The coloured field fills well over a third of the image.
    expect(countInk(pixels)).toBeGreaterThan((pixels.width * pixels.height) / 3);
    expect(countColour(pixels, OPTIMIZER_COLORS.nesterov)).toBeGreaterThan(100);
    expect(countColour(pixels, OPTIMIZER_COLORS.adam)).toBeGreaterThan(100);
    expect(image.alt).toContain("minimum at (3, 0.5)");
  });

  it("GIVEN one η per optimizer and a γ THEN each path runs at its own and the legend says which", () => {
    const image = draw({
      kind: "map",
      function: "quadratic",
      optimizers: ["gd", "momentum"],
      lr: { gd: 0.45, momentum: 0.6 },
      momentum: 0.45,
      steps: 40,
    });
    expect(image.alt).toContain("Gradient descent (η 0.45)");
    expect(image.alt).toContain("SGD with momentum (η 0.6, γ 0.45)");
    // An optimizer left out of the record keeps its default for the function (adam: 0.1 on the bowl).
    const partial = draw({
      kind: "chart",
      function: "quadratic",
      optimizers: ["gd", "adam"],
      lr: { gd: 0.2 },
    });
    expect(partial.alt).toMatch(/Gradient descent \(η 0\.2\).*Adam \(η 0\.1\)/);
  });

  it("GIVEN the schedule kind THEN two panels compare constant η, step decay and warm-up + cosine", async () => {
    const image = draw({ kind: "schedule", function: "quadratic", optimizers: [] });
    const pixels = await decodePng(image.bytes);
    expect([pixels.width, pixels.height]).toEqual([image.width, image.height]);
    for (const colour of Object.values(SCHEDULE_COLORS))
      expect(countColour(pixels, colour)).toBeGreaterThan(200);
    expect(image.alt).toMatch(/constant learning rate, step decay and warm-up plus cosine decay/);
  });

  it("GIVEN an anonymous map THEN neither the alt text nor the footer names the optimizers", () => {
    const image = draw({ kind: "map", function: "quadratic", optimizers: ["gd", "adam"], anonymous: true });
    expect(image.alt).toContain("A and B");
    expect(image.alt).not.toMatch(/Adam|Gradient descent/);
  });

  it("GIVEN a race THEN a looping GIF of at most 60 frames shows the paths growing, under 2 MB", () => {
    const image = draw({ kind: "race", function: "beale", optimizers: ["momentum", "adam"], steps: 120 });
    expect(image.bytes.subarray(0, 6).toString("latin1")).toBe("GIF89a");
    expect(image.bytes.length).toBeLessThan(UPLOAD_TARGET_BYTES);
    const gif = decodeGifFrames(image.bytes);
    expect([gif.width, gif.height]).toEqual([image.width, image.height]);
    expect(gif.frames.length).toBeGreaterThan(10);
    expect(gif.frames.length).toBeLessThanOrEqual(60);
    const first = gif.frames[0];
    const last = gif.frames.at(-1);
    if (!first || !last) throw new Error("no frames");
    // The paths grow: far more Adam-coloured pixels at the end than at the start.
    expect(countColour(last, OPTIMIZER_COLORS.adam)).toBeGreaterThan(
      countColour(first, OPTIMIZER_COLORS.adam) + 200,
    );
    // The last frame lingers so the result can be read.
    expect(gif.delays.at(-1)).toBeGreaterThan(gif.delays[1] ?? 0);
    expect(image.alt).toMatch(/^Animation of the paths of/);
  });

  it("GIVEN the batch spec THEN both panels are drawn with the three modes", async () => {
    const image = draw({ kind: "batch", function: "quadratic", optimizers: [] });
    const pixels = await decodePng(image.bytes);
    expect(pixels.width).toBeGreaterThan(pixels.height * 2 - 200);
    expect(countInk(pixels)).toBeGreaterThan(5000);
    expect(image.alt).toMatch(/per update and per epoch/);
  });
});

describe("resolveSpec", () => {
  const base: VisualSpec = { kind: "map", function: "beale", optimizers: ["adam"] };

  it("GIVEN no steps THEN the default is used, so equal requests share a cache key", () => {
    expect(resolveSpec(base).steps).toBe(200);
    expect(resolveSpec({ ...base, steps: 200 })).toEqual(resolveSpec(base));
  });

  it.each([
    [{ ...base, function: "banana" }, /unknown function "banana"; choose one of quadratic/],
    [{ ...base, optimizers: ["adamx"] }, /unknown optimizer "adamx"/],
    [{ ...base, optimizers: [] }, /at least one optimizer/],
    [{ ...base, optimizers: ["adam", "adam"] }, /only once/],
    [{ ...base, steps: 10_000 }, /steps must be at most 5000/],
    [{ ...base, steps: 2.5 }, /whole number/],
    [{ ...base, lr: -1 }, /lr must be at least/],
    [{ ...base, lr: 100 }, /lr must be at most 10/],
    [{ ...base, lr: { adam: 100 } }, /lr must be at most 10/],
    [{ ...base, lr: { gd: 0.1 } }, /rate for gd, which is not in optimizers/],
    [{ ...base, momentum: 1 }, /momentum must be below 1/],
    [{ ...base, note: "x".repeat(49) }, /note must be at most 48/],
  ])("GIVEN %o THEN it throws a RenderError saying what to change", (spec, message) => {
    expect(() => resolveSpec(spec as VisualSpec)).toThrowError(message);
    expect(() => resolveSpec(spec as VisualSpec)).toThrowError(RenderError);
  });
});
