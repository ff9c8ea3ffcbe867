import { describe, expect, it } from "vitest";
import type { Invoker } from "../../../src/core/tutor-api.ts";
import { harness, playQuiz, student } from "../fakes.ts";

/** A community's own weekly board: its zone and reset day, and `/class reset-week`. */

const teacher: Invoker = { ...student("boss"), canManageCommunity: async () => true };
const otherTeacher: Invoker = { ...student("deputy"), canManageCommunity: async () => true };
const pupil = (id: string): Invoker => ({ ...student(id), canManageCommunity: async () => false });

const boardLines = (text: string) => text.split("\n").filter((line) => /^\*\*\d+\.\*\*/.test(line));

describe("a community's weekly board in its own zone and day", () => {
  it("GIVEN a class in America/New_York resetting Sunday THEN the board clears at Sunday 00:00 New York time (not Monday UTC), all-time keeps the points, and the footer says so", async () => {
    // Saturday 22:00 in New York (EST, UTC-5) is already Sunday 03:00 UTC.
    const { tutor, now } = harness({ now: new Date("2026-03-08T03:00:00Z") });
    const set = await tutor.run(
      "class",
      { subcommand: "settings", "week-timezone": "America/New_York", "week-day": "sunday" },
      teacher,
    );
    expect(set.text).toContain("Saved: the weekly board resets Sunday 00:00 (America/New_York).");
    await playQuiz(tutor, pupil("ann"), await tutor.run("quiz", { topic: "alpha" }, pupil("ann")), 4);

    now.value = new Date("2026-03-08T04:59:00Z"); // Saturday 23:59 in New York
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, pupil("ann"))).text)).toEqual([
      "**1.** ann: 4 points ← you",
    ]);

    now.value = new Date("2026-03-08T05:00:00Z"); // Sunday 00:00 EST: the class's new week
    const week = await tutor.run("leaderboard", { period: "week" }, pupil("ann"));
    expect(boardLines(week.text)).toEqual([]);
    expect(week.text).toContain("Nobody has finished a quiz this week yet");
    // The next reset is Sunday 15 March 00:00 EDT (clocks went forward on the 8th): 04:00 UTC, 6 days 23 hours on.
    expect(week.footer).toBe("The weekly board resets Sunday 00:00 (America/New_York) (in 6 days 23 hours).");
    const all = await tutor.run("leaderboard", { period: "all" }, pupil("ann"));
    expect(boardLines(all.text)).toEqual(["**1.** ann: 4 points ← you"]);

    now.value = new Date("2026-03-08T06:00:00Z");
    await playQuiz(tutor, pupil("bob"), await tutor.run("quiz", { topic: "alpha" }, pupil("bob")), 2);
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, pupil("ann"))).text)).toEqual([
      "**1.** bob: 2 points",
    ]);
  });

  it("GIVEN a retaken quiz in the class's week THEN the board counts its best score once", async () => {
    const { tutor } = harness({ now: new Date("2026-03-04T12:00:00Z") });
    await tutor.run("class", { subcommand: "settings", "week-day": "wednesday" }, teacher);
    const ann = pupil("ann");
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "alpha" }, ann), 3);
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "alpha" }, ann), 1);
    await tutor.run("lesson", { topic: "beta" }, ann);
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "beta" }, ann), 2);
    const board = await tutor.run("leaderboard", { period: "week" }, ann);
    expect(boardLines(board.text)).toEqual(["**1.** ann: 5 points ← you"]);
    expect(board.footer).toMatch(/^The weekly board resets Wednesday 00:00 UTC \(in 6 days 12 hours\)\.$/);
  });

  it("GIVEN an unknown time zone or a student changing it THEN a friendly message and nothing changes", async () => {
    const { tutor } = harness();
    const bad = await tutor.run(
      "class",
      { subcommand: "settings", "week-timezone": "Mars/Olympus" },
      teacher,
    );
    expect(bad.private).toBe(true);
    expect(bad.text).toMatch(/IANA time zone such as `Europe\/Berlin`.*you gave `Mars\/Olympus`/);
    const refused = await tutor.run("class", { subcommand: "settings", "week-day": "friday" }, pupil("kid"));
    expect(refused.text).toMatch(/Only instructors can change the class settings/);
    const shown = await tutor.run("class", { subcommand: "settings" }, teacher);
    expect(shown.text).toContain("**Weekly leaderboard:** resets Monday 00:00 UTC");
    expect(shown.text).not.toContain("Latest changes");
  });

  it("GIVEN changes by two instructors THEN /class settings lists each with who made it, newest first", async () => {
    const { tutor, now } = harness({ now: new Date("2026-03-04T12:00:00Z") });
    await tutor.run("class", { subcommand: "settings", "week-timezone": "Europe/Berlin" }, teacher);
    now.value = new Date("2026-03-04T12:05:00Z");
    await tutor.run("class", { subcommand: "instructor-role", role: "R42" }, otherTeacher);
    now.value = new Date("2026-03-04T12:10:00Z");
    await tutor.run("class", { subcommand: "daily", time: "09:30", channel: "C7" }, teacher);
    const shown = await tutor.run("class", { subcommand: "settings" }, teacher);
    expect(shown.text).toContain("resets Monday 00:00 (Europe/Berlin)");
    const changes = shown.text.split("**Latest changes**\n")[1]?.split("\n");
    expect(changes).toEqual([
      "• 2026-03-04 12:10 UTC, <@boss>: daily question set to 09:30 (UTC) in <#C7>",
      "• 2026-03-04 12:05 UTC, <@deputy>: instructor role set to <@&R42>",
      "• 2026-03-04 12:00 UTC, <@boss>: weekly board resets Monday 00:00 (Europe/Berlin)",
    ]);
  });
});

