import type { webApi } from "@slack/bolt";
import type { DirectMessenger } from "../../core/practice/reminders.ts";
import { replyToBlocks } from "./blocks.ts";
import type { DmChannels } from "./dm.ts";

/**
 * conversations.open errors that mean this user cannot get the app's messages: retrying tomorrow
 * will not help (https://api.slack.com/methods/conversations.open#errors).
 */
const REFUSALS = new Set(["user_disabled", "user_not_found", "user_not_visible", "cannot_dm_bot"]);

/** Sends a Reply to a student's direct messages with the app (the tutor's outbound capability). */
export function slackDirectMessenger(client: webApi.WebClient, dms: DmChannels): DirectMessenger {
  return {
    async send(who, reply) {
      try {
        const channel = await dms.of(client, who.userId);
        // No buttons: a click in the DM has no community of its own to act in.
        const message = replyToBlocks(reply, { withoutButtons: true });
        await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
        return "sent";
      } catch (error) {
        const code = (error as { data?: { error?: unknown } }).data?.error;
        if (typeof code === "string" && REFUSALS.has(code)) return "refused";
        throw error;
      }
    },
  };
}
