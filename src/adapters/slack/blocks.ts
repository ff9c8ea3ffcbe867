import type { types } from "@slack/bolt";
import type { Reply, ReplyButton, ReplyField, ReplyImage } from "../../core/reply.ts";
import { truncate } from "../../core/text.ts";
import {
  BUTTON_TEXT_MAX,
  CONTEXT_ELEMENTS_MAX,
  HEADER_TEXT_MAX,
  HOME_MAX_BLOCKS,
  IMAGE_ALT_MAX,
  MESSAGE_MAX_BLOCKS,
  NOTIFICATION_TEXT_MAX,
  SECTION_FIELD_MAX,
  SECTION_FIELDS_MAX,
  SECTION_TEXT_MAX,
} from "./limits.ts";
import { escapeSlackText, toMrkdwn } from "./mrkdwn.ts";

/** Pure translators from the core's `Reply` to Block Kit. */

export type Block = types.KnownBlock;

/** What chat.postMessage, chat.update and response_url take. */
export interface SlackMessage {
  /** Notification and screen-reader fallback; Slack shows the blocks instead. */
  text: string;
  blocks: Block[];
}

/** Every button's action_id starts with this, so one listener catches Descent's buttons only. */
export const ACTION_ID_PREFIX = "descent.btn.";
/** Matches the action_ids `replyToBlocks` generates. */
export const ACTION_ID_PATTERN = /^descent\.btn\./;
const SHORTENED_NOTE = "_(shortened to fit in Slack)_";

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text });

/** Splits text at paragraph breaks into pieces that each fit one section block. */
export function splitForSections(text: string, max = SECTION_TEXT_MAX): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const paragraph of text.split(/\n{2,}/)) {
    const candidate = current ? `${current}\n\n${paragraph}` : paragraph;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) pieces.push(current);
    current = paragraph;
    while (current.length > max) {
      pieces.push(current.slice(0, max));
      current = current.slice(max);
    }
  }
  if (current.trim()) pieces.push(current);
  return pieces;
}

function textBlocks(text: string): Block[] {
  return splitForSections(toMrkdwn(text)).map((piece) => ({ type: "section", text: mrkdwn(piece) }));
}

function fieldText(field: ReplyField): string {
  return truncate(`*${escapeSlackText(field.name)}*\n${toMrkdwn(field.value)}`, SECTION_FIELD_MAX);
}

/** Inline fields side by side (section fields), the others as their own sections. */
function fieldBlocks(fields: readonly ReplyField[]): Block[] {
  const blocks: Block[] = [];
  let inline: types.MrkdwnElement[] = [];
  const flush = () => {
    for (let start = 0; start < inline.length; start += SECTION_FIELDS_MAX) {
      blocks.push({ type: "section", fields: inline.slice(start, start + SECTION_FIELDS_MAX) });
    }
    inline = [];
  };
  for (const field of fields) {
    if (field.inline) {
      inline.push(mrkdwn(fieldText(field)));
    } else {
      flush();
      blocks.push({ type: "section", text: mrkdwn(fieldText(field)) });
    }
  }
  flush();
  return blocks;
}

/** An uploaded image shown inline, or its description in words when it could not be attached. */
function imageBlock(image: ReplyImage, fileId: string | undefined): Block {
  const alt = truncate(image.alt, IMAGE_ALT_MAX);
  if (fileId) return { type: "image", slack_file: { id: fileId }, alt_text: alt };
  return { type: "context", elements: [mrkdwn(`🖼 ${escapeSlackText(alt)}`)] };
}

const STYLE_MARKERS: Record<ReplyButton["style"], string> = {
  primary: "",
  secondary: "",
  success: "✅ ",
  danger: "❌ ",
};

function button(reply: ReplyButton, row: number, column: number): types.Button {
  const style = reply.style === "danger" ? "danger" : reply.style === "secondary" ? undefined : "primary";
  return {
    type: "button",
    action_id: `${ACTION_ID_PREFIX}${row}.${column}`,
    value: reply.id,
    text: { type: "plain_text", text: truncate(reply.label, BUTTON_TEXT_MAX), emoji: true },
    ...(style && { style }),
  };
}

