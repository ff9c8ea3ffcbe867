import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from "discord.js";
import { describe, expect, it } from "vitest";
import { toApplicationCommands } from "../../../src/adapters/discord/commands.ts";
import { compare } from "../../../src/adapters/discord/deploy.ts";
import type { CommandDeclaration } from "../../../src/core/tutor-api.ts";

const race: CommandDeclaration = {
  name: "race",
  description: "Race optimizers on a test function",
  slow: true,
  options: [
    { name: "lr", description: "Learning rate", type: "number", required: false, min: 1e-6, max: 10 },
    { name: "function", description: "Test function", type: "string", required: true, autocomplete: true },
    { name: "steps", description: "Steps", type: "integer", required: false, min: 10, max: 500 },
    {
      name: "period",
      description: "Which board",
      type: "string",
      required: false,
      choices: [
        { name: "This week", value: "week" },
        { name: "All time", value: "all" },
      ],
    },
  ],
};

describe("toApplicationCommands", () => {
  const [command] = toApplicationCommands([race], "global");

  it("GIVEN a declaration THEN required options come first, as Discord demands", () => {
    expect(command?.options?.map((option) => option.name)).toEqual(["function", "lr", "steps", "period"]);
  });

  it("GIVEN option types THEN they map to Discord's String, Number and Integer", () => {
    expect(command?.options?.map((option) => option.type)).toEqual([
      ApplicationCommandOptionType.String,
      ApplicationCommandOptionType.Number,
      ApplicationCommandOptionType.Integer,
      ApplicationCommandOptionType.String,
    ]);
  });

  it("GIVEN ranges, autocomplete and choices THEN they carry over", () => {
    expect(command?.options?.[0]).toMatchObject({ autocomplete: true, required: true });
    expect(command?.options?.[1]).toMatchObject({ min_value: 1e-6, max_value: 10, required: false });
    expect(command?.options?.[3]).toMatchObject({
      choices: [
        { name: "This week", value: "week" },
        { name: "All time", value: "all" },
      ],
    });
  });

  it("GIVEN global registration THEN a command is installed to servers, usable there and in the bot's DMs", () => {
    expect(command?.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
    expect(command?.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
  });

  it("GIVEN guild registration THEN the global-only contexts and integration_types are left out", () => {
    const [guildCommand] = toApplicationCommands([race], "guild");
    expect(guildCommand).not.toHaveProperty("contexts");
    expect(guildCommand).not.toHaveProperty("integration_types");
    expect(guildCommand?.options).toEqual(command?.options);
  });

  it("GIVEN an upper-case name THEN registration fails naming the command and the fix", () => {
    expect(() => toApplicationCommands([{ ...race, name: "Race" }], "guild")).toThrow(/\/Race .*commands\//);
  });

  it("GIVEN a description over 100 characters THEN registration fails", () => {
    expect(() => toApplicationCommands([{ ...race, description: "d".repeat(101) }], "guild")).toThrow(
      /description/,
    );
  });
});

describe("subcommands and people", () => {
  const live: CommandDeclaration = {
    name: "class",
    description: "Class settings",
    options: [],
    subcommands: [
      {
        name: "instructor-role",
        description: "Instructors' role",
        options: [{ name: "role", description: "The role", type: "role", required: false }],
      },
      {
        name: "instructors",
        description: "Add one",
        options: [
          { name: "user", description: "Who", type: "user", required: false },
          { name: "action", description: "What", type: "string", required: true },
        ],
      },
    ],
  };

  it("GIVEN subcommands THEN each is a Subcommand option with its own options, required first, roles and users typed", () => {
    const [json] = toApplicationCommands([live], "guild");
    expect(json?.options).toMatchObject([
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "instructor-role",
        options: [{ name: "role", type: ApplicationCommandOptionType.Role, required: false }],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "instructors",
        options: [
          { name: "action", type: ApplicationCommandOptionType.String },
          { name: "user", type: ApplicationCommandOptionType.User },
        ],
      },
    ]);
  });

  it("GIVEN a subcommand's option changed THEN a deploy sees the change", () => {
    const before = toApplicationCommands([live], "guild");
    const edited = structuredClone(live);
    const sub = edited.subcommands?.[0]?.options[0];
    if (sub) sub.description = "Another description";
    expect(compare(before, toApplicationCommands([edited], "guild")).changed).toEqual(["class"]);
  });
});

describe("compare (what a deploy changes)", () => {
  const wanted = toApplicationCommands(
    [race, { name: "help", description: "What Descent can do", options: [] }],
    "global",
  );

  it("GIVEN nothing registered THEN everything is added", () => {
    expect(compare([], wanted)).toMatchObject({ added: ["race", "help"], changed: [], removed: [] });
  });

  it("GIVEN Discord's copy with its extra fields THEN nothing changed", () => {
    const fetched = wanted.map((command) => ({
      ...command,
      id: "1",
      version: "2",
      default_member_permissions: null,
    }));
    expect(compare(fetched, wanted)).toMatchObject({ added: [], changed: [], unchanged: ["race", "help"] });
  });

  it("GIVEN an edited description and a dropped command THEN it reports changed and removed", () => {
    const old = [
      { ...wanted[0], description: "old text" },
      { name: "ping", description: "gone", options: [] },
    ] as typeof wanted;
    expect(compare(old, wanted)).toMatchObject({ added: ["help"], changed: ["race"], removed: ["ping"] });
  });
});
