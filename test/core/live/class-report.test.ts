import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/reply.ts";
import { fromTuple } from "../../../src/core/store/answers.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import { harness } from "../fakes.ts";
import { pupil, RecordingChannel, teacher } from "./fake-outbound.ts";

const tutors: Tutor[] = [];
afterEach(() => {
  for (const tutor of tutors.splice(0)) tutor.shutdown?.();
});

function buttonFor(reply: Reply | undefined, word: "right" | "wrong") {
  const button = reply?.buttons.flat().find((candidate) => candidate.label.includes(word));
  if (!button) throw new Error(`no ${word} button on ${reply?.text}`);
  return button;
}

describe("live rounds feed the class report and the gradebook", () => {
  it("GIVEN a two-question live session THEN each answer is logged once with its misconception, and the gradebook shows the session points", async () => {
    const h = harness();
    tutors.push(h.tutor);
    const { tutor, now, store, catalogue } = h;
    for (const question of catalogue.quizzes.get("alpha")?.questions ?? [])
      for (const choice of question.choices) if (!choice.correct) choice.misconception = "forgets-gradient";
    const channel = new RecordingChannel();
    await tutor.connect?.("discord", channel);
    await tutor.run("live", { subcommand: "start", quiz: "alpha", seconds: 20, questions: 2 }, teacher);
    for (let round = 0; round < 2; round++) {
      const question = channel.posts.at(-1)?.reply;
      now.value = new Date(now.value.getTime() + 2_000);
      await tutor.click(buttonFor(question, "right").id, pupil("ann"));
      await tutor.click(buttonFor(question, round === 0 ? "wrong" : "right").id, pupil("bob"));
      now.value = new Date(now.value.getTime() + 20_000);
      // Two closers (a timer and a second process): the round closes, and is recorded, once.
      await Promise.all([tutor.closeDue?.(), tutor.closeDue?.()]);
      if (round === 0) await tutor.run("live", { subcommand: "next" }, teacher);
    }
    const logs = await store.listAnswers("discord.guild-1");
    const bob = logs.find((log) => log.userId === "bob");
    expect(bob?.attempts.map((attempt) => attempt.quiz)).toEqual(["live"]);
    const answers = bob?.attempts[0]?.answers.map(fromTuple) ?? [];
    expect(answers.map((answer) => [answer.index, answer.correct, answer.misconception])).toEqual([
      [0, false, "forgets-gradient"],
      [1, true, undefined],
    ]);
    const report = await tutor.run("class", { subcommand: "report" }, teacher);
    expect(report.text).toContain("4 answers recorded");
    expect(report.text).toContain("`forgets-gradient` ×1 → `/lesson alpha`");
    // The gradebook's live points are the session's final standings.
    const standings = channel.posts.at(-1)?.reply.text ?? "";
    const pointsOf = (name: string) => new RegExp(`${name}: (\\d+) points?`).exec(standings)?.[1];
    const exported = await tutor.run("class", { subcommand: "export" }, teacher);
    const rows = parse(exported.files?.[0]?.bytes.toString("utf8") ?? "", { columns: true }) as Array<
      Record<string, string>
    >;
    // ann and bob only played live: they still get a row, named from the round.
    expect(rows.map((row) => [row["display name"], row["live points"]])).toEqual([
      ["ann", pointsOf("ann")],
      ["bob", pointsOf("bob")],
    ]);
    expect(pointsOf("ann")).toMatch(/^[1-9]\d*$/);
    expect(rows[0]?.["last active (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});
