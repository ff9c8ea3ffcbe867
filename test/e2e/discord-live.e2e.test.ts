import { afterEach, describe, expect, it } from "vitest";
import { DiscordDriver, toPosted } from "./discord/driver.ts";
import type { InteractionHandle } from "./discord/emulator.ts";
import { TEACHING_ROLE } from "./discord/payloads.ts";
import { liveTutorFactory } from "./live-tutor.ts";
import type { PostedMessage } from "./scenarios.ts";

/** Discord ids; the teacher has every permission (Manage Server), the others none. */
const teacher = { id: "200000000000000001", name: "teacher" };
const ROLE = TEACHING_ROLE;
const assistant = { id: "200000000000000002", name: "assistant", permissions: "0", roles: [ROLE] };
const students = Array.from({ length: 5 }, (_, index) => ({
  id: `20000000000000010${index}`,
  name: `student${index}`,
  permissions: "0",
}));

let driver: DiscordDriver | undefined;
afterEach(async () => {
  await driver?.stop();
  driver = undefined;
});

async function answer(d: DiscordDriver, handle: InteractionHandle): Promise<PostedMessage> {
  const outcome = await handle.outcome;
  if (outcome.kind !== "message") throw new Error(`the bot answered ${JSON.stringify(outcome)}`);
  const stored = d.emulator.messages.get(outcome.messageId);
  if (!stored) throw new Error("answer vanished");
  return toPosted(stored);
}

/** The bot's own channel messages (not interaction answers), newest last. */
function channelMessages(d: DiscordDriver): PostedMessage[] {
  return [...d.emulator.messages.values()]
    .filter((message) => !message.api.interaction_metadata)
    .map(toPosted);
}

function live(
  d: DiscordDriver,
  user: typeof teacher,
  subcommand: string,
  options: Record<string, string | number> = {},
) {
  return answer(d, d.emulator.command({ user, name: "live", subcommand, options }));
}

describe("Discord: live class rounds", () => {
  it("GIVEN instructors by Manage Server or the chosen role THEN a round runs in the channel, survives token expiry, and closes once with the split picture", async () => {
    const clock = await liveTutorFactory(new Date("2026-03-04T12:00:00Z"));
    const d = new DiscordDriver(clock.make);
    driver = d;
    await d.start();

    // A student: private refusal naming who can; nothing posted.
    const refused = await live(d, students[0] ?? teacher, "start", { quiz: "adam" });
    expect(refused.private).toBe(true);
    expect(refused.text).toContain("Manage Server");
    expect(channelMessages(d)).toHaveLength(0);

    // Only Manage Server chooses the role; then the assistant, who holds it, may run rounds.
    const notAllowed = await answer(
      d,
      d.emulator.command({
        user: assistant,
        name: "class",
        subcommand: "instructor-role",
        options: { role: ROLE },
      }),
    );
    expect(notAllowed.text).toContain("Only members with the **Manage Server** permission");
    const chosen = await answer(
      d,
      d.emulator.command({
        user: teacher,
        name: "class",
        subcommand: "instructor-role",
        options: { role: ROLE },
      }),
    );
    expect(chosen.text).toContain(`<@&${ROLE}>`);

    const started = await live(d, assistant, "start", { quiz: "adam", seconds: 20, questions: 2 });
    expect(started.private).toBe(true);
    expect(started.text).toContain("Live session started: 2 questions");
    const [question] = channelMessages(d);
    if (!question) throw new Error("no round posted");
    expect(question.private).toBe(false);
    expect(question.text).toMatch(/<t:\d+:R>/);

    for (const [index, student] of students.entries()) {
      const choice = question.buttons.flat()[index % 2];
      const ack = await d.clickId(student, question, choice?.id ?? "");
      expect(ack.private).toBe(true);
      expect(ack.text).toMatch(/^Locked in: \*\*[A-D]\*\*/);
    }

    // Every interaction token is now past its 15 minutes; the deadline passed. (A restart mid-round
    // is a shared scenario, test/e2e/scenarios.ts.)
    d.emulator.clock.advance(16 * 60_000);
    clock.now.value = new Date("2026-03-04T12:20:00Z");
    await clock.closeDue();
    const closed = d.current(question);
    expect(closed.title).toContain("closed");
    expect(closed.buttons.flat()).toHaveLength(0);
    expect(closed.images[0]?.alt).toMatch(/How the class answered, 5 answers/);

    // Discord takes no clicks on buttons a message no longer has; the closed round has none.
    const next = await live(d, teacher, "next");
    expect(next.text).toBe("Question 2/2 is up.");
    expect(channelMessages(d)[1]?.title).toContain("question 2/2");
    await live(d, teacher, "stop");
    const final = channelMessages(d).at(-1);
    expect(final?.title).toContain("final standings");
    expect(final?.text).toMatch(/Q1: \d+% right/);
  }, 60_000);

  it("GIVEN the bot may not post in the channel THEN the instructor is told which permissions to grant", async () => {
    const clock = await liveTutorFactory();
    const d = new DiscordDriver(clock.make);
    driver = d;
    await d.start();
    d.emulator.channelsWithoutAccess.add(d.emulator.guilds[0]?.channelId ?? "");
    const reply = await live(d, teacher, "start", { quiz: "adam" });
    expect(reply.text).toContain("Send Messages");
  });
});
