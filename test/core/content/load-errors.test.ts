import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "../../../src/core/content/index.ts";
import { copyRealContent, editContent } from "./content-copy.ts";

let dir: string;
beforeEach(async () => {
  dir = await copyRealContent("descent-content-");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Replaces `from` with `to` in one file of this test's content copy. */
const edit = (file: string, from: string, to: string) => editContent(dir, file, from, to);

async function append(file: string, text: string): Promise<void> {
  await writeFile(join(dir, file), (await readFile(join(dir, file), "utf8")) + text);
}

async function loadError(): Promise<ContentError> {
  try {
    await loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("expected loadContent to reject");
}

describe("GIVEN a content folder with one mistake", () => {
  it("WHEN a quiz file is not valid YAML THEN the error names the file and the line", async () => {
    await edit("quizzes/adam.yaml", "title: Adam", "title: [Adam");
    const error = await loadError();
    expect(error.file).toBe("quizzes/adam.yaml");
    expect(error.message).toMatch(/not valid YAML at line \d+/);
  });

  it("WHEN a choice label is longer than a button allows THEN the field and the limit are named", async () => {
    await edit(
      "quizzes/adam.yaml",
      "label: m, the moving average of g (first moment)",
      `label: ${"m".repeat(76)}`,
    );
    const error = await loadError();
    expect(error.file).toBe("quizzes/adam.yaml");
    expect(error.field).toBe("questions[0].choices[0].label");
    expect(error.message).toContain("at most 75 characters");
  });

  it("WHEN two choices are marked correct THEN it says to mark exactly one", async () => {
    await edit("quizzes/gd.yaml", "misconception: full-batch-large-jumps", "correct: true");
    const error = await loadError();
    expect(error.field).toBe("questions[0] (full-batch-gradient).choices");
    expect(error.message).toContain("mark exactly one choice");
  });

  it("WHEN a wrong choice has no misconception THEN it asks for the tag", async () => {
    await edit("quizzes/gd.yaml", "        misconception: full-batch-large-jumps\n", "");
    const error = await loadError();
    expect(error.field).toBe("questions[0] (full-batch-gradient).choices[1].misconception");
  });

  it("WHEN a wrong choice does not say why it is wrong THEN it asks for the reason", async () => {
    await edit("quizzes/gd.yaml", "        why: that is stochastic gradient descent (SGD).\n", "");
    const error = await loadError();
    expect(error.field).toBe("questions[0] (full-batch-gradient).choices[2].why");
    expect(error.message).toContain("why it is wrong");
  });

  it("WHEN /recommend's advice points to a lesson that does not exist THEN the lessons are listed", async () => {
    await edit("recommend.yaml", "lesson: nesterov", "lesson: nesterof");
    const error = await loadError();
    expect(error.file).toBe("recommend.yaml");
    expect(error.field).toBe("advice[3].lesson");
    expect(error.message).toContain('"nesterof" is not a lesson');
  });

  it("WHEN /recommend's advice names an unknown answer or leaves answers without advice THEN both are named", async () => {
    await edit("recommend.yaml", "  - when: { model: f }", "  - when: { model: x }");
    await edit("recommend.yaml", "  - optimizer: Adam\n", "  - when: { time: p }\n    optimizer: Adam\n");
    const error = await loadError();
    expect(error.message).toContain('advice[0].when.model: "x" is not one of its answers');
    expect(error.message).toMatch(/advice: no advice for the answers .*mdl/);
  });

  it("WHEN a field name is misspelt THEN the unknown field is named", async () => {
    await edit("quizzes/gd.yaml", "    explanation: ∂f/∂y", "    explaination: ∂f/∂y");
    const error = await loadError();
    expect(error.message).toContain("unknown field explaination");
    expect(error.message).toContain("questions[3].explanation: is missing");
  });

  it("WHEN a lesson's id does not match its file name THEN it offers both fixes", async () => {
    await edit("lessons/adam.md", "id: adam", "id: adam2");
    const error = await loadError();
    expect(error.file).toBe("lessons/adam.md");
    expect(error.field).toBe("id");
    expect(error.message).toContain("rename the file to adam2.md");
  });

  it("WHEN a lesson refers to an unknown optimizer THEN the valid ids are listed", async () => {
    await edit("lessons/adam.md", "formulas: [optimizer:adam]", "formulas: [optimizer:lion]");
    const error = await loadError();
    expect(error.field).toBe("formulas[0]");
    expect(error.message).toContain("use one of: gd, momentum");
  });

  it("WHEN a lesson has a visual the renderer would refuse THEN start-up refuses it", async () => {
    await edit("lessons/momentum.md", "lr: { gd: 0.45, momentum: 0.6 }", "lr: { gd: 0.45, momentum: 60 }");
    const error = await loadError();
    expect(error.file).toBe("lessons/momentum.md");
    expect(error.field).toBe("visual");
    expect(error.message).toContain("lr must be at most");
  });

  it("WHEN a lesson has five bullets THEN it asks for 2–4", async () => {
    await append("lessons/gd.md", "- A fifth bullet.\n");
    const error = await loadError();
    expect(error.field).toBe("body");
    expect(error.message).toContain("has 5 bullets");
  });

  it("WHEN a lesson has no quiz THEN the missing file is named", async () => {
    await rm(join(dir, "quizzes/adadelta.yaml"));
    const error = await loadError();
    expect(error.file).toBe("lessons/adadelta.md");
    expect(error.message).toContain("add quizzes/adadelta.yaml");
  });

  it("WHEN a numeric distractor is a mistake about another optimizer THEN it is refused", async () => {
    await edit(
      "quizzes/gd.yaml",
      "      - mistake: lr-applied-twice\n",
      "      - mistake: adam-no-bias-correction\n",
    );
    const error = await loadError();
    expect(error.field).toBe("questions[3] (first-step).distractors[2].mistake");
    expect(error.message).toContain("about adam, not gd");
  });

  it("WHEN two numeric choices would read the same THEN it says to pick another mistake", async () => {
    // With η = 1, forgetting η changes nothing: the distractor equals the answer.
    await edit(
      "quizzes/adadelta.yaml",
      "      - mistake: gradient-ascent\n",
      "      - mistake: forgot-learning-rate\n",
    );
    const error = await loadError();
    expect(error.field).toBe("questions[1] (first-step).distractors[1].mistake");
    expect(error.message).toContain("the same label as another choice");
  });

  it("WHEN a path question's target is not on its map THEN the map's optimizers are listed", async () => {
    await edit("quizzes/adagrad.yaml", "    target: adagrad", "    target: adam");
    const error = await loadError();
    expect(error.field).toBe("questions[3] (saddle-path).target");
    expect(error.message).toContain("gd, rmsprop, adagrad, momentum");
  });

  it("WHEN a rule question's answer is a hand-written formula THEN it asks for the simulator's", async () => {
    await edit(
      "quizzes/nesterov.yaml",
      "        - { ref: optimizer:nesterov, label: Rule }",
      "        - { label: Rule, latex: v = g }",
    );
    const error = await loadError();
    expect(error.field).toBe("questions[3] (which-rule).image.formulas");
  });

  it("WHEN several files are broken THEN every problem is listed at once", async () => {
    await edit("lessons/adam.md", "id: adam", "id: adam2");
    await edit("quizzes/gd.yaml", "misconception: full-batch-large-jumps", "correct: true");
    const error = await loadError();
    const files = new Set(error.problems.map((p) => p.file));
    expect(files).toContain("lessons/adam.md");
    expect(files).toContain("quizzes/gd.yaml");
  });
});

describe("GIVEN a teacher editing YAML only", () => {
  it("WHEN a question is appended to a bank THEN it loads, with its numeric answer computed", async () => {
    await append(
      "quizzes/adam.yaml",
      `
  - id: two-steps
    kind: numeric
    prompt: "Two Adam steps from {start} on the bowl, η = {lr}. Where is y?"
    numeric: { optimizer: adam, function: quadratic, start: [1, 1], lr: 0.1, steps: 2, coordinate: y }
    distractors:
      - mistake: adam-no-bias-correction
    explanation: Each step is close to η in size.
`,
    );
    const catalogue = await loadContent(dir);
    const added = catalogue.quizzes.get("adam")?.questions.find((q) => q.id === "two-steps");
    expect(added?.prompt).toBe("Two Adam steps from (1, 1) on the bowl, η = 0.1. Where is y?");
    // Worked by hand: both steps are ≈ η = 0.1 because g keeps its sign, so y ≈ 1 − 0.2 = 0.8.
    expect(added?.choices.find((c) => c.correct)?.label).toBe("y ≈ 0.800");
    expect(added?.choices.find((c) => !c.correct)?.misconception).toBe("adam-no-bias-correction");
  });
});
