import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from "discord.js";
import { SettableClock } from "./clock.ts";
import { DirectMessages } from "./direct-messages.ts";
import { Gateway } from "./gateway.ts";
import { apiError, type EmulatedRequest, type EmulatedResponse, readRequest, writeResponse } from "./http.ts";
import { apiChannel, apiUser, type EmulatedUser, interactionBase } from "./payloads.ts";
import { snowflake } from "./snowflake.ts";

/** Discord's limits the emulator enforces (https://discord.com/developers/docs/interactions/receiving-and-responding). */
export const FIRST_RESPONSE_DEADLINE_MS = 3_000;
export const TOKEN_LIFETIME_MS = 15 * 60_000;
const API_PREFIX = "/api/v10";
const GATEWAY_PATH = "/gateway";

/** JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes). */
export const ErrorCode = {
  UnknownMessage: 10008,
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  InvalidWebhookToken: 50027,
  AlreadyAcknowledged: 40060,
  InvalidFormBody: 50035,
  UnknownChannel: 10003,
  MissingAccess: 50001,
  CannotEditOthersMessage: 50005,
} as const;

/** Application command fields Discord documents for global commands only. */
const GLOBAL_ONLY_COMMAND_FIELDS = ["integration_types", "contexts", "dm_permission"] as const;

/** ApplicationCommandOptionType.Subcommand. */
const SUBCOMMAND = 1;
const InteractionType = { Command: 2, Component: 3, Autocomplete: 4 } as const;
const Callback = { Message: 4, DeferMessage: 5, DeferUpdate: 6, Update: 7, Choices: 8 } as const;
const MessageFlag = { Ephemeral: 64, Loading: 128 } as const;

export interface EmulatedAttachment {
  id: string;
  filename: string;
  description?: string;
  size: number;
  content_type: string;
  url: string;
  proxy_url: string;
}

/** A message the bot posted, in the JSON shape Discord serves it. */
export interface ApiMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  attachments: EmulatedAttachment[];
  flags: number;
  [field: string]: unknown;
}

export interface EmulatedMessage {
  api: ApiMessage;
  /** The user whose interaction produced it. */
  forUserId: string;
  /** Created by a deferral (loading state) and filled in later. */
  deferred: boolean;
  edits: number;
}

export type InteractionOutcome = (
  | { kind: "message"; messageId: string; deferred: boolean; updated: boolean }
  | { kind: "choices"; choices: { name: string; value: string | number }[] }
  | { kind: "rejected"; status: number; code: number }
) & { /** performance.now() when the emulator received the answer. */ at: number };

/** An interaction the emulator dispatched, with the promise of the bot's final answer to it. */
export interface InteractionHandle {
  id: string;
  token: string;
  /** performance.now() just before INTERACTION_CREATE went out. */
  dispatchedAt: number;
  outcome: Promise<InteractionOutcome>;
}

interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  createdAt: number;
  user: EmulatedUser;
  guildId: string | null;
  channelId: string;
  customId?: string;
  dispatchedAt: number;
  acked: boolean;
  callbackType?: number;
  /** For a button: the message the button was on. */
  sourceMessageId?: string;
  /** The message `@original` refers to. */
  originalId?: string;
  /**
   * Answered with a type-5 deferral whose placeholder has not been filled in yet: the next follow-up
   * is not a new message but an edit of `@original` (see `webhook`).
   */
  awaitingDeferredAnswer?: boolean;
  settle: (outcome: InteractionOutcome) => void;
  settled: boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  /** performance.now() when the emulator answered it. */
  at: number;
}

/** One interaction's final answer as the emulator saw it (for load tests: latency, acks, refusals). */
export interface SettledInteraction {
  id: string;
  userId: string;
  guildId: string | null;
  /** The button clicked, for a component interaction. */
  customId?: string;
  dispatchedAt: number;
  outcome: InteractionOutcome;
}

