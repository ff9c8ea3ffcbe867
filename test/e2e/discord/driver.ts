import { Writable } from "node:stream";
import pino from "pino";
import { type DiscordBot, deployCommands, startDiscord } from "../../../src/adapters/discord/index.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import {
  type ApiFault,
  INSTRUCTOR,
  type PlatformDriver,
  type PostedMessage,
  type TestUser,
} from "../scenarios.ts";
import {
  DiscordEmulator,
  type EmulatedMessage,
  FIRST_RESPONSE_DEADLINE_MS,
  type InteractionHandle,
} from "./emulator.ts";
import { shardFor } from "./snowflake.ts";

/** Longest a scenario waits for the bot to answer one interaction: a safety net for a busy machine. */
const ANSWER_TIMEOUT_MS = 60_000;
const EPHEMERAL = 64;
/** pino's numeric level for "warn". */
const WARN_LEVEL = 40;
/** No permissions in the guild: a student (the instructor keeps the emulator's default, all of them). */
const STUDENT_PERMISSIONS = "0";

/** The guild member a test user is: only the instructor has Manage Server. */
function member(user: TestUser) {
  return user.id === INSTRUCTOR.id ? user : { ...user, permissions: STUDENT_PERMISSIONS };
}

/** A tutor for one bot process, and how to release its store when the process "stops". */
export interface TutorInstance {
  tutor: Tutor;
  close?: () => Promise<void>;
}

/** Drives the real discord.js client (Descent's adapter) through the local emulator. */
export class DiscordDriver implements PlatformDriver {
  readonly platform = "discord";
  readonly emulator = new DiscordEmulator();
  private readonly logLines: { level: number; msg: string }[] = [];
  private bot: DiscordBot | undefined;
  private instance: TutorInstance | undefined;
  private second: { bot: DiscordBot; instance: TutorInstance } | undefined;

  constructor(private readonly makeTutor: () => Promise<TutorInstance>) {}

  async start(): Promise<void> {
    await this.emulator.start();
    this.instance = await this.makeTutor();
    const guild = this.emulator.guilds[0];
    await deployCommands({
      token: this.emulator.token,
      appId: this.emulator.appId,
      guildId: guild?.id,
      restApi: this.emulator.restApi,
      commands: this.instance.tutor.commands,
    });
    await this.startBot();
  }

  async stop(): Promise<void> {
    await this.second?.bot.stop();
    await this.second?.instance.close?.();
    await this.bot?.stop();
    await this.instance?.close?.();
    await this.emulator.stop();
  }

  async restartBot(): Promise<void> {
    await this.bot?.stop();
    await this.instance?.close?.();
    this.instance = await this.makeTutor();
    await this.startBot();
  }

  async registeredCommands(): Promise<string[]> {
    return this.emulator.registeredNames();
  }

  async command(
    user: TestUser,
    name: string,
    options: Record<string, string | number> = {},
    subcommand?: string,
  ) {
    return this.answer(
      this.emulator.command({ user: member(user), name, options, ...(subcommand && { subcommand }) }),
    );
  }

  async startSecondProcess(): Promise<void> {
    const guildId = this.emulator.guilds[0]?.id ?? null;
    const instance = await this.makeTutor();
    // Of two shards, the one that does not own the class's guild: it gets no events from it.
    const bot = await startDiscord({
      token: this.emulator.token,
      appId: this.emulator.appId,
      restApi: this.emulator.restApi,
      tutor: instance.tutor,
      logger: pino({ level: "silent" }),
      shards: { ids: [1 - shardFor(guildId, 2)], count: 2 },
    });
    this.second = { bot, instance };
  }

  async closeDueRounds(): Promise<void> {
    await Promise.all([this.instance, this.second?.instance].map((instance) => instance?.tutor.closeDue?.()));
  }

  channelMessages(): PostedMessage[] {
    const channelId = this.emulator.guilds[0]?.channelId;
    return [...this.emulator.messages.values()]
      .filter((message) => !message.api.interaction_metadata && message.api.channel_id === channelId)
      .map(toPosted);
  }

  async click(user: TestUser, message: PostedMessage, label: string | RegExp) {
    const button = this.current(message)
      .buttons.flat()
      .find((candidate) =>
        typeof label === "string" ? candidate.label === label : label.test(candidate.label),
      );
    if (!button) throw new Error(`no button labelled ${String(label)} on message ${message.id}`);
    return this.clickId(user, message, button.id);
  }

