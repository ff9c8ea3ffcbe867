import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** Runs the real CLI as the package bin does (`node --import tsx`; npx would only add start-up time). */
async function simulateCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      "--import",
      "tsx",
      "src/cli/index.ts",
      "simulate",
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("descent simulate", () => {
  it("GIVEN --json THEN it prints one JSON object with steps + 1 points, the start first", async () => {
    const { code, stdout } = await simulateCli(
      "--optimizer",
      "adam",
      "--function",
      "rosenbrock",
      "--lr",
      "0.01",
      "--steps",
      "20",
      "--start",
      "-1.5,2",
      "--beta1",
      "0.8",
      "--json",
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result).sort()).toEqual(
      ["diverged", "function", "hyperparameters", "loss", "optimizer", "points"].sort(),
    );
    expect(result).toMatchObject({ optimizer: "adam", function: "rosenbrock", diverged: false });
    expect(result.hyperparameters).toEqual({ lr: 0.01, beta1: 0.8, beta2: 0.999, eps: 1e-8 });
    expect(result.points).toHaveLength(21);
    expect(result.points[0]).toEqual([-1.5, 2]);
    // f(−1.5, 2) = 2.5² + 100·(2 − 2.25)² = 6.25 + 6.25.
    expect(result.loss[0]).toBe(12.5);
  });

  it("GIVEN a learning rate that diverges THEN the JSON says so and carries `stopped`", async () => {
    const { code, stdout } = await simulateCli(
      "--optimizer",
      "gd",
      "--function",
      "rosenbrock",
      "--lr",
      "0.05",
      "--json",
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.diverged).toBe(true);
    expect(result.stopped.reason).toBe("diverged");
  });

  it("GIVEN no --json THEN it prints a short human summary", async () => {
    const { code, stdout } = await simulateCli(
      "--optimizer",
      "momentum",
      "--function",
      "quadratic",
      "--steps",
      "100",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("SGD with momentum");
    expect(stdout).toContain("100 steps");
    expect(stdout.trim().split("\n").length).toBeLessThan(10);
  });

  it.each([
    [["--optimizer", "sgdx", "--function", "quadratic"], "gd, momentum, nesterov"],
    [["--optimizer", "gd", "--function", "sphere"], "quadratic, rosenbrock"],
    [["--optimizer", "gd", "--function", "quadratic", "--lr", "0"], "--lr must be a positive"],
    [["--optimizer", "gd", "--function", "quadratic", "--lr", "Infinity"], "--lr must be a positive"],
    [["--optimizer", "gd", "--function", "quadratic", "--steps", "100001"], "from 0 to 100000"],
  ])(
    "GIVEN bad input %j THEN exit code 2 and one line naming the valid choices or range",
    async (args, hint) => {
      const { code, stdout, stderr } = await simulateCli(...args);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toContain(hint);
    },
  );
});
