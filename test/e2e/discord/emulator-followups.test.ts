import {
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  REST,
  Routes,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordEmulator, ErrorCode } from "./emulator.ts";

const EPHEMERAL = 64;
const LOADING = 128;

/**
 * Discord's rule for follow-ups after a deferral, as the emulator enforces it, proven with a plain
 * discord.js bot: each command below answers in one fixed way, and the test reads what Discord would show.
 */
describe("Discord emulator: follow-ups after a deferral", () => {
  const emulator = new DiscordEmulator();
  const user = { id: "200000000000000002", name: "fern" };
  /** Each interaction's script, settled with the error it threw (or undefined) once it has finished. */
  const finished = new Map<string, { promise: Promise<unknown>; resolve: (error: unknown) => void }>();
  const finishedOf = (id: string) => {
    let entry = finished.get(id);
    if (!entry) {
      let resolve: (error: unknown) => void = () => {};
      const promise = new Promise<unknown>((settle) => {
        resolve = settle;
      });
      entry = { promise, resolve };
      finished.set(id, entry);
    }
    return entry;
  };
  let client: Client;

  /** How each command answers: one fixed sequence of discord.js calls. */
  const scripts: Record<string, (interaction: ChatInputCommandInteraction) => Promise<unknown>> = {
    "follow-up": async (interaction) => {
      await interaction.deferReply();
      await interaction.followUp({ content: "first", flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: "second", flags: MessageFlags.Ephemeral });
    },
    "private-follow-up": async (interaction) => {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: "first, no flag" });
    },
    "edit-then-follow-up": async (interaction) => {
      await interaction.deferReply();
      await interaction.editReply({ content: "public answer" });
      await interaction.followUp({ content: "private detail", flags: MessageFlags.Ephemeral });
    },
    "delete-then-follow-up": async (interaction) => {
      await interaction.deferReply();
      await interaction.deleteReply();
      await interaction.followUp({ content: "lost", flags: MessageFlags.Ephemeral });
    },
    "reply-then-follow-up": async (interaction) => {
      await interaction.reply({ content: "at once" });
      await interaction.followUp({ content: "more", flags: MessageFlags.Ephemeral });
    },
  };

  beforeAll(async () => {
    await emulator.start();
    const rest = new REST({ api: emulator.restApi }).setToken(emulator.token);
    await rest.put(Routes.applicationCommands(emulator.appId), {
      body: Object.keys(scripts).map((name) => ({ name, description: name, options: [] })),
    });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.restApi } });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const script = scripts[interaction.commandName];
      if (!script) return;
      script(interaction).then(
        () => finishedOf(interaction.id).resolve(undefined),
        (error: unknown) => finishedOf(interaction.id).resolve(error),
      );
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emulator.token);
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await emulator.stop();
  });

  /** Runs a command to the end of its script: what the channel shows, and what the bot was told. */
  async function run(name: string) {
    const handle = emulator.command({ user, name });
    const error = await finishedOf(handle.id).promise;
    const shown = emulator.messagesOf(handle.id).map((message) => [message.api.content, message.api.flags]);
    return { shown, error, messages: emulator.messagesOf(handle.id) };
  }

  it("GIVEN a public deferral THEN the first follow-up fills in the placeholder, staying public; the second is a new ephemeral message", async () => {
    const { shown, messages, error } = await run("follow-up");
    expect(error).toBeUndefined();
    expect(shown).toEqual([
      ["first", 0],
      ["second", EPHEMERAL],
    ]);
    expect(messages[0]?.deferred).toBe(true);
  });

  it("GIVEN an ephemeral deferral THEN a first follow-up without the flag stays ephemeral", async () => {
    const { shown } = await run("private-follow-up");
    expect(shown).toEqual([["first, no flag", EPHEMERAL]]);
  });

  it("GIVEN the placeholder was edited first THEN a follow-up is a new message with its own flag", async () => {
    const { shown } = await run("edit-then-follow-up");
    expect(shown).toEqual([
      ["public answer", 0],
      ["private detail", EPHEMERAL],
    ]);
  });

  it("GIVEN the placeholder was deleted THEN the first follow-up, an edit of it, fails with Unknown Message", async () => {
    const { shown, error } = await run("delete-then-follow-up");
    expect(shown).toEqual([]);
    expect(error).toMatchObject({ code: ErrorCode.UnknownMessage });
  });

  it("GIVEN a direct reply THEN a follow-up is a new message with its own flag", async () => {
    const { shown, messages } = await run("reply-then-follow-up");
    expect(shown).toEqual([
      ["at once", 0],
      ["more", EPHEMERAL],
    ]);
    expect(messages.every((message) => (message.api.flags & LOADING) === 0)).toBe(true);
  });
});
