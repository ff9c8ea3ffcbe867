import { createEmptyCard, fsrs, generatorParameters, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/reply.ts";
import {
  choiceButtons,
  fakeCatalogue,
  harness,
  nextButton,
  rightButton,
  student,
  wrongButton,
} from "../fakes.ts";

/** The oracle for intervals only: FSRS as the issue asks for it (whole days, no fuzz). */
const oracle = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));
const MONDAY = new Date("2026-11-30T10:00:00Z");
const DAY_MS = 86_400_000;
const who = student("ana");

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The prompt of a question reply ("alpha question 3?"). */
function promptOf(reply: Reply): string {
  return reply.text.split("\n")[0] ?? "";
}

/** Starts a new set from the "nothing due" reply's button. */
async function newSet(h: ReturnType<typeof harness>, reply: Reply): Promise<Reply> {
  const button = reply.buttons.flat().find((candidate) => candidate.id === "qs:practice");
  if (!button) throw new Error(`no new-set button on: ${reply.text}`);
  return h.tutor.click(button.id, who);
}

/** Answers every question of a set: wrong for prompts in `miss`, right otherwise. Returns the prompts and the last reply. */
async function answerSet(h: ReturnType<typeof harness>, first: Reply, miss: (prompt: string) => boolean) {
  const prompts: string[] = [];
  let reply = first;
  while (choiceButtons(reply).length > 0) {
    prompts.push(promptOf(reply));
    reply = await h.tutor.click((miss(promptOf(reply)) ? wrongButton(reply) : rightButton(reply)).id, who);
    const next = nextButton(reply);
    if (next) reply = await h.tutor.click(next.id, who);
  }
  return { prompts, last: reply };
}

describe("/practice", () => {
  it("GIVEN no lesson seen THEN it says to start with a lesson and starts nothing", async () => {
    const h = harness({ now: MONDAY });
    const reply = await h.tutor.run("practice", {}, who);
    expect(reply.text).toContain("/lesson");
    expect(choiceButtons(reply)).toHaveLength(0);
    expect((await h.store.getProgress(who, MONDAY)).openSession).toBeUndefined();
  });

  it("GIVEN a question missed on Monday THEN it comes back on FSRS's day and moves out by FSRS's intervals after two right answers", async () => {
    // One question in the course, so only its own card decides what /practice shows.
    const h = harness({ now: MONDAY, catalogue: fakeCatalogue(1, 1) });
    await h.tutor.run("lesson", { topic: "alpha" }, who);
    const nothingDue = await h.tutor.run("practice", {}, who);
    expect(nothingDue.text).toContain("Nothing to review");
    const set = await newSet(h, nothingDue);
    const missed = promptOf(set);
    expect(missed).toBe("alpha question 0?");
    await answerSet(h, set, () => true);

    // FSRS's dates for the missed question: Again on Monday, then Good, Good on the days it falls due.
    const again = oracle.next(createEmptyCard(MONDAY), MONDAY, Rating.Again).card;
    const expectations = [again.due];
    const good1 = oracle.next(again, again.due, Rating.Good).card;
    expectations.push(good1.due, oracle.next(good1, good1.due, Rating.Good).card.due);
    expect(expectations[0]?.getTime()).toBeGreaterThan(MONDAY.getTime());

    for (const [step, due] of expectations.entries()) {
      // The day before it falls due, /practice has nothing to review and names the day.
      h.now.value = new Date(startOfDay(due).getTime() - DAY_MS / 2);
      const before = await h.tutor.run("practice", {}, who);
      expect(before.text, `step ${step}`).toContain("Nothing to review");
      expect(before.text).toMatch(/next on tomorrow/);
      // On the day, it comes back in /practice.
      h.now.value = due;
      const back = await h.tutor.run("practice", {}, who);
      expect(promptOf(back), `step ${step}`).toBe(missed);
      expect(back.title).toContain("question 1/1");
      const answered = await answerSet(h, back, () => false);
      expect(answered.last.text).toContain("1/1");
    }
  });

  it("GIVEN reviews due THEN /progress counts them and names the next day, and a finished quiz suggests /practice", async () => {
    const h = harness({ now: MONDAY });
    await h.tutor.run("lesson", { topic: "alpha" }, who);
    const set = await newSet(h, await h.tutor.run("practice", {}, who));
    expect(set.title).toContain("Practice quiz · question 1/5");
    const missed = new Set<string>();
    await answerSet(h, set, (prompt) => {
      if (missed.size < 3) missed.add(prompt);
      return missed.has(prompt);
    });
    const again = oracle.next(createEmptyCard(MONDAY), MONDAY, Rating.Again).card.due;
    const good = oracle.next(createEmptyCard(MONDAY), MONDAY, Rating.Good).card.due;
    h.now.value = again;
    const progress = await h.tutor.run("progress", {}, who);
    const weekday = good.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
    expect(progress.text).toContain(`3 reviews due today, next on ${weekday}.`);

    const quiz = await h.tutor.run("quiz", { topic: "beta" }, who);
    const end = await answerSet(h, quiz, () => false);
    expect(end.last.text).toContain("3 reviews due: `/practice`");
    const lesson = await h.tutor.run("lesson", { topic: "beta" }, who);
    expect(lesson.footer).toContain("/practice");
  });

  it("GIVEN a wrong answer with a misconception THEN another question testing it comes back, and /progress lists it until put right", async () => {
    const catalogue = fakeCatalogue(2, 2);
    const tag = (quizId: string, index: number) => {
      const choice = catalogue.quizzes.get(quizId)?.questions[index]?.choices.find((c) => !c.correct);
      if (!choice) throw new Error("fake catalogue changed");
      choice.misconception = "lr-applied-twice";
    };
    tag("alpha", 0);
    tag("beta", 1);
    const h = harness({ now: MONDAY, catalogue });
    await h.tutor.run("lesson", { topic: "alpha" }, who);
    const quiz = await h.tutor.run("quiz", { topic: "alpha" }, who);
    // Miss alpha question 0 with its tagged choice (the first wrong one in the file).
    await answerSet(h, quiz, (prompt) => prompt === "alpha question 0?");
    h.now.value = new Date(MONDAY.getTime() + DAY_MS);
    expect((await h.tutor.run("progress", {}, who)).text).toContain("Still open: `lr-applied-twice`");
    const back = await h.tutor.run("practice", {}, who);
    expect(promptOf(back)).toBe("beta question 1?");
    await answerSet(h, back, () => false);
    const after = await h.tutor.run("progress", {}, who);
    expect(after.text).not.toContain("Still open");
    expect(after.text).toContain("No reviews due today");
  });

  it("GIVEN a double click on an answer THEN the card moves once", async () => {
    const h = harness({ now: MONDAY });
    await h.tutor.run("lesson", { topic: "alpha" }, who);
    const quiz = await h.tutor.run("quiz", { topic: "alpha" }, who);
    const wrong = wrongButton(quiz).id;
    await h.tutor.click(wrong, who);
    await h.tutor.click(wrong, who);
    const reviews = (await h.store.getProgress(who, MONDAY)).reviews ?? {};
    expect(Object.values(reviews).map((tuple) => tuple[4])).toEqual([1]);
  });
});
