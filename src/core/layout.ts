import type { ReplyButton } from "./reply.ts";

/**
 * What every adapter can show: the tighter of Discord's and Slack's limits, so one Reply works on
 * both. Each adapter names its own platform's hard limits in its limits.ts and enforces them there.
 */

/** A button id (Discord's custom_id is 100 characters; Slack's action_id allows 255). */
export const BUTTON_ID_MAX = 100;
/** A button label (Slack's button text is 75 characters; Discord allows 80). */
export const BUTTON_LABEL_MAX = 75;

/** Buttons per row on both platforms (Discord action row limit). */
export const BUTTONS_PER_ROW = 5;
/** Rows of buttons per message (Discord limit). */
export const MAX_BUTTON_ROWS = 5;
/** Suggestions an autocomplete may return (Discord limit; Slack external selects show more). */
export const AUTOCOMPLETE_MAX = 25;

/** Lays buttons out in rows of at most BUTTONS_PER_ROW. */
export function buttonRows(buttons: ReplyButton[]): ReplyButton[][] {
  const rows: ReplyButton[][] = [];
  for (let start = 0; start < buttons.length && rows.length < MAX_BUTTON_ROWS; start += BUTTONS_PER_ROW) {
    rows.push(buttons.slice(start, start + BUTTONS_PER_ROW));
  }
  return rows;
}
