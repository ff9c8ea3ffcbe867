import { describe, expect, it } from "vitest";
import { EXPLORE_STEPS, exploreScene } from "../../../src/core/render/explore-scene.ts";
import { TEST_FUNCTIONS } from "../../../src/core/sim/index.ts";

describe("explore scene (what the picture draws)", () => {
  it("GIVEN momentum with the marker at step 12 THEN the arrows start at the path's 12th point: minus the gradient there, and minus v/η", () => {
    const scene = exploreScene({ function: "quadratic", optimizer: "momentum", lr: 0.05, marker: 12 });
    const at = scene.path.points[12];
    expect(scene.at).toEqual(at);
    expect(scene.arrows.map((arrow) => arrow.kind)).toEqual(["gradient", "velocity"]);
    for (const arrow of scene.arrows) expect(arrow.from).toEqual(at);
    const [gx, gy] = TEST_FUNCTIONS.quadratic.grad(at?.[0] ?? 0, at?.[1] ?? 0);
    expect(scene.arrows[0]?.vector).toEqual([-gx, -gy]);
    // θ12 = θ11 − v12, so −v/η is the last step divided by η.
    const before = scene.path.points[11] ?? [0, 0];
    const velocity = scene.arrows[1]?.vector ?? [0, 0];
    expect(velocity[0]).toBeCloseTo(((at?.[0] ?? 0) - before[0]) / 0.05, 9);
    expect(velocity[1]).toBeCloseTo(((at?.[1] ?? 0) - before[1]) / 0.05, 9);
  });

  it("GIVEN the marker at step 0 THEN momentum has no velocity arrow yet; GD never has one", () => {
    expect(
      exploreScene({ function: "quadratic", optimizer: "momentum", lr: 0.05, marker: 0 }).arrows,
    ).toHaveLength(1);
    expect(exploreScene({ function: "beale", optimizer: "gd", lr: 0.01, marker: 50 }).arrows).toHaveLength(1);
  });

  it("GIVEN Adam at step 1 THEN its m̂ is the first gradient (bias correction undoes 1 − β₁)", () => {
    const scene = exploreScene({ function: "rosenbrock", optimizer: "adam", lr: 0.2, marker: 1 });
    const start = scene.path.points[0] ?? [0, 0];
    const [gx, gy] = TEST_FUNCTIONS.rosenbrock.grad(start[0], start[1]);
    const mHat = scene.arrows.find((arrow) => arrow.kind === "velocity");
    expect(mHat?.label).toBe("−m̂");
    expect(mHat?.vector[0]).toBeCloseTo(-gx, 6);
    expect(mHat?.vector[1]).toBeCloseTo(-gy, 6);
  });

  it("GIVEN a knob THEN the run uses it; GIVEN a compare optimizer THEN exactly one more path, at its own default η", () => {
    const low = exploreScene({
      function: "quadratic",
      optimizer: "momentum",
      lr: 0.05,
      knob: 0.25,
      marker: 0,
    });
    const high = exploreScene({
      function: "quadratic",
      optimizer: "momentum",
      lr: 0.05,
      knob: 0.95,
      marker: 0,
    });
    expect(low.path.hyperparameters.momentum).toBe(0.25);
    expect(high.path.hyperparameters.momentum).toBe(0.95);
    expect(low.path.points).not.toEqual(high.path.points);
    const compared = exploreScene({
      function: "quadratic",
      optimizer: "momentum",
      lr: 0.05,
      compare: "adam",
      marker: 0,
    });
    expect(low.comparePath).toBeUndefined();
    expect(compared.comparePath?.optimizer).toBe("adam");
    expect(compared.comparePath?.hyperparameters.lr).toBe(0.1);
  });

  it("GIVEN a marker past a diverged path's end THEN it is clamped to the last point", () => {
    const scene = exploreScene({ function: "quadratic", optimizer: "gd", lr: 1.6, marker: EXPLORE_STEPS });
    expect(scene.path.diverged).toBe(true);
    expect(scene.marker).toBe(scene.path.points.length - 1);
    expect(scene.marker).toBeLessThan(EXPLORE_STEPS);
  });
});
