import type { Reply } from "./reply.ts";

/**
 * What the core may send on its own (a live round closing on its timer): post to a channel and edit
 * what it posted. Each adapter implements it with its platform's calls (Discord channel messages as
 * the bot, Slack chat.postMessage / chat.update, the terminal by printing); a Reply stays the one
 * thing that is sent.
 */
export interface Outbound {
  /** Posts a public message in the channel. */
  post(channelId: string, reply: Reply): Promise<PostedMessage>;
  /** Replaces a message this bot posted (text, buttons and pictures). */
  edit(message: PostedMessage, reply: Reply): Promise<void>;
}

/** Where a posted message is, to edit it later (also after a restart: it is stored). */
export interface PostedMessage {
  channelId: string;
  messageId: string;
}

/** A send the platform refused for a reason the user can fix; the message says how (e.g. invite the app). */
export class OutboundRefusedError extends Error {
  override readonly name = "OutboundRefusedError";
}
