import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import { type Outbound, OutboundRefusedError } from "../../core/outbound.ts";
import type { Reply } from "../../core/reply.ts";
import { replyToBlocks, type SlackMessage } from "./blocks.ts";
import { uploadImages } from "./upload.ts";

/** Errors that mean the app may not post in the channel (a private channel it was not invited to). */
const NOT_A_MEMBER = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export const NOT_IN_CHANNEL =
  "I can't post in this channel: invite me first (type `/invite @Descent` here), then start the round again.";

/**
 * What the core sends on its own in Slack (live rounds): chat.postMessage as the bot, and
 * chat.update of the same message (its `ts`). Pictures are shared into the channel first and shown
 * inline; if that fails the message goes out with them described in words.
 */
export function slackOutbound(client: webApi.WebClient, logger: Logger): Outbound {
  const message = async (channelId: string, reply: Reply): Promise<SlackMessage> => {
    if (reply.images.length === 0) return replyToBlocks(reply);
    try {
      return replyToBlocks(reply, { imageFileIds: await uploadImages(client, reply.images, channelId) });
    } catch (error) {
      if (refusal(error)) throw error;
      logger.warn(
        { err: error, channel: channelId },
        "Slack could not show a round's picture; describing it in words",
      );
      return replyToBlocks(reply);
    }
  };
  return {
    async post(channelId, reply) {
      try {
        const posted = await client.chat.postMessage({
          channel: channelId,
          ...(await message(channelId, reply)),
        });
        if (!posted.ts) throw new Error("chat.postMessage returned no ts");
        return { channelId, messageId: posted.ts };
      } catch (error) {
        throw refusal(error) ? new OutboundRefusedError(NOT_IN_CHANNEL) : error;
      }
    },
    async edit(posted, reply) {
      await client.chat.update({
        channel: posted.channelId,
        ts: posted.messageId,
        ...(await message(posted.channelId, reply)),
      });
    },
  };
}

function refusal(error: unknown): boolean {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === "string" && NOT_A_MEMBER.has(code);
}