/** A window during which every REST request (but `GET /gateway/bot`) fails this way. */
export interface FaultWindow {
  status: 429 | 500;
  /** performance.now() bounds. */
  from: number;
  until: number;
  /** Retry-After for a 429. */
  retryAfterMs: number;
}

interface RegisteredCommand {
  id: string;
  name: string;
  options?: { name: string; type: number }[];
  [field: string]: unknown;
}

export interface EmulatorOptions {
  token?: string;
  appId?: string;
  /** How many guilds (class servers) exist; the bot is in all of them. */
  guilds?: number;
  /** Exact guild ids instead (e.g. from `guildIdOnShard`, to place guilds on chosen shards). */
  guildIds?: string[];
  /** What `GET /gateway/bot` recommends for `shards: 'auto'`. */
  recommendedShards?: number;
}

/**
 * A fake Discord on one loopback port: REST under `/api/v10` and the gateway at `/gateway`, enough
 * for the real discord.js v14 client to connect, receive interactions and answer them. It enforces
 * the 3-second first-response deadline and the 15-minute token life on a settable clock, can return
 * injected 429/500 responses, and records every request and message.
 */
export class DiscordEmulator {
  readonly token: string;
  readonly appId: string;
  readonly bot: EmulatedUser = { id: snowflake(), name: "Descent" };
  readonly clock = new SettableClock();
  /** DM channels and the messages the bot sent in them (practice reminders). */
  readonly direct = new DirectMessages(this.bot);
  readonly guilds: { id: string; channelId: string }[];
  readonly requests: RequestRecord[] = [];
  readonly messages = new Map<string, EmulatedMessage>();
  /** Channels the bot may not see or post in (Create Message answers 50001 Missing Access). */
  readonly channelsWithoutAccess = new Set<string>();
  /** Registered commands: key "global" or a guild id. */
  readonly commands = new Map<string, RegisteredCommand[]>();
  /** Every interaction answered or refused, in the order the emulator settled them. */
  readonly settled: SettledInteraction[] = [];
  private readonly interactions = new Map<string, InteractionRecord>();
  /** The same records by token: webhook routes look them up on every follow-up and edit. */
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly faults: { status: number; retryAfterMs: number }[] = [];
  private readonly faultWindows: FaultWindow[] = [];
  private faultCount = 0;
  private readonly server: Server;
  private readonly gateway: Gateway;
  private readonly recommendedShards: number;
  private port = 0;

  /** Every uploaded attachment file, by attachment id. */
  private readonly uploaded = new Map<string, File>();

  constructor(options: EmulatorOptions = {}) {
    this.token = options.token ?? "emulator-bot-token";
    this.appId = options.appId ?? snowflake();
    this.recommendedShards = options.recommendedShards ?? 1;
    const guildIds = options.guildIds ?? Array.from({ length: options.guilds ?? 1 }, () => snowflake());
    this.guilds = guildIds.map((id) => ({ id, channelId: snowflake() }));
    this.gateway = new Gateway({
      token: this.token,
      appId: this.appId,
      bot: this.bot,
      guilds: this.guilds,
      onReceive: () => {},
    });
    this.server = createServer((request, response) => {
      readRequest(request, API_PREFIX)
        .then((parsed) => this.handle(parsed))
        .catch((error: unknown) => apiError(500, 0, `emulator bug: ${String(error)}`))
        .then((result) => {
          this.requests.push({
            method: request.method ?? "",
            path: request.url ?? "",
            status: result.status,
            at: performance.now(),
          });
          writeResponse(response, result);
        });
    });
    this.server.on("upgrade", (request, socket, head) => {
      if (request.url?.startsWith(GATEWAY_PATH)) this.gateway.upgrade(request, socket, head);
      else socket.destroy();
    });
  }

