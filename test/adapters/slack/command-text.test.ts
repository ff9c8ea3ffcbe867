import { describe, expect, it } from "vitest";
import { parseSlashText, usageLine } from "../../../src/adapters/slack/command-text.ts";
import type { CommandDeclaration } from "../../../src/core/tutor-api.ts";

const race: CommandDeclaration = {
  name: "race",
  description: "Race optimizers",
  slow: true,
  options: [
    { name: "function", description: "Test function", type: "string", required: true },
    { name: "optimizers", description: "Comma-separated", type: "string", required: true },
    { name: "lr", description: "Learning rate", type: "number", required: false },
  ],
};

describe("parseSlashText", () => {
  it("GIVEN the issue's example THEN positional words and name=value land in the right options", () => {
    expect(parseSlashText(race, "rosenbrock adam,momentum lr=0.01")).toEqual({
      ok: true,
      options: { function: "rosenbrock", optimizers: "adam,momentum", lr: "0.01" },
    });
  });

  it("GIVEN a named option first THEN positional words fill the remaining options in order", () => {
    expect(parseSlashText(race, "optimizers=sgd rosenbrock")).toEqual({
      ok: true,
      options: { optimizers: "sgd", function: "rosenbrock" },
    });
  });

  it("GIVEN more words than options THEN it says which word is extra", () => {
    const parsed = parseSlashText(race, "a b c d");
    expect(parsed).toEqual({ ok: false, problem: '"d" is one word too many' });
  });

  it("GIVEN empty text THEN no options are set (the tutor reports missing required ones)", () => {
    expect(parseSlashText(race, "   ")).toEqual({ ok: true, options: {} });
  });
});

describe("usageLine", () => {
  it("GIVEN required and optional options THEN it shows <required> and [optional=…]", () => {
    expect(usageLine(race)).toBe("/race <function> <optimizers> [lr=…]");
  });
});
