import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { runConsole } from "../../../src/adapters/console/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { harness, student } from "../../core/fakes.ts";

const outDir = mkdtempSync(path.join(tmpdir(), "descent-console-class-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("terminal mode: teacher tools", () => {
  it("GIVEN the one user at the terminal THEN they are the instructor: the report prints, the gradebook is written to the output folder", async () => {
    const { tutor } = harness();
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: false });
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const who = student("me", "local", "console");
    const done = runConsole({ tutor, logger: silentLogger(), outDir, input, output, who });
    input.end(`${["/quiz alpha", "1", "1", "1", "1", "/class report", "/class export"].join("\n")}\n`);
    await done;
    expect(printed).toMatch(/Class report[\s\S]*\*?Students:?\*? ?1/);
    const csv = readdirSync(outDir).find((name) => name.endsWith(".csv"));
    expect(csv).toMatch(/^\d{3}-gradebook-2026-03-04\.csv$/);
    expect(printed).toContain(path.join(outDir, csv ?? ""));
    const rows = parse(readFileSync(path.join(outDir, csv ?? ""), "utf8"), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toEqual([
      expect.objectContaining({ "platform id": "me", "alpha latest (of 4)": expect.any(String) }),
    ]);
    expect(rows[0]?.["alpha latest (of 4)"]).not.toBe("");
  });
});