  async start(): Promise<this> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The value for discord.js `rest.api` / DISCORD_REST_API. */
  get restApi(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get readyShards(): number {
    return this.gateway.readyShards;
  }

  /** Events dispatched to each shard id so far. */
  get dispatchesByShard(): ReadonlyMap<number, number> {
    return this.gateway.dispatchesByShard;
  }

  /** The next `count` REST requests (other than `GET /gateway/bot`) fail with this status. */
  injectFault(status: 429 | 500, count: number, retryAfterMs = 100): void {
    for (let i = 0; i < count; i++) this.faults.push({ status, retryAfterMs });
  }

  /** Every REST request (but `GET /gateway/bot`) fails with `status` for the next `durationMs`. */
  injectFaultWindow(status: 429 | 500, durationMs: number, retryAfterMs = 100): FaultWindow {
    const from = performance.now();
    const window = { status, from, until: from + durationMs, retryAfterMs };
    this.faultWindows.push(window);
    return window;
  }

  get faultsServed(): number {
    return this.faultCount;
  }

  /** Interactions the emulator refused with this JSON error code (10062: answered past the deadline). */
  refusals(code: number): SettledInteraction[] {
    return this.settled.filter(({ outcome }) => outcome.kind === "rejected" && outcome.code === code);
  }

  /** Every message an interaction produced (placeholder, answer, follow-ups), oldest first. */
  messagesOf(interactionId: string): EmulatedMessage[] {
    return [...this.messages.values()].filter(
      (message) => (message.api.interaction_metadata as { id: string } | undefined)?.id === interactionId,
    );
  }

  /** The bytes of an uploaded attachment, by attachment id (as a user would download them). */
  async attachmentBytes(id: string): Promise<Buffer | undefined> {
    const file = this.uploaded.get(id);
    return file && Buffer.from(await file.arrayBuffer());
  }

  /** A user runs a slash command; options are typed from the command's registration. */
  command(spec: {
    user: EmulatedUser;
    name: string;
    options?: Record<string, string | number | boolean>;
    guildId?: string | null;
    /** A subcommand (`/live start`): its options are nested in it, as Discord sends them. */
    subcommand?: string;
  }): InteractionHandle {
    const guildId = spec.guildId === undefined ? this.defaultGuild.id : spec.guildId;
    const command = this.findCommand(spec.name, guildId);
    const sub = spec.subcommand
      ? (command.options?.find((option) => option.type === SUBCOMMAND && option.name === spec.subcommand) as
          | RegisteredCommand
          | undefined)
      : undefined;
    if (spec.subcommand && !sub) throw new Error(`/${command.name} has no subcommand ${spec.subcommand}`);
    const values = Object.entries(spec.options ?? {}).map(([name, value]) => ({
      name,
      value,
      type: this.optionType(sub ?? command, name),
    }));
    const options = sub ? [{ name: sub.name, type: SUBCOMMAND, options: values }] : values;
    return this.dispatch(InteractionType.Command, spec.user, guildId, {
      data: {
        id: command.id,
        name: command.name,
        type: 1,
        options,
        ...(guildId ? { guild_id: guildId } : {}),
      },
    });
  }

  /** A user types into an autocomplete option. */
  autocomplete(spec: {
    user: EmulatedUser;
    name: string;
    option: string;
    partial: string;
  }): InteractionHandle {
    const guildId = this.defaultGuild.id;
    const command = this.findCommand(spec.name, guildId);
    const focused = {
      name: spec.option,
      type: this.optionType(command, spec.option),
      value: spec.partial,
      focused: true,
    };
    return this.dispatch(InteractionType.Autocomplete, spec.user, guildId, {
      data: { id: command.id, name: command.name, type: 1, options: [focused], guild_id: guildId },
    });
  }

  /** A user clicks a button on a message the bot posted. */
  click(spec: { user: EmulatedUser; messageId: string; customId: string }): InteractionHandle {
    const message = this.messages.get(spec.messageId);
    if (!message) throw new Error(`no message ${spec.messageId} to click on`);
    const button = message.api.components
      .flatMap((row) => row.components)
      .find((component) => "custom_id" in component && component.custom_id === spec.customId);
    if (!button) throw new Error(`message ${spec.messageId} has no button ${spec.customId}`);
    const guildId = (message.api.guild_id as string | undefined) ?? null;
    return this.dispatch(
      InteractionType.Component,
      spec.user,
      guildId,
      { data: { custom_id: spec.customId, component_type: 2 }, message: message.api },
      spec.messageId,
      spec.customId,
    );
  }

  private get defaultGuild() {
    const guild = this.guilds[0];
    if (!guild) throw new Error("the emulator has no guild");
    return guild;
  }

  private dispatch(
    type: number,
    user: EmulatedUser,
    guildId: string | null,
    extra: Record<string, unknown>,
    sourceMessageId?: string,
    customId?: string,
  ): InteractionHandle {
    const id = snowflake();
    const token = `itoken-${id}-${Math.random().toString(36).slice(2)}`;
    const channelId = this.guilds.find((guild) => guild.id === guildId)?.channelId ?? snowflake();
    let settle: (outcome: InteractionOutcome) => void = () => {};
    const outcome = new Promise<InteractionOutcome>((resolve) => {
      settle = resolve;
    });
    const record: InteractionRecord = {
      id,
      token,
      type,
      createdAt: this.clock.now(),
      user,
      guildId,
      channelId,
      customId,
      dispatchedAt: 0,
      acked: false,
      sourceMessageId,
      settled: false,
      settle: (result) => {
        if (record.settled) return;
        record.settled = true;
        this.settled.push({
          id,
          userId: user.id,
          guildId,
          ...(customId !== undefined && { customId }),
          dispatchedAt: record.dispatchedAt,
          outcome: result,
        });
        settle(result);
      },
    };
    this.interactions.set(id, record);
    this.byToken.set(token, record);
    const payload = {
      ...interactionBase({ id, token, type, appId: this.appId, user, guildId, channelId }),
      ...extra,
    };
    const dispatchedAt = performance.now();
    record.dispatchedAt = dispatchedAt;
    if (!this.gateway.dispatch("INTERACTION_CREATE", payload, guildId)) {
      throw new Error("no gateway session owns this guild: is the bot connected?");
    }
    return { id, token, dispatchedAt, outcome };
  }

  private findCommand(name: string, guildId: string | null): RegisteredCommand {
    const scopes = [...(guildId ? [guildId] : []), "global"];
    for (const scope of scopes) {
      const found = this.commands.get(scope)?.find((command) => command.name === name);
      if (found) return found;
    }
    throw new Error(`command /${name} is not registered (registered: ${this.registeredNames().join(", ")})`);
  }

  /** Every registered command name, global and per guild. */
  registeredNames(): string[] {
    return [...this.commands.values()].flat().map((command) => command.name);
  }

  private optionType(command: RegisteredCommand, name: string): number {
    const option = command.options?.find((candidate) => candidate.name === name);
    if (!option) throw new Error(`/${command.name} has no option "${name}"`);
    return option.type;
  }

  private handle(request: EmulatedRequest): EmulatedResponse {
    const isGatewayLookup = request.path === "/gateway/bot";
    const fault = isGatewayLookup ? undefined : (this.faults.shift() ?? this.activeFaultWindow());
    if (fault) return this.serveFault(fault);
    const route = `${request.method} ${request.path}`;
    if (isGatewayLookup) return this.requireBot(request) ?? this.gatewayBot();
    const commands = route.match(/^(GET|PUT) \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (commands) return this.requireBot(request) ?? this.commandsRoute(request, commands[3] ?? "global");
    const callback = route.match(/^POST \/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (callback) return this.callback(request, callback[1] ?? "", callback[2] ?? "");
    const webhook = route.match(
      /^(POST|GET|PATCH|DELETE) \/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/,
    );
    if (webhook) return this.webhook(request, webhook[3] ?? "", webhook[4]);
    // Guild channel messages (live rounds) and DMs (practice reminders) share one route shape.
    if (this.direct.owns(route)) return this.requireBot(request) ?? this.direct.handle(request, route);
    const channelInfo = route.match(/^GET \/channels\/(\d+)$/);
    if (channelInfo) return this.requireBot(request) ?? this.channelInfo(channelInfo[1] ?? "");
    const channel = route.match(/^(POST|PATCH) \/channels\/(\d+)\/messages(?:\/(\d+))?$/);
    if (channel)
      return this.requireBot(request) ?? this.channelMessage(request, channel[2] ?? "", channel[3]);
    return apiError(404, 0, `404: Not Found (the emulator has no route ${route})`);
  }

  private activeFaultWindow(): FaultWindow | undefined {
    const now = performance.now();
    return this.faultWindows.find((window) => window.from <= now && now < window.until);
  }

  private serveFault(fault: { status: number; retryAfterMs: number }): EmulatedResponse {
    this.faultCount++;
    if (fault.status !== 429) return apiError(fault.status, 0, `${fault.status}: Internal Server Error`);
    const seconds = fault.retryAfterMs / 1000;
    return {
      status: 429,
      headers: { "retry-after": String(seconds), "x-ratelimit-scope": "user" },
      body: { message: "You are being rate limited.", retry_after: seconds, global: false },
    };
  }

  private requireBot(request: EmulatedRequest): EmulatedResponse | undefined {
    if (request.authorization === `Bot ${this.token}`) return undefined;
    return apiError(401, 0, "401: Unauthorized");
  }

  private gatewayBot(): EmulatedResponse {
    return {
      status: 200,
      body: {
        url: `ws://127.0.0.1:${this.port}${GATEWAY_PATH}`,
        shards: this.recommendedShards,
        // A high max_concurrency lets every shard identify at once (no 5 s spacing).
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
      },
    };
  }

  private commandsRoute(request: EmulatedRequest, scope: string): EmulatedResponse {
    if (request.method === "PUT") {
      const declared = request.json as unknown as Record<string, unknown>[];
      if (scope !== "global") {
        const refused = this.globalOnlyFields(declared);
        if (refused) return refused;
      }
      const previous = this.commands.get(scope) ?? [];
      const registered = declared.map((command) => ({
        ...command,
        id: previous.find((old) => old.name === command.name)?.id ?? snowflake(),
        application_id: this.appId,
        version: snowflake(),
        type: 1,
      })) as unknown as RegisteredCommand[];
      this.commands.set(scope, registered);
    }
    return { status: 200, body: this.commands.get(scope) ?? [] };
  }

  /**
   * The application command object documents `integration_types`, `contexts` and `dm_permission` as
   * "only for globally-scoped commands", Create/Edit Guild Application Command do not list them, and
   * guild commands are never available in DMs
   * (https://discord.com/developers/docs/interactions/application-commands#application-command-object).
   * Discord's OpenAPI schema is shared by both scopes, so Discord may accept and ignore them; the
   * emulator refuses them, so a guild registration that claims DM support fails a test.
   */
  private globalOnlyFields(declared: Record<string, unknown>[]): EmulatedResponse | undefined {
    const errors: Record<string, unknown> = {};
    declared.forEach((command, index) => {
      const fields = GLOBAL_ONLY_COMMAND_FIELDS.filter((field) => command[field] !== undefined);
      if (fields.length === 0) return;
      errors[index] = Object.fromEntries(
        fields.map((field) => [
          field,
          { _errors: [{ code: "EMULATOR_GLOBAL_ONLY", message: "Only for globally-scoped commands" }] },
        ]),
      );
    });
    if (Object.keys(errors).length === 0) return undefined;
    return { status: 400, body: { code: ErrorCode.InvalidFormBody, message: "Invalid Form Body", errors } };
  }

  private callback(request: EmulatedRequest, id: string, token: string): EmulatedResponse {
    const record = this.interactions.get(id);
    if (!record || record.token !== token)
      return apiError(404, ErrorCode.UnknownInteraction, "Unknown interaction");
    if (this.clock.now() - record.createdAt > FIRST_RESPONSE_DEADLINE_MS) {
      return this.reject(record, apiError(404, ErrorCode.UnknownInteraction, "Unknown interaction"));
    }
    if (record.acked) {
      return apiError(400, ErrorCode.AlreadyAcknowledged, "Interaction has already been acknowledged.");
    }
    const type = Number(request.json.type);
    const data = (request.json.data ?? {}) as Record<string, unknown>;
    const at = performance.now();
    let message: EmulatedMessage | undefined;
    switch (type) {
      case Callback.Message:
        message = this.createMessage(record, data, request.files, false);
        record.settle({ kind: "message", messageId: message.api.id, deferred: false, updated: false, at });
        break;
      case Callback.DeferMessage:
        message = this.createMessage(
          record,
          { flags: Number(data.flags ?? 0) | MessageFlag.Loading },
          new Map(),
          true,
        );
        record.awaitingDeferredAnswer = true;
        break;
      case Callback.DeferUpdate:
        if (!record.sourceMessageId)
          return apiError(400, 0, "Cannot defer an update outside a component interaction");
        record.originalId = record.sourceMessageId;
        break;
      case Callback.Update: {
        const source = record.sourceMessageId ? this.messages.get(record.sourceMessageId) : undefined;
        if (!source) return apiError(400, 0, "Cannot update: not a component interaction");
        this.editMessage(source, data, request.files);
        record.originalId = source.api.id;
        message = source;
        record.settle({ kind: "message", messageId: source.api.id, deferred: false, updated: true, at });
        break;
      }
      case Callback.Choices:
        record.settle({
          kind: "choices",
          choices: (data.choices ?? []) as { name: string; value: string }[],
          at,
        });
        break;
      default:
        return apiError(400, ErrorCode.InvalidFormBody, `Invalid Form Body: unknown callback type ${type}`);
    }
    record.acked = true;
    record.callbackType = type;
    if (request.query.get("with_response") !== "true") return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.type,
          response_message_id: message?.api.id,
          response_message_loading: type === Callback.DeferMessage,
          response_message_ephemeral: Boolean((message?.api.flags ?? 0) & MessageFlag.Ephemeral),
        },
        resource: { type, ...(message ? { message: message.api } : {}) },
      },
    };
  }

