import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { SlackEmulator } from "./emulator.ts";

// The emulator's file rules, through the real Web API client: a file shows only where its
// audience can see it, only once Slack has processed it, with the documented `alt_txt`.

const FAST_RETRIES = { retries: 0 };
const CHANNEL = "CGENERAL";

let emulator: SlackEmulator;
afterEach(() => emulator.stop());

async function start(fileProcessingMs: number | "manual" = 0) {
  emulator = await SlackEmulator.start({ fileProcessingMs });
  return new webApi.WebClient(emulator.botToken, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: FAST_RETRIES,
    logLevel: webApi.LogLevel.ERROR,
  });
}

/** The three upload steps by hand; `share` is completeUploadExternal's channel_id. */
async function upload(client: webApi.WebClient, args: Record<string, unknown>, share?: string) {
  const url = (await client.apiCall("files.getUploadURLExternal", {
    filename: "rule.png",
    length: 4,
    ...args,
  })) as webApi.WebAPICallResult & { upload_url: string; file_id: string };
  await fetch(url.upload_url, { method: "POST", body: new Uint8Array([1, 2, 3, 4]) });
  await client.files.completeUploadExternal({
    files: [{ id: url.file_id }],
    ...(share && { channel_id: share }),
  });
  return url.file_id;
}

const imageBlocks = (id: string) => [{ type: "image", slack_file: { id }, alt_text: "the rule" }];

/** The Web API error code, or "ok". */
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => "ok",
    (error: { data?: { error?: string; errors?: string[] } }) =>
      `${error.data?.error}: ${error.data?.errors?.join()}`,
  );

describe("Slack emulator: files in blocks", () => {
  it("GIVEN a file private to the app THEN neither a channel message nor an ephemeral one may show it", async () => {
    const client = await start();
    const id = await upload(client, {});
    expect(
      await outcome(client.chat.postMessage({ channel: CHANNEL, text: "x", blocks: imageBlocks(id) })),
    ).toMatch(/invalid_blocks: invalid slack file/);
    expect(
      await outcome(
        client.chat.postEphemeral({ channel: CHANNEL, user: "UALICE", text: "x", blocks: imageBlocks(id) }),
      ),
    ).toMatch(/invalid slack file/);
  });

  it("GIVEN a file shared into alice's DM THEN the DM may show it, the channel may not", async () => {
    const client = await start();
    const dm = (await client.conversations.open({ users: "UALICE" })).channel?.id ?? "";
    expect(dm).toBe(emulator.dmOf("UALICE"));
    const id = await upload(client, {}, dm);
    expect(await outcome(client.chat.postMessage({ channel: dm, text: "x", blocks: imageBlocks(id) }))).toBe(
      "ok",
    );
    expect(
      await outcome(
        client.chat.postEphemeral({ channel: CHANNEL, user: "UALICE", text: "x", blocks: imageBlocks(id) }),
      ),
    ).toMatch(/invalid slack file/);
  });

  it("GIVEN a file just shared THEN it is refused until processed, and files.info shows when it is", async () => {
    const client = await start("manual");
    const id = await upload(client, {}, CHANNEL);
    const post = () =>
      outcome(client.chat.postMessage({ channel: CHANNEL, text: "x", blocks: imageBlocks(id) }));
    expect(await post()).toMatch(/invalid slack file/);
    expect((await client.files.info({ file: id })).file?.mimetype).toBe("");
    emulator.finishProcessing();
    expect((await client.files.info({ file: id })).file?.mimetype).toBe("image/png");
    expect(await post()).toBe("ok");
  });

  it("GIVEN alt_txt THEN the file keeps it; alt_text is not an argument Slack knows; over 1000 is refused", async () => {
    const client = await start();
    const documented = await upload(client, { alt_txt: "Adam's update rule" });
    const misspelt = await upload(client, { alt_text: "Adam's update rule" });
    expect(emulator.files.get(documented)?.altText).toBe("Adam's update rule");
    expect(emulator.files.get(misspelt)?.altText).toBeUndefined();
    expect(await outcome(upload(client, { alt_txt: "a".repeat(1001) }))).toMatch(/alt_txt_too_large/);
    expect(await outcome(upload(client, { alt_txt: "a".repeat(1000) }))).toBe("ok");
  });
});
