import { describe, expect, it } from "vitest";
import { checkFormulas } from "../../../src/core/content/check-formulas.ts";
import { loadContent } from "../../../src/core/content/index.ts";
import type { LabelledFormula, Renderer } from "../../../src/core/render/types.ts";

const CONTENT_DIR = new URL("../../../content/", import.meta.url).pathname;

/** A renderer that records the sheets asked for and fails the ones `fails` picks. */
function sheetRenderer(fails: (formulas: LabelledFormula[]) => boolean) {
  const asked: Array<{ formulas: LabelledFormula[]; title?: string }> = [];
  const renderer = {
    async formulaSheet(formulas: LabelledFormula[], title?: string) {
      asked.push({ formulas, ...(title !== undefined && { title }) });
      if (fails(formulas)) throw new Error("Bad LaTeX");
      return { bytes: Buffer.alloc(0), fileName: "f.png", alt: "", width: 1, height: 1 };
    },
  } as unknown as Renderer;
  return { renderer, asked };
}

describe("checkFormulas", () => {
  it("GIVEN a renderer THEN every lesson sheet is drawn with the lesson's title, as /lesson draws it", async () => {
    const catalogue = await loadContent(CONTENT_DIR);
    const { renderer, asked } = sheetRenderer(() => false);
    await checkFormulas(catalogue, renderer);
    for (const lesson of catalogue.lessons.filter((l) => l.formulas.length > 0)) {
      expect(asked).toContainEqual({ formulas: lesson.formulas, title: lesson.title });
    }
  });

  it("GIVEN a sheet the renderer cannot draw THEN the bad formula is found and named by file and field", async () => {
    const catalogue = await loadContent(CONTENT_DIR);
    const lesson = catalogue.lessons.find((l) => l.id === "adam");
    if (!lesson) throw new Error("no adam lesson");
    lesson.formulas = [...lesson.formulas, { label: "Broken", latex: String.raw`\frca{1}{2}` }];
    const { renderer } = sheetRenderer((formulas) => formulas.some((f) => f.label === "Broken"));
    const failure = await checkFormulas(catalogue, renderer).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain("lessons/adam.md");
    expect(message).toContain(`formulas[${lesson.formulas.length - 1}]`);
    expect(message).toContain("frca");
  });
});