  private webhook(request: EmulatedRequest, token: string, messageRef: string | undefined): EmulatedResponse {
    const record = this.byToken.get(token);
    if (!record) return apiError(404, ErrorCode.UnknownWebhook, "Unknown Webhook");
    if (this.clock.now() - record.createdAt > TOKEN_LIFETIME_MS) {
      return this.reject(record, apiError(401, ErrorCode.InvalidWebhookToken, "Invalid Webhook Token"));
    }
    const at = performance.now();
    if (messageRef === undefined) {
      if (request.method !== "POST") return apiError(405, 0, "405: Method Not Allowed");
      if (record.awaitingDeferredAnswer) return this.firstFollowUpAfterDeferral(record, request, at);
      const followUp = this.createMessage(record, request.json, request.files, false);
      record.settle({ kind: "message", messageId: followUp.api.id, deferred: true, updated: false, at });
      return { status: 200, body: followUp.api };
    }
    const messageId = messageRef === "@original" ? record.originalId : messageRef;
    const message = messageId ? this.messages.get(messageId) : undefined;
    if (!message) return apiError(404, ErrorCode.UnknownMessage, "Unknown Message");
    if (request.method === "DELETE") {
      this.messages.delete(message.api.id);
      return { status: 204 };
    }
    if (request.method === "PATCH") {
      if (message.api.id === record.originalId) record.awaitingDeferredAnswer = false;
      this.editMessage(message, request.json, request.files);
      const deferred = record.callbackType === Callback.DeferMessage;
      const updated = record.callbackType === Callback.DeferUpdate;
      record.settle({ kind: "message", messageId: message.api.id, deferred, updated, at });
    }
    return { status: 200, body: message.api };
  }

