import type { ReplyButton } from "./reply.ts";

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
