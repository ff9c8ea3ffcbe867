import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { type DiscordBot, deployCommands, startDiscord } from "../../../src/adapters/discord/index.ts";
import { ANSWERED_PRIVATELY } from "../../../src/adapters/discord/interactions.ts";
import { DEFER_AFTER_MS } from "../../../src/adapters/discord/limits.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { RenderError } from "../../../src/core/render/errors.ts";
import type { Renderer } from "../../../src/core/render/types.ts";
import { GENERIC_FAILURE } from "../../../src/core/reply.ts";
import type { Backends } from "../../../src/core/store/backends.ts";
import { TutorStore } from "../../../src/core/store/index.ts";
import type { Table } from "../../../src/core/store/table.ts";
import { createTutor, STORE_UNAVAILABLE } from "../../../src/core/tutor.ts";
import { fakeCatalogue, fakeRenderer } from "../../core/fakes.ts";
import { DiscordEmulator, type EmulatedMessage, type InteractionHandle } from "../../e2e/discord/emulator.ts";

const EPHEMERAL = 64;
const LOADING = 128;
const OUR_FAULT = /something went wrong on my side/;

/** A store back-end that takes every request and never answers, as a hung Redis does. */
function hungBackends(timeoutMs: number): Backends {
  const never = () => new Promise<never>(() => {});
  const table: Table = {
    read: never,
    swap: never,
    decode: never,
    list: () => ({ [Symbol.asyncIterator]: () => ({ next: never }) }),
  };
  return {
    sessions: table,
    progress: table,
    answers: table,
    classes: table,
    kind: "hung",
    timeoutMs,
    close: async () => {},
  };
}

/**
 * Public commands (/lesson, /race, /leaderboard) deferred publicly whose answer turns out private, through
 * the real discord.js client, Descent's adapter and the real tutor, against the emulator that applies
 * Discord's first-follow-up rule. What matters: the channel never sees the private detail, and the
 * student does.
 */
describe("Discord: a public deferral whose answer is private", () => {
  const emulator = new DiscordEmulator();
  const user = { id: "400000000000000001", name: "gus" };
  const logs: { level: number; msg: string }[] = [];
  /** Opened by a test once the race's placeholder is up: the drawing then fails. */
  let releaseRace: () => void = () => {};
  const raceDrawn = new Promise<void>((resolve) => {
    releaseRace = resolve;
  });
  const fake = fakeRenderer();
  const renderer: Renderer = {
    ...fake,
    async race() {
      await raceDrawn;
      throw new RenderError(
        "Drawing took longer than 30 s (the renderer is busy); please try again.",
        "internal",
      );
    },
  };
  // The store gives up after the deferral has gone out, so its refusal arrives as a late, private answer.
  const storeTimeoutMs = DEFER_AFTER_MS + 1_000;
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue: fakeCatalogue(),
    renderer,
    store: new TutorStore(hungBackends(storeTimeoutMs), silentLogger()),
    logger: silentLogger(),
  });
  let bot: DiscordBot;

  beforeAll(async () => {
    await emulator.start();
    await deployCommands({
      token: emulator.token,
      appId: emulator.appId,
      guildId: emulator.guilds[0]?.id,
      restApi: emulator.restApi,
      commands: tutor.commands,
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    bot = await startDiscord({
      token: emulator.token,
      appId: emulator.appId,
      restApi: emulator.restApi,
      tutor,
      logger: pino({ level: "info" }, sink),
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await emulator.stop();
  });

  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 1_000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const placeholderUp = (handle: InteractionHandle) =>
    waitFor(() => emulator.messagesOf(handle.id).some((message) => message.api.flags & LOADING));
  /** Every message the interaction left, once it has left `count` and none is loading any more. */
  const finalMessages = async (handle: InteractionHandle, count: number) => {
    const settled = () => {
      const messages = emulator.messagesOf(handle.id);
      return messages.length >= count && messages.every((message) => !(message.api.flags & LOADING));
    };
    await waitFor(settled);
    return emulator.messagesOf(handle.id);
  };
  const text = (message: EmulatedMessage | undefined) =>
    [message?.api.content, ...(message?.api.embeds ?? []).map((embed) => embed.description)].join(" ");

  /** The rule for every case: a public note where the placeholder was, the detail in a new private message. */
  const expectPublicNoteThenPrivate = (messages: EmulatedMessage[], detail: RegExp | string) => {
    const [placeholder, answer] = messages;
    expect(messages).toHaveLength(2);
    expect(placeholder?.deferred).toBe(true);
    expect(placeholder?.api.flags).toBe(0);
    expect(text(placeholder)).toContain(ANSWERED_PRIVATELY);
    expect(text(placeholder)).not.toMatch(detail);
    expect(answer?.deferred).toBe(false);
    expect(answer?.api.flags).toBe(EPHEMERAL);
    expect(text(answer)).toMatch(detail);
  };

  it("GIVEN /leaderboard deferred publicly and the store hung THEN the channel sees a harmless note and only the student the store error", async () => {
    const handle = emulator.command({ user, name: "leaderboard" });
    expectPublicNoteThenPrivate(await finalMessages(handle, 2), STORE_UNAVAILABLE);
  });

  it("GIVEN /race deferred publicly and the drawing failing THEN the apology is private and the channel sees a note", async () => {
    const handle = emulator.command({
      user,
      name: "race",
      options: { function: "rosenbrock", optimizers: "adam" },
    });
    await placeholderUp(handle);
    releaseRace();
    expectPublicNoteThenPrivate(await finalMessages(handle, 2), OUR_FAULT);
  });

  it("GIVEN /lesson deferred publicly and Discord refusing the edit THEN tellUser's apology is private, the channel sees a note", async () => {
    const handle = emulator.command({ user, name: "lesson", options: { topic: "alpha" } });
    await placeholderUp(handle);
    // Every attempt discord.js makes at the lesson's edit fails (a first try and its retries).
    emulator.injectFault(500, (bot.client.rest.options.retries ?? 0) + 1);
    expectPublicNoteThenPrivate(await finalMessages(handle, 2), GENERIC_FAILURE);
    expect(logs.some((line) => line.level === 50 && line.msg.includes("failed to answer"))).toBe(true);
  });

  it("GIVEN a private deferral (/progress) and Discord refusing the edit THEN tellUser's apology fills the private placeholder", async () => {
    const handle = emulator.command({ user, name: "progress" });
    await placeholderUp(handle);
    emulator.injectFault(500, (bot.client.rest.options.retries ?? 0) + 1);
    const messages = await finalMessages(handle, 1);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.api.flags).toBe(EPHEMERAL);
    expect(text(messages[0])).toContain(GENERIC_FAILURE);
  });

  it("GIVEN a mistake known at once (/lesson of an unknown topic) THEN it is answered privately without a deferral", async () => {
    const handle = emulator.command({ user, name: "lesson", options: { topic: "nosuchthing" } });
    const outcome = await handle.outcome;
    expect(outcome).toMatchObject({ kind: "message", deferred: false });
    const messages = emulator.messagesOf(handle.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.api.flags).toBe(EPHEMERAL);
  });
});
