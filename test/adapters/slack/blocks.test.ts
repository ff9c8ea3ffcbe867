import { describe, expect, it } from "vitest";
import {
  ACTION_ID_PATTERN,
  fallbackText,
  homeView,
  replyToBlocks,
  splitForSections,
} from "../../../src/adapters/slack/blocks.ts";
import type { Reply, ReplyButton } from "../../../src/core/reply.ts";

const image = {
  bytes: Buffer.from("png"),
  fileName: "adam.png",
  alt: "The Adam update rule",
  width: 10,
  height: 10,
};
const choice = (id: string, label: string, extra: Partial<ReplyButton> = {}): ReplyButton => ({
  id,
  label,
  style: "secondary",
  ...extra,
});
const reply = (overrides: Partial<Reply>): Reply => ({
  text: "",
  images: [],
  buttons: [],
  private: false,
  ...overrides,
});

// biome-ignore lint/suspicious/noExplicitAny: assertions read the generated JSON loosely, field by field.
type AnyBlock = Record<string, any>;
const blocksOf = (
  r: Reply,
  ...args: Parameters<typeof replyToBlocks> extends [Reply, ...infer Rest] ? Rest : never
) => replyToBlocks(r, ...args).blocks as AnyBlock[];

describe("replyToBlocks", () => {
  it("GIVEN title, text, image and a row of buttons THEN header, section, image, actions in that order", () => {
    const blocks = blocksOf(
      reply({
        title: "Adam",
        text: "**Adaptive** moments",
        images: [image],
        buttons: [[choice("q:1", "Quiz me")]],
      }),
      { imageFileIds: ["F00000001"] },
    );
    expect(blocks.map((block) => block.type)).toEqual(["header", "section", "image", "actions"]);
    expect(blocks[0]?.text.text).toBe("Adam");
    expect(blocks[1]?.text).toEqual({ type: "mrkdwn", text: "*Adaptive* moments" });
    expect(blocks[2]).toMatchObject({ slack_file: { id: "F00000001" }, alt_text: "The Adam update rule" });
    expect(blocks[3]?.elements[0]).toMatchObject({ type: "button", value: "q:1", text: { text: "Quiz me" } });
    expect(blocks[3]?.elements[0].action_id).toMatch(ACTION_ID_PATTERN);
  });

  it("GIVEN an image that was not uploaded THEN its alt text is shown in a context block instead", () => {
    const blocks = blocksOf(reply({ images: [image] }));
    expect(blocks).toEqual([
      { type: "context", elements: [{ type: "mrkdwn", text: "🖼 The Adam update rule" }] },
    ]);
  });

  it("GIVEN two buttons in a row THEN their action_ids differ and each value is the button id", () => {
    const [actions] = blocksOf(reply({ buttons: [[choice("a", "A"), choice("b", "B")]] }));
    const [first, second] = actions?.elements ?? [];
    expect(first.action_id).not.toBe(second.action_id);
    expect([first.value, second.value]).toEqual(["a", "b"]);
  });

  it("GIVEN a row of 30 buttons THEN Slack's 25 elements an actions block holds are kept, the rest follow in a second block", () => {
    const row = Array.from({ length: 30 }, (_, index) => choice(`b:${index}`, `B${index}`));
    const blocks = blocksOf(reply({ buttons: [row] }));
    expect(blocks.map((block) => block.elements.length)).toEqual([25, 5]);
    const ids = blocks.flatMap((block) => block.elements.map((element: AnyBlock) => element.action_id));
    expect(new Set(ids).size).toBe(30);
    expect(blocks.flatMap((block) => block.elements.map((element: AnyBlock) => element.value))).toEqual(
      row.map((button) => button.id),
    );
  });

  it("GIVEN a 100-character label THEN the button text is cut to Slack's 75 characters", () => {
    const [actions] = blocksOf(reply({ buttons: [[choice("x", "y".repeat(100))]] }));
    const label: string = actions?.elements[0].text.text;
    expect(label).toHaveLength(75);
    expect(label.endsWith("…")).toBe(true);
  });

  it("GIVEN styles THEN success and primary are Slack primary, danger stays, secondary has no style", () => {
    const [actions] = blocksOf(
      reply({
        buttons: [
          [
            choice("1", "p", { style: "primary" }),
            choice("2", "s", { style: "success" }),
            choice("3", "d", { style: "danger" }),
            choice("4", "n"),
          ],
        ],
      }),
    );
    expect(actions?.elements.map((element: AnyBlock) => element.style)).toEqual([
      "primary",
      "primary",
      "danger",
      undefined,
    ]);
  });

  it("GIVEN disabled buttons (an answered question) THEN they become a context line marked by style", () => {
    const blocks = blocksOf(
      reply({
        buttons: [
          [
            choice("1", "Adam", { style: "success", disabled: true }),
            choice("2", "SGD", { style: "danger", disabled: true }),
            choice("3", "Next", { style: "primary" }),
          ],
        ],
      }),
    );
    expect(blocks.map((block) => block.type)).toEqual(["context", "actions"]);
    expect(blocks[0]?.elements[0].text).toContain("✅ Adam");
    expect(blocks[0]?.elements[0].text).toContain("❌ SGD");
    expect(blocks[1]?.elements).toHaveLength(1);
  });

  it("GIVEN inline fields THEN they share a section; a wide field gets its own section", () => {
    const blocks = blocksOf(
      reply({
        fields: [
          { name: "Score", value: "3/4", inline: true },
          { name: "Streak", value: "2", inline: true },
          { name: "Note", value: "Keep going" },
        ],
      }),
    );
    expect(blocks[0]?.fields.map((field: AnyBlock) => field.text)).toEqual(["*Score*\n3/4", "*Streak*\n2"]);
    expect(blocks[1]?.text.text).toBe("*Note*\nKeep going");
  });

  it("GIVEN text with <, > and & THEN they are escaped so Slack shows them rather than mentions", () => {
    const [section] = blocksOf(reply({ text: "lr < 1 & <!here>" }));
    expect(section?.text.text).toBe("lr &lt; 1 &amp; &lt;!here&gt;");
  });

  it("GIVEN a footer THEN it is the last block, after the buttons", () => {
    const blocks = blocksOf(reply({ text: "t", footer: "Lesson 4/8", buttons: [[choice("n", "Next")]] }));
    expect(blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "Lesson 4/8" }] });
  });

  it("GIVEN more than 50 blocks of content THEN the message is cut to 50 and keeps its buttons", () => {
    const fields = Array.from({ length: 60 }, (_, index) => ({ name: `f${index}`, value: "v" }));
    const blocks = blocksOf(reply({ fields, buttons: [[choice("n", "Next")]] }));
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)?.type).toBe("actions");
    expect(blocks.at(-2)?.elements[0].text).toMatch(/shortened/);
  });
});

