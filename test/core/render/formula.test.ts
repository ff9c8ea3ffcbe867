import { describe, expect, it } from "vitest";
import { RenderError } from "../../../src/core/render/errors.ts";
import { PX_PER_EM, renderFormula, renderFormulaSheet } from "../../../src/core/render/formula.ts";
import { countInk, decodePng } from "./decode.ts";

const ADAM = String.raw`\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat v_t} + \epsilon}\,\hat m_t`;

describe("renderFormula", () => {
  it("GIVEN an update rule THEN it is a PNG of the stated size with dark glyphs on a light card", async () => {
    const image = renderFormula(ADAM);
    const pixels = await decodePng(image.bytes);
    expect([pixels.width, pixels.height]).toEqual([image.width, image.height]);
    // A fraction with a square root is over two em tall and the rule about ten em wide.
    expect(image.height).toBeGreaterThan(2 * PX_PER_EM);
    expect(image.width).toBeGreaterThan(8 * PX_PER_EM);
    // The card's centre pixel row is mostly white with dark glyphs on it.
    const centre = Math.floor(pixels.height / 2) * pixels.width * 4 + Math.floor(pixels.width / 2) * 4;
    expect(pixels.data[centre + 3]).toBe(255);
    expect(countInk(pixels)).toBeGreaterThan(1500);
  });

  it("GIVEN a longer formula THEN the image is wider", () => {
    const short = renderFormula("x^2");
    const long = renderFormula("x^2 + y^2 + z^2 + w^2");
    expect(long.width).toBeGreaterThan(short.width * 2);
  });

  it("GIVEN a formula THEN the alt text has the LaTeX source and a plain-words reading", () => {
    const image = renderFormula(String.raw`\theta \leftarrow \theta - \eta\, g_t`);
    expect(image.alt).toContain(String.raw`\theta \leftarrow \theta - \eta\, g_t`);
    expect(image.alt).toContain("theta becomes theta minus eta g sub t");
    expect(image.fileName).toMatch(/\.png$/);
  });

  it("GIVEN an undefined command THEN a RenderError names it", () => {
    expect(() => renderFormula(String.raw`\frca{1}{2}`)).toThrowError(/Undefined control sequence \\frca/);
    try {
      renderFormula(String.raw`\frca{1}{2}`);
    } catch (error) {
      expect(error).toBeInstanceOf(RenderError);
      expect((error as RenderError).isUserError).toBe(true);
    }
  });

  it("GIVEN unbalanced braces or a missing argument THEN the error says so", () => {
    expect(() => renderFormula("{x")).toThrowError(/missing close brace/i);
    expect(() => renderFormula(String.raw`\frac{a}`)).toThrowError(/Missing argument for \\frac/);
    expect(() => renderFormula("   ")).toThrowError(/empty/);
  });
});

describe("renderFormulaSheet", () => {
  const rules = [
    { label: "Gradient descent", latex: String.raw`\theta \leftarrow \theta - \eta\, g` },
    { label: "Momentum", latex: String.raw`v \leftarrow \gamma v + \eta\, g` },
    { label: "Adam", latex: ADAM },
  ];

  it("GIVEN more rules THEN the sheet is taller, and every label is in the alt text", async () => {
    const one = renderFormulaSheet(rules.slice(0, 1), "Review");
    const three = renderFormulaSheet(rules, "Review");
    expect(three.height).toBeGreaterThan(one.height + 2 * PX_PER_EM);
    for (const rule of rules) expect(three.alt).toContain(rule.label);
    expect(countInk(await decodePng(three.bytes))).toBeGreaterThan(countInk(await decodePng(one.bytes)));
  });

  it("GIVEN one bad rule THEN the whole sheet fails with its message", () => {
    expect(() => renderFormulaSheet([...rules, { label: "Bad", latex: String.raw`\nope` }])).toThrowError(
      /\\nope/,
    );
  });
});

describe("review sheet layout", () => {
  const rules = Array.from({ length: 8 }, (_, i) => ({
    label: `Rule ${i + 1}`,
    latex: String.raw`\theta \leftarrow \theta - \eta\, g_{${i}}`,
  }));

  it("GIVEN eight rules THEN they sit in two columns: wider and about half as tall as one column of four", async () => {
    const sheet = renderFormulaSheet(rules);
    const half = renderFormulaSheet(rules.slice(0, 4));
    expect(sheet.width).toBeGreaterThan(1.5 * half.width);
    expect(sheet.height).toBeLessThan(1.2 * half.height);
    // Both columns carry ink: the right half of the card is not empty.
    const { width, height, data } = await decodePng(sheet.bytes);
    let rightInk = 0;
    for (let y = 0; y < height; y++)
      for (let x = Math.floor(width * 0.6); x < width - 30; x++) {
        const at = (y * width + x) * 4;
        if ((data[at] ?? 255) < 128) rightInk++;
      }
    expect(rightInk).toBeGreaterThan(500);
  });

  it("GIVEN four rules THEN they stay in one column", () => {
    const four = renderFormulaSheet(rules.slice(0, 4));
    const one = renderFormulaSheet(rules.slice(0, 1));
    expect(four.width).toBeLessThan(1.3 * one.width);
    expect(four.height).toBeGreaterThan(3 * one.height - 100);
  });
});
