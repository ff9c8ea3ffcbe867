import { describe, expect, it } from "vitest";
import {
  parseCommandText,
  readTypedLine,
  runTypedLine,
  splitCommandLine,
  unknownCommandText,
} from "../../src/core/command-line.ts";
import { validateOptions } from "../../src/core/options.ts";
import { type Reply, textReply } from "../../src/core/reply.ts";
import type { CommandDeclaration, Invoker, OptionValues, Tutor } from "../../src/core/tutor-api.ts";
import { UserError } from "../../src/core/user-error.ts";

const race: CommandDeclaration = {
  name: "race",
  description: "race",
  options: [
    {
      name: "function",
      description: "f",
      type: "string",
      required: true,
      choices: [
        { name: "Rosenbrock", value: "rosenbrock" },
        { name: "Bowl", value: "quadratic" },
      ],
    },
    { name: "optimizers", description: "list", type: "string", required: true },
    { name: "lr", description: "rate", type: "number", required: false, min: 0.000001, max: 10 },
    { name: "steps", description: "steps", type: "integer", required: false, min: 10, max: 1000 },
  ],
};

describe("parseCommandText", () => {
  it("GIVEN positional and named values THEN each lands on its option", () => {
    expect(parseCommandText(race, "rosenbrock adam,momentum lr=0.01")).toEqual({
      ok: true,
      options: { function: "rosenbrock", optimizers: "adam,momentum", lr: "0.01" },
    });
    expect(parseCommandText(race, "/race steps:50 optimizers:sgd quadratic")).toEqual({
      ok: true,
      options: { function: "quadratic", optimizers: "sgd", steps: "50" },
    });
    expect(parseCommandText(race, 'rosenbrock "sgd, adam"')).toMatchObject({
      ok: true,
      options: { optimizers: "sgd, adam" },
    });
  });

  it("GIVEN too many values or a repeated name THEN an error naming what is wrong", () => {
    const extra = parseCommandText(race, "rosenbrock sgd 0.1 100 surplus");
    expect(extra).toMatchObject({ ok: false, error: expect.stringContaining("surplus") });
    expect(parseCommandText(race, "lr=1 lr=2")).toEqual({ ok: false, error: "**lr** is given twice." });
  });

  it("GIVEN a slash line THEN it splits into command and rest", () => {
    expect(splitCommandLine("  /Lesson adam  ")).toEqual({ name: "lesson", rest: "adam" });
    expect(splitCommandLine("hello")).toBeUndefined();
  });
});

