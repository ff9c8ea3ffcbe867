import { createEmptyCard, fsrs, generatorParameters, Rating } from "ts-fsrs";
import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/reply.ts";
import { reviewOf } from "../../../src/core/store/reviews.ts";
import type { TutorStore } from "../../../src/core/store/store.ts";
import type { Invoker, Tutor } from "../../../src/core/tutor-api.ts";
import { fakeCatalogue, harness, student } from "../fakes.ts";
import { RecordingChannel } from "./fake-outbound.ts";

/** The oracle for dates only: FSRS as the issue asks for it (whole days, no fuzz). */
const oracle = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));
const MONDAY = new Date("2026-11-30T10:00:00Z");
const DAY_MS = 86_400_000;
const CHANNEL = "room";
const teacher: Invoker = { ...student("teacher"), channelId: CHANNEL, canManageCommunity: async () => true };
const pupil = (name: string): Invoker => ({ ...student(name), channelId: CHANNEL });
const CARD = "alpha/alpha-q0";

const tutors: Tutor[] = [];
afterEach(() => {
  for (const tutor of tutors.splice(0)) tutor.shutdown?.();
});

/** One question in the course, so only the live round decides what /practice shows. */
async function classroom(options: { store?: TutorStore; now?: Date } = {}) {
  const h = harness({ catalogue: fakeCatalogue(1, 1), now: MONDAY, ...options });
  tutors.push(h.tutor);
  const channel = new RecordingChannel();
  await h.tutor.connect?.("discord", channel);
  return { ...h, channel };
}

function button(reply: Reply | undefined, word: "right" | "wrong") {
  const found = reply?.buttons.flat().find((candidate) => candidate.label.includes(word));
  if (!found) throw new Error(`no ${word} button on ${reply?.text}`);
  return found;
}

/** A store whose process "dies" just before it writes a closed round (after it counted the answers). */
function dyingBeforeClosed(store: TutorStore): TutorStore {
  return new Proxy(store, {
    get(target, name) {
      if (name === "updateClassRecord") {
        const update: TutorStore["updateClassRecord"] = (key, schema, change, ttl) =>
          target.updateClassRecord(
            key,
            schema,
            (current) => {
              const out = change(current);
              if ((out.next as { state?: string } | undefined)?.state === "closed")
                throw new Error("the process died");
              return out;
            },
            ttl,
          );
        return update;
      }
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("live rounds feed spaced practice", () => {
  it("GIVEN a live question answered wrong THEN /practice brings it back on FSRS's date, and a right answer is scheduled further out", async () => {
    const { tutor, channel, now, store } = await classroom();
    await tutor.run("live", { subcommand: "start", quiz: "alpha", seconds: 20, questions: 1 }, teacher);
    const question = channel.posts[0]?.reply;
    const clicked = new Date(MONDAY.getTime() + 5_000);
    now.value = clicked;
    await tutor.click(button(question, "wrong").id, pupil("ana"));
    await tutor.click(button(question, "right").id, pupil("bob"));
    now.value = new Date(MONDAY.getTime() + 60_000);
    await tutor.closeDue?.();
    expect(channel.latest("m1")?.title).toContain("closed");

    const again = oracle.next(createEmptyCard(clicked), clicked, Rating.Again).card.due;
    const good = oracle.next(createEmptyCard(clicked), clicked, Rating.Good).card.due;
    expect(good.getTime()).toBeGreaterThan(again.getTime());
    // Cards keep whole minutes and days: compare the day each falls due.
    const day = (date: Date | undefined) => date?.toISOString().slice(0, 10);
    expect(day(reviewOf(await store.getProgress(pupil("bob"), now.value), CARD)?.card.due)).toBe(day(good));
    expect(day(reviewOf(await store.getProgress(pupil("ana"), now.value), CARD)?.card.due)).toBe(day(again));

    // The day before FSRS's date nothing is due; on the date the missed question is back.
    now.value = new Date(again.getTime() - DAY_MS);
    expect((await tutor.run("practice", {}, pupil("ana"))).text).toContain("Nothing to review");
    now.value = again;
    const back = await tutor.run("practice", {}, pupil("ana"));
    expect(back.text.split("\n")[0]).toBe("alpha question 0?");
    expect(back.title).toContain("question 1/1");
  });

  it("GIVEN the closing process dies after counting and another takes the close over THEN each answer is counted and scheduled once", async () => {
    const first = await classroom();
    const dying = await classroom({ store: dyingBeforeClosed(first.store) });
    first.tutor.shutdown?.();
    await dying.tutor.run("live", { subcommand: "start", quiz: "alpha", seconds: 20, questions: 1 }, teacher);
    await dying.tutor.click(button(dying.channel.posts[0]?.reply, "wrong").id, pupil("ana"));
    dying.now.value = new Date(MONDAY.getTime() + 30_000);
    await expect(dying.tutor.closeDue?.()).rejects.toThrow("the process died");
    const counted = await first.store.getProgress(pupil("ana"), dying.now.value);
    expect(counted.answered).toBe(1);
    dying.tutor.shutdown?.();

    // A restarted process finds the round stuck in "closing", takes it over and closes it.
    const second = await classroom({ store: first.store, now: new Date(MONDAY.getTime() + 120_000) });
    await second.tutor.closeDue?.();
    expect(second.channel.edits.filter((edit) => edit.reply.title?.includes("closed"))).toHaveLength(1);
    const progress = await first.store.getProgress(pupil("ana"), second.now.value);
    expect(progress.answered).toBe(1);
    expect(reviewOf(progress, CARD)?.card.reps).toBe(1);
    expect(reviewOf(progress, CARD)?.card.lapses).toBe(0);
    expect(reviewOf(progress, CARD)?.misconception).toBe(reviewOf(counted, CARD)?.misconception);
  });
});
