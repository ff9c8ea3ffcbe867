import { describe, expect, it } from "vitest";
import { standings } from "../../commands/race.ts";
import { simulate } from "../../src/core/sim/index.ts";

describe("race standings", () => {
  it("GIVEN a run that diverges and two that converge THEN the lower final loss ranks first and the diverged run comes last with its step", () => {
    const slow = simulate({ optimizer: "gd", fn: "quadratic", steps: 50, hyperparameters: { lr: 0.01 } });
    const fast = simulate({ optimizer: "adam", fn: "quadratic", steps: 50, hyperparameters: { lr: 0.1 } });
    const wild = simulate({ optimizer: "momentum", fn: "quadratic", steps: 50, hyperparameters: { lr: 5 } });
    expect(wild.diverged).toBe(true);
    expect((fast.loss.at(-1) ?? 0) < (slow.loss.at(-1) ?? 0)).toBe(true);

    const lines = standings([wild, slow, fast]);
    expect(lines[0]).toMatch(/^🥇 \*\*Adam\*\* \(η 0\.1\): loss .* after 50 steps\.$/);
    expect(lines[1]).toMatch(/^🥈 \*\*Gradient descent\*\* \(η 0\.01\)/);
    expect(lines[2]).toContain(`diverged at step ${wild.stopped?.step}`);
    expect(lines[2]).toContain("smaller `lr`");
  });

  it("GIVEN the saddle THEN a run that fell below −1e6 is reported as running off, not as a loss", () => {
    const escaped = simulate({ optimizer: "adadelta", fn: "saddle", steps: 400 });
    expect(escaped.stopped?.reason).toBe("unbounded");
    const [line] = standings([escaped]);
    expect(line).toContain(`ran off downhill past f = −1e6 at step ${escaped.stopped?.step}`);
  });
});
