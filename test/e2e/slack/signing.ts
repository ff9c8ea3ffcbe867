import { createHmac } from "node:crypto";

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac("sha256", signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest("hex");
  return `v0=${digest}`;
}

/** The two headers Slack adds to every request it sends to an app. */
export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "x-slack-request-timestamp": String(timestampSeconds),
    "x-slack-signature": slackSignature(signingSecret, timestampSeconds, rawBody),
  };
}
