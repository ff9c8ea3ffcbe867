import { type Client, DiscordAPIError, RESTJSONErrorCodes, type SendableChannels } from "discord.js";
import { type Outbound, OutboundRefusedError } from "../../core/outbound.ts";
import { toDiscordMessage } from "./message.ts";

/** The bot may not see or post in the channel (missing View Channel / Send Messages, or it is gone). */
const REFUSED = new Set<number>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.UnknownChannel,
]);

export const CANNOT_POST =
  "I can't post in this channel: give me the **View Channel** and **Send Messages** permissions here (or use another channel), then start the round again.";

/**
 * What the core sends on its own in Discord (live rounds): channel messages as the bot, edited by
 * id. Unlike interaction follow-ups these outlive the 15-minute interaction token, so a long
 * session still posts its next question and edits its results.
 */
export function discordOutbound(client: Client): Outbound {
  const channel = async (channelId: string): Promise<SendableChannels> => {
    // A shard that does not hold the guild (it may still close a round) fetches the channel alone.
    const found =
      client.channels.cache.get(channelId) ??
      (await client.channels.fetch(channelId, { allowUnknownGuild: true }));
    if (!found?.isSendable()) throw new OutboundRefusedError(CANNOT_POST);
    return found;
  };
  return {
    async post(channelId, reply) {
      try {
        const sent = await (await channel(channelId)).send(toDiscordMessage(reply));
        return { channelId, messageId: sent.id };
      } catch (error) {
        if (error instanceof DiscordAPIError && REFUSED.has(Number(error.code))) {
          throw new OutboundRefusedError(CANNOT_POST);
        }
        throw error;
      }
    },
    async edit(posted, reply) {
      await (await channel(posted.channelId)).messages.edit(posted.messageId, toDiscordMessage(reply));
    },
  };
}
