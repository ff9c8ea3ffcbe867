import { Client, Events, GatewayIntentBits, MessageFlags, REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordEmulator, ErrorCode, FIRST_RESPONSE_DEADLINE_MS, TOKEN_LIFETIME_MS } from "./emulator.ts";

/** Proves the emulator with a trivial discord.js bot, independent of Descent's adapter. */
describe("Discord emulator with a plain discord.js client", () => {
  const emulator = new DiscordEmulator();
  const user = { id: "200000000000000001", name: "dana" };
  const errors: unknown[] = [];
  let client: Client;

  beforeAll(async () => {
    await emulator.start();
    const rest = new REST({ api: emulator.restApi }).setToken(emulator.token);
    await rest.put(Routes.applicationCommands(emulator.appId), {
      body: [
        { name: "ping", description: "ping", options: [] },
        { name: "slow", description: "slow", options: [{ name: "n", description: "n", type: 4 }] },
        {
          name: "pick",
          description: "pick",
          options: [{ name: "q", description: "q", type: 3, autocomplete: true }],
        },
      ],
    });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.restApi } });
    client.on(Events.InteractionCreate, async (interaction) => {
      try {
        if (interaction.isAutocomplete()) {
          await interaction.respond([{ name: `${interaction.options.getFocused()}!`, value: "x" }]);
        } else if (interaction.isChatInputCommand() && interaction.commandName === "ping") {
          await interaction.reply({
            content: "pong",
            files: [{ attachment: Buffer.from("png bytes"), name: "p.png", description: "a picture" }],
            components: [
              { type: 1, components: [{ type: 2, style: 1, label: "Again", custom_id: "again" }] },
            ],
          });
        } else if (interaction.isChatInputCommand()) {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          await interaction.editReply({ content: `slow ${interaction.options.getInteger("n")}` });
        } else if (interaction.isButton()) {
          await interaction.update({ content: `clicked by ${interaction.user.username}` });
        }
      } catch (error) {
        errors.push(error);
      }
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emulator.token);
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await emulator.stop();
  });

  it("GIVEN login THEN the client is ready with the emulated guild cached", () => {
    expect(client.guilds.cache.has(emulator.guilds[0]?.id ?? "")).toBe(true);
    expect(client.user?.id).toBe(emulator.bot.id);
  });

  it("GIVEN a command THEN the reply arrives with its attachment description and button", async () => {
    const outcome = await emulator.command({ user, name: "ping" }).outcome;
    if (outcome.kind !== "message") throw new Error(`unexpected ${outcome.kind}`);
    const message = emulator.messages.get(outcome.messageId);
    expect(message?.api.content).toBe("pong");
    expect(message?.api.attachments).toMatchObject([
      { filename: "p.png", description: "a picture", size: 9 },
    ]);
    expect(message?.api.components[0]?.components[0]).toMatchObject({ custom_id: "again" });
  });

  it("GIVEN a button click THEN the message is updated in place", async () => {
    const first = await emulator.command({ user, name: "ping" }).outcome;
    if (first.kind !== "message") throw new Error("no message");
    const click = await emulator.click({ user, messageId: first.messageId, customId: "again" }).outcome;
    expect(click).toMatchObject({ kind: "message", messageId: first.messageId, updated: true });
    expect(emulator.messages.get(first.messageId)?.api.content).toBe("clicked by dana");
    expect(emulator.messages.get(first.messageId)?.edits).toBe(1);
  });

  it("GIVEN a deferred command THEN the @original edit completes it", async () => {
    const outcome = await emulator.command({ user, name: "slow", options: { n: 7 } }).outcome;
    expect(outcome).toMatchObject({ kind: "message", deferred: true });
    if (outcome.kind !== "message") return;
    const message = emulator.messages.get(outcome.messageId);
    expect(message?.api.content).toBe("slow 7");
    expect(message?.api.flags).toBe(MessageFlags.Ephemeral);
  });

  it("GIVEN autocomplete THEN the choices come back", async () => {
    const outcome = await emulator.autocomplete({ user, name: "pick", option: "q", partial: "ad" }).outcome;
    expect(outcome).toMatchObject({ kind: "choices", choices: [{ name: "ad!", value: "x" }] });
  });

  it("GIVEN a 429 then a 500 THEN discord.js retries and the reply lands", async () => {
    emulator.injectFault(429, 1, 50);
    emulator.injectFault(500, 1);
    const before = emulator.faultsServed;
    const outcome = await emulator.command({ user, name: "ping" }).outcome;
    expect(outcome.kind).toBe("message");
    expect(emulator.faultsServed).toBe(before + 2);
  });

  it("GIVEN the clock jumps past the first-response deadline THEN the reply is refused with 10062", async () => {
    const handle = emulator.command({ user, name: "ping" });
    emulator.clock.advance(FIRST_RESPONSE_DEADLINE_MS + 1);
    expect(await handle.outcome).toMatchObject({ kind: "rejected", code: ErrorCode.UnknownInteraction });
  });

  it("GIVEN a token older than 15 minutes THEN webhook edits are refused with 50027", async () => {
    const handle = emulator.command({ user, name: "ping" });
    const outcome = await handle.outcome;
    if (outcome.kind !== "message") throw new Error("no message");
    emulator.clock.advance(TOKEN_LIFETIME_MS + 1);
    const rest = new REST({ api: emulator.restApi });
    await expect(
      rest.patch(Routes.webhookMessage(emulator.appId, handle.token, "@original"), {
        body: { content: "late" },
        auth: false,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidWebhookToken });
  });
});
