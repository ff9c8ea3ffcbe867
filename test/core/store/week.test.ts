import { describe, expect, it } from "vitest";
import { harness, playQuiz, student } from "../fakes.ts";

const MONDAY_AFTER_RESET = new Date("2026-03-09T00:00:30Z");
const SUNDAY_BEFORE_RESET = new Date("2026-03-08T23:59:50Z");

describe("the week an answer counts for is fixed when it is recorded", () => {
  it("GIVEN a quiz finished just after Monday 00:00 UTC and the clock then stepped back across the reset THEN the weekly board still shows it once the clock is right again", async () => {
    const { tutor, now, store } = harness({ now: MONDAY_AFTER_RESET });
    const alice = student("alice", "guild-week");
    const viewer = student("viewer", "guild-week");
    await playQuiz(tutor, alice, await tutor.run("quiz", { topic: "alpha" }, alice), 3);
    expect((await tutor.run("leaderboard", { period: "week" }, viewer)).text).toMatch(/alice: 3 points/);

    // NTP steps the clock back 40 s: Sunday again. Alice keeps studying and finishes another quiz.
    now.value = SUNDAY_BEFORE_RESET;
    await tutor.run("lesson", { topic: "beta" }, alice);
    await playQuiz(tutor, alice, await tutor.run("quiz", { topic: "beta" }, alice), 2);
    const during = await store.getProgress(alice, now.value);
    expect(during.week.start).toBe("2026-03-09");

    now.value = new Date("2026-03-09T00:01:00Z");
    const board = (await tutor.run("leaderboard", { period: "week" }, viewer)).text;
    // Both quizzes count for the week they were recorded in; neither vanished.
    expect(board).toMatch(/alice: 5 points/);
    expect((await store.getProgress(alice, now.value)).streak.lastDay).toBe("2026-03-09");
  });

  it("GIVEN the clock moves forward into the next week THEN the weekly board starts empty as before", async () => {
    const { tutor, now } = harness({ now: MONDAY_AFTER_RESET });
    const alice = student("alice", "guild-week-2");
    await playQuiz(tutor, alice, await tutor.run("quiz", { topic: "alpha" }, alice), 3);
    now.value = new Date("2026-03-16T00:00:01Z");
    const board = (await tutor.run("leaderboard", { period: "week" }, student("viewer", "guild-week-2")))
      .text;
    expect(board).toMatch(/Nobody has finished a quiz this week yet/);
  });
});
