import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { createMemoryStore } from "../../src/core/store/index.ts";
import { createTutor } from "../../src/core/tutor.ts";
import { fakeCatalogue, fakeRenderer, playQuiz } from "../core/fakes.ts";
import type { StoredMessage } from "./slack/emulator.ts";
import { type Harness, startHarness } from "./slack/harness.ts";

// The weekly board's settings and /class reset-week through the real Bolt app against the emulator:
// typed commands, a private confirmation with a button, and the weekly board emptied by the click.

const teacher = { id: "UTEACH", name: "teacher" };
const pupil = { id: "UPUPIL", name: "pupil" };

/** What the user sees of a message: its fallback text and its blocks' text. */
const shown = (message: StoredMessage) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe("Slack: /class settings (weekly board) and /class reset-week", () => {
  let harness: Harness;
  const now = { value: new Date("2026-03-04T12:00:00Z") };
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue: fakeCatalogue(),
    renderer: fakeRenderer(),
    store: createMemoryStore(silentLogger()),
    logger: silentLogger(),
    clock: () => now.value,
  });

  beforeAll(async () => {
    harness = await startHarness({ makeTutor: () => tutor });
    // A workspace admin is an instructor; the pupil is a plain member with 3 points this week.
    harness.emulator.admins.add(teacher.id);
    const student = {
      platform: "slack" as const,
      userId: pupil.id,
      userName: pupil.name,
      communityId: harness.emulator.teamId,
    };
    await playQuiz(tutor, student, await tutor.run("quiz", { topic: "alpha" }, student), 3);
  });
  afterAll(() => harness.stop());

  /** Types `/command text` as `user` and resolves with the answer they see (private or in the channel). */
  async function type(user: typeof teacher, command: string, text: string): Promise<StoredMessage> {
    const before = harness.emulator.messages.length;
    await harness.driver.slashCommand(user, command, text);
    return harness.emulator.waitFor(
      () =>
        harness.emulator.messages
          .slice(before)
          .find((message) => (message.ephemeralTo ?? user.id) === user.id),
      10_000,
      `the answer to ${user.id}'s /${command} ${text}`,
    );
  }

  it("GIVEN a student THEN changing the week and clearing the board are refused, privately, and nothing changes", async () => {
    const change = await type(pupil, "class", "settings week-timezone:America/New_York week-day:sunday");
    expect(shown(change)).toContain("Only instructors can change the class settings");
    const reset = await type(pupil, "class", "reset-week");
    expect(shown(reset)).toContain("Only instructors can clear the weekly leaderboard");
    expect(reset.blocks.filter((block) => block.type === "actions")).toEqual([]);
    const settings = await type(teacher, "class", "settings");
    expect(shown(settings)).toContain("resets Monday 00:00 UTC");
    expect(shown(settings)).not.toContain(pupil.id);
  });

  it("GIVEN the instructor changes the week THEN /class settings shows the new reset and who changed it; a bad zone changes nothing", async () => {
    const bad = await type(teacher, "class", "settings week-timezone:New_York");
    expect(shown(bad)).toContain("IANA time zone");
    const saved = await type(teacher, "class", "settings week-timezone:America/New_York week-day:sunday");
    expect(shown(saved)).toContain("Saved: the weekly board resets Sunday 00:00 (America/New_York)");
    const settings = await type(teacher, "class", "settings");
    expect(shown(settings)).toContain("resets Sunday 00:00 (America/New_York)");
    expect(shown(settings)).toMatch(
      new RegExp(`${teacher.id}.*weekly board resets Sunday 00:00 \\(America/New_York\\)`),
    );
    expect(shown(settings)).not.toContain("Saved:");
    // An added instructor is named as on the change log: Slack would show `<@…>` escaped as literal text.
    await type(teacher, "class", "instructors add <@UPROF|prof>");
    const listed = await type(teacher, "class", "settings");
    expect(shown(listed)).toContain("Added instructors:* `UPROF`");
    expect(shown(listed)).not.toContain("&lt;@");
  });

  it("GIVEN /class reset-week and the confirmation button THEN the weekly board is empty, all-time kept, and the clear is logged", async () => {
    expect(shown(await type(pupil, "leaderboard", "week"))).toContain("pupil: 3 points");
    now.value = new Date("2026-03-04T12:01:00Z"); // a minute after the pupil's quiz
    const asked = await type(teacher, "class", "reset-week");
    expect(shown(asked)).toContain("Clear this week's leaderboard for everyone?");
    // Only the instructor sees the confirmation, so only they can press it.
    await expect(
      harness.driver.click(pupil, asked, (button) => button.label === "Clear the weekly board"),
    ).rejects.toThrow(/cannot see/);
    await harness.driver.click(teacher, asked, (button) => button.label === "Clear the weekly board");
    await harness.emulator.waitFor(
      () => (asked.edits > 0 ? asked : undefined),
      10_000,
      "the confirmation replaced in place",
    );
    expect(shown(asked)).toContain("The weekly leaderboard is cleared");
    expect(asked.blocks.filter((block) => block.type === "actions")).toEqual([]);

    const week = await type(pupil, "leaderboard", "week");
    expect(shown(week)).toContain("Nobody has finished a quiz this week yet");
    expect(shown(week)).toContain("resets Sunday 00:00 (America/New_York)");
    expect(shown(await type(pupil, "leaderboard", "all"))).toContain("pupil: 3 points");
    const settings = await type(teacher, "class", "settings");
    expect(shown(settings)).toMatch(new RegExp(`${teacher.id}.*weekly board cleared`));
    expect(shown(settings)).toContain("cleared 2026-03-04 12:01 UTC");
    expect(harness.emulator.calls.filter((call) => !call.ok && call.method !== "users.info")).toEqual([]);
  });
});
