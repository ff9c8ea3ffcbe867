import { webApi } from "@slack/bolt";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordDirectMessenger } from "../../src/adapters/discord/direct.ts";
import { slackDirectMessenger } from "../../src/adapters/slack/direct.ts";
import { DmChannels } from "../../src/adapters/slack/dm.ts";
import { reminderReply } from "../../src/core/practice/reminders.ts";
import type { Invoker } from "../../src/core/tutor-api.ts";
import { DiscordEmulator } from "./discord/emulator.ts";
import { SlackEmulator } from "./slack/emulator.ts";

// The reminder's outbound message through the real SDKs against the emulators (when it is sent is
// the core's business: test/core/practice/reminders.test.ts).

describe("practice reminder as a Discord direct message", () => {
  const emulator = new DiscordEmulator();
  let client: Client;
  const ana: Invoker = {
    platform: "discord",
    userId: "200000000000000001",
    userName: "ana",
    communityId: "1",
  };
  beforeAll(async () => {
    await emulator.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.restApi, retries: 0 } });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emulator.token);
    await ready;
  });
  afterAll(async () => {
    await client.destroy();
    await emulator.stop();
  });

  it("GIVEN a student with open DMs THEN the reminder arrives in their DM channel, without buttons", async () => {
    const messenger = discordDirectMessenger(client);
    expect(await messenger.send(ana, reminderReply(3))).toBe("sent");
    const [message] = emulator.direct.sent;
    expect(message?.recipientId).toBe(ana.userId);
    expect(JSON.stringify(message?.embeds)).toContain("3 reviews due today");
    expect(message?.components).toEqual([]);
  });

  it("GIVEN a student whose DMs are closed THEN the send is 'refused', not an error", async () => {
    const bo = { ...ana, userId: "200000000000000002" };
    emulator.direct.closed.add(bo.userId);
    expect(await discordDirectMessenger(client).send(bo, reminderReply(1))).toBe("refused");
    expect(emulator.direct.sent.filter((message) => message.recipientId === bo.userId)).toHaveLength(0);
  });
});

describe("practice reminder in the Slack DM with the app", () => {
  let emulator: SlackEmulator;
  let client: webApi.WebClient;
  const ana: Invoker = { platform: "slack", userId: "UANA", userName: "ana", communityId: "T1" };
  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    client = new webApi.WebClient(emulator.botToken, {
      slackApiUrl: `${emulator.apiUrl.replace(/\/$/, "")}/`,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(() => emulator.stop());

  it("GIVEN a student THEN the reminder is posted in their DM with the app, without buttons", async () => {
    expect(await slackDirectMessenger(client, new DmChannels()).send(ana, reminderReply(2))).toBe("sent");
    const message = emulator.messages.find((candidate) => candidate.channel === emulator.dmOf(ana.userId));
    expect(message?.via).toBe("chat.postMessage");
    expect(message?.text).toContain("2 reviews due today");
    expect(message?.blocks.some((block) => block.type === "actions")).toBe(false);
  });

  it("GIVEN a deactivated student THEN the send is 'refused', not an error", async () => {
    emulator.disabledUsers.add("UGONE");
    const gone = { ...ana, userId: "UGONE" };
    expect(await slackDirectMessenger(client, new DmChannels()).send(gone, reminderReply(1))).toBe("refused");
    expect(emulator.messages.some((candidate) => candidate.channel === emulator.dmOf("UGONE"))).toBe(false);
  });
});
