import { afterAll, describe, expect, it } from "vitest";
import { nextPostAt } from "../../../src/core/daily/schedule.ts";
import type { Reply } from "../../../src/core/reply.ts";
import type { Invoker } from "../../../src/core/tutor-api.ts";
import { fakeCatalogue, harness, student } from "../fakes.ts";
import { RecordingChannel } from "../live/fake-outbound.ts";
import { BACKENDS, freshCommunity, removeTempDirs } from "../store/backends.ts";

afterAll(removeTempDirs);

// A channel per community: a Redis store keeps other runs' schedules, which post in their own channels.
const roomOf = (community: string) => `room-${community}`;
const teacherIn = (community: string): Invoker => ({
  ...student("teacher", community),
  channelId: roomOf(community),
  canManageCommunity: async () => true,
});
const postsIn = (channels: RecordingChannel[], community: string, title: string) =>
  channels
    .flatMap((channel) => channel.posts)
    .filter((post) => post.channelId === roomOf(community) && post.reply.title?.startsWith(title));
const questionsIn = (channels: RecordingChannel[], community: string) =>
  postsIn(channels, community, "Daily question");
const recapsIn = (channels: RecordingChannel[], community: string) =>
  postsIn(channels, community, "Yesterday");
const rightOf = (reply: Reply | undefined) =>
  reply?.buttons.flat().find((button) => button.label.includes("right"))?.id ?? "";

describe.each(BACKENDS)("the daily question with several processes on one $name store", (backend) => {
  it.skipIf(backend.skip)(
    "GIVEN 09:30 Europe/Berlin and two processes THEN one post a day, none on restart, the DST day at 07:30 UTC, and a day missed while down posts once",
    async () => {
      const place = backend.place();
      const community = freshCommunity();
      const teacher = teacherIn(community);
      const processes: Array<ReturnType<typeof harness>> = [];
      const channels: RecordingChannel[] = [];
      const boot = async (now: Date) => {
        const process = harness({ store: await backend.open(place), now });
        const channel = new RecordingChannel();
        await process.tutor.connect?.("discord", channel);
        processes.push(process);
        channels.push(channel);
        return process;
      };
      const setAll = (iso: string) => {
        for (const process of processes) process.now.value = new Date(iso);
      };
      const tickAll = (alive: Array<ReturnType<typeof harness>>) =>
        Promise.all(alive.flatMap((process) => [process.tutor.closeDue?.(), process.tutor.closeDue?.()]));
      try {
        const a = await boot(new Date("2026-03-27T12:00:00Z"));
        const b = await boot(new Date("2026-03-27T12:00:00Z"));
        const set = await a.tutor.run(
          "class",
          { subcommand: "daily", time: "09:30", timezone: "Europe/Berlin" },
          teacher,
        );
        // Winter time: 09:30 in Berlin is 08:30 UTC.
        expect(set.text).toContain("every day at 09:30 (Europe/Berlin); next post 2026-03-28 08:30 UTC");
        setAll("2026-03-28T08:29:59Z");
        await tickAll([a, b]);
        expect(questionsIn(channels, community)).toHaveLength(0);
        setAll("2026-03-28T08:30:00Z");
        await tickAll([a, b]);
        expect(questionsIn(channels, community)).toHaveLength(1);
        const first = questionsIn(channels, community)[0];
        expect(first?.channelId).toBe(roomOf(community));
        const pupil = { ...student("ann", community), channelId: roomOf(community) };
        expect((await b.tutor.click(rightOf(first?.reply), pupil)).text).toMatch(/^Locked in/);

        // B restarts an hour later: its start-up sweep posts nothing more today.
        b.tutor.shutdown?.();
        await b.store.close();
        processes.splice(processes.indexOf(b), 1);
        setAll("2026-03-28T09:30:00Z");
        const c = await boot(new Date("2026-03-28T09:30:00Z"));
        await tickAll([a, c]);
        expect(questionsIn(channels, community)).toHaveLength(1);

        // The clocks go forward on 29 March: 09:30 in Berlin is now 07:30 UTC.
        setAll("2026-03-29T07:29:59Z");
        await tickAll([a, c]);
        expect(questionsIn(channels, community)).toHaveLength(1);
        setAll("2026-03-29T07:30:00Z");
        await tickAll([a, c]);
        expect(questionsIn(channels, community)).toHaveLength(2);
        const recaps = recapsIn(channels, community);
        expect(recaps).toHaveLength(1);
        expect(recaps[0]?.reply.text).toMatch(/\*\*Answer: [A-C]\. right .*\*\* · 1 \(100%\) right/);
        expect(recaps[0]?.reply.text).toMatch(/Because \w+ \d\./);
        expect(recaps[0]?.reply.images[0]?.alt).toContain("1 answer");
        // The answer counted in the student's own progress, like a live round's.
        expect((await a.store.getProgress(pupil, a.now.value)).answered).toBe(1);

        // Everyone is down from the 29th to the 31st afternoon: one post on start-up, not three.
        for (const process of processes.splice(0)) {
          process.tutor.shutdown?.();
          await process.store.close();
        }
        const d = await boot(new Date("2026-03-31T15:00:00Z"));
        const e = await boot(new Date("2026-03-31T15:00:00Z"));
        await tickAll([d, e]);
        expect(questionsIn(channels, community)).toHaveLength(3);
        const settings = await d.tutor.run("class", { subcommand: "settings" }, teacher);
        expect(settings.text).toContain("next post 2026-04-01 07:30 UTC, set by teacher");
      } finally {
        for (const process of processes) {
          process.tutor.shutdown?.();
          await process.store.close();
        }
      }
    },
    30_000,
  );
});

