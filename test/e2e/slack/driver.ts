import { optionsProblem } from "./block-rules.ts";
import type { ResponseUrlBinding, SlackEmulator, StoredMessage } from "./emulator.ts";
import { signedHeaders } from "./signing.ts";

/**
 * Plays the Slack client side: a user typing slash commands, clicking buttons and opening the
 * App Home. Requests reach the app either signed over HTTP or as Socket Mode envelopes.
 */

type Json = Record<string, unknown>;

export interface SlackUser {
  id: string;
  name: string;
}

/** What the app answered before Slack's 3-second deadline. */
export interface AckResult {
  status: number;
  body: Json | undefined;
}

export interface SlackTransport {
  command(form: Record<string, string>): Promise<AckResult>;
  interactive(payload: Json): Promise<AckResult>;
  event(callback: Json): Promise<AckResult>;
}

/** Sends requests to Bolt's HTTP receiver, signed like Slack signs them. */
export class HttpTransport implements SlackTransport {
  constructor(
    readonly eventsUrl: string,
    readonly signingSecret: string,
  ) {}

  /** One raw POST; tests use it to tamper with signatures and timestamps. */
  async post(rawBody: string, contentType: string, headers: Record<string, string>): Promise<AckResult> {
    const response = await fetch(this.eventsUrl, {
      method: "POST",
      headers: { "content-type": contentType, ...headers },
      body: rawBody,
    });
    const text = await response.text();
    let body: Json | undefined;
    try {
      body = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      body = { text };
    }
    return { status: response.status, body };
  }

  #signedPost(rawBody: string, contentType: string): Promise<AckResult> {
    return this.post(rawBody, contentType, signedHeaders(this.signingSecret, rawBody));
  }

  command(form: Record<string, string>): Promise<AckResult> {
    return this.#signedPost(new URLSearchParams(form).toString(), "application/x-www-form-urlencoded");
  }

  interactive(payload: Json): Promise<AckResult> {
    const rawBody = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.#signedPost(rawBody, "application/x-www-form-urlencoded");
  }

  event(callback: Json): Promise<AckResult> {
    return this.#signedPost(JSON.stringify(callback), "application/json");
  }
}

/** Sends the same requests as Socket Mode envelopes over the emulator's websocket. */
export class SocketTransport implements SlackTransport {
  constructor(readonly emulator: SlackEmulator) {}

  async #send(type: "slash_commands" | "interactive" | "events_api", payload: Json): Promise<AckResult> {
    const ack = (await this.emulator.socketMode.send(type, payload)) as Json | undefined;
    const body = ack && Object.keys(ack).length > 0 ? ack : undefined;
    return { status: 200, body };
  }

  command(form: Record<string, string>): Promise<AckResult> {
    return this.#send("slash_commands", form);
  }

  interactive(payload: Json): Promise<AckResult> {
    return this.#send("interactive", payload);
  }

  event(callback: Json): Promise<AckResult> {
    return this.#send("events_api", callback);
  }
}

export const DEFAULT_CHANNEL = "CGENERAL";

/** A button as it appears in a stored message's blocks. */
export interface VisibleButton {
  actionId: string;
  blockId: string;
  label: string;
  value: string;
}

/** Every button in a message, in reading order. */
export function buttonsOf(message: StoredMessage): VisibleButton[] {
  return message.blocks.flatMap((block) =>
    block.type !== "actions"
      ? []
      : (block.elements as Json[])
          .filter((element) => element.type === "button")
          .map((element) => ({
            actionId: String(element.action_id),
            blockId: String(block.block_id ?? ""),
            label: String((element.text as Json).text),
            value: String(element.value ?? ""),
          })),
  );
}

export class SlackDriver {
  #triggerCounter = 0;

  constructor(
    readonly emulator: SlackEmulator,
    readonly transport: SlackTransport,
  ) {}

