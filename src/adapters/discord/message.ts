import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { BUTTON_ID_MAX, BUTTONS_PER_ROW, MAX_BUTTON_ROWS } from "../../core/layout.ts";
import type { Reply, ReplyButton, ReplyImage } from "../../core/reply.ts";
import { truncate } from "../../core/text.ts";
import {
  ACCENT_COLOUR,
  ATTACHMENT_DESCRIPTION_MAX,
  BUTTON_LABEL_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_PER_MESSAGE,
} from "./limits.ts";

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface DiscordFile {
  attachment: Buffer;
  name: string;
  /** Alt text: Discord shows it to screen readers as the attachment description. */
  description: string;
}

/** A Reply in discord.js terms; fits `reply`, `editReply`, `update` and `followUp`. */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: ButtonRow[];
  files: DiscordFile[];
  /** Empty, so an edit replaces the old images with `files` instead of adding to them. */
  attachments: [];
  /** Nothing in a reply may ping anyone (names come from users). */
  allowedMentions: { parse: [] };
}

const STYLES: Record<ReplyButton["style"], APIButtonComponentWithCustomId["style"]> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** Translates a Reply into embeds (one accent colour), attachments with alt text, and button rows. */
export function toDiscordMessage(reply: Reply): DiscordMessage {
  const images = reply.images.map(toFile);
  // Downloads go after the images: embeds refer to images only, so a file stays a plain attachment.
  const downloads = (reply.files ?? []).map((file) => toFile({ ...file, alt: file.description }));
  return {
    embeds: toEmbeds(reply, images),
    components: toButtonRows(reply.buttons),
    files: [...images, ...downloads],
    attachments: [],
    allowedMentions: { parse: [] },
  };
}

/** Attachment names may only hold safe characters, since embeds refer to them as `attachment://name`. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "-");
}

function toFile(image: Pick<ReplyImage, "bytes" | "fileName" | "alt">): DiscordFile {
  return {
    attachment: image.bytes,
    name: safeFileName(image.fileName),
    description: truncate(image.alt, ATTACHMENT_DESCRIPTION_MAX),
  };
}

/** The first embed carries the text and the first image; each further image gets its own embed. */
function toEmbeds(reply: Reply, files: DiscordFile[]): APIEmbed[] {
  const main: APIEmbed = { color: ACCENT_COLOUR };
  if (reply.title) main.title = truncate(reply.title, EMBED_TITLE_MAX);
  // Discord counts <t:…:R> down in each reader's client (https://discord.com/developers/docs/reference#message-formatting-timestamp-styles).
  const closes = reply.closesAt ? `\n\n⏱ Closes <t:${Math.floor(reply.closesAt.getTime() / 1000)}:R>` : "";
  if (reply.text) main.description = truncate(reply.text, EMBED_DESCRIPTION_MAX - closes.length) + closes;
  if (reply.fields?.length) {
    main.fields = reply.fields.slice(0, EMBED_FIELDS_MAX).map((field) => ({
      name: truncate(field.name, EMBED_FIELD_NAME_MAX),
      value: truncate(field.value, EMBED_FIELD_VALUE_MAX),
      inline: field.inline ?? false,
    }));
  }
  const [first, ...rest] = files;
  if (first) main.image = { url: `attachment://${first.name}` };
  const imageEmbeds = rest.map(
    (file): APIEmbed => ({ color: ACCENT_COLOUR, image: { url: `attachment://${file.name}` } }),
  );
  const embeds = [main, ...imageEmbeds].slice(0, EMBEDS_PER_MESSAGE);
  // The footer goes on the last embed so it reads under everything, as "Lesson 4/8" should.
  const last = embeds[embeds.length - 1];
  if (reply.footer && last) last.footer = { text: truncate(reply.footer, EMBED_FOOTER_MAX) };
  return embeds;
}

/** Rows longer than Discord allows are wrapped; ids over the limit are a core bug and throw. */
export function toButtonRows(rows: ReplyButton[][]): ButtonRow[] {
  const wrapped: ReplyButton[][] = [];
  for (const row of rows) {
    for (let start = 0; start < row.length; start += BUTTONS_PER_ROW) {
      wrapped.push(row.slice(start, start + BUTTONS_PER_ROW));
    }
  }
  if (wrapped.length > MAX_BUTTON_ROWS) {
    throw new Error(
      `a Reply has ${wrapped.length} button rows but Discord allows ${MAX_BUTTON_ROWS}; ` +
        "put fewer buttons on the reply",
    );
  }
  return wrapped.map((row) => ({ type: ComponentType.ActionRow, components: row.map(toButton) }));
}

function toButton(button: ReplyButton): APIButtonComponentWithCustomId {
  if (button.id.length === 0 || button.id.length > BUTTON_ID_MAX) {
    throw new Error(
      `button "${button.label}" has a ${button.id.length}-character id; Discord custom ids must be ` +
        `1–${BUTTON_ID_MAX} characters, so make the id more compact`,
    );
  }
  return {
    type: ComponentType.Button,
    custom_id: button.id,
    label: truncate(button.label, BUTTON_LABEL_MAX),
    style: STYLES[button.style],
    disabled: button.disabled ?? false,
  };
}