  /**
   * Create / Edit Message as the bot (https://discord.com/developers/docs/resources/message#create-message):
   * allowed in the guilds' channels unless listed in `channelsWithoutAccess` (50001 Missing Access).
   * No interaction token is involved, so the 15-minute token life does not apply.
   */
  /** `GET /channels/{id}`: how a process without the guild in its cache (another shard) finds the channel. */
  private channelInfo(channelId: string): EmulatedResponse {
    const guild = this.guilds.find((candidate) => candidate.channelId === channelId);
    if (!guild) return apiError(404, ErrorCode.UnknownChannel, "Unknown Channel");
    if (this.channelsWithoutAccess.has(channelId))
      return apiError(403, ErrorCode.MissingAccess, "Missing Access");
    return { status: 200, body: apiChannel(channelId, guild.id) };
  }

  private channelMessage(
    request: EmulatedRequest,
    channelId: string,
    messageId: string | undefined,
  ): EmulatedResponse {
    const guild = this.guilds.find((candidate) => candidate.channelId === channelId);
    if (!guild) return apiError(404, ErrorCode.UnknownChannel, "Unknown Channel");
    if (this.channelsWithoutAccess.has(channelId))
      return apiError(403, ErrorCode.MissingAccess, "Missing Access");
    if (messageId !== undefined) {
      const message = this.messages.get(messageId);
      if (request.method !== "PATCH" || !message || message.api.channel_id !== channelId) {
        return apiError(404, ErrorCode.UnknownMessage, "Unknown Message");
      }
      if ((message.api.author as { id: string }).id !== this.bot.id)
        return apiError(
          403,
          ErrorCode.CannotEditOthersMessage,
          "Cannot edit a message authored by another user",
        );
      this.editMessage(message, request.json, request.files);
      return { status: 200, body: message.api };
    }
    if (request.method !== "POST") return apiError(405, 0, "405: Method Not Allowed");
    const id = snowflake();
    const api = {
      id,
      type: 0,
      channel_id: channelId,
      guild_id: guild.id,
      author: apiUser(this.bot, true),
      content: String(request.json.content ?? ""),
      embeds: (request.json.embeds ?? []) as APIEmbed[],
      components: (request.json.components ?? []) as ApiMessage["components"],
      attachments: this.attachments(
        [],
        request.json.attachments as AttachmentRef[] | undefined,
        request.files,
      ),
      flags: 0,
      timestamp: new Date(this.clock.now()).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
    } as unknown as ApiMessage;
    this.messages.set(id, { api, forUserId: this.bot.id, deferred: false, edits: 0 });
    return { status: 200, body: api };
  }

