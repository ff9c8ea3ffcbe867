import { describe, expect, it } from "vitest";
import { latexToWords } from "../../../src/core/render/speech.ts";

describe("latexToWords", () => {
  it("GIVEN fractions, roots, hats and subscripts THEN it reads them in words", () => {
    expect(
      latexToWords(String.raw`\theta \leftarrow \theta - \frac{\eta}{\sqrt{\hat v} + \epsilon} \hat m`),
    ).toBe("theta becomes theta minus eta over the square root of v hat plus epsilon m hat");
  });

  it("GIVEN squares, products and line breaks THEN they are read as such", () => {
    expect(latexToWords(String.raw`G_t = G_{t-1} + g_t^2 \\ x = y \cdot z`)).toBe(
      "G sub t equals G sub t minus 1 plus g sub t squared; x equals y times z",
    );
  });

  it("GIVEN a stray closing brace THEN it still returns the words around it", () => {
    expect(latexToWords("a} + b")).toBe("a plus b");
  });
});
