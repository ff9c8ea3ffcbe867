import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

const script = path.join(import.meta.dirname, "../../scripts/deploy-discord.ts");

/** Runs the real script with no Discord credentials: none in its environment, no .env in its folder. */
async function deploy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("DISCORD_")),
  );
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), script, ...args],
      { env, cwd: tmpdir() },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run deploy:discord", () => {
  it("GIVEN --help THEN it explains the script and its settings, and contacts nobody", async () => {
    const { code, stdout, stderr } = await deploy("--help");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: npm run deploy:discord/);
    for (const name of ["DISCORD_TOKEN", "DISCORD_APP_ID", "DISCORD_GUILD_ID"])
      expect(stdout).toContain(name);
    expect(stdout).not.toContain("cannot start");
  });

  it("GIVEN an unknown flag THEN exit 2 with the flag named and the usage", async () => {
    const { code, stderr } = await deploy("--guild");
    expect(code).toBe(2);
    expect(stderr).toContain("'--guild'");
    expect(stderr).toContain("Usage: npm run deploy:discord");
  });

  it("GIVEN no credentials THEN exit 1 saying which settings to set, not that Descent cannot start", async () => {
    const { code, stderr } = await deploy();
    expect(code).toBe(1);
    expect(stderr).toContain("DISCORD_TOKEN and DISCORD_APP_ID are required");
    expect(stderr).not.toContain("Descent cannot start");
  });
});