describe("splitForSections", () => {
  it("GIVEN paragraphs longer than the limit together THEN they are split at the blank line", () => {
    expect(splitForSections(`${"a".repeat(6)}\n\n${"b".repeat(6)}`, 10)).toEqual(["aaaaaa", "bbbbbb"]);
  });

  it("GIVEN one paragraph longer than the limit THEN it is cut into pieces no longer than the limit", () => {
    const pieces = splitForSections("c".repeat(25), 10);
    expect(pieces.map((piece) => piece.length)).toEqual([10, 10, 5]);
  });
});

describe("fallbackText and homeView", () => {
  it("GIVEN a title and text THEN the notification text has both", () => {
    expect(fallbackText(reply({ title: "Race", text: "**Adam** wins" }))).toBe("*Race*\n*Adam* wins");
  });

  it("GIVEN progress and leaderboard replies THEN the Home view shows both, divided, without buttons", () => {
    const view = homeView([
      reply({ title: "Your progress", buttons: [[choice("c", "Continue")]] }),
      reply({ title: "Leaderboard", text: "1. alice" }),
    ]);
    const types = (view.blocks as AnyBlock[]).map((block) => block.type);
    expect(view.type).toBe("home");
    expect(types).toEqual(["header", "divider", "header", "section"]);
  });
});
