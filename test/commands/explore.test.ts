import { describe, expect, it } from "vitest";
import { EXPLORE_ID } from "../../commands/explore/state.ts";
import { BUTTON_ID_MAX } from "../../src/core/layout.ts";
import type { Reply } from "../../src/core/reply.ts";
import { harness, student } from "../core/fakes.ts";

const who = student("explorer");

function buttonLabelled(reply: Reply, label: string) {
  const button = reply.buttons.flat().find((candidate) => candidate.label === label);
  if (!button) throw new Error(`no "${label}" button on: ${reply.text}`);
  return button;
}

describe("/explore (tutor level)", () => {
  it("GIVEN /explore THEN a private picture whose knobs row and step row carry ids of at most 100 characters", async () => {
    const { tutor } = harness();
    const reply = await tutor.run(
      "explore",
      { function: "himmelblau", optimizer: "nesterov", lr: 0.000123, start: "-4.99,-4.99" },
      who,
    );
    expect(reply.private).toBe(true);
    expect(reply.replaceOriginal).toBe(false);
    expect(reply.images).toHaveLength(1);
    expect(reply.buttons.map((row) => row.map((button) => button.label))).toEqual([
      ["η ÷2", "η ×2", "γ −", "γ +", "+ compare…"],
      ["◀◀", "◀", "▶", "▶▶", "reset"],
    ]);
    for (const button of reply.buttons.flat()) {
      expect(button.id.length).toBeLessThanOrEqual(BUTTON_ID_MAX);
      expect(EXPLORE_ID.parse(button.id)).toBeDefined();
    }
    expect(reply.text).toMatch(/η 0\.000123 · γ 0\.9/);
  });

  it("GIVEN a forged, inconsistent or oversized explore id THEN it is declined and nothing is drawn", async () => {
    const { tutor } = harness();
    const reply = await tutor.run("explore", { function: "quadratic", optimizer: "momentum" }, who);
    const valid = buttonLabelled(reply, "▶").id;
    const fields = valid.split(":");
    const forge = (index: number, value: string) =>
      fields.map((field, i) => (i === index ? value : field)).join(":");
    const forged = [
      forge(5, "9"), // a γ rung the ladder does not have
      forge(4, "30"), // η beyond the ladder
      forge(3, "99"), // a base η above the limit
      forge(7, "momentum"), // compare with itself
      forge(8, "40_40"), // a start off the map
      forge(9, "z"), // an unknown action
      forge(6, "1000"), // a step past the run
      `${valid}:extra`,
      valid.padEnd(BUTTON_ID_MAX + 1, "0"),
    ];
    for (const id of forged) {
      const declined = await tutor.click(id, who);
      expect(declined.images, id).toHaveLength(0);
      expect(declined.text, id).toMatch(/isn't one I recognise/);
    }
  });

  it("GIVEN bad options THEN each is refused with a message that names the option and what is allowed", async () => {
    const { tutor } = harness();
    const offMap = await tutor.run("explore", { function: "quadratic", optimizer: "gd", start: "9,9" }, who);
    expect(offMap.text).toMatch(/start.*inside the map.*x from -5 to 5, y from -2 to 2.*you gave `9,9`/);
    const garbled = await tutor.run(
      "explore",
      { function: "quadratic", optimizer: "gd", start: "north" },
      who,
    );
    expect(garbled.text).toMatch(/start.*two numbers x,y.*you gave `north`/);
    const lr = await tutor.run("explore", { function: "quadratic", optimizer: "gd", lr: 50 }, who);
    expect(lr.text).toMatch(/lr.*between 0\.000001 and 10/);
    const optimizer = await tutor.run("explore", { function: "quadratic", optimizer: "lion" }, who);
    expect(optimizer.text).toMatch(/optimizer.*`gd`.*you gave `lion`/);
    for (const refusal of [offMap, garbled, lr, optimizer]) expect(refusal.images).toHaveLength(0);
  });

  it("GIVEN η at the top of its range THEN η ×2 is disabled", async () => {
    const { tutor } = harness();
    const reply = await tutor.run("explore", { function: "quadratic", optimizer: "gd", lr: 8 }, who);
    expect(buttonLabelled(reply, "η ×2").disabled).toBe(true);
    expect(buttonLabelled(reply, "η ÷2").disabled).toBeUndefined();
  });

  it("GIVEN each optimizer THEN its own knob steps along its ladder (ρ, β₁), and GD and Adagrad have none", async () => {
    const { tutor } = harness();
    const rmsprop = await tutor.run("explore", { function: "rosenbrock", optimizer: "rmsprop" }, who);
    expect(rmsprop.text).toMatch(/η 0\.02 · ρ 0\.99 —/);
    expect((await tutor.click(buttonLabelled(rmsprop, "ρ +").id, who)).text).toMatch(/ρ 0\.999 —/);
    const adam = await tutor.run("explore", { function: "rosenbrock", optimizer: "adam" }, who);
    expect((await tutor.click(buttonLabelled(adam, "β₁ −").id, who)).text).toMatch(/η 0\.2 · β₁ 0\.75 —/);
    for (const optimizer of ["gd", "adagrad"]) {
      const reply = await tutor.run("explore", { function: "rosenbrock", optimizer }, who);
      expect(reply.buttons[0]?.map((button) => button.label)).toEqual(["η ÷2", "η ×2", "+ compare…"]);
    }
  });

  it("GIVEN a compare optimizer THEN the picker offers to remove it, and removing leaves one path", async () => {
    const { tutor } = harness();
    const start = await tutor.run("explore", { function: "quadratic", optimizer: "gd" }, who);
    const picker = await tutor.click(buttonLabelled(start, "+ compare…").id, who);
    expect(picker.replaceOriginal).toBe(true);
    expect(picker.buttons.flat().map((button) => button.label)).not.toContain("no compare");
    const compared = await tutor.click(buttonLabelled(picker, "Adam").id, who);
    expect(compared.text).toMatch(/Adam\*\* \(compare, its default η 0\.1\)/);
    const again = await tutor.click(buttonLabelled(compared, "+ compare…").id, who);
    const removed = await tutor.click(buttonLabelled(again, "no compare").id, who);
    expect(removed.text).not.toMatch(/compare, its default/);
  });
});
