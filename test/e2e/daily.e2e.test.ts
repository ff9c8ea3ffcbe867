import { afterEach, describe, expect, it } from "vitest";
import { DiscordDriver, toPosted } from "./discord/driver.ts";
import type { InteractionHandle } from "./discord/emulator.ts";
import { liveTutorFactory } from "./live-tutor.ts";
import type { PostedMessage } from "./scenarios.ts";
import { buttonsOf } from "./slack/driver.ts";
import type { StoredMessage } from "./slack/emulator.ts";
import { type Harness, startHarness } from "./slack/harness.ts";

/**
 * The daily question through real discord.js and Bolt: set by an instructor, posted by the bot on
 * its own at the time (the tutor's clock is moved, then its sweep runs), once across a restart,
 * answered by a click, and shown with the next day's post.
 */

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

describe("Discord: the daily question", () => {
  const teacher = { id: "300000000000000001", name: "teacher" };
  const pupil = { id: "300000000000000002", name: "pupil", permissions: "0" };

  async function answer(handle: InteractionHandle, d: DiscordDriver): Promise<PostedMessage> {
    const outcome = await handle.outcome;
    if (outcome.kind !== "message") throw new Error(`the bot answered ${JSON.stringify(outcome)}`);
    const stored = d.emulator.messages.get(outcome.messageId);
    if (!stored) throw new Error("answer vanished");
    return toPosted(stored);
  }
  const posted = (d: DiscordDriver) =>
    [...d.emulator.messages.values()].filter((message) => !message.api.interaction_metadata).map(toPosted);
  const daily = (d: DiscordDriver, user: typeof teacher, options: Record<string, string>) =>
    answer(d.emulator.command({ user, name: "class", subcommand: "daily", options }), d);

  it("GIVEN an instructor sets 09:30 Europe/Berlin THEN one post at 08:30 UTC, none more after a restart, and the next (after the clocks change) shows yesterday's split", async () => {
    const clock = await liveTutorFactory(new Date("2026-03-27T12:00:00Z"));
    const d = new DiscordDriver(clock.make);
    stops.push(() => d.stop());
    await d.start();

    const refused = await daily(d, pupil, { time: "09:30" });
    expect(refused.private).toBe(true);
    expect(refused.text).toContain("Only instructors can set the daily question");
    const badZone = await daily(d, teacher, { time: "09:30", timezone: "Berlin" });
    expect(badZone.text).toContain("IANA time zone");
    const room = d.emulator.guilds[0]?.channelId ?? "";
    const set = await daily(d, teacher, { time: "09:30", timezone: "Europe/Berlin", channel: room });
    expect(set.private).toBe(true);
    expect(set.text).toContain("next post 2026-03-28 08:30 UTC");

    clock.now.value = new Date("2026-03-28T08:30:00Z");
    await clock.closeDue();
    const [question] = posted(d);
    if (!question) throw new Error("no daily question posted");
    expect(question.private).toBe(false);
    expect(question.title).toMatch(/^Daily question · /);
    const right = question.buttons.flat()[0];
    const ack = await d.clickId(pupil, question, right?.id ?? "");
    expect(ack.text).toMatch(/^Locked in: \*\*A\*\*/);

    await d.restartBot();
    await clock.closeDue();
    expect(posted(d)).toHaveLength(1);

    clock.now.value = new Date("2026-03-29T07:30:00Z");
    await clock.closeDue();
    const [, recap, next] = posted(d);
    expect(recap?.title).toMatch(/^Yesterday's daily question/);
    expect(recap?.text).toContain("**Answer:");
    expect(recap?.images[0]?.alt).toMatch(/1 answer/);
    expect(next?.title).toMatch(/^Daily question/);
    expect(d.current(question).buttons.flat()).toHaveLength(0);

    const settings = await answer(
      d.emulator.command({ user: teacher, name: "class", subcommand: "settings", options: {} }),
      d,
    );
    expect(settings.text).toMatch(/\*\*Daily question:\*\* <#\d+> every day at 09:30 \(Europe\/Berlin\)/);
    const off = await daily(d, teacher, { time: "off" });
    expect(off.text).toMatch(/^The daily question is off/);
    clock.now.value = new Date("2026-03-30T07:30:00Z");
    await clock.closeDue();
    expect(posted(d)).toHaveLength(3);
  }, 60_000);
});

describe("Slack: the daily question", () => {
  const teacher = { id: "UTEACH", name: "teacher" };
  const pupil = { id: "UPUPIL", name: "pupil" };
  const CHANNEL = "CDAILY";
  const textOf = (message: StoredMessage | undefined) => JSON.stringify(message?.blocks ?? []);
  const publicMessages = (h: Harness) =>
    h.emulator.messages.filter((message) => message.channel === CHANNEL && !message.ephemeralTo);
  const questions = (h: Harness) =>
    publicMessages(h).filter((message) => textOf(message).includes("Daily question"));
  const privateTo = (h: Harness, user: string, before: number) =>
    h.emulator.waitFor(
      () => h.emulator.messages.slice(before).find((message) => message.ephemeralTo === user),
      5000,
      `a private answer to ${user}`,
    );

  it("GIVEN an admin types /class daily 07:00 THEN the bot posts once at 07:00 UTC, across a restart, and a click is locked in", async () => {
    const clock = await liveTutorFactory(new Date("2026-06-01T06:00:00Z"));
    const h = await startHarness({ makeTutor: clock.make });
    stops.push(() => h.stop());
    h.emulator.admins.add(teacher.id);

    let before = h.emulator.messages.length;
    await h.driver.slashCommand(pupil, "/class", "daily 07:00", { channel: CHANNEL });
    expect((await privateTo(h, pupil.id, before)).text).toContain("Only instructors");
    before = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/class", "daily 25:00", { channel: CHANNEL });
    expect((await privateTo(h, teacher.id, before)).text).toContain("24-hour time");
    before = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/class", "daily 07:00 channel:general", { channel: "CELSEWHERE" });
    expect((await privateTo(h, teacher.id, before)).text).toContain("must be a channel, picked with #");
    // Typed elsewhere, naming the class channel (Slack escapes `#daily` to `<#CDAILY|daily>`).
    before = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/class", `daily 07:00 UTC <#${CHANNEL}|daily>`, {
      channel: "CELSEWHERE",
    });
    expect((await privateTo(h, teacher.id, before)).text).toContain(
      `posts in \`${CHANNEL}\` every day at 07:00 (UTC); next post 2026-06-01 07:00 UTC`,
    );

    clock.now.value = new Date("2026-06-01T07:00:00Z");
    await clock.closeDue();
    const question = await h.emulator.waitFor(() => questions(h)[0], 5000, "the daily question");
    await h.restart();
    await clock.closeDue();
    expect(questions(h)).toHaveLength(1);

    before = h.emulator.messages.length;
    const [first] = buttonsOf(question);
    await h.driver.click(pupil, question, (button) => button.value === first?.value);
    expect((await privateTo(h, pupil.id, before)).text).toMatch(/^Locked in/);

    before = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/class", "daily off", { channel: CHANNEL });
    expect((await privateTo(h, teacher.id, before)).text).toMatch(/^The daily question is off/);
    clock.now.value = new Date("2026-06-02T07:00:00Z");
    await clock.closeDue();
    expect(questions(h)).toHaveLength(1);
  }, 60_000);
});
