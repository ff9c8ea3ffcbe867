/**
 * The platform-neutral reply every command and button handler returns.
 * Adapters translate it: Discord embeds + attachments + action rows, Slack Block Kit + uploads,
 * console text + numbered choices + files.
 */

/** An image to upload with the reply. */
export interface ReplyImage {
  bytes: Buffer;
  /** File name with extension, e.g. `adam-rule.png` or `race.gif`. */
  fileName: string;
  /** One sentence for screen readers; for a formula the LaTeX source and a plain-words reading. */
  alt: string;
  width: number;
  height: number;
}

/** A file handed over as a download (a CSV gradebook), never shown inline. */
export interface ReplyFile {
  bytes: Buffer;
  /** File name with extension, e.g. `gradebook.csv`. */
  fileName: string;
  /** One short line saying what it holds. */
  description: string;
}

export type ButtonStyle = "primary" | "secondary" | "success" | "danger";

/** A button. `id` is what comes back on a click: compact, checked on arrival (see core/buttons). */
export interface ReplyButton {
  id: string;
  label: string;
  style: ButtonStyle;
  disabled?: boolean;
}

/** A labelled short value (Discord embed field, Slack section field). */
export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Reply {
  /** Heading: the embed title on Discord, a header block on Slack. */
  title?: string;
  /**
   * Body in the Markdown subset both platforms render: **bold**, _italic_, `code`, bullet lines
   * starting with "• ", and blank lines between paragraphs. No tables, no headings, no raw links.
   */
  text: string;
  fields?: ReplyField[];
  /** Small print under the body, e.g. "Lesson 4/8". */
  footer?: string;
  images: ReplyImage[];
  /** Files to download (Discord attachment, Slack file upload, a file in the terminal's output folder). */
  files?: ReplyFile[];
  /** Rows of buttons, at most 5 per row. */
  buttons: ReplyButton[][];
  /** Only the caller sees it (Discord ephemeral, Slack ephemeral/DM). */
  private: boolean;
  /** For a button click: replace the message the button was on instead of posting a new one. */
  replaceOriginal?: boolean;
  /**
   * The id of the one button that only moves on (a quiz's "Next question"). A linear medium such as
   * the terminal clicks it at once, so the student goes straight on; chat platforms show the button.
   */
  advance?: string;
  /** When what the message offers closes: shown as a live countdown where the platform has one. */
  closesAt?: Date;
}

/**
 * What a student sees when something broke on our side, on every platform (the details are logged).
 * It promises nothing about what was saved: the failure may come after a save.
 */
export const GENERIC_FAILURE = "Sorry, something went wrong on my side. Please try again in a moment.";

/** A reply with only text, e.g. for a user's mistake. */
export function textReply(text: string, options: Partial<Omit<Reply, "text">> = {}): Reply {
  return { text, images: [], buttons: [], private: true, ...options };
}