  /**
   * Discord's rule for "Create Followup Message": used directly after a DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
   * (type 5) response, it functions as Edit Original Interaction Response: no new message is created,
   * the loading message is edited, and the ephemeral flag is ignored (the deferral's visibility stays,
   * as a message's ephemeral state cannot change). Only later follow-ups are new messages with their
   * own flags (https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message).
   * An edit of a deleted placeholder finds no message: 10008, as Discord answers (discord-api-docs#2739, #3087).
   */
  private firstFollowUpAfterDeferral(
    record: InteractionRecord,
    request: EmulatedRequest,
    at: number,
  ): EmulatedResponse {
    const original = record.originalId ? this.messages.get(record.originalId) : undefined;
    if (!original) return apiError(404, ErrorCode.UnknownMessage, "Unknown Message");
    record.awaitingDeferredAnswer = false;
    const { flags: _ignored, ...edit } = request.json;
    this.editMessage(original, edit, request.files);
    record.settle({ kind: "message", messageId: original.api.id, deferred: true, updated: false, at });
    return { status: 200, body: original.api };
  }

  private reject(record: InteractionRecord, response: EmulatedResponse): EmulatedResponse {
    const code = (response.body as { code: number }).code;
    record.settle({ kind: "rejected", status: response.status, code, at: performance.now() });
    return response;
  }