/**
 * One actions block per row. Slack buttons cannot be disabled, so disabled ones (an answered
 * quiz) become a context line of labels, marked ✅/❌ by style.
 */
function buttonBlocks(rows: readonly ReplyButton[][]): Block[] {
  return rows.flatMap((row, rowIndex): Block[] => {
    const blocks: Block[] = [];
    const enabled = row.flatMap((b, column) => (b.disabled ? [] : [button(b, rowIndex, column)]));
    const disabled = row.filter((b) => b.disabled);
    if (disabled.length > 0) {
      const labels = disabled.map((b) => `${STYLE_MARKERS[b.style]}${escapeSlackText(b.label)}`);
      blocks.push({ type: "context", elements: [mrkdwn(labels.join("   ·   "))] });
    }
    if (enabled.length > 0) blocks.push({ type: "actions", elements: enabled });
    return blocks;
  });
}

function fitBlocks(body: Block[], tail: Block[], max: number): Block[] {
  if (body.length + tail.length <= max) return [...body, ...tail];
  const room = Math.max(0, max - tail.length - 1);
  return [...body.slice(0, room), { type: "context", elements: [mrkdwn(SHORTENED_NOTE)] }, ...tail];
}

/** The notification text: title and body as plain mrkdwn, cut to a sane length. */
export function fallbackText(reply: Reply): string {
  const parts = [reply.title && `*${escapeSlackText(reply.title)}*`, toMrkdwn(reply.text)].filter(Boolean);
  return truncate(parts.join("\n") || " ", NOTIFICATION_TEXT_MAX);
}

export interface BlockOptions {
  /** Uploaded file ids, by index of `reply.images`; a missing id shows the image's alt text instead. */
  imageFileIds?: readonly (string | undefined)[];
  /** Leave buttons out (the Home tab has no response_url to answer a click with). */
  withoutButtons?: boolean;
  maxBlocks?: number;
}

/** Header, text, fields, images, buttons and footer as Block Kit, within Slack's limits. */
export function replyToBlocks(reply: Reply, options: BlockOptions = {}): SlackMessage {
  const body: Block[] = [];
  if (reply.title) {
    body.push({
      type: "header",
      text: { type: "plain_text", text: truncate(reply.title, HEADER_TEXT_MAX), emoji: true },
    });
  }
  body.push(...textBlocks(reply.text), ...fieldBlocks(reply.fields ?? []));
  reply.images.forEach((image, index) => {
    body.push(imageBlock(image, options.imageFileIds?.[index]));
  });
  const tail: Block[] = options.withoutButtons ? [] : buttonBlocks(reply.buttons);
  if (reply.closesAt) tail.push({ type: "context", elements: [mrkdwn(countdown(reply.closesAt))] });
  if (reply.footer) {
    tail.push({ type: "context", elements: [mrkdwn(toMrkdwn(reply.footer))].slice(0, CONTEXT_ELEMENTS_MAX) });
  }
  return {
    text: fallbackText(reply),
    blocks: fitBlocks(body, tail, options.maxBlocks ?? MESSAGE_MAX_BLOCKS),
  };
}

/**
 * Slack's date token shows the time in each reader's own zone and "in 15 seconds" style with {ago};
 * the text after | is what clients that cannot format it show (https://api.slack.com/reference/surfaces/formatting#date-formatting).
 */
export function countdown(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `⏱ Closes <!date^${seconds}^{ago} ({time_secs})|at ${at.toISOString().slice(11, 19)} UTC>`;
}

/** The App Home view: the given replies (progress, leaderboard) one under the other, without buttons. */
export function homeView(sections: readonly Reply[]): types.HomeView {
  const blocks = sections.flatMap((reply, index): Block[] => [
    ...(index > 0 ? [{ type: "divider" } as Block] : []),
    ...replyToBlocks(reply, { withoutButtons: true, maxBlocks: HOME_MAX_BLOCKS }).blocks,
  ]);
  return { type: "home", blocks: fitBlocks(blocks, [], HOME_MAX_BLOCKS) };
}