describe("/class reset-week", () => {
  const confirmOf = (reply: { buttons: { id: string; label: string }[][] }) => {
    const button = reply.buttons.flat().find((candidate) => candidate.label === "Clear the weekly board");
    if (!button) throw new Error("no confirm button");
    return button.id;
  };

  it("GIVEN an instructor confirms THEN the weekly board is empty, all-time is unchanged, and points earned afterwards count", async () => {
    const { tutor, now } = harness({ now: new Date("2026-03-04T12:00:00Z") });
    const ann = pupil("ann");
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "alpha" }, ann), 4);
    const asked = await tutor.run("class", { subcommand: "reset-week" }, teacher);
    expect(asked.private).toBe(true);
    // Asking alone clears nothing.
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, ann)).text)).toHaveLength(1);

    now.value = new Date("2026-03-04T12:01:00Z");
    const done = await tutor.click(confirmOf(asked), teacher);
    expect(done.text).toMatch(/weekly leaderboard is cleared/);
    const cleared = await tutor.run("leaderboard", { period: "week" }, ann);
    expect(boardLines(cleared.text)).toEqual([]);
    expect(cleared.footer).toMatch(/^The weekly board resets Monday 00:00 UTC \(in 4 days 11 hours\)\.$/);
    expect(boardLines((await tutor.run("leaderboard", { period: "all" }, ann)).text)).toEqual([
      "**1.** ann: 4 points ← you",
    ]);

    now.value = new Date("2026-03-04T12:02:00Z");
    await playQuiz(tutor, pupil("bob"), await tutor.run("quiz", { topic: "alpha" }, pupil("bob")), 2);
    await tutor.run("lesson", { topic: "beta" }, ann);
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "beta" }, ann), 3);
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, ann)).text)).toEqual([
      "**1.** ann: 3 points ← you",
      "**2.** bob: 2 points",
    ]);
    // Next Monday the class is back on the ordinary week.
    now.value = new Date("2026-03-09T00:00:00Z");
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, ann)).text)).toEqual([]);
    await playQuiz(tutor, pupil("bob"), await tutor.run("quiz", { topic: "gamma" }, pupil("bob")), 1);
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, ann)).text)).toEqual([
      "**1.** bob: 1 point",
    ]);
    const settings = await tutor.run("class", { subcommand: "settings" }, teacher);
    expect(settings.text).toContain("cleared 2026-03-04 12:01 UTC");
    expect(settings.text).toContain("<@boss>: weekly board cleared");
  });

  it("GIVEN another instructor's click, an expired confirmation, or one made before a later clear THEN nothing (more) is cleared", async () => {
    const { tutor, now } = harness({ now: new Date("2026-03-04T12:00:00Z") });
    const ann = pupil("ann");
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "alpha" }, ann), 4);
    const first = confirmOf(await tutor.run("class", { subcommand: "reset-week" }, teacher));

    const other = await tutor.click(first, otherTeacher);
    expect(other.text).toMatch(/Only the instructor who asked can confirm/);
    now.value = new Date("2026-03-04T12:06:00Z");
    const expired = await tutor.click(first, teacher);
    expect(expired.text).toMatch(/expired; nothing was cleared/);
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, ann)).text)).toHaveLength(1);

    const third = confirmOf(await tutor.run("class", { subcommand: "reset-week" }, teacher));
    const fourth = confirmOf(await tutor.run("class", { subcommand: "reset-week" }, teacher));
    expect((await tutor.click(third, teacher)).text).toMatch(/is cleared/);
    now.value = new Date("2026-03-04T12:07:00Z");
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "alpha" }, ann), 1);
    const stale = await tutor.click(fourth, teacher);
    expect(stale.text).toMatch(/cleared again since you asked; nothing more was cleared/);
    expect(boardLines((await tutor.run("leaderboard", { period: "week" }, ann)).text)).toEqual([
      "**1.** ann: 1 point ← you",
    ]);
  });

  it("GIVEN a student THEN reset-week is refused and offers no button", async () => {
    const { tutor } = harness();
    const refusal = await tutor.run("class", { subcommand: "reset-week" }, pupil("kid"));
    expect(refusal.text).toMatch(/Only instructors can clear the weekly leaderboard/);
    expect(refusal.buttons.flat()).toEqual([]);
  });
});
