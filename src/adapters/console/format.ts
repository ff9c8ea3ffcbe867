import type { Reply, ReplyButton } from "../../core/reply.ts";

/** A reply as terminal text, plus the buttons a typed number clicks (1-based, in order). */
export interface ConsoleView {
  text: string;
  choices: ReplyButton[];
}

const BOLD = "\u001b[1m";
const ITALIC = "\u001b[3m";
const RESET = "\u001b[0m";

/** Turns the Markdown subset into ANSI styles on a terminal, or plain text in a pipe. */
export function styleMarkdown(text: string, color: boolean): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, (_, inner: string) => (color ? `${BOLD}${inner}${RESET}` : inner))
    .replace(/(^|\s)_(\S(?:.*?\S)?)_(?=\s|[.,;:!?)]|$)/gm, (_, before: string, inner: string) =>
      color ? `${before}${ITALIC}${inner}${RESET}` : `${before}${inner}`,
    );
}

/** Lays a reply out for the terminal: title, body, fields, saved image paths, footer, numbered buttons. */
export function formatReply(reply: Reply, imagePaths: string[], color = false): ConsoleView {
  const lines: string[] = [];
  if (reply.title) lines.push(styleMarkdown(`**${reply.title}**`, color), "");
  lines.push(styleMarkdown(reply.text, color));
  for (const field of reply.fields ?? [])
    lines.push(`${styleMarkdown(`**${field.name}:**`, color)} ${styleMarkdown(field.value, color)}`);
  reply.images.forEach((image, index) => {
    lines.push(`🖼  ${imagePaths[index] ?? image.fileName}  (${image.alt})`);
  });
  if (reply.footer) lines.push(styleMarkdown(`_${reply.footer}_`, color));
  const choices = reply.buttons.flat().filter((button) => !button.disabled);
  if (choices.length > 0) {
    lines.push("", choices.map((button, index) => `[${index + 1}] ${button.label}`).join("   "));
  }
  return { text: lines.join("\n"), choices };
}