describe("the daily post time", () => {
  it("GIVEN 09:30 Europe/Berlin THEN it is 07:30 UTC in summer and 08:30 UTC after the clocks go back on 25 October", () => {
    expect(nextPostAt("09:30", "Europe/Berlin", new Date("2026-10-24T12:00:00Z")).toISOString()).toBe(
      "2026-10-25T08:30:00.000Z",
    );
    expect(nextPostAt("09:30", "Europe/Berlin", new Date("2026-10-23T12:00:00Z")).toISOString()).toBe(
      "2026-10-24T07:30:00.000Z",
    );
    expect(nextPostAt("00:00", "America/New_York", new Date("2026-06-01T03:59:00Z")).toISOString()).toBe(
      "2026-06-01T04:00:00.000Z",
    );
  });
});

describe("/class daily", () => {
  it("GIVEN 7 questions in the content THEN the first 7 days ask each once, and day 8 starts a new round of them", async () => {
    const catalogue = fakeCatalogue(2, 4);
    const community = freshCommunity();
    const { tutor, now } = harness({ catalogue, now: new Date("2026-06-01T00:00:00Z") });
    catalogue.quizzes.get("beta")?.questions.pop();
    const channel = new RecordingChannel();
    await tutor.connect?.("slack", channel);
    const teacher = { ...teacherIn(community), platform: "slack" as const };
    await tutor.run("class", { subcommand: "daily", time: "06:00" }, teacher);
    const prompts: string[] = [];
    for (let day = 1; day <= 8; day++) {
      now.value = new Date(`2026-06-${String(day).padStart(2, "0")}T06:00:00Z`);
      await tutor.closeDue?.();
      const posts = questionsIn([channel], community);
      expect(posts).toHaveLength(day);
      prompts.push(posts[day - 1]?.reply.text.split("\n")[0] ?? "");
    }
    expect(new Set(prompts.slice(0, 7)).size).toBe(7);
    expect(prompts.slice(0, 7)).toContain(prompts[7]);
    tutor.shutdown?.();
  });

  it("GIVEN a daily question is open THEN /live still starts in that channel and both take answers", async () => {
    const community = freshCommunity();
    const { tutor, now } = harness({ now: new Date("2026-06-01T05:00:00Z") });
    const channel = new RecordingChannel();
    await tutor.connect?.("discord", channel);
    const teacher = teacherIn(community);
    await tutor.run("class", { subcommand: "daily", time: "06:00" }, teacher);
    now.value = new Date("2026-06-01T06:00:00Z");
    await tutor.closeDue?.();
    const live = await tutor.run("live", { subcommand: "start", quiz: "alpha", questions: 1 }, teacher);
    expect(live.text).toMatch(/^Live session started/);
    const [daily, round] = channel.posts;
    expect(daily?.reply.title).toMatch(/^Daily question/);
    expect(round?.reply.title).toMatch(/^Live/);
    const pupil = { ...student("bo", community), channelId: roomOf(community) };
    expect((await tutor.click(rightOf(daily?.reply), pupil)).text).toMatch(/^Locked in/);
    expect((await tutor.click(rightOf(round?.reply), pupil)).text).toMatch(/^Locked in/);
    tutor.shutdown?.();
  });

  it("GIVEN bad input or a student THEN a friendly message and nothing is scheduled; off stops it", async () => {
    const community = freshCommunity();
    const { tutor, now } = harness({ now: new Date("2026-06-01T05:00:00Z") });
    const channel = new RecordingChannel();
    await tutor.connect?.("discord", channel);
    const teacher = teacherIn(community);
    const pupil = { ...teacherIn(community), userId: "kid", canManageCommunity: async () => false };
    const refused = await tutor.run("class", { subcommand: "daily", time: "06:00" }, pupil);
    expect(refused.text).toMatch(/Only instructors can set the daily question/);
    const badTime = await tutor.run("class", { subcommand: "daily", time: "25:00" }, teacher);
    expect(badTime.text).toMatch(/24-hour time like `09:30`/);
    const badZone = await tutor.run(
      "class",
      { subcommand: "daily", time: "06:00", timezone: "Mars/Olympus" },
      teacher,
    );
    expect(badZone.text).toMatch(/IANA time zone .*Mars\/Olympus/);
    const settings = await tutor.run("class", { subcommand: "settings" }, teacher);
    expect(settings.text).toContain("**Daily question:** off");
    await tutor.run("class", { subcommand: "daily", time: "06:00" }, teacher);
    const off = await tutor.run("class", { subcommand: "daily", time: "off" }, teacher);
    expect(off.text).toMatch(/^The daily question is off/);
    now.value = new Date("2026-06-02T12:00:00Z");
    await tutor.closeDue?.();
    expect(channel.posts).toHaveLength(0);
    tutor.shutdown?.();
  });
});
