import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS } from "../../../commands/index.ts";

const run = promisify(execFile);

/** Runs `npm run slack:manifest -- …` as node does it (npm would only add start-up time). */
async function manifestScript(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      "--import",
      "tsx",
      "scripts/slack-manifest.ts",
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run slack:manifest", () => {
  it("GIVEN --help THEN it explains every option and exits 0 without a stack trace", async () => {
    const result = await manifestScript("--help");
    expect(result.code).toBe(0);
    for (const option of ["--url", "--single", "--name", "--out", "--help"])
      expect(result.stdout).toContain(option);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("GIVEN an unknown option THEN it names it, prints the help and exits 2", async () => {
    const result = await manifestScript("--bogus");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--bogus/);
    expect(result.stderr).toContain("--single");
  });

  it("GIVEN --single descent THEN the file declares /descent only, from commands/", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "descent-manifest-")), "manifest.yml");
    const result = await manifestScript("--single", "descent", "--out", out);
    expect(result.code).toBe(0);
    const manifest = parse(await readFile(out, "utf8")) as {
      features: { slash_commands: Array<{ command: string; usage_hint: string }> };
    };
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(["/descent"]);
    for (const { declaration } of COMMANDS) {
      expect(manifest.features.slash_commands[0]?.usage_hint).toContain(declaration.name);
    }
  });
});
