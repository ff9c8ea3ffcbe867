import { afterEach, describe, expect, it } from "vitest";
import { OutboundRefusedError } from "../../../src/core/outbound.ts";
import type { Reply } from "../../../src/core/reply.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import { harness } from "../fakes.ts";
import { pupil, RecordingChannel, teacher } from "./fake-outbound.ts";

const tutors: Tutor[] = [];
afterEach(() => {
  for (const tutor of tutors.splice(0)) tutor.shutdown?.();
});

async function classroom(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  tutors.push(h.tutor);
  const channel = new RecordingChannel();
  await h.tutor.connect?.("discord", channel);
  return { ...h, channel };
}

function buttonFor(reply: Reply | undefined, word: "right" | "wrong") {
  const button = reply?.buttons.flat().find((candidate) => candidate.label.includes(word));
  if (!button) throw new Error(`no ${word} button on ${reply?.text}`);
  return button;
}

describe("/live", () => {
  it("GIVEN a student who is not an instructor THEN a private refusal that says who can, and nothing is posted", async () => {
    const { tutor, channel } = await classroom();
    const reply = await tutor.run("live", { subcommand: "start", quiz: "alpha" }, pupil("kid"));
    expect(reply.private).toBe(true);
    expect(reply.text).toContain("Only instructors can run live rounds");
    expect(reply.text).toContain("Manage Server");
    expect(channel.posts).toHaveLength(0);
  });

  it("GIVEN an instructor starts a round THEN the channel gets the question with a button per choice and a deadline; a second start is refused naming who started", async () => {
    const { tutor, channel, now } = await classroom();
    const started = await tutor.run(
      "live",
      { subcommand: "start", quiz: "alpha", seconds: 30, questions: 2 },
      teacher,
    );
    expect(started.private).toBe(true);
    expect(started.text).toContain("Live session started: 2 questions");
    expect(channel.posts).toHaveLength(1);
    const question = channel.posts[0]?.reply;
    expect(question?.private).toBe(false);
    expect(question?.buttons.flat()).toHaveLength(3);
    expect(question?.closesAt?.getTime()).toBe(now.value.getTime() + 30_000);
    const again = await tutor.run("live", { subcommand: "start", quiz: "beta" }, teacher);
    expect(again.text).toContain("already running here, started by teacher");
    expect(channel.posts).toHaveLength(1);
  });

  it("GIVEN students click THEN each is locked in privately at once, the first click counts, and nothing says right or wrong", async () => {
    const { tutor, channel } = await classroom();
    await tutor.run("live", { subcommand: "start", quiz: "alpha" }, teacher);
    const question = channel.posts[0]?.reply;
    const wrong = buttonFor(question, "wrong");
    const right = buttonFor(question, "right");
    const first = await tutor.click(wrong.id, pupil("ann"));
    expect(first.private).toBe(true);
    expect(first.text).toMatch(/^Locked in: \*\*[ABC]\*\*/);
    expect(first.text).not.toMatch(/right|wrong|correct/i);
    const second = await tutor.click(right.id, pupil("ann"));
    expect(second.text).toContain(`**${first.text.match(/\*\*([ABC])\*\*/)?.[1]}** stays locked in`);
  });

  it("GIVEN the deadline passes THEN the round closes once: the answer, why, the split picture with counts, the top five; a late click changes nothing", async () => {
    const { tutor, channel, now, catalogue, store } = await classroom();
    const quiz = catalogue.quizzes.get("alpha");
    for (const question of quiz?.questions ?? [])
      question.explanation = [
        "Because alpha.",
        ...question.choices
          .filter((choice) => !choice.correct)
          .map((choice) => `• ${choice.label}: it forgets the gradient.`),
      ].join("\n");
    await tutor.run("live", { subcommand: "start", quiz: "alpha", seconds: 20, questions: 1 }, teacher);
    const question = channel.posts[0]?.reply;
    now.value = new Date(now.value.getTime() + 2_000);
    await tutor.click(buttonFor(question, "right").id, pupil("fast"));
    now.value = new Date(now.value.getTime() + 10_000);
    await tutor.click(buttonFor(question, "right").id, pupil("slow"));
    await tutor.click(buttonFor(question, "wrong").id, pupil("miss"));
    now.value = new Date(now.value.getTime() + 9_000);
    await tutor.closeDue?.();
    await tutor.closeDue?.();
    const results = channel.latest("m1");
    expect(results?.title).toContain("closed");
    expect(results?.text).toContain("**Answer:");
    expect(results?.text).toContain("2 (67%) right");
    expect(results?.text).toContain("Because alpha.");
    expect(results?.buttons).toEqual([]);
    expect(results?.images[0]?.alt).toMatch(/3 answers: .*\(correct\): 2 \(67%\)/);
    // Faster correct answers score more; the wrong one scores nothing.
    const top = results?.text.split("**Top 5 so far**\n")[1] ?? "";
    expect(top.split("\n").map((line) => line.replace(/: \d+ points?$/, ""))).toEqual([
      "**1.** fast",
      "**2.** slow",
      "**3.** miss",
    ]);
    expect(top).toMatch(/fast: (\d+) points\n\*\*2\.\*\* slow: (\d+) points\n\*\*3\.\*\* miss: 0 points/);
    // One question: the session ended with the final standings and a line for the question.
    const final = channel.posts[1]?.reply;
    expect(final?.title).toContain("final standings");
    expect(final?.text).toContain("Q1: 67% right; 33% chose");
    expect(final?.text).toContain("it forgets the gradient");
    expect(channel.posts).toHaveLength(2);
    // Live answers count as each student's answers in their own progress.
    expect((await store.getProgress(pupil("miss"), now.value)).answered).toBe(1);
    expect((await store.getProgress(pupil("late"), now.value)).answered).toBe(0);
    const late = await tutor.click(buttonFor(question, "right").id, pupil("late"));
    expect(late.text).toMatch(/closed|isn't running/);
  });

  it("GIVEN /live next and /live stop THEN the round closes early, the next question is posted, and stop ends with standings", async () => {
    const { tutor, channel } = await classroom();
    await tutor.run("live", { subcommand: "start", quiz: "alpha", questions: 3 }, teacher);
    await tutor.click(buttonFor(channel.posts[0]?.reply, "right").id, pupil("ann"));
    const next = await tutor.run("live", { subcommand: "next" }, teacher);
    expect(next.text).toBe("Question 2/3 is up.");
    expect(channel.latest("m1")?.title).toContain("closed");
    expect(channel.posts[1]?.reply.title).toContain("question 2/3");
    const late = await tutor.click(buttonFor(channel.posts[0]?.reply, "right").id, pupil("bob"));
    expect(late.text).toMatch(/closed/);
    const stopped = await tutor.run("live", { subcommand: "stop" }, teacher);
    expect(stopped.text).toContain("ended");
    const final = channel.posts[2]?.reply;
    expect(final?.title).toContain("final standings");
    expect(final?.text).toContain("**1.** ann");
    expect(final?.text).toContain("Q1: 100% right");
    const after = await tutor.run("live", { subcommand: "next" }, teacher);
    expect(after.text).toContain("No live session is running");
  });

  it("GIVEN a forged or foreign button id THEN a polite refusal and nothing counts", async () => {
    const { tutor, channel, now } = await classroom();
    await tutor.run("live", { subcommand: "start", quiz: "alpha", questions: 1 }, teacher);
    const forged = await tutor.click("lv:0123456789ab:0:1", pupil("ann"));
    expect(forged.text).toContain("isn't running in this channel");
    const elsewhere = await tutor.click(buttonFor(channel.posts[0]?.reply, "right").id, {
      ...pupil("ann"),
      channelId: "another",
    });
    expect(elsewhere.text).toContain("isn't running in this channel");
    expect((await tutor.click("lv:zz", pupil("ann"))).text).toContain("isn't one I recognise");
    now.value = new Date(now.value.getTime() + 60_000);
    await tutor.closeDue?.();
    expect(channel.latest("m1")?.images[0]?.alt).toContain("0 answers");
  });

  it("GIVEN the app may not post in the channel THEN the instructor is told what to do and no session is left running", async () => {
    const { tutor, channel } = await classroom();
    channel.refuse = new OutboundRefusedError(
      "I'm not in this channel: invite me with `/invite @Descent`, then start again.",
    );
    const reply = await tutor.run("live", { subcommand: "start", quiz: "alpha" }, teacher);
    expect(reply.text).toContain("invite me");
    channel.refuse = undefined;
    const again = await tutor.run("live", { subcommand: "start", quiz: "alpha" }, teacher);
    expect(again.text).toContain("Live session started");
  });

  it("GIVEN a restart mid-round THEN a new process re-arms the stored deadline, closes it, and acknowledged answers count", async () => {
    const first = await classroom();
    await first.tutor.run("live", { subcommand: "start", quiz: "alpha", questions: 1 }, teacher);
    await first.tutor.click(buttonFor(first.channel.posts[0]?.reply, "right").id, pupil("ann"));
    first.tutor.shutdown?.();
    const second = await classroom({
      store: first.store,
      now: new Date(first.now.value.getTime() + 3_600_000),
    });
    // connect() found the open round; its deadline passed while "down", so it closes at once.
    await second.tutor.closeDue?.();
    const results = second.channel.edits.find((edit) => edit.id === "m1")?.reply;
    expect(results?.images[0]?.alt).toContain("(correct): 1 (100%)");
    expect(second.channel.posts[0]?.reply.text).toContain("**1.** ann");
  });
});
