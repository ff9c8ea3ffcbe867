import type { APIEmbed } from "discord.js";
import { apiError, type EmulatedRequest, type EmulatedResponse } from "./http.ts";
import { apiUser, type EmulatedUser } from "./payloads.ts";
import { snowflake } from "./snowflake.ts";

/** Discord's documented limits and codes for Create Message (https://discord.com/developers/docs/resources/message#create-message). */
const CONTENT_MAX = 2_000;
const EMBEDS_MAX = 10;
const Code = {
  UnknownChannel: 10003,
  CannotSendEmptyMessage: 50006,
  CannotSendMessagesToThisUser: 50007,
  InvalidFormBody: 50035,
} as const;
const DM_CHANNEL = 1;

/** A message the bot sent in a DM. */
export interface DirectMessage {
  id: string;
  channelId: string;
  recipientId: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
}

/**
 * The emulator's direct messages: Create DM (`POST /users/@me/channels`) and Create Message in a DM
 * channel. A user who closed their DMs (or blocked the bot) makes Create Message fail with 50007, as
 * Discord does (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
 */
export class DirectMessages {
  /** The routes `handle` answers. */
  static readonly ROUTE = /^POST \/(users\/@me\/channels|channels\/\d+\/messages)$/;
  readonly sent: DirectMessage[] = [];
  /** Users whose DMs are closed to the bot. */
  readonly closed = new Set<string>();
  /** DM channel id → recipient. */
  readonly #channels = new Map<string, string>();

  constructor(private readonly bot: EmulatedUser) {}

  /** Whether this route is the DMs' own: opening a DM, or a message to a DM channel it opened. */
  owns(route: string): boolean {
    if (!DirectMessages.ROUTE.test(route)) return false;
    return route === "POST /users/@me/channels" || this.#channels.has(route.split("/")[2] ?? "");
  }

  /** Answers a route matching ROUTE. */
  handle(request: EmulatedRequest, route: string): EmulatedResponse {
    if (route === "POST /users/@me/channels") return this.#open(request);
    const channelId = route.split("/")[2] ?? "";
    // Guild channels are not emulated: the bot only answers interactions there.
    if (!this.#channels.has(channelId)) return apiError(404, Code.UnknownChannel, "Unknown Channel");
    return this.#create(request, channelId);
  }

  #open(request: EmulatedRequest): EmulatedResponse {
    const recipient = String(request.json.recipient_id ?? "");
    if (!/^\d+$/.test(recipient)) return apiError(400, Code.InvalidFormBody, "Invalid Form Body");
    const existing = [...this.#channels].find(([, user]) => user === recipient)?.[0];
    const id = existing ?? snowflake();
    this.#channels.set(id, recipient);
    const user = apiUser({ id: recipient, name: `user-${recipient.slice(-4)}` });
    return { status: 200, body: { id, type: DM_CHANNEL, last_message_id: null, recipients: [user] } };
  }

  #create(request: EmulatedRequest, channelId: string): EmulatedResponse {
    const recipientId = this.#channels.get(channelId) ?? "";
    if (this.closed.has(recipientId))
      return apiError(403, Code.CannotSendMessagesToThisUser, "Cannot send messages to this user");
    const content = String(request.json.content ?? "");
    const embeds = (request.json.embeds ?? []) as APIEmbed[];
    const components = (request.json.components ?? []) as unknown[];
    if (content.length > CONTENT_MAX || embeds.length > EMBEDS_MAX)
      return apiError(400, Code.InvalidFormBody, "Invalid Form Body");
    if (!content && embeds.length === 0 && components.length === 0 && request.files.size === 0)
      return apiError(400, Code.CannotSendEmptyMessage, "Cannot send an empty message");
    const message: DirectMessage = { id: snowflake(), channelId, recipientId, content, embeds, components };
    this.sent.push(message);
    return {
      status: 200,
      body: {
        id: message.id,
        type: 0,
        channel_id: channelId,
        author: apiUser(this.bot, true),
        content,
        embeds,
        components,
        attachments: [],
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        pinned: false,
        flags: 0,
      },
    };
  }
}
