import type { IncomingMessage } from "node:http";

/**
 * The emulator's files: Slack's three-step upload (files.getUploadURLExternal, the upload URL,
 * files.completeUploadExternal), the processing that follows, files.info, and who may see a file.
 */

type Json = Record<string, unknown>;

export interface StoredFile {
  id: string;
  name: string;
  /** files.getUploadURLExternal's `alt_txt` (Slack ignores an `alt_text` argument there). */
  altText?: string;
  bytes?: Buffer;
  completed: boolean;
  /** Conversations it was shared into (completeUploadExternal's channel_id); empty = private to the app. */
  channels: Set<string>;
  /** Slack processes a file after completeUploadExternal; until then blocks may not reference it. */
  processed: boolean;
}

/** A Web API error: `code` or `code: detail` (the detail becomes `errors[0]`). */
export class ApiError extends Error {}

/** files.getUploadURLExternal: "alt_txt_too_large" beyond 1000 characters. */
const ALT_TXT_MAX = 1000;

export class SlackFiles {
  readonly byId = new Map<string, StoredFile>();

  constructor(
    /** Milliseconds of processing after completion, or "manual" (until `finishProcessing()`). */
    readonly processingMs: number | "manual",
    /** Called when a file finishes processing on its own, so waiting tests re-check. */
    readonly onChange: () => void,
  ) {}

  /** files.getUploadURLExternal: registers the file; its bytes come to the upload URL. */
  create(id: string, params: Json): void {
    if (!params.filename || !Number(params.length)) throw new ApiError("invalid_arguments: filename, length");
    const altText = params.alt_txt as string | undefined;
    if (altText !== undefined && altText.length > ALT_TXT_MAX) throw new ApiError("alt_txt_too_large");
    this.byId.set(id, {
      id,
      name: String(params.filename),
      ...(altText !== undefined && { altText }),
      completed: false,
      channels: new Set(),
      processed: false,
    });
  }

  /** The upload URL received the bytes; false if no such file. */
  async receive(id: string, request: IncomingMessage, body: Buffer): Promise<StoredFile | undefined> {
    const file = this.byId.get(id);
    if (file) file.bytes = await uploadedBytes(request, body);
    return file;
  }

  /** files.completeUploadExternal: completes the files, shares them into `channel` if given. */
  complete(params: Json): StoredFile[] {
    const requested = (params.files as Array<{ id: string }> | undefined) ?? [];
    const files = requested.map(({ id }) => {
      const file = this.byId.get(id);
      if (!file?.bytes) throw new ApiError(`file_not_found: ${id}`);
      return file;
    });
    const channel = params.channel_id as string | undefined;
    for (const file of files) {
      file.completed = true;
      if (channel) file.channels.add(channel);
      this.#process(file);
    }
    return files;
  }

  #process(file: StoredFile): void {
    if (this.processingMs === "manual") return;
    if (this.processingMs === 0) {
      file.processed = true;
      return;
    }
    setTimeout(() => {
      file.processed = true;
      this.onChange();
    }, this.processingMs).unref();
  }

  /** Slack finishes processing every completed upload. */
  finishProcessing(): void {
    for (const file of this.byId.values()) if (file.completed) file.processed = true;
  }

  /**
   * Whether a message in `channel` may show the file: its audience must have access, so the file
   * must be shared into that very conversation (an app-private file, or one shared elsewhere, is
   * refused, and an ephemeral message cannot share one), and Slack must have finished processing it.
   */
  visibleIn(channel: string): (fileId: string) => boolean {
    return (fileId) => {
      const file = this.byId.get(fileId);
      return file?.completed === true && file.channels.has(channel) && file.processed;
    };
  }

  /** files.info; while Slack is still processing a file, it shows an empty mimetype. */
  info(params: Json, baseUrl: string): Json {
    const file = this.byId.get(String(params.file));
    if (!file?.completed) throw new ApiError("file_not_found");
    const channels = [...file.channels];
    return {
      file: {
        ...fileObject(file, baseUrl),
        mimetype: file.processed ? "image/png" : "",
        filetype: file.processed ? "png" : "",
        channels: channels.filter((id) => id.startsWith("C")),
        ims: channels.filter((id) => id.startsWith("D")),
      },
    };
  }
}

/** The fields of a file object every answer carries. */
export function fileObject(file: StoredFile, baseUrl: string): Json {
  return {
    id: file.id,
    name: file.name,
    title: file.name,
    url_private: `${baseUrl}/files/${file.id}`,
    permalink: `${baseUrl}/files/${file.id}`,
  };
}

/** Slack takes an upload as raw bytes or as multipart/form-data (the SDK's helper sends field `body`). */
async function uploadedBytes(request: IncomingMessage, body: Buffer): Promise<Buffer> {
  const contentType = String(request.headers["content-type"] ?? "");
  if (!contentType.startsWith("multipart/form-data")) return body;
  const form = await new Request("http://upload.local/", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  }).formData();
  const part = form.get("body");
  return part instanceof Blob ? Buffer.from(await part.arrayBuffer()) : Buffer.from(String(part ?? ""));
}
