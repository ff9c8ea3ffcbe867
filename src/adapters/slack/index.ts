import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import type { Tutor } from "../../core/tutor-api.ts";
import { boltLogger } from "./bolt-logger.ts";
import { registerListeners } from "./listeners.ts";
import { slackOutbound } from "./outbound.ts";
import { PRODUCTION_RETRY, WEB_API_TIMEOUT_MS } from "./retry.ts";

export interface SlackOptions {
  /** Bot token (xoxb-…) from OAuth & Permissions. */
  botToken: string;
  /** HTTP mode: Slack's requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode (xapp-… with connections:write): no public URL needed. Wins when both are set. */
  appToken?: string;
  /** HTTP mode port; 0 picks a free one. */
  port: number;
  /** HTTP mode interface; default all interfaces. */
  host?: string;
  /** Another Web API base URL (a local emulator), e.g. http://127.0.0.1:9000/api/. */
  apiUrl?: string;
  tutor: Tutor;
  logger: Logger;
  /** Web API retry policy; tests pass a fast one. */
  retryConfig?: webApi.RetryOptions;
}

export interface RunningSlack {
  mode: "http" | "socket";
  /** HTTP mode: the port Slack's requests reach (`/slack/events`). */
  port?: number;
  stop(): Promise<void>;
}

/** The Web API client wants its base URL to end with a slash. */
function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Starts the Slack app: Socket Mode when `appToken` is set, else Bolt's HTTP receiver on `port`.
 * Resolves once the token is verified and requests are being accepted.
 */
export async function startSlack(options: SlackOptions): Promise<RunningSlack> {
  const { botToken, signingSecret, appToken, tutor } = options;
  if (!appToken && !signingSecret) {
    throw new Error(
      "Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode); " +
        "find them under Basic Information in your Slack app settings",
    );
  }
  const logger = options.logger.child({ adapter: "slack" });
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: options.retryConfig ?? PRODUCTION_RETRY,
    timeout: WEB_API_TIMEOUT_MS,
    ...(options.apiUrl && { slackApiUrl: withTrailingSlash(options.apiUrl) }),
  };
  const socketMode = appToken !== undefined;
  const app = new App({
    token: botToken,
    logger: boltLogger(logger),
    clientOptions,
    // Verify the token in init() below, where a bad token becomes a clear start-up error.
    deferInitialization: true,
    ...(socketMode
      ? { socketMode: true, appToken, installerOptions: { clientOptions } }
      : { signingSecret: signingSecret as string }),
  });
  registerListeners(app, { tutor, logger });
  try {
    await app.init();
  } catch (error) {
    throw new Error(
      `Slack rejected SLACK_BOT_TOKEN (${error instanceof Error ? error.message : String(error)}); ` +
        "copy the xoxb- token from OAuth & Permissions and reinstall the app if scopes changed",
      { cause: error },
    );
  }

  // Live rounds post and edit as the bot; rounds still open in the store are re-armed.
  await tutor.connect?.("slack", slackOutbound(app.client, logger));
  if (socketMode) {
    await app.start();
    logger.info({ mode: "socket" }, "Slack app connected over Socket Mode");
    return { mode: "socket", stop: () => stopApp(app, tutor) };
  }
  const server = (await app.start({ port: options.port, host: options.host })) as Server;
  const { port } = server.address() as AddressInfo;
  logger.info({ mode: "http", port }, "Slack app listening on /slack/events");
  return { mode: "http", port, stop: () => stopApp(app, tutor) };
}

/** Stops taking requests and the tutor's timers (the deadlines stay in the store). */
async function stopApp(app: App, tutor: Tutor): Promise<void> {
  tutor.shutdown?.();
  await app.stop();
}
