import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, loadConfig } from "../../src/core/config.ts";

const cwd = "/srv/descent";
const load = (env: Record<string, string>) => loadConfig(env, { envFile: false, cwd });

function problems(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("config", () => {
  it("GIVEN nothing set THEN terminal mode with folders under ./data", () => {
    const config = load({});
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.dataDir).toBe(path.join(cwd, "data"));
    expect(config.cacheDir).toBe(path.join(cwd, "data", "cache"));
    expect(config.logLevel).toBe("info");
  });

  it("GIVEN DATA_DIR only THEN the cache follows it", () => {
    expect(load({ DATA_DIR: "/var/descent" }).cacheDir).toBe("/var/descent/cache");
  });

  it("GIVEN CACHE_MAX_MB THEN the cap in bytes; a default when unset; a clear refusal when not a size", () => {
    expect(load({ CACHE_MAX_MB: "50" }).cacheMaxBytes).toBe(50 * 1024 * 1024);
    expect(load({}).cacheMaxBytes).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    for (const bad of ["5", "lots", "-100", "1.5"]) {
      expect(problems({ CACHE_MAX_MB: bad }).join()).toMatch(
        /CACHE_MAX_MB must be a whole number of megabytes, at least 10/,
      );
    }
  });

  it("GIVEN half a pair THEN start-up stops naming the missing variable", () => {
    expect(problems({ DISCORD_TOKEN: "abc" }).join()).toMatch(
      /DISCORD_APP_ID is required with DISCORD_TOKEN/,
    );
    expect(problems({ DISCORD_APP_ID: "123456789012345678" }).join()).toMatch(/DISCORD_TOKEN is required/);
    expect(problems({ SLACK_BOT_TOKEN: "xoxb-1" }).join()).toMatch(
      /SLACK_SIGNING_SECRET .* or SLACK_APP_TOKEN/,
    );
    expect(problems({ SLACK_APP_TOKEN: "xapp-1" }).join()).toMatch(/SLACK_BOT_TOKEN is required/);
  });

  it("GIVEN malformed values THEN each problem names its variable", () => {
    const found = problems({
      LOG_LEVEL: "loud",
      SLACK_PORT: "99999",
      STORE_URL: "mongodb://x",
      DISCORD_APP_ID: "abc",
    });
    expect(found.join("\n")).toMatch(/LOG_LEVEL/);
    expect(found.join("\n")).toMatch(/SLACK_PORT must be a whole number between 1 and 65535/);
    expect(found.join("\n")).toMatch(/STORE_URL must start with redis/);
    expect(found.join("\n")).toMatch(/DISCORD_APP_ID must be the numeric/);
  });

  it("GIVEN full credentials THEN both platforms are on, and the loggable summary holds no secret", () => {
    const config = load({
      DISCORD_TOKEN: "discord-secret-token",
      DISCORD_APP_ID: "123456789012345678",
      SLACK_BOT_TOKEN: "xoxb-secret",
      SLACK_SIGNING_SECRET: "signing-secret",
      SLACK_PORT: "3100",
    });
    expect(config.discord).toMatchObject({ token: "discord-secret-token", appId: "123456789012345678" });
    expect(config.slack).toMatchObject({
      botToken: "xoxb-secret",
      signingSecret: "signing-secret",
      port: 3100,
    });
    const summary = JSON.stringify(describeConfig(config));
    expect(summary).not.toMatch(/secret/);
    expect(summary).toMatch(/"mode":"http"/);
  });
});
