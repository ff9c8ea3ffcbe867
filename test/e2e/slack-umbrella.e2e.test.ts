import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Reply, textReply } from "../../src/core/reply.ts";
import type { CommandDeclaration, OptionValues, Tutor } from "../../src/core/tutor-api.ts";
import type { StoredMessage } from "./slack/emulator.ts";
import { type Harness, startHarness } from "./slack/harness.ts";

// One namespace (`/descent lesson adam`) beside the separate commands, Slack-style usage hints,
// and the lesson picker's suggestions within Slack's option limits; real Bolt over loopback.

const alice = { id: "UALICE", name: "alice" };
const AT_LIMIT = `${"a".repeat(74)}z`; // 75 characters: shown whole
const OVER_LIMIT = `${"b".repeat(75)}z`; // 76 characters: cut to 75
const VALUE_AT_LIMIT = "v".repeat(150);
const VALUE_OVER_LIMIT = "w".repeat(151);

const declarations: CommandDeclaration[] = [
  {
    name: "lesson",
    description: "Open a lesson",
    options: [
      { name: "topic", description: "Optimizer", type: "string", required: true, autocomplete: true },
    ],
  },
  {
    name: "leaderboard",
    description: "Top students",
    options: [
      {
        name: "period",
        description: "Which period",
        type: "string",
        required: false,
        choices: [
          { name: "week", value: "week" },
          { name: "all", value: "all" },
        ],
      },
    ],
  },
  { name: "help", description: "Help", options: [] },
];

const runs: Array<{ command: string; options: OptionValues }> = [];

const tutor: Tutor = {
  commands: declarations,
  async run(command, options): Promise<Reply> {
    runs.push({ command, options });
    if (command === "help") return textReply("Try `/lesson adam` or `/leaderboard week`; /lesson alone too.");
    return textReply(`${command} ${JSON.stringify(options)}`);
  },
  async click() {
    return textReply("clicked");
  },
  async autocomplete() {
    return [
      { name: AT_LIMIT, value: "at" },
      { name: OVER_LIMIT, value: "over" },
      { name: "long value", value: VALUE_AT_LIMIT },
      { name: "too long value", value: VALUE_OVER_LIMIT },
    ];
  },
};

describe("Slack: one umbrella command beside the separate ones", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ makeTutor: () => tutor });
  });
  afterAll(() => harness.stop());

  async function typed(command: string, text: string): Promise<StoredMessage> {
    const { emulator } = harness;
    const before = emulator.messages.length;
    const ack = await harness.driver.slashCommand(alice, command, text);
    expect(ack.status).toBe(200);
    return emulator.waitFor(() => emulator.messages.slice(before).find((m) => m.ephemeralTo === alice.id));
  }

  it("GIVEN /descent lesson adam THEN the lesson command runs with topic adam", async () => {
    runs.length = 0;
    await typed("descent", "lesson adam");
    await typed("descent", "LEADERBOARD period=week");
    expect(runs).toEqual([
      { command: "lesson", options: { topic: "adam" } },
      { command: "leaderboard", options: { period: "week" } },
    ]);
  });

  it("GIVEN /lesson adam THEN the separate command still works", async () => {
    runs.length = 0;
    await typed("lesson", "adam");
    expect(runs).toEqual([{ command: "lesson", options: { topic: "adam" } }]);
  });

  it("GIVEN /descent help THEN its hints name the umbrella; /help keeps the short names", async () => {
    const underUmbrella = await typed("descent", "help");
    expect(underUmbrella.text).toContain("`/descent lesson adam` or `/descent leaderboard week`");
    const separate = await typed("help", "");
    expect(separate.text).toContain("`/lesson adam` or `/leaderboard week`");
  });

  it("GIVEN a mistake THEN the usage hint is written the Slack way, with the umbrella when used", async () => {
    // Slack shows &lt; &gt; as < >.
    const shown = async (command: string, text: string) =>
      (await typed(command, text)).text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    expect(await shown("descent", "lesson adam sgd")).toContain("Usage: `/descent lesson <topic>`");
    expect(await shown("leaderboard", "week extra")).toContain("Usage: `/leaderboard [week|all]`");
    expect(await shown("lesson", "adam sgd")).not.toMatch(/topic:/);
  });

  it("GIVEN /descent alone or an unknown word THEN the student gets the list of subcommands and nothing runs", async () => {
    runs.length = 0;
    const bare = await typed("descent", "");
    expect(bare.text).toContain("`/descent lesson`, `/descent leaderboard`, `/descent help`");
    const unknown = await typed("descent", "dance now");
    expect(unknown.text).toMatch(/I don't know `dance`/);
    expect(runs).toEqual([]);
  });

  it("GIVEN the lesson picker under the umbrella THEN suggestions keep Slack's option limits", async () => {
    const picker = await typed("descent", "lesson");
    expect(picker.text).toContain("`/descent lesson`");
    // The driver refuses an answer with text over 75 or a value over 150, as Slack would.
    const labels = await harness.driver.suggest(alice, picker, "");
    expect(labels).toEqual([AT_LIMIT, `${"b".repeat(74)}…`, "long value"]);
  });
});
