import pino from "pino";
import { DM_POINTER_TEXT } from "../../../src/adapters/slack/deliver.ts";
import { type RunningSlack, startSlack } from "../../../src/adapters/slack/index.ts";
import { buildManifest } from "../../../src/adapters/slack/manifest.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import {
  type ApiFault,
  INSTRUCTOR,
  type PlatformDriver,
  type PostedMessage,
  type TestUser,
} from "../scenarios.ts";
import { buttonsOf, DEFAULT_CHANNEL, type SlackDriver } from "./driver.ts";
import { ANY_WEB_API_METHOD, type SlackEmulator, type StoredMessage } from "./emulator.ts";
import { type Harness, SIGNING_SECRET, startHarness, type TutorSource } from "./harness.ts";

/** Runs the shared scenarios (test/e2e/scenarios.ts) through the real Bolt app and the emulator. */

type Json = Record<string, unknown>;
/** Longest a scenario waits for the bot's answer: a safety net for a busy machine, not a target. */
const ANSWER_TIMEOUT_MS = 60_000;

/** Slack mrkdwn back to readable text: no bold markers, entities decoded. */
function plain(mrkdwn: string): string {
  return mrkdwn.replace(/\*/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function readableText(message: StoredMessage): string {
  const lines: string[] = [];
  for (const block of message.blocks) {
    const text = (block.text as Json | undefined)?.text;
    if (typeof text === "string") lines.push(text);
    for (const field of (block.fields as Json[] | undefined) ?? []) lines.push(String(field.text));
    if (block.type === "context") {
      for (const element of (block.elements as Json[]) ?? []) lines.push(String(element.text ?? ""));
    }
  }
  return plain(lines.join("\n") || message.text);
}

/** A command's options as Slack text: `name=value`, quoted when the value has spaces. */
function toCommandText(options: Record<string, string | number> = {}): string {
  return Object.entries(options)
    .map(([name, value]) => (/\s/.test(String(value)) ? `${name}="${value}"` : `${name}=${value}`))
    .join(" ");
}

export class SlackPlatformDriver implements PlatformDriver {
  readonly platform = "slack";
  #harness?: Harness;
  #tutor?: Tutor;
  #second?: { app: RunningSlack; tutor: Tutor; close: () => Promise<void> | void };
  readonly #causedBy = new Map<string, string>();
  /** Per message: the edit count once the clicks already sent on it were answered. */
  readonly #clicksAnswered = new Map<string, Promise<number>>();

  constructor(readonly makeTutor: () => Promise<TutorSource>) {}

  get #emulator(): SlackEmulator {
    if (!this.#harness) throw new Error("driver not started");
    return this.#harness.emulator;
  }

  get #driver(): SlackDriver {
    if (!this.#harness) throw new Error("driver not started");
    return this.#harness.driver;
  }

  async start(): Promise<void> {
    this.#harness = await startHarness({
      makeTutor: async () => {
        const source = await this.makeTutor();
        this.#tutor = "tutor" in source ? source.tutor : source;
        return source;
      },
    });
    // users.info reports the instructor as a workspace admin; everyone else is a plain member.
    this.#harness.emulator.admins.add(INSTRUCTOR.id);
  }

  async stop(): Promise<void> {
    await this.#second?.app.stop();
    await this.#second?.close();
    await this.#harness?.stop();
  }

  async restartBot(): Promise<void> {
    await this.#harness?.restart();
  }

  /** Slack registers commands from the manifest, so this reads the manifest the tutor generates. */
  async registeredCommands(): Promise<string[]> {
    const manifest = buildManifest(this.#tutor?.commands ?? [], { mode: { kind: "socket" } }) as {
      features: { slash_commands: Array<{ command: string }> };
    };
    return manifest.features.slash_commands.map((command) => command.command.replace(/^\//, ""));
  }

  #posted(message: StoredMessage): PostedMessage {
    const title = message.blocks.find((block) => block.type === "header")?.text as Json | undefined;
    return {
      id: message.ts,
      ...(title && { title: String(title.text) }),
      text: readableText(message),
      images: message.blocks
        .filter((block) => block.type === "image")
        .map((block) => {
          const file = this.#emulator.files.get(String((block.slack_file as Json).id));
          return { fileName: file?.name ?? "", alt: String(block.alt_text), size: file?.bytes?.length ?? 0 };
        }),
      buttons: [
        buttonsOf(message).map((button) => ({ id: button.value, label: button.label, disabled: false })),
      ].filter((row) => row.length > 0),
      // A DM with the app is private by nature (where private replies with pictures go).
      private: message.ephemeralTo !== undefined || message.channel.startsWith("D"),
      forUserId: this.#causedBy.get(message.ts) ?? message.ephemeralTo ?? "",
      // Every Slack command is acked empty first; the answer always comes later.
      deferred: message.via !== "ack",
      edits: message.edits,
    };
  }

  /**
   * A message `user` sees that answers them: not the file share that precedes a picture-bearing
   * reply, not someone else's DM, and not the pointer that follows a reply sent to the DM.
   */
  #isAnswerFor(user: TestUser, message: StoredMessage): boolean {
    // The pointer may arrive after the DM answer, while the student is already answering there.
    if (message.text === DM_POINTER_TEXT) return false;
    if (message.ephemeralTo !== undefined) return message.ephemeralTo === user.id;
    if (message.via === "files.completeUploadExternal") return false;
    // The bot's own channel posts (live rounds) answer no one: answers go through response_url.
    if (this.#isChannelPost(message)) return false;
    return !message.channel.startsWith("D") || message.channel === this.#emulator.dmOf(user.id);
  }

  async #answer(
    user: TestUser,
    after: number,
    changed?: StoredMessage,
    editsBefore = 0,
  ): Promise<PostedMessage> {
    const emulator = this.#emulator;
    const message = await emulator.waitFor(
      () =>
        emulator.messages.slice(after).find((m) => this.#isAnswerFor(user, m)) ??
        (changed && changed.edits > editsBefore ? changed : undefined),
      ANSWER_TIMEOUT_MS,
      `the answer for ${user.name}`,
    );
    if (message !== changed) this.#causedBy.set(message.ts, user.id);
    return this.#posted(message);
  }

  #isChannelPost(message: StoredMessage): boolean {
    return message.via === "chat.postMessage" && message.channel === DEFAULT_CHANNEL && !message.ephemeralTo;
  }

  async command(
    user: TestUser,
    name: string,
    options?: Record<string, string | number>,
    subcommand?: string,
  ): Promise<PostedMessage> {
    const after = this.#emulator.messages.length;
    const text = [subcommand, toCommandText(options)].filter(Boolean).join(" ");
    await this.#driver.slashCommand(user, name, text);
    return this.#answer(user, after);
  }

  async startSecondProcess(): Promise<void> {
    const source = await this.makeTutor();
    const tutor = "tutor" in source ? source.tutor : source;
    // Its own HTTP port, which the emulator never calls: it gets no events, only the Web API.
    const app = await startSlack({
      botToken: this.#emulator.botToken,
      signingSecret: SIGNING_SECRET,
      port: 0,
      host: "127.0.0.1",
      apiUrl: this.#emulator.apiUrl,
      tutor,
      logger: pino({ level: "silent" }),
    });
    this.#second = { app, tutor, close: () => ("tutor" in source ? source.close?.() : undefined) };
  }

  async closeDueRounds(): Promise<void> {
    await Promise.all([this.#tutor?.closeDue?.(), this.#second?.tutor.closeDue?.()]);
  }

  channelMessages(): PostedMessage[] {
    return this.#emulator.messages
      .filter((message) => this.#isChannelPost(message))
      .map((m) => this.#posted(m));
  }

  #stored(message: PostedMessage): StoredMessage {
    const stored = this.#emulator.messages.find((m) => m.ts === message.id);
    if (!stored) throw new Error(`no message ${message.id}`);
    return stored;
  }

  async click(user: TestUser, message: PostedMessage, label: string | RegExp): Promise<PostedMessage> {
    const button = message.buttons
      .flat()
      .find((b) => (typeof label === "string" ? b.label === label : label.test(b.label)));
    if (!button) throw new Error(`no button ${String(label)}`);
    return this.clickId(user, message, button.id);
  }

  async clickId(user: TestUser, message: PostedMessage, buttonId: string): Promise<PostedMessage> {
    const stored = this.#stored(message);
    const after = this.#emulator.messages.length;
    // An edit does not say which click caused it: with clicks in flight on this message (a double
    // click), this one's answer is an edit beyond those that answered the earlier clicks.
    const editsNow = stored.edits;
    const earlier = this.#clicksAnswered.get(stored.ts) ?? Promise.resolve(editsNow);
    const answered = (async () => {
      // Someone else's ephemeral message cannot be seen in Slack; a click on it is a forged payload.
      await this.#driver.click(user, stored, (button) => button.value === buttonId, { forge: true });
      const answer = await this.#answer(user, after, stored, Math.max(editsNow, await earlier));
      return { answer, edits: stored.edits };
    })();
    this.#clicksAnswered.set(
      stored.ts,
      answered.then(
        (result) => result.edits,
        () => stored.edits,
      ),
    );
    return (await answered).answer;
  }

  current(message: PostedMessage): PostedMessage {
    return this.#posted(this.#stored(message));
  }

  /** Slack has no slash-command autocomplete: the adapter offers a type-ahead picker instead. */
  async autocomplete(user: TestUser, command: string, _option: string, partial: string): Promise<string[]> {
    const after = this.#emulator.messages.length;
    await this.#driver.slashCommand(user, command, "");
    const picker = await this.#emulator.waitFor(
      () => this.#emulator.messages.slice(after).find((m) => m.ephemeralTo === user.id),
      ANSWER_TIMEOUT_MS,
      "the picker",
    );
    return this.#driver.suggest(user, picker, partial);
  }

  injectFault(fault: ApiFault): void {
    const shape =
      fault.kind === "rate-limit"
        ? { status: 429 as const, retryAfterSeconds: Math.ceil(fault.retryAfterMs / 1000) }
        : { status: 500 as const };
    this.#emulator.failNext(ANY_WEB_API_METHOD, shape, fault.count);
  }

  faultsServed(): number {
    return this.#emulator.calls.filter((call) => call.status === 429 || call.status >= 500).length;
  }

  async commandTooLate(
    user: TestUser,
    name: string,
    options?: Record<string, string | number>,
  ): Promise<void> {
    const emulator = this.#emulator;
    const before = emulator.calls.length;
    await this.#driver.slashCommand(user, name, toCommandText(options), { late: true });
    const since = () => emulator.calls.slice(before);
    await emulator.waitFor(
      () => since().some((call) => call.method === "response_url" && call.status === 404),
      ANSWER_TIMEOUT_MS,
      "the refused reply",
    );
    // The adapter then falls back to the Web API; let that finish so it cannot pass for the next answer.
    await emulator.waitFor(
      () => since().some((call) => call.method.startsWith("chat.")),
      ANSWER_TIMEOUT_MS,
      "the fallback",
    );
  }

  warnings(): string[] {
    return (this.#harness?.logs ?? []).map((line) => line.msg);
  }
}
