import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Invoker } from "../../src/core/tutor-api.ts";
import { harness, playQuiz, student } from "../core/fakes.ts";

const teacher: Invoker = { ...student("boss"), canManageCommunity: async () => true };
const pupil = (id: string): Invoker => ({ ...student(id), canManageCommunity: async () => false });

describe("/class report, export and settings", () => {
  it("GIVEN two students played THEN an instructor's report names the lesson passed and the hardest questions, privately", async () => {
    const { tutor } = harness();
    await playQuiz(tutor, pupil("ann"), await tutor.run("quiz", { topic: "alpha" }, pupil("ann")), 4);
    await playQuiz(tutor, pupil("bob"), await tutor.run("quiz", { topic: "alpha" }, pupil("bob")), 1);
    const reply = await tutor.run("class", { subcommand: "report" }, teacher);
    expect(reply.private).toBe(true);
    expect(reply.images.map((image) => image.fileName)).toEqual(["class-report.png"]);
    expect(reply.text).toMatch(/\*\*Students:\*\* 2 \(2 active this week\) · 8 answers recorded/);
    // ann passed alpha (4/4), bob did not (1/4); both saw no lesson.
    expect(reply.text).toContain("• Alpha method: 0 / 1");
    expect(reply.text).toMatch(/Hardest questions[\s\S]*• 50% of 2 · alpha:/);
    const narrowed = await tutor.run("class", { subcommand: "report", lesson: "beta" }, teacher);
    expect(narrowed.text).toContain("0 answers recorded");
    expect(narrowed.text).not.toContain("Alpha method");
  });

  it("GIVEN a student asks for the report or the export THEN a private refusal that says who can, and no file", async () => {
    const { tutor } = harness();
    for (const subcommand of ["report", "export", "settings"]) {
      const refusal = await tutor.run("class", { subcommand }, pupil("kid"));
      expect(refusal.private).toBe(true);
      expect(refusal.text).toMatch(/Only instructors can .*Manage Server/);
      expect(refusal.files ?? []).toEqual([]);
      expect(refusal.images).toEqual([]);
    }
  });

  it("GIVEN an unknown lesson THEN the report says which lessons there are", async () => {
    const { tutor } = harness();
    const reply = await tutor.run("class", { subcommand: "report", lesson: "adamw" }, teacher);
    expect(reply.text).toMatch(/no lesson .*adamw.*`alpha`, `beta`, `gamma`/);
  });

  it("GIVEN students THEN the export is a private CSV file with a row each; `what: answers` gives the answer log", async () => {
    const { tutor } = harness();
    const evil = { ...pupil("u9"), userName: "@evil" };
    await playQuiz(tutor, evil, await tutor.run("quiz", { topic: "beta" }, evil), 3);
    const reply = await tutor.run("class", { subcommand: "export" }, teacher);
    expect(reply.private).toBe(true);
    const [file] = reply.files ?? [];
    expect(file?.fileName).toBe("gradebook-2026-03-04.csv");
    const rows = parse(file?.bytes.toString("utf8") ?? "", { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toEqual([expect.objectContaining({ "display name": "'@evil", "beta best (of 4)": "3" })]);
    const log = await tutor.run("class", { subcommand: "export", what: "answers" }, teacher);
    const answers = parse(log.files?.[0]?.bytes.toString("utf8") ?? "", { columns: true }) as unknown[];
    expect(answers).toHaveLength(4);
  });

  it("GIVEN an instructor THEN settings show the role, the added instructors and the weekly reset", async () => {
    const { tutor } = harness();
    await tutor.run("class", { subcommand: "instructor-role", role: "<@&555>" }, teacher);
    const reply = await tutor.run("class", { subcommand: "settings" }, teacher);
    expect(reply.text).toContain("<@&555>");
    expect(reply.text).toMatch(/Monday 00:00 UTC/);
  });

  it("GIVEN an answer log too big for a chat file THEN the export says so and names the operator's CLI command", async () => {
    const { tutor, store } = harness();
    const at = new Date("2026-03-04T12:00:00Z");
    const entries = Array.from({ length: 1_200 }, (_, index) => ({
      index,
      at,
      quizId: "alpha",
      questionId: "alpha-q0",
      choice: 0,
      correct: false,
      misconception: "a-long-misconception-tag-for-size",
    }));
    for (let n = 0; n < 100; n++)
      await store.recordAnswers(student(`student-${n}`), { id: `session${n}`, quiz: "alpha" }, entries);
    const reply = await tutor.run("class", { subcommand: "export", what: "answers" }, teacher);
    expect(reply.files ?? []).toEqual([]);
    expect(reply.text).toMatch(
      /would be 1\d\.\d MB, more than a chat message can carry .*export answers --community guild-1/,
    );
    // The gradebook of the same class is small and still comes.
    expect((await tutor.run("class", { subcommand: "export" }, teacher)).files).toHaveLength(1);
  });
});
