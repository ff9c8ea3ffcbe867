import { describe, expect, it } from "vitest";
import { toMarkdown } from "../../bench/markdown.ts";

const report = {
  machine: { cpus: 2, node: "v20.20.2" },
  date: "2026-11-28T12:00:00.000Z",
  results: {
    sim: { budget: { warmMedianMs: 7.5, coldMs: 300 } },
    render: { formula: { warmMedianMs: 22 }, sizes: [1, 2] },
  },
};

describe("toMarkdown", () => {
  it("GIVEN a target met, one missed and one not run THEN the table says yes, no and not run", () => {
    const markdown = toMarkdown(report);
    expect(markdown).toMatch(/\| 10,000 steps .*\| 7\.5 ms \| ≤ 50 ms \| yes \|/);
    expect(markdown).toMatch(/\| formula, warm median \| 22 ms \| ≤ 15 ms \| \*\*no\*\* \|/);
    expect(markdown).toMatch(/\| map, warm median \| not run \| ≤ 150 ms \| – \|/);
  });

  it("GIVEN nested results THEN every leaf appears under its benchmark with its dotted path", () => {
    const markdown = toMarkdown(report);
    expect(markdown).toContain("## sim");
    expect(markdown).toContain("| budget.coldMs | 300 |");
    expect(markdown).toContain("| sizes | 1, 2 |");
    expect(markdown).toContain("- cpus: 2");
    expect(markdown).toContain("2026-11-28T12:00:00.000Z");
  });
});
