import { afterEach, describe, expect, it } from "vitest";
import { liveTutorFactory } from "./live-tutor.ts";
import { buttonsOf } from "./slack/driver.ts";
import type { StoredMessage } from "./slack/emulator.ts";
import { type Harness, startHarness } from "./slack/harness.ts";

const teacher = { id: "UTEACHER", name: "teacher" };
const students = Array.from({ length: 6 }, (_, index) => ({
  id: `USTUDENT${index}`,
  name: `student${index}`,
}));
const CHANNEL = "CCLASS";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** The newest message in the channel everyone sees, whose title matches. */
function publicMessage(h: Harness, title: RegExp): StoredMessage | undefined {
  return [...h.emulator.messages]
    .reverse()
    .find(
      (message) =>
        message.channel === CHANNEL && !message.ephemeralTo && title.test(JSON.stringify(message.blocks)),
    );
}

/** What `user` was told privately after `before` messages. */
function privateTo(h: Harness, user: string, before: number): Promise<StoredMessage> {
  return h.emulator.waitFor(
    () => h.emulator.messages.slice(before).find((message) => message.ephemeralTo === user),
    5000,
    `a private answer to ${user}`,
  );
}

const textOf = (message: StoredMessage | undefined) => JSON.stringify(message?.blocks ?? []);

describe("Slack: live class rounds", () => {
  it("GIVEN a workspace admin and a class THEN a round runs in the channel: refusal for students, lock-ins, the tally, the close, the split shared into the channel and standings", async () => {
    const live = await liveTutorFactory(new Date("2026-03-04T12:00:00Z"));
    harness = await startHarness({ makeTutor: live.make });
    const h = harness;
    h.emulator.admins.add(teacher.id);

    // A student may not start one; the refusal is private and says who can.
    let before = h.emulator.messages.length;
    await h.driver.slashCommand(students[0] ?? teacher, "/live", "start adam 20 2", { channel: CHANNEL });
    const refusal = await privateTo(h, students[0]?.id ?? "", before);
    expect(refusal.text).toContain("workspace owners and admins");
    expect(h.emulator.callsTo("users.info").length).toBeGreaterThan(0);

    before = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/live", "start adam 20 2", { channel: CHANNEL });
    await privateTo(h, teacher.id, before);
    const question = await h.emulator.waitFor(() => publicMessage(h, /question 1\/2/), 5000, "the round");
    expect(textOf(question)).toContain("<!date^");
    const buttons = buttonsOf(question);
    expect(buttons.length).toBeGreaterThanOrEqual(2);

    for (const [index, student] of students.entries()) {
      before = h.emulator.messages.length;
      await h.driver.click(
        student,
        question,
        (button) => button.value === buttons[index % buttons.length]?.value,
      );
      const ack = await privateTo(h, student.id, before);
      expect(ack.text).toMatch(/^Locked in: \*?[A-D]/);
    }
    // The tally edit: at most one per 2 s, and it shows the count.
    await h.emulator.waitFor(() => textOf(question).includes("6 answers so far"), 5000, "the tally");
    expect(question.edits).toBe(1);

    // The umbrella form closes the round (chat.update) and ends the session. A restart mid-round is
    // a shared scenario (test/e2e/scenarios.ts).
    await h.driver.slashCommand(teacher, "/descent", "live stop", { channel: CHANNEL });
    await h.emulator.waitFor(() => textOf(question).includes("closed"), 5000, "the result");
    expect(textOf(question)).toContain("6 answers");
    expect(buttonsOf(question)).toHaveLength(0);
    const split = [...h.emulator.files.values()].find((file) => file.name.includes("class-split"));
    expect(split?.altText).toMatch(/How the class answered, 6 answers/);
    expect(split?.channels.has(CHANNEL)).toBe(true);
    const final = await h.emulator.waitFor(() => publicMessage(h, /final standings/), 5000, "the standings");
    expect(textOf(final)).toMatch(/Q1: \d+% right/);
  }, 30_000);

  it("GIVEN the app is not in the channel THEN the admin is told to invite it and no round is left running", async () => {
    const live = await liveTutorFactory();
    harness = await startHarness({ makeTutor: live.make });
    const h = harness;
    h.emulator.admins.add(teacher.id);
    h.emulator.channelsWithoutApp.add("CPRIVATE");
    const before = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/live", "start adam", { channel: "CPRIVATE" });
    const told = await privateTo(h, teacher.id, before);
    expect(told.text).toContain("invite me");
    h.emulator.channelsWithoutApp.delete("CPRIVATE");
    const again = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/live", "start adam", { channel: "CPRIVATE" });
    expect((await privateTo(h, teacher.id, again)).text).toContain("Live session started");
  });
});

describe("Slack: instructors an admin adds", () => {
  it("GIVEN an admin adds a member with /class instructors add @name THEN that member may start a round; a non-admin may not add", async () => {
    const live = await liveTutorFactory();
    harness = await startHarness({ makeTutor: live.make });
    const h = harness;
    h.emulator.admins.add(teacher.id);
    const [assistant, other] = students;
    if (!assistant || !other) throw new Error("students missing");
    // With escaping on, Slack sends a typed @mention as <@U…|name>.
    let before = h.emulator.messages.length;
    await h.driver.slashCommand(other, "/class", `instructors add <@${other.id}|${other.name}>`, {
      channel: CHANNEL,
    });
    expect((await privateTo(h, other.id, before)).text).toContain("Only workspace owners and admins");
    before = h.emulator.messages.length;
    await h.driver.slashCommand(teacher, "/class", `instructors add <@${assistant.id}|${assistant.name}>`, {
      channel: CHANNEL,
    });
    expect((await privateTo(h, teacher.id, before)).text).toContain(
      `\`${assistant.id}\` is an instructor now`,
    );
    before = h.emulator.messages.length;
    await h.driver.slashCommand(assistant, "/live", "start adam 10 1", { channel: CHANNEL });
    expect((await privateTo(h, assistant.id, before)).text).toContain("Live session started");
    before = h.emulator.messages.length;
    await h.driver.slashCommand(other, "/live", "stop", { channel: CHANNEL });
    expect((await privateTo(h, other.id, before)).text).toContain("Only instructors can run live rounds");
  });
});
