import { describe, expect, it, vi } from "vitest";
import { declaration as practiceDeclaration } from "../../../commands/practice.ts";
import { parseCommandText } from "../../../src/core/command-line.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import {
  type DirectOutcome,
  REMINDER_REFUSALS_MAX,
  Reminders,
} from "../../../src/core/practice/reminders.ts";
import type { Reply } from "../../../src/core/reply.ts";
import type { Invoker } from "../../../src/core/tutor-api.ts";
import { fakeCatalogue, harness, student } from "../fakes.ts";

const MONDAY = new Date("2026-11-30T10:00:00Z");
const DAY_MS = 86_400_000;
const who = student("ana");

/** The platform side of a direct message: records what reached the student, or refuses it. */
function platform(outcome: DirectOutcome = "sent") {
  const sent: Array<{ who: Invoker; reply: Reply }> = [];
  const attempts: Invoker[] = [];
  const messenger = {
    outcome,
    async send(to: Invoker, reply: Reply): Promise<DirectOutcome> {
      attempts.push(to);
      if (messenger.outcome === "sent") sent.push({ who: to, reply });
      return messenger.outcome;
    },
  };
  return { messenger, sent, attempts };
}

/** A student who missed one question on Monday (due Tuesday), with the reminder on or off. */
async function studentWithMiss(remind: "on" | "off" | undefined) {
  const h = harness({ now: MONDAY, catalogue: fakeCatalogue(1, 1) });
  const quiz = await h.tutor.run("quiz", { topic: "alpha" }, who);
  const wrong = quiz.buttons.flat().find((button) => button.label.includes("wrong"));
  if (!wrong) throw new Error("no wrong choice");
  await h.tutor.click(wrong.id, who);
  const answer = remind && (await h.tutor.run("practice", { remind }, who));
  const reminders = (messenger: ReturnType<typeof platform>["messenger"]) =>
    new Reminders({
      store: h.store,
      catalogue: () => h.catalogue,
      clock: () => h.now.value,
      logger: silentLogger(),
      messengers: { discord: messenger },
    });
  return { h, answer, reminders };
}

describe("the daily practice reminder", () => {
  it("GIVEN `/practice remind on` typed THEN it reads as the remind option", () => {
    expect(parseCommandText(practiceDeclaration, "remind on")).toEqual({
      ok: true,
      options: { remind: "on" },
    });
    expect(parseCommandText(practiceDeclaration, "remind=off")).toEqual({
      ok: true,
      options: { remind: "off" },
    });
  });

  it("GIVEN the reminder on and a review due THEN one private message a day, from one process only", async () => {
    const { h, answer, reminders } = await studentWithMiss("on");
    expect(answer?.private).toBe(true);
    expect(answer?.text).toMatch(/reminder on/i);
    const { messenger, sent } = platform();
    const first = reminders(messenger);
    const second = reminders(messenger);
    // Monday: turned on just now, and the missed question is due tomorrow.
    await first.sweep();
    expect(sent).toHaveLength(0);

    h.now.value = new Date(MONDAY.getTime() + DAY_MS);
    await Promise.all([first.sweep(), second.sweep()]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.who).toEqual({ ...who, userName: "ana" });
    expect(sent[0]?.reply.private).toBe(true);
    expect(sent[0]?.reply.text).toContain("1 review due today");
    expect(sent[0]?.reply.buttons.flat()).toHaveLength(0);
    // Later the same day, and after a restart (a new sweeper on the same store): nothing more.
    h.now.value = new Date(h.now.value.getTime() + 6 * 3_600_000);
    await reminders(messenger).sweep();
    expect(sent).toHaveLength(1);

    // The next day, still not practised: one more.
    h.now.value = new Date(MONDAY.getTime() + 2 * DAY_MS);
    await first.sweep();
    expect(sent).toHaveLength(2);
  });

  it("GIVEN a reminder whose time passed while the bot was down THEN start-up sends it", async () => {
    const { h, reminders } = await studentWithMiss("on");
    const { messenger, sent } = platform();
    h.now.value = new Date(MONDAY.getTime() + 3 * DAY_MS);
    const stop = reminders(messenger).start();
    try {
      await vi.waitFor(() => expect(sent).toHaveLength(1));
    } finally {
      stop();
    }
  });

  it("GIVEN nothing due, or the reminder off THEN no message", async () => {
    const off = await studentWithMiss("off");
    const quiet = platform();
    off.h.now.value = new Date(MONDAY.getTime() + DAY_MS);
    await off.reminders(quiet.messenger).sweep();
    expect(quiet.attempts).toHaveLength(0);

    const on = await studentWithMiss("on");
    // Tuesday's review done before the reminder's time: nothing is due when it comes.
    on.h.now.value = new Date(MONDAY.getTime() + DAY_MS - 60_000);
    const practice = await on.h.tutor.run("practice", {}, who);
    const right = practice.buttons.flat().find((button) => button.label.includes("right"));
    if (!right) throw new Error(`no question on: ${practice.text}`);
    await on.h.tutor.click(right.id, who);
    on.h.now.value = new Date(MONDAY.getTime() + DAY_MS);
    await on.reminders(quiet.messenger).sweep();
    expect(quiet.attempts).toHaveLength(0);
  });

  it("GIVEN the platform refuses the message THEN it stops after a few days, says so, and `remind on` starts it again", async () => {
    const { h, reminders } = await studentWithMiss("on");
    const { messenger, attempts, sent } = platform("refused");
    const sweeper = reminders(messenger);
    for (let day = 1; day <= REMINDER_REFUSALS_MAX + 3; day++) {
      h.now.value = new Date(MONDAY.getTime() + day * DAY_MS);
      await sweeper.sweep();
    }
    expect(attempts).toHaveLength(REMINDER_REFUSALS_MAX);
    // With the review done, /practice has nothing due and explains the stop.
    const practice = await h.tutor.run("practice", {}, who);
    const right = practice.buttons.flat().find((button) => button.label.includes("right"));
    if (right) await h.tutor.click(right.id, who);
    expect((await h.tutor.run("practice", {}, who)).text).toMatch(/reminder stopped/i);

    messenger.outcome = "sent";
    await h.tutor.run("practice", { remind: "on" }, who);
    h.now.value = new Date(h.now.value.getTime() + 30 * DAY_MS);
    await sweeper.sweep();
    expect(sent).toHaveLength(1);
  });
});
