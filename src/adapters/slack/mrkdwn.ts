/**
 * The core's Markdown subset (**bold**, _italic_, `code`, "• " bullets, blank-line paragraphs) in
 * Slack's mrkdwn: bold is single asterisks, and `&`, `<`, `>` must be escaped or Slack reads them
 * as entities, links and mentions.
 */

/** Escapes the three characters Slack treats as control characters in mrkdwn and plain text. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Converts the core's Markdown subset to Slack mrkdwn, leaving `code` spans untouched. */
export function toMrkdwn(markdown: string): string {
  return escapeSlackText(markdown)
    .split(/(`[^`\n]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/\*\*(.+?)\*\*/g, "*$1*")))
    .join("");
}
