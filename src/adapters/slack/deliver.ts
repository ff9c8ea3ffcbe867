import type { RespondArguments, webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import type { Reply, ReplyImage } from "../../core/reply.ts";
import { replyToBlocks, type SlackMessage } from "./blocks.ts";

/**
 * Sends a translated Reply. Every answer goes through the response_url Slack gave with the command
 * or click: it works in any channel or DM without the bot being a member, and it is the only way
 * to update an ephemeral (private) message. If the response_url is refused (expired, used up), the
 * answer falls back to the Web API. Images are uploaded first and shown inline with `slack_file`;
 * if Slack refuses those blocks, the message goes out with the images described in words and, for
 * public replies, the files shared into the channel beside it.
 */

export type Respond = (message: RespondArguments) => Promise<unknown>;

export interface DeliveryTarget {
  client: webApi.WebClient;
  respond: Respond;
  channelId: string;
  userId: string;
  /** For a click: the message the button sat on. */
  clickedMessageTs?: string;
  logger: Logger;
}

/** files.uploadV2 answers with one completion per upload job, each listing its files. */
interface UploadResult {
  files?: Array<{ files?: Array<{ id?: string }> }>;
}

async function uploadImage(
  target: DeliveryTarget,
  image: ReplyImage,
  channelId?: string,
): Promise<string | undefined> {
  try {
    const result = (await target.client.files.uploadV2({
      file: image.bytes,
      filename: image.fileName,
      alt_text: image.alt,
      ...(channelId && { channel_id: channelId }),
    })) as unknown as UploadResult;
    return result.files?.[0]?.files?.[0]?.id;
  } catch (error) {
    target.logger.warn(
      { err: error, fileName: image.fileName },
      "Slack image upload failed; describing it in words",
    );
    return undefined;
  }
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

/** Uploads the reply's images, then sends it as one message; falls back as described above. */
export async function deliver(reply: Reply, target: DeliveryTarget): Promise<void> {
  const imageFileIds = await Promise.all(reply.images.map((image) => uploadImage(target, image)));
  const hasInlineImages = imageFileIds.some(Boolean);
  try {
    await send(target, reply, replyToBlocks(reply, { imageFileIds }));
    return;
  } catch (error) {
    if (!hasInlineImages) throw error;
    target.logger.warn(
      { err: error },
      "Slack refused the message with inline images; sending them separately",
    );
  }
  await send(target, reply, replyToBlocks(reply));
  if (!reply.private) {
    // A public channel can still see the pictures: share them as files beside the message.
    await Promise.all(reply.images.map((image) => uploadImage(target, image, target.channelId)));
  }
}