  async clickId(user: TestUser, message: PostedMessage, buttonId: string) {
    return this.answer(
      this.emulator.click({ user: member(user), messageId: message.id, customId: buttonId }),
    );
  }

  current(message: PostedMessage): PostedMessage {
    const stored = this.emulator.messages.get(message.id);
    if (!stored) throw new Error(`message ${message.id} was deleted`);
    return toPosted(stored);
  }

  async autocomplete(user: TestUser, command: string, option: string, partial: string) {
    const outcome = await timeout(
      this.emulator.autocomplete({ user: member(user), name: command, option, partial }).outcome,
    );
    if (outcome.kind !== "choices") throw new Error(`autocomplete answered with ${outcome.kind}`);
    return outcome.choices.map((choice) => choice.name);
  }

  injectFault(fault: ApiFault): void {
    if (fault.kind === "rate-limit") this.emulator.injectFault(429, fault.count, fault.retryAfterMs);
    else this.emulator.injectFault(500, fault.count);
  }

  faultsServed(): number {
    return this.emulator.faultsServed;
  }

  async commandTooLate(user: TestUser, name: string, options: Record<string, string | number> = {}) {
    const warningsBefore = this.warnings().length;
    const handle = this.emulator.command({ user: member(user), name, options });
    // The bot has not even received the dispatch yet; by the time it answers, the window has closed.
    this.emulator.clock.advance(FIRST_RESPONSE_DEADLINE_MS + 1);
    const outcome = await timeout(handle.outcome);
    if (outcome.kind !== "rejected")
      throw new Error(`expected the late answer to be refused, got ${outcome.kind}`);
    // The bot learns of the refusal from the response the emulator is sending now; give it time to log.
    const until = Date.now() + ANSWER_TIMEOUT_MS;
    while (this.warnings().length === warningsBefore && Date.now() < until) await sleep(10);
  }

  warnings(): string[] {
    return this.logLines.filter((line) => line.level >= WARN_LEVEL).map((line) => line.msg);
  }

  private async startBot() {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        for (const line of chunk.toString().split("\n").filter(Boolean)) this.logLines.push(JSON.parse(line));
        done();
      },
    });
    if (!this.instance) throw new Error("no tutor");
    this.bot = await startDiscord({
      token: this.emulator.token,
      appId: this.emulator.appId,
      restApi: this.emulator.restApi,
      tutor: this.instance.tutor,
      logger: pino({ level: "info" }, sink),
    });
  }

  private async answer(handle: InteractionHandle): Promise<PostedMessage> {
    const outcome = await timeout(handle.outcome);
    if (outcome.kind !== "message") throw new Error(`the bot's answer was ${JSON.stringify(outcome)}`);
    const stored = this.emulator.messages.get(outcome.messageId);
    if (!stored) throw new Error(`message ${outcome.messageId} vanished`);
    return toPosted(stored);
  }
}

/** The neutral view of an emulated message. */
export function toPosted(message: EmulatedMessage): PostedMessage {
  const { api } = message;
  const embedText = api.embeds.flatMap((embed) => [
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    embed.footer?.text,
  ]);
  return {
    id: api.id,
    title: api.embeds[0]?.title,
    text: [api.content, ...embedText].filter(Boolean).join("\n"),
    images: api.attachments.map((attachment) => ({
      fileName: attachment.filename,
      alt: attachment.description ?? "",
      size: attachment.size,
    })),
    buttons: api.components.map((row) =>
      row.components.flatMap((component) =>
        "custom_id" in component && "label" in component
          ? [
              {
                id: component.custom_id,
                label: String(component.label ?? ""),
                disabled: component.disabled ?? false,
              },
            ]
          : [],
      ),
    ),
    private: (api.flags & EPHEMERAL) !== 0,
    forUserId: message.forUserId,
    deferred: message.deferred,
    edits: message.edits,
  };
}

function timeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    sleep(ANSWER_TIMEOUT_MS).then(() => {
      throw new Error(`the bot did not answer within ${ANSWER_TIMEOUT_MS} ms`);
    }),
  ]);
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
}
