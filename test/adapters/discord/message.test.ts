import { ButtonStyle, ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  ACCENT_COLOUR,
  ATTACHMENT_DESCRIPTION_MAX,
  EMBED_DESCRIPTION_MAX,
} from "../../../src/adapters/discord/limits.ts";
import { safeFileName, toButtonRows, toDiscordMessage } from "../../../src/adapters/discord/message.ts";
import { BUTTON_ID_MAX, BUTTONS_PER_ROW, MAX_BUTTON_ROWS } from "../../../src/core/layout.ts";
import type { Reply, ReplyButton } from "../../../src/core/reply.ts";

const png = (fileName: string, alt = "The Adam update rule, written out.") => ({
  bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  fileName,
  alt,
  width: 10,
  height: 10,
});

const lesson: Reply = {
  title: "Adam",
  text: "**Adam** keeps two running averages.\n\n• one of gradients\n• one of squares",
  footer: "Lesson 7/8",
  fields: [{ name: "Default lr", value: "0.001", inline: true }],
  images: [png("adam-rule.png"), png("adam map.png", "Adam's path on the Rosenbrock valley.")],
  buttons: [
    [
      { id: "l:prev:rmsprop", label: "Previous", style: "secondary" },
      { id: "q:start:adam", label: "Take the quiz", style: "primary" },
    ],
  ],
  private: false,
};

const buttons = (count: number): ReplyButton[] =>
  Array.from({ length: count }, (_, i) => ({ id: `b${i}`, label: `B${i}`, style: "secondary" as const }));

describe("toDiscordMessage", () => {
  it("GIVEN a lesson THEN the first embed has the accent colour, title, text and fields", () => {
    const [main] = toDiscordMessage(lesson).embeds;
    expect(main).toMatchObject({ color: ACCENT_COLOUR, title: "Adam", description: lesson.text });
    expect(main?.fields).toEqual([{ name: "Default lr", value: "0.001", inline: true }]);
  });

  it("GIVEN images THEN each becomes an attachment whose description is its alt text, shown in an embed", () => {
    const message = toDiscordMessage(lesson);
    expect(message.files.map((file) => [file.name, file.description])).toEqual([
      ["adam-rule.png", "The Adam update rule, written out."],
      ["adam-map.png", "Adam's path on the Rosenbrock valley."],
    ]);
    expect(message.embeds.map((embed) => embed.image?.url)).toEqual([
      "attachment://adam-rule.png",
      "attachment://adam-map.png",
    ]);
    expect(message.embeds.every((embed) => embed.color === ACCENT_COLOUR)).toBe(true);
  });

  it("GIVEN a footer and two images THEN the footer sits under the last embed only", () => {
    const { embeds } = toDiscordMessage(lesson);
    expect(embeds[0]?.footer).toBeUndefined();
    expect(embeds[1]?.footer).toEqual({ text: "Lesson 7/8" });
  });

  it("GIVEN an edit THEN attachments is empty so old images are replaced, and mentions are off", () => {
    const message = toDiscordMessage(lesson);
    expect(message.attachments).toEqual([]);
    expect(message.allowedMentions).toEqual({ parse: [] });
  });

  it("GIVEN text and alt longer than Discord allows THEN both are cut to the limit", () => {
    const long = toDiscordMessage({
      ...lesson,
      text: "x".repeat(EMBED_DESCRIPTION_MAX + 50),
      images: [png("a.png", "y".repeat(ATTACHMENT_DESCRIPTION_MAX + 50))],
    });
    expect(long.embeds[0]?.description?.length).toBe(EMBED_DESCRIPTION_MAX);
    expect(long.files[0]?.description.length).toBe(ATTACHMENT_DESCRIPTION_MAX);
  });

  it("GIVEN buttons THEN they map to action rows with custom ids and Discord styles", () => {
    const [row] = toDiscordMessage(lesson).components;
    expect(row?.type).toBe(ComponentType.ActionRow);
    expect(row?.components).toEqual([
      {
        type: ComponentType.Button,
        custom_id: "l:prev:rmsprop",
        label: "Previous",
        style: ButtonStyle.Secondary,
        disabled: false,
      },
      {
        type: ComponentType.Button,
        custom_id: "q:start:adam",
        label: "Take the quiz",
        style: ButtonStyle.Primary,
        disabled: false,
      },
    ]);
  });
});

describe("toButtonRows", () => {
  it("GIVEN a row of 7 buttons THEN it wraps into rows of at most 5", () => {
    const rows = toButtonRows([buttons(7)]);
    expect(rows.map((row) => row.components.length)).toEqual([BUTTONS_PER_ROW, 2]);
  });

  it("GIVEN more rows than Discord allows THEN it throws naming the limit", () => {
    const tooMany = Array.from({ length: MAX_BUTTON_ROWS + 1 }, () => buttons(1));
    expect(() => toButtonRows(tooMany)).toThrow(/allows 5/);
  });

  it("GIVEN a custom id over the limit THEN it throws; at the limit it passes", () => {
    const at = [{ id: "x".repeat(BUTTON_ID_MAX), label: "ok", style: "primary" as const }];
    const over = [{ id: "x".repeat(BUTTON_ID_MAX + 1), label: "too long", style: "primary" as const }];
    expect(toButtonRows([at])[0]?.components[0]?.custom_id.length).toBe(BUTTON_ID_MAX);
    expect(() => toButtonRows([over])).toThrow(/"too long".*101-character id/);
  });

  it("GIVEN a disabled button THEN it stays disabled", () => {
    const rows = toButtonRows([[{ id: "a", label: "A", style: "success", disabled: true }]]);
    expect(rows[0]?.components[0]).toMatchObject({ disabled: true, style: ButtonStyle.Success });
  });
});

describe("safeFileName", () => {
  it("GIVEN spaces and accents THEN only safe characters remain", () => {
    expect(safeFileName("rosenbrock race é.gif")).toBe("rosenbrock-race--.gif");
  });
});
