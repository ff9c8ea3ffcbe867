import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { type MultipleChoice, parse as parseGift } from "gift-pegjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/core/content/index.ts";
import type { Catalogue } from "../../src/core/content/types.ts";
import { toHtml } from "../../src/core/lms/gift.ts";
import { runScript } from "./run-script.ts";

const dir = mkdtempSync(path.join(tmpdir(), "descent-lms-"));
let catalogue: Catalogue;
const questions = () =>
  [...catalogue.quizzes.values()].flatMap((quiz) => quiz.questions.map((question) => ({ quiz, question })));

beforeAll(async () => {
  catalogue = await loadContent(path.join(import.meta.dirname, "../../content"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A parsed XML element: untyped by nature, each test reads the path the QTI structure defines. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type XmlNode = any;

/** Attributes and elements as a plain tree; lists always lists. */
const xml = new XMLParser({
  ignoreAttributes: false,
  // Keep text as written: "1.50" must stay "1.50", not the number 1.5.
  parseTagValue: false,
  attributeNamePrefix: "@",
  isArray: (name) =>
    ["item", "response_label", "respcondition", "itemfeedback", "resource", "file"].includes(name),
});

describe("content export", () => {
  it("GIVEN --format gift THEN a GIFT parser reads back every question with its choices, answer and feedback", async () => {
    const out = path.join(dir, "quizzes.gift");
    const result = await runScript("src/cli/index.ts", [
      "content",
      "export",
      "--format",
      "gift",
      "--out",
      out,
    ]);
    expect(result.stderr).toMatch(/Wrote \d+ questions \(\d+ with pictures\) as gift/);
    const parsed = parseGift(readFileSync(out, "utf8")).filter((q): q is MultipleChoice => q.type === "MC");
    expect(parsed).toHaveLength(questions().length);
    for (const { quiz, question } of questions()) {
      const read = parsed.find((candidate) => candidate.title === `${quiz.id}/${question.id}`);
      expect(read?.stem.format).toBe("html");
      expect(read?.stem.text.startsWith(toHtml(question.prompt))).toBe(true);
      expect(read?.stem.text.includes('<img src="data:image/')).toBe(question.image !== undefined);
      expect(
        read?.choices.map((choice) => [choice.text.text, choice.isCorrect, choice.feedback?.text]),
      ).toEqual(
        question.choices.map((choice) => [
          toHtml(choice.label),
          choice.correct,
          toHtml(question.explanation),
        ]),
      );
    }
  }, 60_000);

  it("GIVEN --format qti THEN the zip holds a manifest, an assessment per quiz and every picture, and each item round-trips", async () => {
    const out = path.join(dir, "quizzes.zip");
    const result = await runScript("src/cli/index.ts", [
      "content",
      "export",
      "--format",
      "qti",
      "--out",
      out,
    ]);
    expect(result.code).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const text = (name: string) => Buffer.from(files[name] ?? []).toString("utf8");
    const manifest = xml.parse(text("imsmanifest.xml")).manifest;
    const resources = manifest.resources.resource as Array<Record<string, unknown>>;
    expect(resources.map((r) => r["@type"])).toEqual(catalogue.lessons.map(() => "imsqti_xmlv1p2"));
    // Every file the manifest lists is in the package.
    for (const resource of resources)
      for (const file of resource.file as Array<{ "@href": string }>)
        expect(files[file["@href"]]).toBeDefined();
    for (const resource of resources) {
      const assessment = xml.parse(text(String(resource["@href"]))).questestinterop.assessment;
      const quiz = catalogue.quizzes.get(String(assessment["@ident"]).replace(/^descent\./, ""));
      const items = assessment.section.item as Array<XmlNode>;
      expect(items).toHaveLength(quiz?.questions.length ?? -1);
      for (const item of items) {
        const question = quiz?.questions.find((q) => `${quiz.id}/${q.id}` === item["@title"]);
        if (!question) throw new Error(`unknown item ${item["@title"]}`);
        const stem = item.presentation.material;
        expect(String(stem.mattext["#text"])).toBe(question.prompt);
        if (question.image) expect(files[stem.matimage["@uri"]]?.length).toBeGreaterThan(100);
        else expect(stem.matimage).toBeUndefined();
        const labels = item.presentation.response_lid.render_choice.response_label as Array<XmlNode>;
        expect(labels.map((label) => String(label.material.mattext["#text"]))).toEqual(
          question.choices.map((choice) => choice.label),
        );
        // The choice scored 100 is the correct one.
        const scored = (item.resprocessing.respcondition as Array<XmlNode>)
          .filter((condition) => String(condition.setvar["#text"]) === "100")
          .map((condition) => String(condition.conditionvar.varequal["#text"]));
        expect(scored).toEqual([`c${question.choices.findIndex((choice) => choice.correct)}`]);
        const feedback = (item.itemfeedback as Array<XmlNode>).map((f) =>
          String(f.flow_mat.material.mattext["#text"]),
        );
        expect(feedback).toEqual(question.choices.map(() => question.explanation));
      }
    }
  }, 60_000);
});
