import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runConsole } from "../../../src/adapters/console/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { harness, playQuiz, student } from "../../core/fakes.ts";

const outDir = mkdtempSync(path.join(tmpdir(), "descent-console-week-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("terminal mode: the weekly board's settings and /class reset-week", () => {
  it("GIVEN the one user at the terminal THEN they change the week, see who changed it, and clear the weekly board with the numbered button, all-time kept", async () => {
    const { tutor, now } = harness();
    const who = student("me", "local", "console");
    // Three points this week, a minute before the session starts.
    await playQuiz(tutor, who, await tutor.run("quiz", { topic: "alpha" }, who), 3);
    now.value = new Date("2026-03-04T12:01:00Z");

    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: false });
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const done = runConsole({ tutor, logger: silentLogger(), outDir, input, output, who });
    const lines = [
      "/leaderboard week",
      "/class settings week-timezone:Mars/Olympus",
      "/class settings week-timezone:America/New_York week-day:sunday",
      "/class settings",
      "/class reset-week",
      "1",
      "/leaderboard week",
      "/leaderboard all",
      "/class settings",
    ];
    input.end(`${lines.join("\n")}\n`);
    await done;

    // Each answer printed in the order asked, so split the transcript at the markers between them.
    const [before, afterBadZone = ""] = printed.split(/IANA time zone/);
    expect(before).toMatch(/me: 3 points/);
    const [, afterSaved = ""] = afterBadZone.split(
      "Saved: the weekly board resets Sunday 00:00 (America/New_York).",
    );
    const [settings = "", afterAsk = ""] = afterSaved.split("Clear this week's leaderboard for everyone?");
    expect(settings).toMatch(/Weekly leaderboard:\*?\*? resets Sunday 00:00 \(America\/New_York\)/);
    expect(settings).toMatch(/UTC, me: weekly board resets Sunday 00:00 \(America\/New_York\)/);
    expect(settings).not.toMatch(/Mars/);
    const [confirm = "", afterClear = ""] = afterAsk.split("The weekly leaderboard is cleared");
    expect(confirm).toMatch(/1\D+Clear the weekly board/);
    const [week = "", all = ""] = afterClear.split(/Leaderboard · all time/);
    expect(week).toContain("Nobody has finished a quiz this week yet");
    expect(week).toContain("resets Sunday 00:00 (America/New_York)");
    expect(all).toMatch(/me: 3 points/);
    expect(all).toMatch(/cleared 2026-03-04 12:01 UTC/);
    expect(all).toMatch(/UTC, me: weekly board cleared/);
  });
});
