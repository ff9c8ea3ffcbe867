import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { buildManifest } from "../../../src/adapters/slack/manifest.ts";
import type { CommandDeclaration } from "../../../src/core/tutor-api.ts";

const commands: CommandDeclaration[] = [
  {
    name: "lesson",
    description: "Open a lesson",
    options: [{ name: "topic", description: "Optimizer", type: "string", required: true }],
  },
  { name: "help", description: "What Descent can do", options: [] },
];

// biome-ignore lint/suspicious/noExplicitAny: assertions read the generated JSON loosely, field by field.
type AnyRecord = Record<string, any>;

describe("buildManifest", () => {
  it("GIVEN Socket Mode THEN every command is listed, socket mode is on and no URL appears", () => {
    const manifest = buildManifest(commands, { mode: { kind: "socket" } }) as AnyRecord;
    const slash = manifest.features.slash_commands as AnyRecord[];
    expect(slash.map((command) => command.command)).toEqual(["/lesson", "/help"]);
    expect(slash[0]?.usage_hint).toBe("<topic>");
    expect(slash[1]).not.toHaveProperty("usage_hint");
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(stringify(manifest)).not.toMatch(/https?:/);
  });

  it("GIVEN HTTP mode THEN commands, events and interactivity point at /slack/events", () => {
    const manifest = buildManifest(commands, {
      mode: { kind: "http", baseUrl: "https://bot.example.org" },
    }) as AnyRecord;
    const url = "https://bot.example.org/slack/events";
    expect((manifest.features.slash_commands as AnyRecord[]).every((command) => command.url === url)).toBe(
      true,
    );
    expect(manifest.settings.event_subscriptions).toEqual({
      bot_events: ["app_home_opened"],
      request_url: url,
    });
    expect(manifest.settings.interactivity).toMatchObject({
      request_url: url,
      message_menu_options_url: url,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("GIVEN the manifest THEN it survives a YAML round trip and asks for the upload scope", () => {
    const manifest = parse(stringify(buildManifest(commands, { mode: { kind: "socket" } }))) as AnyRecord;
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["commands", "chat:write", "files:write"]),
    );
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });
});