  private createMessage(
    record: InteractionRecord,
    data: Record<string, unknown>,
    files: Map<string, File>,
    deferred: boolean,
  ): EmulatedMessage {
    const id = snowflake();
    const api: ApiMessage = {
      id,
      type: record.type === InteractionType.Command ? 20 : 0,
      channel_id: record.channelId,
      ...(record.guildId ? { guild_id: record.guildId } : {}),
      author: apiUser(this.bot, true),
      content: String(data.content ?? ""),
      embeds: (data.embeds ?? []) as APIEmbed[],
      components: (data.components ?? []) as ApiMessage["components"],
      attachments: this.attachments([], data.attachments as AttachmentRef[] | undefined, files),
      flags: Number(data.flags ?? 0),
      timestamp: new Date(this.clock.now()).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      webhook_id: this.appId,
      application_id: this.appId,
      // discord.js reads authorizing_integration_owners from here.
      interaction_metadata: {
        id: record.id,
        type: record.type,
        user: apiUser(record.user),
        authorizing_integration_owners: record.guildId ? { "0": record.guildId } : { "1": record.user.id },
      },
    };
    const message: EmulatedMessage = { api, forUserId: record.user.id, deferred, edits: 0 };
    this.messages.set(id, message);
    if (!record.originalId) record.originalId = id;
    return message;
  }