describe("validateOptions", () => {
  it("GIVEN values in range THEN numbers are parsed and choices normalised", () => {
    expect(
      validateOptions(race, { function: "Rosenbrock", optimizers: " sgd ", lr: "0.5", steps: 20 }),
    ).toEqual({
      function: "rosenbrock",
      optimizers: "sgd",
      lr: 0.5,
      steps: 20,
    });
  });

  it("GIVEN out-of-range or malformed values THEN a UserError naming the allowed range, never a clamp", () => {
    const attempt = (values: Record<string, string | number>) => {
      try {
        validateOptions(race, { function: "rosenbrock", optimizers: "sgd", ...values });
        return "accepted";
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        return (error as Error).message;
      }
    };
    expect(attempt({ lr: 50 })).toMatch(/lr\*\* must be a number between 0\.000001 and 10; you gave `50`/);
    expect(attempt({ steps: "5" })).toMatch(/steps\*\* must be a whole number between 10 and 1000/);
    expect(attempt({ steps: "12.5" })).toMatch(/whole number/);
    expect(attempt({ lr: "fast" })).toMatch(/you gave `fast`/);
    expect(attempt({ function: "banana" })).toMatch(/`rosenbrock`, `quadratic`; you gave `banana`/);
    expect(attempt({ optimizers: "" })).toMatch(/Please give \*\*optimizers\*\*/);
    expect(attempt({ lr: 50 })).toMatch(/Usage: `\/race function:<rosenbrock\|quadratic>/);
  });

  it("GIVEN surplus words with a backtick or a mention THEN they are quoted back inert and cut short", () => {
    const pasted = parseCommandText(race, `rosenbrock sgd 0.1 100 \`x\` @everyone ${"y".repeat(80)}`);
    expect(pasted.ok).toBe(false);
    const error = pasted.ok ? "" : pasted.error;
    expect(error).toMatch(/^I don't know what to do with `[^`]+…`\.$/);
    expect(error).not.toContain("@everyone");
  });

  it("GIVEN a line that runs no command THEN the nearest command is suggested with the rest, else the list", () => {
    const names = ["lesson", "quiz", "leaderboard", "help"];
    expect(unknownCommandText(names, "/quizz adam")).toBe(
      "I don't know `/quizz`. Did you mean `/quiz adam`?",
    );
    expect(unknownCommandText(names, "help")).toBe("Commands start with a slash. Did you mean `/help`?");
    expect(unknownCommandText(names, "/leader week")).toBe(
      "I don't know `/leader`. Did you mean `/leaderboard week`?",
    );
    expect(unknownCommandText(names, "hello there")).toBe(
      "Commands start with a slash. Try one of: `/lesson`, `/quiz`, `/leaderboard`, `/help`.",
    );
  });
});

describe("readTypedLine and runTypedLine", () => {
  const lesson: CommandDeclaration = {
    name: "lesson",
    description: "lesson",
    options: [{ name: "topic", description: "t", type: "string", required: true }],
  };
  const commands = [race, lesson];
  const who: Invoker = { platform: "console", userId: "me", userName: "me", communityId: "local" };
  const text = (typed: ReturnType<typeof readTypedLine>) => (typed.ok ? "(runs)" : typed.reply.text);

  it("GIVEN a command line THEN the command and its options, and how it was typed", () => {
    expect(readTypedLine(commands, "/race rosenbrock sgd steps=50")).toEqual({
      ok: true,
      declaration: race,
      options: { function: "rosenbrock", optimizers: "sgd", steps: "50" },
      typedAs: "/race",
    });
    expect(readTypedLine(commands, "LESSON adam", "descent")).toMatchObject({
      ok: true,
      declaration: lesson,
      options: { topic: "adam" },
      typedAs: "/descent lesson",
      umbrella: "descent",
    });
  });

  it("GIVEN words that do not fit THEN what is wrong and the usage as it is typed, with the umbrella when used", () => {
    expect(text(readTypedLine(commands, "/race rosenbrock sgd 0.1 100 surplus"))).toBe(
      "I don't know what to do with `surplus`.\nUsage: `/race <rosenbrock|quadratic> <optimizers> [lr] [steps]`",
    );
    expect(text(readTypedLine(commands, "lesson adam sgd", "descent"))).toBe(
      "I don't know what to do with `sgd`.\nUsage: `/descent lesson <topic>`",
    );
  });

  it("GIVEN an unknown or missing command under the umbrella THEN the nearest one or the list, written with it", () => {
    expect(text(readTypedLine(commands, "lesosn adam", "descent"))).toBe(
      "I don't know `lesosn`. Did you mean `/descent lesson adam`?",
    );
    expect(text(readTypedLine(commands, "/lesson adam", "descent"))).toBe(
      "I don't know `/lesson`. Did you mean `/descent lesson adam`?",
    );
    expect(text(readTypedLine(commands, "", "descent"))).toBe(
      "Try one of: `/descent race`, `/descent lesson`.",
    );
    expect(text(readTypedLine(commands, "/racer x"))).toBe("I don't know `/racer`. Did you mean `/race x`?");
  });

  it("GIVEN a line typed under the umbrella THEN the reply's command hints are written with it; otherwise untouched", async () => {
    const runs: Array<{ command: string; options: OptionValues }> = [];
    const hint = "Next: `/lesson adam`, or `/race` again. A /lesson without backticks stays.";
    const tutor: Tutor = {
      commands,
      async run(command, options): Promise<Reply> {
        runs.push({ command, options });
        return textReply(hint, { footer: "`/race` more", fields: [{ name: "n", value: "`/lesson sgd`" }] });
      },
      click: async () => textReply(""),
      autocomplete: async () => [],
    };
    const umbrella = readTypedLine(commands, "lesson adam", "descent");
    const plain = readTypedLine(commands, "/lesson adam");
    if (!umbrella.ok || !plain.ok) throw new Error("both lines should read");
    const under = await runTypedLine(tutor, umbrella, who);
    expect(under.text).toBe(
      "Next: `/descent lesson adam`, or `/descent race` again. A /lesson without backticks stays.",
    );
    expect(under.footer).toBe("`/descent race` more");
    expect(under.fields?.[0]?.value).toBe("`/descent lesson sgd`");
    expect((await runTypedLine(tutor, plain, who)).text).toBe(hint);
    expect(runs).toEqual([
      { command: "lesson", options: { topic: "adam" } },
      { command: "lesson", options: { topic: "adam" } },
    ]);
  });
});
