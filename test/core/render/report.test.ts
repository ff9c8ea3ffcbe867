import { describe, expect, it } from "vitest";
import { drawReport, REPORT_SIZE, type ReportPicture } from "../../../src/core/render/report.ts";

const busy: ReportPicture = {
  title: "Class: 3 students",
  students: 3,
  lessons: [{ label: "Adam", seen: 3, passed: 1 }],
  hardest: [{ label: "adam: Why the square root?", share: 0.25, answered: 4 }],
  misconceptions: [{ label: "adam-no-bias-correction (→ Adam)", count: 3 }],
};
const quiet: ReportPicture = {
  title: "Class: nobody yet",
  students: 0,
  lessons: [],
  hardest: [],
  misconceptions: [],
};

describe("class report picture", () => {
  it("GIVEN reports drawn one after another on the one canvas THEN each is drawn afresh, nothing left from the last", () => {
    const first = drawReport(busy);
    const between = drawReport(quiet);
    const again = drawReport(busy);
    expect(first.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect([first.width, first.height]).toEqual([REPORT_SIZE.width, REPORT_SIZE.height]);
    expect(between.bytes.equals(first.bytes)).toBe(false);
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it("GIVEN a report THEN the alt text lists its numbers", () => {
    expect(drawReport(busy).alt).toMatch(/Adam 3 saw, 1 passed.*25%.*adam-no-bias-correction \(→ Adam\) 3/);
    expect(drawReport(quiet).alt).toMatch(/Hardest: none yet/);
  });
});
