import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScript } from "./run-script.ts";

const dir = mkdtempSync(path.join(tmpdir(), "descent-render-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real CLI's `render`. */
const renderCli = (...args: string[]) => runScript("src/cli/index.ts", ["render", ...args]);

describe("descent render", () => {
  it("GIVEN --optimizers with the aliases chat accepts THEN it draws the chart", async () => {
    const out = path.join(dir, "chart.png");
    const { code } = await renderCli("chart", "--optimizers", "sgd,nag", "--out", out, "--cache-dir", dir);
    expect(code).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe("PNG");
  });

  it("GIVEN an alias naming an optimizer already listed THEN exit 2 and why, on one line", async () => {
    const { code, stderr } = await renderCli("chart", "--optimizers", "gd,sgd", "--cache-dir", dir);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('error: "sgd" names gd a second time; each optimizer may appear once');
  });
});
