/**
 * Text helpers for anything a user typed that the core shows to others (names on the leaderboard).
 * Output must be inert on both platforms: no Discord or Slack mention, no broken Markdown.
 */

/** Longest display name shown on a board row; longer names are cut with an ellipsis. */
export const DISPLAY_NAME_MAX = 32;

const ZERO_WIDTH_SPACE = "\u200b";

/** Look-alike characters for Markdown markers, so a name cannot bold, strike or code-format a row. */
const MARKDOWN_LOOKALIKES: Record<string, string> = {
  "*": "\u2217",
  _: "\u02cd",
  "~": "\u223c",
  "`": "\u02cb",
  "|": "\u01c0",
  "\\": "\u29f5",
};

// Control characters, bidi overrides and isolates can reorder or hide the rest of a row.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a user-supplied name safe to show: cannot ping (@everyone, @here, <@id>, <!channel>),
 * cannot format or break a line, and fits on a board row.
 */
export function escapeName(name: string): string {
  let safe = name.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  // `<` and `>` open Discord mentions (<@id>, <#id>) and Slack ones (<!here>, <@U1>); `@` opens @everyone.
  safe = safe.replace(/</g, "\u2039").replace(/>/g, "\u203a").replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
  safe = safe.replace(/[*_~`|\\]/g, (marker) => MARKDOWN_LOOKALIKES[marker] ?? marker);
  if (safe.length === 0) return "someone";
  return [...safe].length > DISPLAY_NAME_MAX ? `${[...safe].slice(0, DISPLAY_NAME_MAX - 1).join("")}…` : safe;
}

/** Cuts `text` to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** "1 point", "2 points". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
