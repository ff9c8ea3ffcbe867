import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../../src/adapters/console/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createMemoryStore } from "../../../src/core/store/index.ts";
import { harness, student } from "../../core/fakes.ts";
import { tempDir } from "../../core/store/backends.ts";

/** One terminal session (a fresh process on the same store) at `now`, typing `lines`; what it printed. */
async function session(store: ReturnType<typeof createMemoryStore>, now: string, lines: string[]) {
  const { tutor } = harness({ store, now: new Date(now) });
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: false });
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const who = { ...student("me", "local", "console"), channelId: "terminal" };
  const done = runConsole({ tutor, logger: silentLogger(), outDir: tempDir(), input, output, who });
  input.end(lines.length ? `${lines.join("\n")}\n` : "");
  await done;
  tutor.shutdown?.();
  return printed;
}

describe("terminal mode: the daily question", () => {
  it("GIVEN /class daily 07:00 THEN the next session after 07:00 prints the question once, a later one does not, and off stops it", async () => {
    const store = createMemoryStore(silentLogger());
    const set = await session(store, "2026-06-01T06:00:00Z", ["/class daily 07:00"]);
    expect(set).toContain("every day at 07:00 (UTC); next post 2026-06-01 07:00 UTC");
    expect(set).not.toContain("Daily question ·");
    const due = await session(store, "2026-06-01T07:05:00Z", []);
    expect(due.match(/Daily question · /g)).toHaveLength(1);
    const again = await session(store, "2026-06-01T09:00:00Z", ["/class settings"]);
    expect(again).not.toContain("Daily question ·");
    expect(again).toMatch(
      /Daily question:\*?\*? `?terminal`? every day at 07:00 \(UTC\); next post 2026-06-02 07:00 UTC/,
    );
    await session(store, "2026-06-01T10:00:00Z", ["/class daily off"]);
    expect(await session(store, "2026-06-03T10:00:00Z", [])).not.toContain("Daily question ·");
  });
});
