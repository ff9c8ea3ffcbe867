import { describe, expect, it } from "vitest";
import { choiceButtons, harness, nextButton, playQuiz, rightButton, student, wrongButton } from "../fakes.ts";

const alice = student("alice");
const bob = student("bob");

describe("quiz flow", () => {
  it("GIVEN /quiz alpha THEN a private first question with one button per choice", async () => {
    const { tutor } = harness();
    const reply = await tutor.run("quiz", { topic: "alpha" }, alice);
    expect(reply.private).toBe(true);
    expect(reply.title).toMatch(/question 1\/4/);
    expect(choiceButtons(reply)).toHaveLength(3);
  });

  it("GIVEN a right answer THEN right + explanation + a Next button, and the score after the last", async () => {
    const { tutor } = harness();
    const start = await tutor.run("quiz", { topic: "alpha" }, alice);
    const feedback = await tutor.click(rightButton(start).id, alice);
    expect(feedback.text).toMatch(/Right/);
    expect(feedback.text).toMatch(/Because alpha/);
    expect(feedback.replaceOriginal).toBe(true);
    expect(nextButton(feedback)?.label).toMatch(/next/i);
    const second = await tutor.click(nextButton(feedback)?.id ?? "", alice);
    const end = await playQuiz(tutor, alice, second, 2);
    expect(end.text).toContain("Your score: 3/4");
    expect(end.text).toMatch(/review/i);
  });

  it("GIVEN a wrong answer THEN it names the right one", async () => {
    const { tutor } = harness();
    const start = await tutor.run("quiz", { topic: "beta" }, alice);
    const feedback = await tutor.click(wrongButton(start).id, alice);
    expect(feedback.text).toMatch(/Not quite/);
    expect(feedback.text).toMatch(/right beta-\d/);
  });

  it("GIVEN a double click THEN the answer counts once and the quiz does not skip", async () => {
    const { tutor, store, now } = harness();
    const start = await tutor.run("quiz", { topic: "alpha" }, alice);
    const id = rightButton(start).id;
    const [first, second] = await Promise.all([tutor.click(id, alice), tutor.click(id, alice)]);
    expect(first.text).toMatch(/Right/);
    expect(second.text).toMatch(/Right/);
    expect((await store.getProgress(alice, now.value)).answered).toBe(1);
    const next = await tutor.click(nextButton(first)?.id ?? "", alice);
    expect(next.title).toMatch(/question 2\/4/);
  });

  it("GIVEN an answered question THEN a different second click is refused and the first answer stands", async () => {
    const { tutor, store, now } = harness();
    const start = await tutor.run("quiz", { topic: "alpha" }, alice);
    await tutor.click(rightButton(start).id, alice);
    const refused = await tutor.click(wrongButton(start).id, alice);
    expect(refused.text).toMatch(/already answered/);
    expect(refused.replaceOriginal).toBeFalsy();
    const end = await playQuiz(tutor, alice, await tutor.run("quiz", { topic: "alpha" }, alice), 0);
    // Resume offer first: the first (right) answer is kept.
    expect(end.text).toMatch(/in progress/);
    expect((await store.getProgress(alice, now.value)).answered).toBe(1);
  });

  it("GIVEN bob clicks alice's quiz THEN he is refused privately and her quiz is unchanged", async () => {
    const { tutor, store, now } = harness();
    const start = await tutor.run("quiz", { topic: "alpha" }, alice);
    const refusal = await tutor.click(rightButton(start).id, bob);
    expect(refusal.private).toBe(true);
    expect(refusal.replaceOriginal).toBeFalsy();
    expect(refusal.text).toMatch(/someone else's quiz/);
    expect((await store.getProgress(bob, now.value)).answered).toBe(0);
    expect((await store.getProgress(alice, now.value)).answered).toBe(0);
    const mine = await tutor.click(rightButton(start).id, alice);
    expect(mine.text).toMatch(/Right/);
  });

  it("GIVEN a finished quiz THEN replaying its clicks changes nothing", async () => {
    const { tutor, store, now } = harness();
    const start = await tutor.run("quiz", { topic: "alpha" }, alice);
    const end = await playQuiz(tutor, alice, start, 4);
    expect(end.text).toContain("Your score: 4/4");
    const before = await store.getProgress(alice, now.value);
    await tutor.click(rightButton(start).id, alice);
    await tutor.click(wrongButton(start).id, alice);
    expect(await store.getProgress(alice, now.value)).toEqual(before);
  });

  it("GIVEN a quiz in progress WHEN /quiz again THEN resume or start over; start over abandons the old one", async () => {
    const { tutor } = harness();
    const first = await tutor.run("quiz", { topic: "alpha" }, alice);
    await tutor.click(rightButton(first).id, alice);
    const offer = await tutor.run("quiz", { topic: "beta" }, alice);
    expect(offer.text).toMatch(/in progress \(1\/4 answered\)/);
    const [resume, restart] = offer.buttons.flat();
    const resumed = await tutor.click(resume?.id ?? "", alice);
    expect(resumed.title).toMatch(/Alpha method quiz · question 2\/4/);
    const restarted = await tutor.click(restart?.id ?? "", alice);
    expect(restarted.title).toMatch(/Beta method quiz · question 1\/4/);
    const old = await tutor.click(choiceButtons(resumed)[0]?.id ?? "", alice);
    expect(old.text).toMatch(/started that quiz over/);
  });

  it("GIVEN forged, malformed or unknown ids THEN a polite message, never a throw", async () => {
    const { tutor } = harness();
    for (const id of [
      "",
      "qa:zzz:0:0",
      "qa:0123456789ab:0:0",
      "nonsense",
      "x".repeat(300),
      "qa:0123456789ab:99:1:1",
    ]) {
      const reply = await tutor.click(id, alice);
      expect(reply.private).toBe(true);
      expect(reply.text.length).toBeGreaterThan(20);
    }
  });

  it("GIVEN /quiz final THEN 10 questions", async () => {
    const { tutor } = harness();
    const reply = await tutor.run("quiz", { topic: "final" }, alice);
    expect(reply.title).toMatch(/Final quiz · question 1\/10/);
  });

  it("GIVEN an unknown topic THEN a friendly message with the closest lesson", async () => {
    const { tutor } = harness();
    const reply = await tutor.run("quiz", { topic: "alfa" }, alice);
    expect(reply.private).toBe(true);
    expect(reply.text).toMatch(/don't know.*alfa/);
    expect(reply.text).toMatch(/Alpha method/);
  });
});
