import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { memoryBackends } from "../../../src/core/store/backends.ts";
import { TutorStore } from "../../../src/core/store/store.ts";
import { NotWrittenError, type Table } from "../../../src/core/store/table.ts";
import { choiceButtons, harness, nextButton, rightButton, student } from "../fakes.ts";

/** Progress writes that fail while `down.value` is set, as a store that drops out between two writes. */
function failingWrites(table: Table, down: { value: boolean }): Table {
  return {
    read: (key) => table.read(key),
    decode: (raw) => table.decode(raw),
    list: (prefix) => table.list(prefix),
    swap: (...args) =>
      down.value ? Promise.reject(new NotWrittenError(new Error("disk full"))) : table.swap(...args),
  };
}

describe("an answer saved whose count could not be written", () => {
  it("GIVEN the progress write fails after the last answer was saved THEN the student sees the score, and the next start records it once", async () => {
    const backends = memoryBackends(silentLogger());
    const down = { value: false };
    const store = new TutorStore(
      { ...backends, progress: failingWrites(backends.progress, down) },
      silentLogger(),
    );
    const { tutor, now } = harness({ store });
    const alice = student("alice", "guild-count");
    let reply = await tutor.run("quiz", { topic: "alpha" }, alice);
    while (choiceButtons(reply).length > 0) {
      // The last answer's session write lands; the progress write after it does not.
      down.value = /question 4\/4/.test(reply.title ?? "");
      const feedback = await tutor.click(rightButton(reply).id, alice);
      down.value = false;
      expect(feedback.text).toMatch(/Right!/);
      const next = nextButton(feedback);
      reply = next ? await tutor.click(next.id, alice) : feedback;
    }
    expect(reply.text).toContain("Your score: 4/4");
    const before = await store.getProgress(alice, now.value);
    expect(before.quizzes.alpha).toBeUndefined();
    expect(before.answered).toBe(3);

    await tutor.run("quiz", { topic: "beta" }, alice);
    const progress = await store.getProgress(alice, now.value);
    expect(progress.quizzes.alpha?.best).toBe(4);
    expect(progress.answered).toBe(4);
    expect(progress.points).toBe(4);
  });
});
