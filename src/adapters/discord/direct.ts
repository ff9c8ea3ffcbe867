import { type Client, DiscordAPIError, RESTJSONErrorCodes } from "discord.js";
import type { DirectMessenger } from "../../core/practice/reminders.ts";
import { toDiscordMessage } from "./message.ts";

/**
 * Errors that mean this user cannot get the bot's direct messages (DMs closed to server members, bot
 * blocked, no shared server, account gone): retrying tomorrow will not help.
 */
const REFUSALS = new Set<number>([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.UnknownUser,
]);

/** Sends a Reply as a direct message from the bot (the tutor's outbound capability). */
export function discordDirectMessenger(client: Client): DirectMessenger {
  return {
    async send(who, reply) {
      // No buttons: a click in the DM would act outside the student's server.
      const { attachments: _editOnly, ...message } = toDiscordMessage({ ...reply, buttons: [] });
      try {
        // Create DM (POST /users/@me/channels), then Create Message in it.
        await client.users.send(who.userId, message);
        return "sent";
      } catch (error) {
        if (error instanceof DiscordAPIError && REFUSALS.has(Number(error.code))) return "refused";
        throw error;
      }
    },
  };
}
