import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockProblem } from "./block-rules.ts";
import { ApiError, fileObject, SlackFiles, type StoredFile } from "./files.ts";
import { SOCKET_MODE_PATH, SocketModeServer } from "./socket-server.ts";

/**
 * A fake Slack on loopback for the e2e suite: the Web API methods the adapter uses, the file upload
 * URL, response_url endpoints and the Socket Mode websocket. It records every call and keeps the
 * messages, files and Home views so tests can assert what a user would see.
 */

type Json = Record<string, unknown>;

export interface StoredMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: Json[];
  /** Set for an ephemeral message: the only user who sees it. */
  ephemeralTo?: string;
  /** How it was created: a Web API method, `response_url`, or `ack` (a slash command's HTTP answer). */
  via: string;
  /** Files shared with the message (files.completeUploadExternal with a channel). */
  fileIds: string[];
  /** Times the message was changed after it was first posted. */
  edits: number;
  deleted?: boolean;
}

export interface RecordedCall {
  method: string;
  params: Json;
  status: number;
  ok: boolean;
}

export type Fault = { status: 429; retryAfterSeconds: number } | { status: 500 };

export interface ResponseUrlBinding {
  channel: string;
  user: string;
  /** The message the clicked button sat on (block_actions); absent for a slash command. */
  messageTs?: string;
}

export interface EmulatorOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  /**
   * How long Slack "processes" a completed upload before blocks may reference it (default 50 ms);
   * "manual" keeps files unprocessed until `finishProcessing()`.
   */
  fileProcessingMs?: number | "manual";
}

const MESSAGE_MAX_BLOCKS = 50;
const HOME_MAX_BLOCKS = 100;
const DEFAULT_FILE_PROCESSING_MS = 50;
const RESPONSE_URL_MAX_USES = 5;
const WEB_API_PREFIX = "/api/";
/** `failNext(ANY_WEB_API_METHOD, …)` hits whichever Web API method comes next. */
export const ANY_WEB_API_METHOD = "*";
const UPLOAD_PREFIX = "/upload/";
const RESPOND_PREFIX = "/respond/";

export class SlackEmulator {
  readonly calls: RecordedCall[] = [];
  readonly messages: StoredMessage[] = [];
  readonly #files: SlackFiles;
  readonly homeViews = new Map<string, Json>();
  /** Workspace admins (users.info says is_admin); everyone else is a plain member. */
  readonly admins = new Set<string>();
  /** Private channels the app was not invited to: posting there fails with not_in_channel. */
  readonly channelsWithoutApp = new Set<string>();
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly socketMode: SocketModeServer;
  readonly #server: Server;
  readonly #faults = new Map<string, Fault[]>();
  readonly #responseUrls = new Map<string, ResponseUrlBinding & { uses: number }>();
  // Every waiting test listens here; a class of students waiting at once is not a leak.
  readonly #changes = new EventEmitter().setMaxListeners(0);
  #counter = 0;
  #baseUrl = "";

  private constructor(options: EmulatorOptions) {
    this.botToken = options.botToken ?? "xoxb-emulator";
    this.appToken = options.appToken ?? "xapp-emulator";
    this.teamId = options.teamId ?? "TEMULATOR";
    this.#files = new SlackFiles(options.fileProcessingMs ?? DEFAULT_FILE_PROCESSING_MS, () =>
      this.#changes.emit("change"),
    );
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.socketMode = new SocketModeServer(this.#server);
  }

