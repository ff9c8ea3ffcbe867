import { setTimeout as sleep } from "node:timers/promises";
import type { webApi } from "@slack/bolt";
import type { ReplyFile, ReplyImage } from "../../core/reply.ts";
import { truncate } from "../../core/text.ts";
import { FILE_ALT_TXT_MAX, FILE_READY_WAITS_MS } from "./limits.ts";
import { WEB_API_TIMEOUT_MS } from "./retry.ts";

/**
 * Slack's three-step file upload, called directly rather than through `filesUploadV2`, because that
 * helper sends `alt_text` while files.getUploadURLExternal documents `alt_txt` (the screen-reader
 * description of the file itself). Files are always shared into the conversation that will show
 * them: Slack only lets an image block show a file the audience can access, and a file uploaded
 * without `channel_id` is private to the app.
 */

interface UploadUrl {
  upload_url?: string;
  file_id?: string;
}

interface FileInfo {
  file?: { mimetype?: string };
}

async function uploadOne(
  client: webApi.WebClient,
  image: Pick<ReplyImage, "bytes" | "fileName"> & { alt?: string },
): Promise<string> {
  const answer = (await client.apiCall("files.getUploadURLExternal", {
    filename: image.fileName,
    length: image.bytes.length,
    ...(image.alt !== undefined && { alt_txt: truncate(image.alt, FILE_ALT_TXT_MAX) }),
  })) as UploadUrl;
  if (!answer.upload_url || !answer.file_id) throw new Error("files.getUploadURLExternal gave no upload URL");
  // The upload URL is pre-signed: no token; Slack takes the raw bytes.
  const response = await fetch(answer.upload_url, {
    method: "POST",
    body: new Uint8Array(image.bytes),
    signal: AbortSignal.timeout(WEB_API_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Slack refused the upload of ${image.fileName} (${response.status})`);
  return answer.file_id;
}

/**
 * Slack processes an uploaded file after files.completeUploadExternal returns; until then a block
 * that references it is refused as "invalid slack file". files.info shows an empty `mimetype`
 * while the file is still being processed. Waits a bounded time; false if it never became ready.
 */
async function waitUntilReady(client: webApi.WebClient, fileId: string): Promise<boolean> {
  for (const wait of [0, ...FILE_READY_WAITS_MS]) {
    if (wait > 0) await sleep(wait);
    const info = (await client.files.info({ file: fileId })) as FileInfo;
    if (info.file?.mimetype) return true;
  }
  return false;
}

/**
 * Uploads the images, shares them into `channelId` as one message, and resolves with their ids once
 * Slack has processed them (so image blocks may reference them).
 */
export async function uploadImages(
  client: webApi.WebClient,
  images: readonly ReplyImage[],
  channelId: string,
): Promise<string[]> {
  const ids = await Promise.all(images.map((image) => uploadOne(client, image)));
  await client.files.completeUploadExternal({
    files: ids.map((id, index) => ({ id, title: images[index]?.fileName ?? id })) as [
      { id: string; title: string },
    ],
    channel_id: channelId,
  });
  const ready = await Promise.all(ids.map((id) => waitUntilReady(client, id)));
  if (!ready.every(Boolean)) throw new Error(`Slack did not finish processing files ${ids.join(", ")}`);
  return ids;
}

/**
 * Uploads downloads (a CSV) and shares them into `channelId`, where they show as files to open. No
 * wait for processing: no block refers to them.
 */
export async function shareFiles(
  client: webApi.WebClient,
  files: readonly ReplyFile[],
  channelId: string,
): Promise<void> {
  const ids = await Promise.all(files.map((file) => uploadOne(client, file)));
  await client.files.completeUploadExternal({
    files: ids.map((id, index) => ({ id, title: files[index]?.description ?? id })) as [
      { id: string; title: string },
    ],
    channel_id: channelId,
  });
}
