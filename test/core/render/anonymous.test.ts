import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/core/content/index.ts";
import { reproductionFooter } from "../../../src/core/render/footer.ts";
import { OPTIMIZER_COLORS } from "../../../src/core/render/palette.ts";
import { resolveSpec } from "../../../src/core/render/spec.ts";
import type { VisualSpec } from "../../../src/core/render/types.ts";
import { drawVisual } from "../../../src/core/render/visual.ts";
import { OPTIMIZER_IDS, OPTIMIZERS, simulate } from "../../../src/core/sim/index.ts";
import { countColour, decodePng } from "./decode.ts";

const draw = (spec: VisualSpec) => drawVisual(resolveSpec(spec));
/** Every optimizer name, id and default-η table entry a student could map a path back to. */
const NAMES = new RegExp(
  OPTIMIZER_IDS.flatMap((id) => [id, OPTIMIZERS[id].name])
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|"),
  "i",
);
/** Anti-aliased edges of other colours may land near an optimizer colour; a drawn path covers hundreds. */
const STRAY_PIXELS = 40;
/** Close matches only, so blends of the neutral colours with the card do not count. */
const TIGHT = 20;

describe("GIVEN anonymous path images (which optimizer drew this path?)", () => {
  it("THEN no path wears its optimizer's lesson colour, though the named map does", async () => {
    const spec: VisualSpec = {
      kind: "map",
      function: "rosenbrock",
      optimizers: ["rmsprop", "adam", "momentum"],
      steps: 300,
    };
    const named = await decodePng(draw(spec).bytes);
    const anonymous = await decodePng(draw({ ...spec, anonymous: true }).bytes);
    for (const id of spec.optimizers) {
      expect(countColour(named, OPTIMIZER_COLORS[id], TIGHT), id).toBeGreaterThan(200);
      expect(countColour(anonymous, OPTIMIZER_COLORS[id], TIGHT), id).toBeLessThan(STRAY_PIXELS);
    }
  });

  it("THEN the footer gives no per-path η, only one η when all share it", () => {
    const runs = (["gd", "adam"] as const).map((optimizer) =>
      simulate({ optimizer, fn: "rosenbrock", steps: 5 }),
    );
    const hidden = reproductionFooter("rosenbrock", runs, 5, true);
    expect(hidden).toContain("each path at its own η");
    expect(hidden).not.toMatch(/0\.002|0\.2\b/);
    expect(hidden).not.toMatch(NAMES);
    const named = reproductionFooter("rosenbrock", runs, 5, false);
    expect(named).toContain("η: gd 0.002, adam 0.2");
    const equal = (["gd", "adam"] as const).map((optimizer) =>
      simulate({ optimizer, fn: "rosenbrock", steps: 5, hyperparameters: { lr: 0.01 } }),
    );
    expect(reproductionFooter("rosenbrock", equal, 5, true)).toContain("same η 0.01 for all");
  });

  it("THEN the neutral styles are dealt per question, not fixed per letter", async () => {
    const dealt = new Set<string>();
    for (let steps = 40; steps < 48; steps++) {
      const spec = resolveSpec({
        kind: "map",
        function: "saddle",
        optimizers: ["gd", "adagrad"],
        steps,
        anonymous: true,
      });
      const image = await decodePng(drawVisual(spec).bytes);
      // Which two of the four neutral colours this question's paths got.
      const counts = ["#332288", "#117733", "#882255", "#44AA99"].map((c) => countColour(image, c, TIGHT));
      dealt.add(counts.map((n) => (n > 100 ? "1" : "0")).join(""));
    }
    expect(dealt.size).toBeGreaterThan(1);
  });

  it("THEN every anonymous question in the real content renders with no name, letter-to-η hint or lesson colour", async () => {
    const catalogue = await loadContent(join(import.meta.dirname, "../../../content"));
    const specs = [...catalogue.quizzes.values()]
      .flatMap((quiz) => quiz.questions)
      .flatMap((q) => (q.image?.kind === "visual" && q.image.spec.anonymous ? [q.image.spec] : []));
    expect(specs.length).toBeGreaterThanOrEqual(3);
    for (const spec of specs) {
      const image = draw(spec);
      expect(image.alt).not.toMatch(NAMES);
      // "B ends lowest" would single out the path that reaches the minimum.
      expect(image.alt).not.toMatch(/ends lowest|diverged/);
      expect(spec.note ?? "").not.toMatch(NAMES);
      const pixels = await decodePng(image.bytes);
      for (const id of spec.optimizers.filter((o) => o !== "gd"))
        expect(countColour(pixels, OPTIMIZER_COLORS[id], TIGHT), `${spec.function} ${id}`).toBeLessThan(
          STRAY_PIXELS,
        );
    }
  });
});
