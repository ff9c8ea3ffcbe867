import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformDriver, PostedMessage, TestUser } from "./scenarios.ts";

/**
 * /explore's scenarios, part of the shared list: every platform suite runs them through its own
 * driver (the real discord.js or Bolt against the local emulator, the real tutor and renderer).
 */

const dana: TestUser = { id: "100000000000000004", name: "dana" };
/** Enough ▶▶ clicks to cross any run (200 steps, 10 a click), so a stuck marker fails instead of looping. */
const MAX_BIG_STEPS = 25;

/** Whether a button can be clicked (Slack has no disabled buttons: the adapter leaves them out). */
function usable(message: PostedMessage, label: string): boolean {
  return message.buttons.flat().some((candidate) => candidate.label === label && !candidate.disabled);
}

function markerStep(message: PostedMessage): number {
  const match = /Marker: step (\d+)\/(\d+)/.exec(message.text);
  if (!match) throw new Error(`no marker in: ${message.text}`);
  return Number(match[1]);
}

/** Registers the /explore scenarios for one platform; call it at the top level of a test file. */
export function describeExploreScenarios(makeDriver: () => PlatformDriver): void {
  const driver = makeDriver();

  describe(`${driver.platform}: /explore`, () => {
    beforeAll(() => driver.start());
    afterAll(() => driver.stop());

    it("GIVEN /explore THEN a private map; each knob click edits that message and changes what it says", async () => {
      const start = await driver.command(dana, "explore", { function: "quadratic", optimizer: "momentum" });
      expect(start.private).toBe(true);
      expect(start.text).toMatch(/η 0\.05 · γ 0\.9/);
      expect(start.images).toHaveLength(1);
      expect(start.images[0]?.alt).toMatch(/η 0\.05 · γ 0\.9.*Marker at step 0\/200/);
      const doubled = await driver.click(dana, start, "η ×2");
      expect(doubled.id).toBe(start.id);
      expect(doubled.text).toMatch(/η 0\.1 · γ 0\.9/);
      const halved = await driver.click(dana, await driver.click(dana, doubled, "η ÷2"), "η ÷2");
      expect(halved.text).toMatch(/η 0\.025 · γ 0\.9/);
      const up = await driver.click(dana, halved, "γ +");
      expect(up.text).toMatch(/η 0\.025 · γ 0\.95 —/);
      const down = await driver.click(dana, await driver.click(dana, up, "γ −"), "γ −");
      expect(down.text).toMatch(/η 0\.025 · γ 0\.75 —/);
      expect(down.images[0]?.alt).toMatch(/γ 0\.75/);
      const reset = await driver.click(dana, down, "reset");
      expect(reset.text).toMatch(/η 0\.05 · γ 0\.9 —/);
      expect(reset.id).toBe(start.id);
      expect(reset.private).toBe(true);
    });

    it("GIVEN the step buttons THEN the marker moves by 1 and 10, shows both arrows, and stops at both ends", async () => {
      let message = await driver.command(dana, "explore", { function: "quadratic", optimizer: "momentum" });
      expect(usable(message, "◀")).toBe(false);
      expect(usable(message, "◀◀")).toBe(false);
      message = await driver.click(dana, message, "▶▶");
      expect(markerStep(message)).toBe(10);
      message = await driver.click(dana, message, "▶");
      expect(markerStep(message)).toBe(11);
      expect(message.images[0]?.alt).toMatch(/Marker at step 11\/200 .*arrows: −∇f .* and −v /);
      for (let i = 0; i < MAX_BIG_STEPS && usable(message, "▶▶"); i++) {
        message = await driver.click(dana, message, "▶▶");
      }
      expect(markerStep(message)).toBe(200);
      expect(usable(message, "▶")).toBe(false);
      message = await driver.click(dana, message, "◀");
      expect(markerStep(message)).toBe(199);
      for (let i = 0; i < MAX_BIG_STEPS && usable(message, "◀◀"); i++) {
        message = await driver.click(dana, message, "◀◀");
      }
      expect(markerStep(message)).toBe(0);
    });

    it("GIVEN a run that diverges THEN the readout says where, and ▶▶ stops at its last point", async () => {
      let message = await driver.command(dana, "explore", {
        function: "quadratic",
        optimizer: "gd",
        lr: 0.6,
      });
      const diverged = /diverged at step (\d+)/.exec(message.text);
      expect(diverged).not.toBeNull();
      for (let i = 0; i < MAX_BIG_STEPS && usable(message, "▶▶"); i++) {
        message = await driver.click(dana, message, "▶▶");
      }
      expect(markerStep(message)).toBe(Number(diverged?.[1]) - 1);
    });

    it("GIVEN + compare… and a pick THEN exactly one more path, at its own default η", async () => {
      const start = await driver.command(dana, "explore", { function: "rosenbrock", optimizer: "adam" });
      const picker = await driver.click(dana, start, "+ compare…");
      expect(picker.id).toBe(start.id);
      expect(picker.buttons.flat().map((b) => b.label)).toContain("Gradient descent");
      expect(picker.buttons.flat().map((b) => b.label)).not.toContain("Adam");
      const compared = await driver.click(dana, picker, "Gradient descent");
      expect(compared.text.match(/\(compare, its default η/g)).toHaveLength(1);
      expect(compared.text).toMatch(/Gradient descent\W+\(compare, its default η 0\.002\)/);
      expect(compared.images[0]?.alt.match(/Compared with/g)).toHaveLength(1);
      // The picker closes once a pick is made.
      expect(compared.buttons.flat().map((b) => b.label)).not.toContain("Nesterov momentum");
    });

    it("GIVEN a lesson whose picture is a map THEN 'Explore this' opens /explore on its function, optimizer and knobs, privately", async () => {
      const lesson = await driver.command(dana, "lesson", { topic: "momentum" });
      const opened = await driver.click(dana, lesson, "Explore this");
      expect(opened.id).not.toBe(lesson.id);
      expect(opened.private).toBe(true);
      expect(opened.title ?? opened.text).toMatch(/SGD with momentum on Ill-conditioned bowl/);
      expect(opened.text).toMatch(/η 0\.6 · γ 0\.45/);
    });

    it("GIVEN a start off the map THEN a clear refusal and no picture", async () => {
      const refusal = await driver.command(dana, "explore", {
        function: "quadratic",
        optimizer: "gd",
        start: "9,9",
      });
      expect(refusal.images).toHaveLength(0);
      expect(refusal.text).toMatch(/start.*inside the map/);
    });
  });
}
