import { describe, expect, it } from "vitest";
import { parseCommandText, splitCommandLine, unknownCommandText } from "../../src/core/command-line.ts";
import { usage, validateOptions } from "../../src/core/options.ts";
import type { CommandDeclaration } from "../../src/core/tutor-api.ts";
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

  it("GIVEN too many values or a repeated name THEN an error with the usage hint", () => {
    const extra = parseCommandText(race, "rosenbrock sgd 0.1 100 surplus");
    expect(extra).toMatchObject({ ok: false, error: expect.stringContaining("surplus") });
    expect(extra.ok ? "" : extra.usage).toBe(usage(race));
    expect(parseCommandText(race, "lr=1 lr=2").ok).toBe(false);
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
      "Commands start with a slash. Try one of: /lesson, /quiz, /leaderboard, /help.",
    );
  });
});
