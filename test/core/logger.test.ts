import { Writable } from "node:stream";
import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import { boltLogger } from "../../src/adapters/slack/bolt-logger.ts";
import { createLogger } from "../../src/core/logger.ts";

/** A logger at trace level whose lines are kept, as the bot's stderr would receive them. */
function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("trace", destination), output: () => lines.join("") };
}

const INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OlNlY3JldFRva2Vu";
const RESPONSE_URL = "https://hooks.slack.com/actions/T0001/1234567890/Zx9SecretPathPart";
const SECRETS = [INTERACTION_TOKEN, "Zx9SecretPathPart", "xoxb-1111-2222-abcdef", "verification-abc"];

function expectNoSecret(output: string) {
  for (const secret of SECRETS) expect(output).not.toContain(secret);
  // Escaped slashes as Slack sends them must not hide a response_url either.
  expect(output).not.toMatch(/hooks\.slack\.com\\?\/actions\\?\/T0001/);
}

/** A block_actions payload as Slack sends it (trimmed), with the fields that are credentials. */
const PAYLOAD = {
  type: "block_actions",
  token: "verification-abc",
  user: { id: "U1", name: "alice" },
  response_url: RESPONSE_URL,
  trigger_id: "123.456.abc",
  actions: [{ action_id: "qa:0123456789ab:0:1", value: "1" }],
};

describe("the shared logger redacts secrets at every level", () => {
  it("GIVEN Discord refuses a reply THEN the interaction token in the error's URL and message never reaches the log", () => {
    const { logger, output } = capturingLogger();
    const callback = `https://discord.com/api/v10/interactions/1234567890123456789/${INTERACTION_TOKEN}/callback`;
    const error = new DiscordAPIError(
      { code: 10062, message: "Unknown interaction" },
      10062,
      404,
      "POST",
      callback,
      { body: { type: 4 } },
    );
    const followUp = `https://discord.com/api/v10/webhooks/1111111111111111111/${INTERACTION_TOKEN}/messages/@original`;
    logger.error(
      { err: error, interactionId: "1234567890123456789" },
      "failed to answer a Discord interaction",
    );
    logger.trace({ err: new Error(`PATCH ${followUp} failed`, { cause: error }) }, `retrying ${followUp}`);
    logger.debug(
      { request: { url: callback, headers: { authorization: "Bot xoxb-1111-2222-abcdef" } } },
      "sent",
    );
    const text = output();
    expectNoSecret(text);
    // What helps to debug stays: the ids, the code, the route.
    expect(text).toContain("1234567890123456789");
    expect(text).toContain("10062");
    expect(text).toContain("/interactions/1234567890123456789/[redacted]/callback");
  });

  it("GIVEN Bolt and Socket Mode dump whole payloads at debug THEN response_url and tokens are redacted", () => {
    const { logger, output } = capturingLogger();
    const bolt = boltLogger(logger);
    // As @slack/bolt's App does at debug, and as Socket Mode logs the raw frame (slashes escaped).
    bolt.debug(JSON.stringify(PAYLOAD));
    bolt.debug(`Received a message on the WebSocket: ${JSON.stringify(PAYLOAD).replaceAll("/", "\\/")}`);
    logger.trace({ payload: PAYLOAD }, "block_actions");
    logger.warn({ err: new Error(`POST ${RESPONSE_URL} failed with 404`) }, "Slack refused the reply");
    logger.debug(`http request body: token=xoxb-1111-2222-abcdef&channel=C1`);
    const text = output();
    expectNoSecret(text);
    expect(text).toContain("qa:0123456789ab:0:1");
    expect(text).toContain("U1");
  });
});
