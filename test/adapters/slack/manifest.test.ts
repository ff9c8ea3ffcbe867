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

  it("GIVEN private pictures go to the DM THEN the manifest asks for exactly the scopes those calls need", () => {
    const manifest = buildManifest(commands, { mode: { kind: "socket" } }) as AnyRecord;
    // One scope per kind of call: commands; chat.* (and public channels not joined); the upload
    // methods; files.info while Slack processes an upload; conversations.open for the DM; users.info
    // to know workspace owners and admins (instructors).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        "chat:write",
        "chat:write.public",
        "commands",
        "files:read",
        "files:write",
        "im:write",
        "users:read",
      ].sort(),
    );
    // The DM shows up in the app's Messages tab; students answer there with buttons only.
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
  });

  it("GIVEN --single descent THEN one umbrella command lists every subcommand in Slack's words", () => {
    const manifest = buildManifest(commands, { mode: { kind: "socket" }, single: "descent" }) as AnyRecord;
    const slash = manifest.features.slash_commands as AnyRecord[];
    expect(slash).toHaveLength(1);
    expect(slash[0]).toMatchObject({ command: "/descent", usage_hint: "lesson <topic> | help" });
    expect(slash[0]?.description).toMatch(/lesson, help/);
  });

  it("GIVEN an umbrella name Slack refuses or one of the commands THEN it throws a message that says why", () => {
    const single = (name: string) => () =>
      buildManifest(commands, { mode: { kind: "socket" }, single: name });
    expect(single("Descent")).toThrow(/lowercase/);
    expect(single("a".repeat(33))).toThrow(/at most 32/);
    expect(single("lesson")).toThrow(/already one of Descent's commands/);
    expect(single("a".repeat(32))).not.toThrow();
  });

  it("GIVEN a command that takes a person THEN only it escapes (so @name arrives as <@U…>), and the umbrella too", () => {
    const withPerson: CommandDeclaration = {
      name: "class",
      description: "Class settings",
      options: [],
      subcommands: [
        {
          name: "instructors",
          description: "Add one",
          options: [{ name: "user", description: "Who", type: "user", required: false }],
        },
      ],
    };
    const manifest = buildManifest([...commands, withPerson], { mode: { kind: "socket" } }) as AnyRecord;
    const escapes = Object.fromEntries(
      (manifest.features.slash_commands as AnyRecord[]).map((command) => [
        command.command,
        command.should_escape,
      ]),
    );
    expect(escapes).toEqual({ "/lesson": false, "/help": false, "/class": true });
    const single = buildManifest([...commands, withPerson], {
      mode: { kind: "socket" },
      single: "descent",
    }) as AnyRecord;
    expect(single.features.slash_commands[0].should_escape).toBe(true);
    expect(single.features.slash_commands[0].usage_hint).toContain("class instructors [user]");
  });
});
