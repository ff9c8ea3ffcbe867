import { describe, expect, it } from "vitest";
import { describeDuration, nextWeekStart, weekStart } from "../../../src/core/store/calendar.ts";
import { rankRecords } from "../../../src/core/store/leaderboard.ts";
import { emptyProgress, recordResult } from "../../../src/core/store/progress.ts";
import { harness, playQuiz, student } from "../fakes.ts";

const monday = new Date("2026-03-02T00:00:00Z");

function recordFor(name: string, score: number, when: Date) {
  return recordResult(
    emptyProgress(student(name), when),
    { sessionId: `s-${name}`, quizId: "alpha", score, outOf: 4 },
    when,
  );
}

describe("leaderboard ranking", () => {
  it("GIVEN equal points THEN they share a rank and the next rank skips (1, 1, 3)", () => {
    const now = new Date("2026-03-04T10:00:00Z");
    const rows = rankRecords(
      [recordFor("cy", 2, now), recordFor("al", 4, now), recordFor("bo", 4, now)],
      "all",
      now,
    );
    expect(rows.map((row) => [row.userName, row.rank])).toEqual([
      ["al", 1],
      ["bo", 1],
      ["cy", 3],
    ]);
  });

  it("GIVEN points from last week THEN the weekly board drops them at Monday 00:00 UTC, all-time keeps them", () => {
    const sunday = new Date("2026-03-08T23:59:00Z");
    const records = [recordFor("al", 3, sunday)];
    expect(rankRecords(records, "week", sunday)).toHaveLength(1);
    const afterReset = new Date("2026-03-09T00:00:00Z");
    expect(rankRecords(records, "week", afterReset)).toHaveLength(0);
    expect(rankRecords(records, "all", afterReset)[0]?.points).toBe(3);
  });

  it("GIVEN a retaken quiz THEN points count the best score once, not every attempt", () => {
    const now = new Date("2026-03-04T10:00:00Z");
    let record = emptyProgress(student("al"), now);
    record = recordResult(record, { sessionId: "a", quizId: "alpha", score: 3, outOf: 4 }, now);
    record = recordResult(record, { sessionId: "b", quizId: "alpha", score: 2, outOf: 4 }, now);
    record = recordResult(record, { sessionId: "b", quizId: "alpha", score: 2, outOf: 4 }, now);
    expect(record.points).toBe(3);
    expect(record.quizzes.alpha).toMatchObject({ best: 3, latest: 2, attempts: 2 });
  });

  it("GIVEN the calendar THEN weeks start on Monday UTC", () => {
    expect(weekStart(new Date("2026-03-08T23:59:59Z")).toISOString()).toBe(monday.toISOString());
    expect(weekStart(monday).toISOString()).toBe(monday.toISOString());
    expect(nextWeekStart(new Date("2026-03-04T12:00:00Z")).toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(describeDuration((4 * 24 + 12) * 60 * 60_000)).toBe("4 days 12 hours");
  });
});

describe("/leaderboard", () => {
  it("GIVEN 12 students THEN the top 10 plus the caller's own row, and the weekly reset is stated", async () => {
    const { tutor } = harness({ now: new Date("2026-03-04T12:00:00Z") });
    for (let index = 0; index < 12; index++) {
      const who = student(`s${String(index).padStart(2, "0")}`);
      await playQuiz(tutor, who, await tutor.run("quiz", { topic: "alpha" }, who), index >= 8 ? 0 : 4);
    }
    const board = await tutor.run("leaderboard", { period: "week" }, student("s11"));
    expect(board.private).toBe(false);
    const rows = board.text.split("\n").filter((line) => /^\*\*\d+\.\*\*/.test(line));
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatch(/\*\*1\.\*\* s00: 4 points/);
    expect(rows[7]).toMatch(/\*\*1\.\*\* s07: 4 points/);
    expect(rows[8]).toMatch(/\*\*9\.\*\* s08: 0 points/);
    expect(rows[10]).toMatch(/\*\*9\.\*\* s11: 0 points ← you/);
    expect(board.footer).toMatch(/resets Monday 00:00 UTC \(in 4 days 12 hours\)/);
  });

  it("GIVEN a direct message THEN a friendly refusal", async () => {
    const { tutor } = harness();
    const reply = await tutor.run("leaderboard", { period: "all" }, student("al", null));
    expect(reply.private).toBe(true);
    expect(reply.text).toMatch(/server or workspace/);
  });

  it("GIVEN a name that tries to ping everyone THEN the board shows it inert", async () => {
    const { tutor } = harness();
    const who = { ...student("u1"), userName: "@everyone <@123>" };
    await playQuiz(tutor, who, await tutor.run("quiz", { topic: "alpha" }, who), 1);
    const board = await tutor.run("leaderboard", { period: "all" }, student("u2"));
    expect(board.text).not.toMatch(/@everyone|<@123>/);
  });
});
