import { describe, expect, it } from "vitest";
import { runScript } from "./run-script.ts";

/** The real CLI's `simulate`. */
const simulateCli = (...args: string[]) => runScript("src/cli/index.ts", ["simulate", ...args]);

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

  it("GIVEN the saddle, where f falls without bound THEN every step is kept until the run truly diverges", async () => {
    const kept = JSON.parse(
      (await simulateCli("--optimizer", "gd", "--function", "saddle", "--steps", "1000", "--json")).stdout,
    );
    expect(kept.points).toHaveLength(1001);
    expect(kept.stopped).toBeUndefined();
    expect(Math.min(...kept.loss)).toBeLessThan(-1e6);

    const escaped = JSON.parse(
      (await simulateCli("--optimizer", "gd", "--function", "saddle", "--steps", "5000", "--json")).stdout,
    );
    expect(escaped.stopped.reason).toBe("diverged");
    expect(escaped.points).toHaveLength(escaped.stopped.step);
    for (const value of escaped.loss) expect(Math.abs(value)).toBeLessThanOrEqual(1e12);
  });

  it("GIVEN an alias chat accepts (sgd, nag) THEN the CLI runs the same optimizer", async () => {
    const viaAlias = JSON.parse(
      (await simulateCli("--optimizer", "sgd", "--function", "quadratic", "--steps", "5", "--json")).stdout,
    );
    expect(viaAlias.optimizer).toBe("gd");
    const nag = JSON.parse(
      (await simulateCli("--optimizer", "NAG", "--function", "quadratic", "--steps", "5", "--json")).stdout,
    );
    expect(nag.optimizer).toBe("nesterov");
  });

  it("GIVEN --help THEN --lr points to the README's table, not a code constant", async () => {
    const { code, stdout } = await simulateCli("--help");
    expect(code).toBe(0);
    expect(stdout.replace(/\s+/g, " ")).toContain("the default learning-rate table in the README");
    expect(stdout).not.toContain("DEFAULT_LR");
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
