import { afterAll, describe, expect, it } from "vitest";
import type { Invoker } from "../../../src/core/tutor-api.ts";
import { harness, student } from "../fakes.ts";
import { BACKENDS, freshCommunity, removeTempDirs } from "../store/backends.ts";
import { RecordingChannel } from "./fake-outbound.ts";

afterAll(removeTempDirs);

describe.each(BACKENDS)("live rounds with two processes on one $name store", (backend) => {
  it.skipIf(backend.skip)(
    "GIVEN two processes take clicks and both reach the deadline THEN the round closes exactly once and each student counts once",
    async () => {
      const place = backend.place();
      const community = freshCommunity();
      const channelId = "room";
      const teacher: Invoker = {
        ...student("teacher", community),
        channelId,
        canManageCommunity: async () => true,
      };
      const start = new Date("2026-03-04T12:00:00Z");
      const a = harness({ store: await backend.open(place), now: start });
      const b = harness({ store: await backend.open(place), now: start });
      const channelA = new RecordingChannel();
      const channelB = new RecordingChannel();
      try {
        await a.tutor.connect?.("discord", channelA);
        await a.tutor.run("live", { subcommand: "start", quiz: "alpha", questions: 1 }, teacher);
        // B comes up after the round started (a restart, or another shard): it re-arms from the store.
        await b.tutor.connect?.("discord", channelB);
        const buttons = channelA.posts[0]?.reply.buttons.flat() ?? [];
        const students = Array.from({ length: 30 }, (_, index) => ({
          ...student(`s${index}`, community),
          channelId,
        }));
        const replies = await Promise.all(
          students.flatMap((who, index) => [
            (index % 2 ? a : b).tutor.click(buttons[index % 3]?.id ?? "", who),
            (index % 2 ? b : a).tutor.click(buttons[(index + 1) % 3]?.id ?? "", who),
          ]),
        );
        const locked = replies.filter((reply) => reply.text.startsWith("Locked in"));
        expect(locked).toHaveLength(30);
        const later = new Date(start.getTime() + 60_000);
        a.now.value = later;
        b.now.value = later;
        await Promise.all([
          a.tutor.closeDue?.(),
          b.tutor.closeDue?.(),
          a.tutor.closeDue?.(),
          b.tutor.closeDue?.(),
        ]);
        const resultEdits = [...channelA.edits, ...channelB.edits].filter((edit) =>
          edit.reply.title?.includes("closed"),
        );
        expect(resultEdits).toHaveLength(1);
        expect(resultEdits[0]?.reply.images[0]?.alt).toContain("30 answers");
        const finals = [...channelA.posts, ...channelB.posts].filter((post) =>
          post.reply.title?.includes("final"),
        );
        expect(finals).toHaveLength(1);
        // Each student's answer counts once in their progress and is scheduled for practice once.
        for (const who of students) {
          const progress = await a.store.getProgress(who, later);
          expect(progress.answered).toBe(1);
          expect(Object.values(progress.reviews ?? {}).map((card) => card[4])).toEqual([1]);
        }
      } finally {
        a.tutor.shutdown?.();
        b.tutor.shutdown?.();
        await Promise.all([a.store.close(), b.store.close()]);
      }
    },
    30_000,
  );
});
