import { afterEach, describe, expect, it, vi } from "vitest";
import { TALLY_EDIT_INTERVAL_MS, Tally } from "../../../src/core/live/tally.ts";
import { silentLogger } from "../../../src/core/logger.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("the round's tally", () => {
  it("GIVEN many answers in a burst THEN at most one edit per interval, showing the latest count; none after the close", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const edits: number[] = [];
    const tally = new Tally(silentLogger());
    tally.open("s", 0, async (answered) => {
      edits.push(answered);
    });
    for (let click = 0; click < 50; click++) tally.count("s", 0);
    await vi.advanceTimersByTimeAsync(TALLY_EDIT_INTERVAL_MS - 1);
    expect(edits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(edits).toEqual([50]);
    tally.count("s", 0);
    await vi.advanceTimersByTimeAsync(TALLY_EDIT_INTERVAL_MS / 2);
    expect(edits).toEqual([50]);
    await vi.advanceTimersByTimeAsync(TALLY_EDIT_INTERVAL_MS / 2);
    expect(edits).toEqual([50, 51]);
    tally.count("s", 0);
    await tally.close("s", 0);
    await vi.advanceTimersByTimeAsync(TALLY_EDIT_INTERVAL_MS * 2);
    expect(edits).toEqual([50, 51]);
  });
});
