import type { Reply, ReplyButton } from "../../core/reply.ts";
import type { SavedImage } from "./images.ts";

/** A reply as terminal text, plus the buttons a typed number clicks (1-based, in order). */
export interface ConsoleView {
  text: string;
  choices: ReplyButton[];
}

const BOLD = "\u001b[1m";
const DIM = "\u001b[2m";
const ITALIC = "\u001b[3m";
const RESET = "\u001b[0m";

/** Longest image title printed; the full description is in the file beside the image. */
export const IMAGE_TITLE_MAX = 60;

/**
 * Turns the Reply Markdown subset into ANSI styles on a terminal (bold, italic, code as plain text),
 * or strips the markers when the output is not a terminal.
 */
export function styleMarkdown(text: string, color: boolean): string {
  const style = (code: string, inner: string) => (color ? `${code}${inner}${RESET}` : inner);
  return text
    .replace(/`([^`\n]+)`/g, (_, inner: string) => inner)
    .replace(/\*\*(.+?)\*\*/g, (_, inner: string) => style(BOLD, inner))
    .replace(
      /(^|\s)_(\S(?:.*?\S)?)_(?=\s|[.,;:!?)]|$)/gm,
      (_, before: string, inner: string) => `${before}${style(ITALIC, inner)}`,
    );
}

/** A short title from an image's alt text: its first clause, cut at a word within IMAGE_TITLE_MAX. */
export function imageTitle(alt: string): string {
  const clause =
    alt
      .split(/\.\s|;|\s\(/)[0]
      ?.trim()
      .replace(/\.$/, "") ?? "";
  if (clause.length <= IMAGE_TITLE_MAX) return clause;
  const cut = clause.slice(0, IMAGE_TITLE_MAX);
  const wordEnd = cut.lastIndexOf(" ");
  return `${cut.slice(0, wordEnd > 0 ? wordEnd : IMAGE_TITLE_MAX - 1)}…`;
}

/** Lays a reply out for the terminal: title, body, fields, image paths with titles, footer, numbered buttons. */
export function formatReply(
  reply: Reply,
  images: SavedImage[],
  color = false,
  files: string[] = [],
): ConsoleView {
  const lines: string[] = [];
  if (reply.title) lines.push(styleMarkdown(`**${reply.title}**`, color), "");
  lines.push(styleMarkdown(reply.text, color));
  for (const field of reply.fields ?? [])
    lines.push(`${styleMarkdown(`**${field.name}:**`, color)} ${styleMarkdown(field.value, color)}`);
  reply.images.forEach((image, index) => {
    const saved = images[index];
    lines.push(`🖼  ${saved?.file ?? image.fileName}  ${imageTitle(image.alt)}`);
  });
  if (images.length > 0)
    lines.push(dim(`(each picture is described in full in the .txt file beside it)`, color));
  reply.files?.forEach((file, index) => {
    lines.push(`📄 ${files[index] ?? file.fileName}  ${file.description}`);
  });
  if (reply.closesAt) lines.push(`⏱ Closes at ${reply.closesAt.toISOString().slice(11, 19)} UTC`);
  if (reply.footer) lines.push(dim(styleMarkdown(reply.footer, false), color));
  // The button that only moves on is clicked by the terminal itself (Reply.advance).
  const choices = reply.buttons.flat().filter((button) => !button.disabled && button.id !== reply.advance);
  if (choices.length > 0) {
    lines.push("", choices.map((button, index) => `[${index + 1}] ${button.label}`).join("   "));
  }
  return { text: lines.join("\n"), choices };
}

function dim(text: string, color: boolean): string {
  return color ? `${DIM}${text}${RESET}` : text;
}
