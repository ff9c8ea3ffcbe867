import { describe, expect, it } from "vitest";
import { DISPLAY_NAME_MAX, escapeName } from "../../src/core/text.ts";

describe("escapeName", () => {
  it("GIVEN mention syntax of either platform THEN none survives intact", () => {
    for (const name of [
      "@everyone",
      "@here",
      "<@123>",
      "<@&456>",
      "<#789>",
      "<!channel>",
      "<!here>",
      "<@U0123>",
    ]) {
      const safe = escapeName(name);
      expect(safe).not.toMatch(/@(everyone|here)/);
      expect(safe).not.toMatch(/[<>]/);
    }
  });

  it("GIVEN Markdown markers, new lines or bidi overrides THEN they cannot format or break the row", () => {
    const safe = escapeName("**bold**\n_it_ `code` ~~x~~ ||spoiler|| \u202Eevil");
    expect(safe).not.toMatch(/[*_`~|\n\u202e]/);
    expect(safe).toContain("bold");
  });

  it("GIVEN a very long or empty name THEN it is cut with an ellipsis or replaced", () => {
    expect([...escapeName("a".repeat(100))]).toHaveLength(DISPLAY_NAME_MAX);
    expect(escapeName("a".repeat(100)).endsWith("…")).toBe(true);
    expect(escapeName(" \u202e ")).toBe("someone");
    expect(escapeName("Ada Lovelace")).toBe("Ada Lovelace");
  });
});
