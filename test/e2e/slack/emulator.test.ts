import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel, webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CHANNEL, HttpTransport, SlackDriver, SocketTransport } from "./driver.ts";
import { SlackEmulator } from "./emulator.ts";

// Proves the emulator speaks enough Slack for the real Bolt library, with a trivial app.

const SIGNING_SECRET = "emulator-secret";
const alice = { id: "UALICE", name: "alice" };
const FAST_RETRIES = { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 5 };

function wireTrivialApp(app: App): void {
  app.command("/ping", async ({ ack, respond, client, command }) => {
    await ack();
    await respond({
      response_type: "ephemeral",
      text: "pong",
      blocks: [
        {
          type: "actions",
          elements: [
            { type: "button", action_id: "again", value: "1", text: { type: "plain_text", text: "Again" } },
          ],
        },
      ],
    });
    const upload = (await client.files.uploadV2({
      file: Buffer.from("GIF89a"),
      filename: "p.gif",
      // Shared into the channel, or the channel's audience could not see it.
      channel_id: command.channel_id,
    })) as unknown as {
      files: Array<{ files: Array<{ id: string }> }>;
    };
    const fileId = upload.files[0]?.files[0]?.id ?? "";
    await client.chat.postMessage({
      channel: command.channel_id,
      text: "public",
      blocks: [{ type: "image", slack_file: { id: fileId }, alt_text: "a gif" }],
    });
  });
  app.action("again", async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: "clicked" });
  });
  app.event("app_home_opened", async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: "home", blocks: [{ type: "divider" }] },
    });
  });
}

describe("Slack emulator with a trivial Bolt app", () => {
  let emulator: SlackEmulator;
  let app: App | undefined;

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await emulator.stop();
  });

  it("GIVEN HTTP mode WHEN /ping, a click and a Home open THEN messages, files and the view are kept", async () => {
    emulator = await SlackEmulator.start({ fileProcessingMs: 0 });
    app = new App({
      token: emulator.botToken,
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: FAST_RETRIES },
    });
    wireTrivialApp(app);
    const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
    const { port } = server.address() as AddressInfo;
    const driver = new SlackDriver(
      emulator,
      new HttpTransport(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET),
    );

    expect((await driver.slashCommand(alice, "/ping")).status).toBe(200);
    const pong = await emulator.waitFor(() =>
      emulator.visibleTo(alice.id, DEFAULT_CHANNEL).find((m) => m.text === "pong"),
    );
    expect(pong.ephemeralTo).toBe(alice.id);
    const publicMessage = await emulator.waitFor(() => emulator.messages.find((m) => m.text === "public"));
    const [file] = emulator.files.values();
    expect(file?.bytes?.toString()).toBe("GIF89a");
    expect(publicMessage.blocks[0]?.slack_file).toEqual({ id: file?.id });
    expect(emulator.callsTo("auth.test").length).toBeGreaterThan(0);

    await driver.click(alice, pong, (button) => button.actionId === "again");
    await emulator.waitFor(() => pong.text === "clicked");

    await driver.openHome(alice);
    await emulator.waitFor(() => emulator.homeViews.get(alice.id));
  });

  it("GIVEN Socket Mode WHEN a command arrives as an envelope THEN it is acked on the socket and answered", async () => {
    emulator = await SlackEmulator.start({ fileProcessingMs: 0 });
    app = new App({
      token: emulator.botToken,
      appToken: emulator.appToken,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: FAST_RETRIES },
      installerOptions: { clientOptions: { slackApiUrl: emulator.apiUrl } },
    });
    wireTrivialApp(app);
    await app.start();
    const driver = new SlackDriver(emulator, new SocketTransport(emulator));

    await driver.slashCommand(alice, "/ping");
    expect(emulator.socketMode.acks).toHaveLength(1);
    await emulator.waitFor(() => emulator.messages.find((m) => m.text === "pong"));
    await emulator.waitFor(() => emulator.messages.find((m) => m.text === "public"));
    expect(emulator.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("GIVEN a 429 with Retry-After THEN the Web API client waits and the call succeeds", async () => {
    emulator = await SlackEmulator.start();
    emulator.failNext("auth.test", { status: 429, retryAfterSeconds: 0 });
    const client = new webApi.WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      retryConfig: FAST_RETRIES,
      logLevel: webApi.LogLevel.ERROR,
    });
    const result = await client.auth.test();
    expect(result.ok).toBe(true);
    expect(emulator.callsTo("auth.test").map((call) => call.status)).toEqual([429, 200]);
  });
});