  private editMessage(
    message: EmulatedMessage,
    data: Record<string, unknown>,
    files: Map<string, File>,
  ): void {
    const api = message.api;
    if ("content" in data) api.content = String(data.content ?? "");
    if ("embeds" in data) api.embeds = (data.embeds ?? []) as APIEmbed[];
    if ("components" in data) api.components = (data.components ?? []) as ApiMessage["components"];
    if ("attachments" in data || files.size > 0) {
      api.attachments = this.attachments(
        api.attachments,
        data.attachments as AttachmentRef[] | undefined,
        files,
      );
    }
    api.flags &= ~MessageFlag.Loading;
    api.edited_timestamp = new Date(this.clock.now()).toISOString();
    message.edits++;
  }

  /** Discord's rule: listed attachments are kept (by id) or uploaded (id = files[n] index); unlisted files are added. */
  private attachments(
    existing: EmulatedAttachment[],
    listed: AttachmentRef[] | undefined,
    files: Map<string, File>,
  ): EmulatedAttachment[] {
    const upload = (ref: AttachmentRef): EmulatedAttachment | undefined => {
      const file = files.get(`files[${ref.id}]`);
      if (!file) return undefined;
      const id = snowflake();
      const filename = ref.filename ?? file.name;
      const url = `http://127.0.0.1:${this.port}/attachments/${id}/${filename}`;
      this.uploaded.set(id, file);
      return {
        id,
        filename,
        ...(ref.description ? { description: ref.description } : {}),
        size: file.size,
        content_type: file.type,
        url,
        proxy_url: url,
      };
    };
    if (!listed) {
      const added = [...files.keys()].map((key) => upload({ id: key.slice("files[".length, -1) }));
      return [...existing, ...added.filter((attachment) => attachment !== undefined)];
    }
    return listed
      .map((ref) => existing.find((old) => old.id === String(ref.id)) ?? upload(ref))
      .filter((attachment) => attachment !== undefined);
  }
}

interface AttachmentRef {
  id: string | number;
  filename?: string;
  description?: string;
}
