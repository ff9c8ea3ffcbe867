import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runScript } from "../cli/run-script.ts";

/** Runs the real script with no Discord credentials: none in its environment, no .env in its folder. */
function deploy(...args: string[]) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("DISCORD_")),
  );
  return runScript("scripts/deploy-discord.ts", args, { env, cwd: tmpdir() });
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
