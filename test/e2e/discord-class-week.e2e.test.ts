import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { createMemoryStore } from "../../src/core/store/index.ts";
import { createTutor } from "../../src/core/tutor.ts";
import { fakeCatalogue, fakeRenderer, playQuiz } from "../core/fakes.ts";
import { DiscordDriver } from "./discord/driver.ts";
import { INSTRUCTOR } from "./scenarios.ts";

// /class reset-week through the real discord.js client against the emulator: the confirmation is a
// private message with a button; a stale click clears nothing; a fresh one clears the weekly board.

const student = { id: "300000000000000001", name: "ann" };

let driver: DiscordDriver | undefined;
afterEach(async () => {
  await driver?.stop();
  driver = undefined;
});

describe("Discord: /class reset-week", () => {
  it("GIVEN an instructor's confirm button THEN an expired one clears nothing and a fresh one empties the weekly board, all-time unchanged", async () => {
    const now = { value: new Date("2026-03-04T12:00:00Z") };
    const tutor = createTutor({
      commands: COMMANDS,
      catalogue: fakeCatalogue(),
      renderer: fakeRenderer(),
      store: createMemoryStore(silentLogger()),
      logger: silentLogger(),
      clock: () => now.value,
    });
    const d = new DiscordDriver(async () => ({ tutor }));
    driver = d;
    await d.start();
    const guildId = d.emulator.guilds[0]?.id ?? null;
    const ann = {
      platform: "discord" as const,
      userId: student.id,
      userName: student.name,
      communityId: guildId,
    };
    await playQuiz(tutor, ann, await tutor.run("quiz", { topic: "alpha" }, ann), 3);
    expect((await d.command(student, "leaderboard", { period: "week" })).text).toContain("ann: 3 points");

    // A student may not even ask.
    const refused = await d.command(student, "class", {}, "reset-week");
    expect(refused.private).toBe(true);
    expect(refused.buttons.flat()).toEqual([]);

    const asked = await d.command(INSTRUCTOR, "class", {}, "reset-week");
    expect(asked.private).toBe(true);
    expect(asked.text).toContain("Clear this week's leaderboard for everyone?");
    now.value = new Date("2026-03-04T12:06:00Z"); // past the 5 minutes a confirmation is good for
    const expired = await d.click(INSTRUCTOR, asked, "Clear the weekly board");
    expect(expired.text).toMatch(/expired; nothing was cleared/);
    expect((await d.command(student, "leaderboard", { period: "week" })).text).toContain("ann: 3 points");

    const again = await d.command(INSTRUCTOR, "class", {}, "reset-week");
    const done = await d.click(INSTRUCTOR, again, "Clear the weekly board");
    expect(done.text).toMatch(/weekly leaderboard is cleared/);
    // The confirmation was replaced in place: no button left to press twice.
    expect(d.current(again).buttons.flat()).toEqual([]);
    const week = await d.command(student, "leaderboard", { period: "week" });
    expect(week.text).toContain("Nobody has finished a quiz this week yet");
    expect(week.text).toContain("The weekly board resets Monday 00:00 UTC");
    expect((await d.command(student, "leaderboard", { period: "all" })).text).toContain("ann: 3 points");
    const settings = await d.command(INSTRUCTOR, "class", {}, "settings");
    expect(settings.text).toContain(`<@${INSTRUCTOR.id}>: weekly board cleared`);
  }, 60_000);
});
