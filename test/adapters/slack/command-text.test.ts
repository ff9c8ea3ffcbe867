import { describe, expect, it } from "vitest";
import { parseSlashText, usageLine } from "../../../src/adapters/slack/command-text.ts";
import type { CommandDeclaration } from "../../../src/core/tutor-api.ts";

// The parsing rules are the core's (test/core); this checks the Slack adapter reads text through them.

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

  it("GIVEN more words than options THEN it fails with a usage line for the hint", () => {
    const parsed = parseSlashText(race, "a b c d");
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.usage).toBe(usageLine(race));
    expect(usageLine(race)).toMatch(/^\/race function:/);
  });
});