  #trigger(): string {
    this.#triggerCounter += 1;
    return `trigger.${this.#triggerCounter}`;
  }

  #recordAckAsMessage(result: AckResult, binding: ResponseUrlBinding): void {
    // Slack shows a non-empty HTTP answer to a slash command as a message.
    if (result.status === 200 && result.body && (result.body.text || result.body.blocks)) {
      this.emulator.recordAck(binding, result.body);
    }
  }

  /**
   * The user types `/command text` in a channel (a `D…` channel is a DM with the app).
   * `late` hands the app a response_url that has already expired.
   */
  async slashCommand(
    user: SlackUser,
    command: string,
    text = "",
    { channel = DEFAULT_CHANNEL, late = false } = {},
  ): Promise<AckResult & { responseUrl: string }> {
    const binding = { channel, user: user.id };
    const responseUrl = this.emulator.mintResponseUrl(binding, { expired: late });
    const form = {
      token: "verification-token-unused",
      team_id: this.emulator.teamId,
      team_domain: "emulator",
      channel_id: channel,
      channel_name: channel.startsWith("D") ? "directmessage" : "general",
      user_id: user.id,
      user_name: user.name,
      command: command.startsWith("/") ? command : `/${command}`,
      text,
      api_app_id: "AEMULATOR",
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: this.#trigger(),
    };
    const result = await this.transport.command(form);
    this.#recordAckAsMessage(result, binding);
    return { ...result, responseUrl };
  }

  /** The fields every block_actions payload carries, with a fresh response_url for `message`. */
  #blockActions(user: SlackUser, message: StoredMessage) {
    return {
      type: "block_actions",
      user: { id: user.id, username: user.name, name: user.name, team_id: this.emulator.teamId },
      api_app_id: "AEMULATOR",
      token: "verification-token-unused",
      container: this.#container(message),
      trigger_id: this.#trigger(),
      team: { id: this.emulator.teamId, domain: "emulator" },
      channel: { id: message.channel, name: "general" },
      response_url: this.emulator.mintResponseUrl({
        channel: message.channel,
        user: user.id,
        messageTs: message.ts,
      }),
    };
  }

  /**
   * The user clicks a button of a message. Slack only lets users click what they can see, so
   * clicking someone else's ephemeral message throws unless `forge` is set (a hand-made payload).
   */
  async click(
    user: SlackUser,
    message: StoredMessage,
    pick: (button: VisibleButton) => boolean,
    { forge = false } = {},
  ): Promise<AckResult> {
    if (message.ephemeralTo && message.ephemeralTo !== user.id && !forge) {
      throw new Error(`driver: ${user.id} cannot see the ephemeral message meant for ${message.ephemeralTo}`);
    }
    const button = buttonsOf(message).find(pick);
    if (!button) throw new Error(`driver: no such button in message ${message.ts}`);
    const payload = {
      ...this.#blockActions(user, message),
      ...(message.ephemeralTo
        ? {}
        : { message: { ts: message.ts, text: message.text, blocks: message.blocks } }),
      actions: [
        {
          type: "button",
          action_id: button.actionId,
          block_id: button.blockId,
          text: { type: "plain_text", text: button.label },
          value: button.value,
          action_ts: String(Date.now() / 1000),
        },
      ],
    };
    return this.transport.interactive(payload);
  }

  #container(message: StoredMessage) {
    return {
      type: "message",
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: message.ephemeralTo !== undefined,
    };
  }

  /** The external_select on `message` (an option picker), as the driver needs it. */
  #picker(message: StoredMessage): { actionId: string; blockId: string } {
    for (const block of message.blocks) {
      const accessory = block.accessory as Json | undefined;
      if (accessory?.type === "external_select") {
        return { actionId: String(accessory.action_id), blockId: String(block.block_id ?? "") };
      }
    }
    throw new Error(`driver: no option picker in message ${message.ts}`);
  }

  /** The user types `partial` into a picker; resolves with the labels Slack would list. */
  async suggest(user: SlackUser, message: StoredMessage, partial: string): Promise<string[]> {
    const { actionId, blockId } = this.#picker(message);
    const result = await this.transport.interactive({
      type: "block_suggestion",
      user: { id: user.id, name: user.name, team_id: this.emulator.teamId },
      team: { id: this.emulator.teamId, domain: "emulator" },
      api_app_id: "AEMULATOR",
      token: "verification-token-unused",
      container: this.#container(message),
      action_id: actionId,
      block_id: blockId,
      value: partial,
    });
    const options = (result.body?.options as Json[] | undefined) ?? [];
    // Slack shows nothing when the answer breaks the option limits.
    const problem = optionsProblem(options);
    if (problem) throw new Error(`slack: block_suggestion answer refused: ${problem}`);
    return options.map((option) => String((option.text as Json).text));
  }

  /** The user picks `value` in a picker. */
  select(user: SlackUser, message: StoredMessage, value: string): Promise<AckResult> {
    const { actionId, blockId } = this.#picker(message);
    return this.transport.interactive({
      ...this.#blockActions(user, message),
      actions: [
        {
          type: "external_select",
          action_id: actionId,
          block_id: blockId,
          selected_option: { text: { type: "plain_text", text: value }, value },
          action_ts: String(Date.now() / 1000),
        },
      ],
    });
  }

  /** The user opens the app's Home tab. */
  openHome(user: SlackUser): Promise<AckResult> {
    return this.transport.event({
      token: "verification-token-unused",
      team_id: this.emulator.teamId,
      api_app_id: "AEMULATOR",
      type: "event_callback",
      event_id: `Ev${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: "app_home_opened", user: user.id, channel: `D${user.id}`, tab: "home", event_ts: "1.0" },
    });
  }
}
