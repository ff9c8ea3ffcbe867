import type { RespondArguments, webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import { type Reply, textReply } from "../../core/reply.ts";
import { replyToBlocks, type SlackMessage } from "./blocks.ts";
import type { DmChannels } from "./dm.ts";
import { shareFiles, uploadImages } from "./upload.ts";

/**
 * Sends a translated Reply. Every answer goes through the response_url Slack gave with the command
 * or click: it works in any channel or DM without the bot being a member, and it is the only way
 * to update an ephemeral (private) message. If the response_url is refused (expired, used up), the
 * answer falls back to the Web API. Images are uploaded and shared into the conversation first, then
 * shown inline with `slack_file`; if that fails, the message goes out with the images in words.
 */

export type Respond = (message: RespondArguments) => Promise<unknown>;

export interface DeliveryTarget {
  client: webApi.WebClient;
  respond: Respond;
  channelId: string;
  userId: string;
  /** For a click: the message the button sat on. */
  clickedMessageTs?: string;
  /** For a click: whether the button sat on a lasting (not ephemeral) message. */
  clickedLastingMessage?: boolean;
  dms: DmChannels;
  logger: Logger;
}

async function sendThroughWebApi(target: DeliveryTarget, reply: Reply, message: SlackMessage): Promise<void> {
  const { client, channelId } = target;
  if (reply.private) {
    await client.chat.postEphemeral({ channel: channelId, user: target.userId, ...message });
  } else if (reply.replaceOriginal && target.clickedMessageTs) {
    await client.chat.update({ channel: channelId, ts: target.clickedMessageTs, ...message });
  } else {
    await client.chat.postMessage({ channel: channelId, ...message });
  }
}

async function send(target: DeliveryTarget, reply: Reply, message: SlackMessage): Promise<void> {
  const replace = reply.replaceOriginal === true && target.clickedMessageTs !== undefined;
  try {
    await target.respond({
      ...message,
      replace_original: replace,
      ...(replace ? {} : { response_type: reply.private ? "ephemeral" : "in_channel" }),
    });
    return;
  } catch (error) {
    target.logger.warn(
      { err: error, channel: target.channelId, user: target.userId },
      "Slack refused the reply on response_url (expired or used up); sending it through the Web API",
    );
  }
  await sendThroughWebApi(target, reply, message);
}

/** Words for the channel where a private, picture-bearing reply was asked for. */
export const DM_POINTER_TEXT =
  "📬 Sent to your direct messages with this app (under *Apps* in the sidebar), where Slack can show you its pictures privately.";

/** The same for a private reply with a file: Slack cannot attach one to an ephemeral message. */
export const DM_FILE_POINTER_TEXT =
  "📬 Sent to your direct messages with this app (under *Apps* in the sidebar): Slack can only hand you a file privately there.";

/** The file upload failed before anything was shared: nothing reached the student. */
class FileNotSentError extends Error {
  constructor(cause: unknown) {
    super("Slack refused the file upload", { cause });
  }
}

/** Said instead when a reply's file could not be uploaded: the reply would otherwise promise a file. */
export const FILE_FAILED_TEXT =
  "Slack would not take the file upload just now, so nothing was sent. Please try again in a minute.";

/**
 * A click on a lasting message in the student's DM with the app: every reply there is private by
 * nature and needs no ephemeral message (which Slack drops when the client reloads).
 */
async function clickedInAppDm(target: DeliveryTarget): Promise<boolean> {
  if (!target.clickedLastingMessage || !target.channelId.startsWith("D")) return false;
  const dm = await target.dms.of(target.client, target.userId).catch(() => undefined);
  return dm === target.channelId;
}

/**
 * Shares the images into the conversation that shows the reply, then sends the reply there with
 * the images inline. Private replies go to the student's DM with the app, with a short private
 * pointer where the command was typed: Slack cannot show files in ephemeral messages.
 */
async function deliverWithImages(reply: Reply, target: DeliveryTarget): Promise<void> {
  const home = reply.private ? await target.dms.of(target.client, target.userId) : target.channelId;
  if (reply.files?.length) {
    await shareFiles(target.client, reply.files, home).catch((error: unknown) => {
      throw new FileNotSentError(error);
    });
  }
  const imageFileIds = await uploadImages(target.client, reply.images, home);
  const message = replyToBlocks(reply, { imageFileIds });
  if (home === target.channelId) {
    // Already where it belongs (a public channel, or the DM itself): a DM is private by nature.
    await send(target, { ...reply, private: false }, message);
    return;
  }
  await target.client.chat.postMessage({ channel: home, ...message });
  // The pointer may take the place of a private message (a picker), never of a public one.
  const replaceOriginal = reply.replaceOriginal === true && target.clickedLastingMessage !== true;
  const pointer = textReply(reply.files?.length ? DM_FILE_POINTER_TEXT : DM_POINTER_TEXT, {
    replaceOriginal,
  });
  // The answer itself is delivered: a lost pointer is logged, never answered twice.
  await send(target, pointer, replyToBlocks(pointer)).catch((error: unknown) =>
    target.logger.warn({ err: error, channel: target.channelId }, "Slack refused the pointer to the DM"),
  );
}

/** Sends the reply as one message, its images shown inline where Slack lets the audience see them. */
export async function deliver(asked: Reply, target: DeliveryTarget): Promise<void> {
  const reply = asked.private && (await clickedInAppDm(target)) ? { ...asked, private: false } : asked;
  if (reply.images.length > 0 || reply.files?.length) {
    try {
      await deliverWithImages(reply, target);
      return;
    } catch (error) {
      if (error instanceof FileNotSentError) {
        target.logger.warn({ err: error, channel: target.channelId }, "Slack refused a file upload");
        await send(target, textReply(FILE_FAILED_TEXT), replyToBlocks(textReply(FILE_FAILED_TEXT)));
        return;
      }
      target.logger.warn(
        { err: error, channel: target.channelId, user: target.userId },
        "Slack could not show the reply's pictures; describing them in words",
      );
    }
  }
  await send(target, reply, replyToBlocks(reply));
}
