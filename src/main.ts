/**
 * The composition root: settings → content → renderer → store → tutor → adapters.
 * Starts Discord and/or Slack when their credentials are set, terminal mode when none are.
 */
import path from "node:path";
import { ConfigError, describeConfig, loadConfig } from "./core/config.ts";
import { ContentError } from "./core/content/errors.ts";
import { watchContent } from "./core/content/watch.ts";
import { createLogger } from "./core/logger.ts";
import { type DirectMessenger, Reminders } from "./core/practice/reminders.ts";
import { lessonAssets } from "./core/render/index.ts";
import { StoreStartError } from "./core/store/unavailable.ts";
import type { Platform } from "./core/tutor-api.ts";
import { openTutor } from "./open-tutor.ts";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// Terminal mode when no platform is configured: its log goes to a file, the screen shows only the tutor.
const terminalMode = !config.discord && !config.slack;
const logFile = terminalMode ? path.join(config.dataDir, "descent.log") : undefined;
// An unusable DATA_DIR cannot hold the log: warnings go to stderr, and opening the store below says
// what is wrong in one line.
const logger = (() => {
  try {
    return createLogger(config.logLevel, logFile);
  } catch {
    return createLogger("warn");
  }
})();
logger.info(describeConfig(config), "starting Descent");

// The store opens first: a bad DATA_DIR or database file stops start-up with one line saying what to do.
const { tutor, renderer, store, content } = await openTutor(config, logger).catch(async (error: unknown) => {
  if (error instanceof StoreStartError) {
    // The log line before it first, so this one is the last thing printed.
    await new Promise((resolve) => logger.flush(resolve));
    console.error(`Descent cannot start: ${error.message}`);
  } else if (error instanceof ContentError) {
    // Content errors name the file and field; show them as they are and stop.
    console.error(error.message);
  } else throw error;
  process.exit(1);
});
// A running bot reloads content/ on edit (or SIGHUP); content that fails a check is logged and skipped.
const contentWatch = watchContent(config.contentDir, () => void content.reload(), { logger });
process.on("SIGHUP", () => void content.reload());

/** Closers of whatever was started, run on shutdown. */
const stops: Array<() => Promise<void>> = [];
/** How each started platform sends the tutor's own messages (practice reminders). */
const messengers: Partial<Record<Platform, DirectMessenger>> = {};
const reminders = () =>
  new Reminders({ store, catalogue: () => content.current, clock: () => new Date(), logger, messengers });

// ---- Platform adapters: each starts only when its credentials are set. ----
// Each adapter is imported only when it starts: discord.js and Bolt cost seconds of start-up.
if (config.discord) {
  const { startDiscord } = await import("./adapters/discord/index.ts");
  const bot = await startDiscord({ ...config.discord, tutor, logger });
  logger.info({ invite: bot.inviteUrl }, "Discord adapter ready");
  stops.push(() => bot.stop());
  messengers.discord = bot.messenger;
}
if (config.slack) {
  const { startSlack } = await import("./adapters/slack/index.ts");
  const slack = await startSlack({ ...config.slack, tutor, logger });
  logger.info({ mode: slack.mode, port: slack.port }, "Slack adapter ready");
  stops.push(() => slack.stop());
  messengers.slack = slack.messenger;
}
// ---- end of platform adapters ----

async function shutdown(code: number): Promise<never> {
  contentWatch.close();
  for (const stop of stops)
    await stop().catch((error: unknown) => logger.warn({ err: error }, "stop failed"));
  await store.close().catch((error: unknown) => logger.warn({ err: error }, "store close failed"));
  await renderer.close().catch((error: unknown) => logger.warn({ err: error }, "renderer close failed"));
  // Exit explicitly: a pipe's end must end the process even if a library keeps a handle open.
  process.exit(code);
}

if (terminalMode) {
  const { runConsole } = await import("./adapters/console/index.ts");
  const { consoleDirectMessenger } = await import("./adapters/console/direct.ts");
  // A terminal session is short: a reminder that came due since the last one is shown at start.
  messengers.console = consoleDirectMessenger();
  await reminders()
    .sweep()
    .catch((error: unknown) => logger.warn({ err: error }, "practice reminder sweep failed"));
  await runConsole({ tutor, logger, logFile, outDir: config.consoleOutDir });
  await shutdown(0);
} else {
  // Pre-render every lesson image in the background so the first /lesson answers fast.
  void renderer
    .warm(lessonAssets(content.current))
    .then((report) => logger.info(report, "image cache warmed"));
  // Reminders due while the bot was down go out now; the sweep then repeats (times live in the store).
  const stopReminders = reminders().start();
  stops.unshift(async () => stopReminders());
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
}