  /** Starts the emulator on a free loopback port. */
  static async start(options: EmulatorOptions = {}): Promise<SlackEmulator> {
    const emulator = new SlackEmulator(options);
    await new Promise<void>((resolve) => emulator.#server.listen(0, "127.0.0.1", resolve));
    const { port } = emulator.#server.address() as AddressInfo;
    emulator.#baseUrl = `http://127.0.0.1:${port}`;
    return emulator;
  }

  /** Base URL for `clientOptions.slackApiUrl` (ends with a slash, as the Web API client expects). */
  get apiUrl(): string {
    return `${this.#baseUrl}${WEB_API_PREFIX}`;
  }

  async stop(): Promise<void> {
    await this.socketMode.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The next `times` calls of `method` (or `response_url`) fail with this HTTP status. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.#faults.set(method, [...(this.#faults.get(method) ?? []), ...Array<Fault>(times).fill(fault)]);
  }

  /** A response_url as Slack puts in slash commands and block_actions; `expired` ones answer 404. */
  mintResponseUrl(binding: ResponseUrlBinding, { expired = false } = {}): string {
    const id = this.#nextId("R");
    if (!expired) this.#responseUrls.set(id, { ...binding, uses: 0 });
    return `${this.#baseUrl}${RESPOND_PREFIX}${id}`;
  }

  /** Stores a message the way Slack shows a slash command's immediate HTTP answer. */
  recordAck(binding: ResponseUrlBinding, body: Json): StoredMessage {
    return this.#store({
      channel: binding.channel,
      text: String(body.text ?? ""),
      blocks: (body.blocks as Json[] | undefined) ?? [],
      ephemeralTo: body.response_type === "in_channel" ? undefined : binding.user,
      via: "ack",
      fileIds: [],
    });
  }

  /** Every uploaded file by id. */
  get files(): ReadonlyMap<string, StoredFile> {
    return this.#files.byId;
  }

  /** Slack finishes processing every completed upload (with `fileProcessingMs: "manual"`). */
  finishProcessing(): void {
    this.#files.finishProcessing();
    this.#changes.emit("change");
  }

  /** The app's direct-message channel with `user` (what conversations.open answers). */
  dmOf(user: string): string {
    return `D${user}`;
  }

  /** Messages a user can see in a channel, oldest first. */
  visibleTo(user: string, channel: string): StoredMessage[] {
    return this.messages.filter(
      (m) => !m.deleted && m.channel === channel && (m.ephemeralTo === undefined || m.ephemeralTo === user),
    );
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first truthy value of `find`, re-checked after every change. */
  waitFor<T>(find: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#changes.off("change", check);
      };
      if (!check()) this.#changes.on("change", check);
    });
  }

  #nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}${String(this.#counter).padStart(9, "0")}`;
  }

  #store(message: Omit<StoredMessage, "ts" | "edits">): StoredMessage {
    this.#counter += 1;
    const stored = {
      ...message,
      edits: 0,
      ts: `${Math.floor(Date.now() / 1000)}.${String(this.#counter).padStart(6, "0")}`,
    };
    this.messages.push(stored);
    return stored;
  }

  #findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  #blocksProblem(blocks: unknown, channel: string, maxBlocks = MESSAGE_MAX_BLOCKS): string | undefined {
    return blockProblem(blocks, { maxBlocks, canShowFile: this.#files.visibleIn(channel) });
  }

  #checkBlocks(blocks: unknown, channel: string, maxBlocks = MESSAGE_MAX_BLOCKS): void {
    const problem = this.#blocksProblem(blocks, channel, maxBlocks);
    if (problem) throw new ApiError(`invalid_blocks: ${problem}`);
  }

  #takeFault(method: string): Fault | undefined {
    return this.#faults.get(method)?.shift();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? "";
    const body = await readBody(request);
    if (url.startsWith(WEB_API_PREFIX)) {
      this.#handleWebApi(url.slice(WEB_API_PREFIX.length), request, body, response);
    } else if (url.startsWith(UPLOAD_PREFIX)) {
      await this.#handleUpload(url.slice(UPLOAD_PREFIX.length), request, body, response);
    } else if (url.startsWith(RESPOND_PREFIX)) {
      this.#handleResponseUrl(url.slice(RESPOND_PREFIX.length), body, response);
    } else {
      response.writeHead(404).end();
    }
    this.#changes.emit("change");
  }

  #handleWebApi(method: string, request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const params = parseParams(request.headers["content-type"], body);
    const token = request.headers.authorization?.replace(/^Bearer /, "") ?? String(params.token ?? "");
    const fault = this.#takeFault(method) ?? this.#takeFault(ANY_WEB_API_METHOD);
    if (fault) {
      this.calls.push({ method, params, status: fault.status, ok: false });
      const headers = fault.status === 429 ? { "retry-after": String(fault.retryAfterSeconds) } : {};
      response.writeHead(fault.status, headers).end();
      return;
    }
    let result: Json;
    try {
      const expected = method === "apps.connections.open" ? this.appToken : this.botToken;
      if (token !== expected) throw new ApiError("invalid_auth");
      result = { ok: true, ...this.#callMethod(method, params) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const [code, detail] = error.message.split(": ");
      result = { ok: false, error: code, ...(detail ? { errors: [detail] } : {}) };
    }
    this.calls.push({ method, params, status: 200, ok: result.ok === true });
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
  }

  #callMethod(method: string, params: Json): Json {
    switch (method) {
      case "auth.test":
        return {
          url: "https://emulator.slack.test/",
          team: "Emulator",
          user: "descent",
          team_id: this.teamId,
          user_id: "UBOT",
          bot_id: "BBOT",
        };
      case "chat.postMessage":
        return this.#postMessage(params);
      case "chat.postEphemeral": {
        this.#checkBlocks(params.blocks, String(params.channel));
        const message = this.#store({
          channel: String(params.channel),
          text: String(params.text ?? ""),
          blocks: (params.blocks as Json[] | undefined) ?? [],
          ephemeralTo: String(params.user),
          via: method,
          fileIds: [],
        });
        return { message_ts: message.ts };
      }
      case "chat.update": {
        const message = this.#findMessage(String(params.channel), String(params.ts));
        if (!message || message.ephemeralTo) throw new ApiError("message_not_found");
        this.#checkBlocks(params.blocks, message.channel);
        message.text = String(params.text ?? message.text);
        message.blocks = (params.blocks as Json[] | undefined) ?? message.blocks;
        message.edits += 1;
        return { channel: message.channel, ts: message.ts };
      }
      case "views.publish": {
        const view = params.view as Json;
        if (view?.type !== "home") throw new ApiError("invalid_arguments: view.type must be home");
        this.#checkBlocks(view.blocks, `home:${String(params.user_id)}`, HOME_MAX_BLOCKS);
        this.homeViews.set(String(params.user_id), view);
        return { view: { id: this.#nextId("V"), ...view } };
      }
      case "files.getUploadURLExternal": {
        const id = this.#nextId("F");
        this.#files.create(id, params);
        return { file_id: id, upload_url: `${this.#baseUrl}${UPLOAD_PREFIX}${id}` };
      }
      case "files.completeUploadExternal":
        return this.#completeUpload(params);
      case "files.info":
        return this.#files.info(params, this.#baseUrl);
      case "users.info": {
        const user = String(params.user ?? "");
        if (!user) throw new ApiError("user_not_found");
        const admin = this.admins.has(user);
        return {
          user: { id: user, team_id: this.teamId, is_admin: admin, is_owner: false, is_primary_owner: false },
        };
      }
      case "conversations.open": {
        const users = String(params.users ?? "")
          .split(",")
          .filter(Boolean);
        if (users.length !== 1) throw new ApiError("users_list_not_supplied");
        return { channel: { id: this.dmOf(users[0] as string) } };
      }
      case "apps.connections.open":
        return { url: `${this.#baseUrl.replace(/^http/, "ws")}${SOCKET_MODE_PATH}` };
      default:
        throw new ApiError("unknown_method");
    }
  }

  #postMessage(params: Json): Json {
    if (!params.channel) throw new ApiError("channel_not_found");
    if (this.channelsWithoutApp.has(String(params.channel))) throw new ApiError("not_in_channel");
    if (!params.text && !params.blocks) throw new ApiError("no_text");
    this.#checkBlocks(params.blocks, String(params.channel));
    const message = this.#store({
      channel: String(params.channel),
      text: String(params.text ?? ""),
      blocks: (params.blocks as Json[] | undefined) ?? [],
      via: "chat.postMessage",
      fileIds: [],
    });
    return {
      channel: message.channel,
      ts: message.ts,
      message: { text: message.text, blocks: message.blocks },
    };
  }

  #completeUpload(params: Json): Json {
    if (this.channelsWithoutApp.has(String(params.channel_id))) throw new ApiError("not_in_channel");
    const files = this.#files.complete(params);
    const channel = params.channel_id as string | undefined;
    if (channel) {
      this.#checkBlocks(params.blocks, channel);
      this.#store({
        channel,
        text: String(params.initial_comment ?? ""),
        blocks: (params.blocks as Json[] | undefined) ?? [],
        via: "files.completeUploadExternal",
        fileIds: files.map((file) => file.id),
      });
    }
    return { files: files.map((file) => fileObject(file, this.#baseUrl)) };
  }

  async #handleUpload(fileId: string, request: IncomingMessage, body: Buffer, response: ServerResponse) {
    const fault = this.#takeFault("upload");
    const file = fault ? undefined : await this.#files.receive(fileId, request, body);
    if (!file?.bytes) {
      this.calls.push({ method: "upload", params: { fileId }, status: fault?.status ?? 404, ok: false });
      response.writeHead(fault?.status ?? 404).end();
      return;
    }
    this.calls.push({
      method: "upload",
      params: { fileId, bytes: file.bytes.length },
      status: 200,
      ok: true,
    });
    response.writeHead(200).end(`OK - ${file.bytes.length}`);
  }

  #handleResponseUrl(id: string, body: Buffer, response: ServerResponse): void {
    const params = JSON.parse(body.toString("utf8") || "{}") as Json;
    const [status, result] = this.#applyResponse(id, params);
    this.calls.push({ method: "response_url", params, status, ok: result.ok === true });
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(result));
  }

  #applyResponse(id: string, params: Json): [number, Json] {
    const fault = this.#takeFault("response_url");
    if (fault) return [fault.status, { ok: false, error: "fault" }];
    const binding = this.#responseUrls.get(id);
    if (!binding) return [404, { ok: false, error: "expired_url" }];
    binding.uses += 1;
    if (binding.uses > RESPONSE_URL_MAX_USES) return [404, { ok: false, error: "used_url" }];
    const problem = this.#blocksProblem(params.blocks, binding.channel);
    if (problem) return [400, { ok: false, error: "invalid_blocks", errors: [problem] }];

    const original = binding.messageTs ? this.#findMessage(binding.channel, binding.messageTs) : undefined;
    if (params.delete_original === true && original) {
      original.deleted = true;
    } else if (params.replace_original === true) {
      if (!original) return [404, { ok: false, error: "message_not_found" }];
      original.text = String(params.text ?? "");
      original.blocks = (params.blocks as Json[] | undefined) ?? [];
      original.edits += 1;
    } else {
      this.#store({
        channel: binding.channel,
        text: String(params.text ?? ""),
        blocks: (params.blocks as Json[] | undefined) ?? [],
        ephemeralTo: params.response_type === "in_channel" ? undefined : binding.user,
        via: "response_url",
        fileIds: [],
      });
    }
    return [200, { ok: true }];
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API arguments: form-encoded (objects as JSON strings) or a JSON body. */
function parseParams(contentType: string | undefined, body: Buffer): Json {
  const raw = body.toString("utf8");
  if (contentType?.includes("application/json")) return JSON.parse(raw || "{}") as Json;
  const params: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}
