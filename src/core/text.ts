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

// Control characters, bidi marks, overrides and isolates can reorder or hide the rest of a row;
// zero-width characters and soft hyphens can make a name invisible.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Combining marks kept on one letter: enough for any language, too few to stack "Zalgo" over rows above. */
const MAX_COMBINING_MARKS = 2;
const MARK_PILE = new RegExp(`(\\p{M}{${MAX_COMBINING_MARKS}})\\p{M}+`, "gu");

/** Look-alikes for the brackets of a Markdown masked link `[text](url)`, which Discord embeds render. */
const BRACKET_LOOKALIKES: Record<string, string> = { "[": "\u2045", "]": "\u2046" };

/**
 * Look-alikes that stop Discord and Slack from making a link of a name: Discord links `http(s)://…`,
 * Slack also bare domains (`evil.example`) and addresses. No `:` before `/` and no `.` is left.
 */
const LINK_LOOKALIKES: Array<[RegExp, string]> = [
  [/:(?=\/)/g, "\u2236"],
  [/\./g, "\u2024"],
];

/** One line, no control or invisible characters, no pile of combining marks. */
function flatten(text: string): string {
  return text.replace(INVISIBLE, " ").replace(/\s+/g, " ").replace(MARK_PILE, "$1").trim();
}

/** No mention can open: `<` and `>` open Discord (<@id>, <#id>) and Slack (<!here>) mentions, `@` opens @everyone. */
function defuseMentions(text: string): string {
  return text.replace(/</g, "\u2039").replace(/>/g, "\u203a").replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/**
 * Makes a user-supplied name safe to show: cannot ping (@everyone, @here, <@id>, <!channel>),
 * cannot format or break a line, cannot become a link, and fits on a board row.
 */
export function escapeName(name: string): string {
  let safe = defuseMentions(flatten(name));
  safe = safe.replace(/[*_~`|\\]/g, (marker) => MARKDOWN_LOOKALIKES[marker] ?? marker);
  safe = safe.replace(/[[\]]/g, (bracket) => BRACKET_LOOKALIKES[bracket] ?? bracket);
  for (const [pattern, lookalike] of LINK_LOOKALIKES) safe = safe.replace(pattern, lookalike);
  if (safe.length === 0) return "someone";
  return [...safe].length > DISPLAY_NAME_MAX ? `${[...safe].slice(0, DISPLAY_NAME_MAX - 1).join("")}…` : safe;
}

/** Longest piece of a user's typed input that a reply quotes back. */
export const ECHO_MAX = 40;

/**
 * Quotes what a user typed back to them as inline code: one line, cut to ECHO_MAX, no backtick to
 * break out of the code span and no mention syntax. For error replies ("you gave `abc`").
 */
export function quoteInput(value: string): string {
  const safe = defuseMentions(flatten(value)).replace(/`/g, "\u02cb");
  return safe === "" ? "nothing" : `\`${truncate(safe, ECHO_MAX)}\``;
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
