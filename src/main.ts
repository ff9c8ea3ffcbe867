/**
 * The composition root: settings → content → renderer → store → tutor → adapters.
 * Starts Discord and/or Slack when their credentials are set, terminal mode when none are.
 */
import { runConsole } from "./adapters/console/index.ts";
import { startDiscord } from "./adapters/discord/index.ts";
import { startSlack } from "./adapters/slack/index.ts";
import { ConfigError, describeConfig, loadConfig } from "./core/config.ts";
import { ContentError } from "./core/content/errors.ts";
import { watchContent } from "./core/content/watch.ts";
import { createLogger } from "./core/logger.ts";
import { openTutor } from "./core/open-tutor.ts";
import { lessonAssets } from "./core/render/index.ts";

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

const logger = createLogger(config.logLevel);
logger.info(describeConfig(config), "starting Descent");

const { tutor, renderer, store, content } = await openTutor(config, logger).catch((error: unknown) => {
  // Content errors name the file and field; show them as they are and stop.
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exit(1);
});
// A running bot reloads content/ on edit (or SIGHUP); content that fails a check is logged and skipped.
const contentWatch = watchContent(config.contentDir, () => void content.reload(), { logger });
process.on("SIGHUP", () => void content.reload());

/** Closers of whatever was started, run on shutdown. */
const stops: Array<() => Promise<void>> = [];

// ---- Platform adapters: each starts only when its credentials are set. ----
if (config.discord) {
  const bot = await startDiscord({ ...config.discord, tutor, logger });
  logger.info({ invite: bot.inviteUrl }, "Discord adapter ready");
  stops.push(() => bot.stop());
}
if (config.slack) {
  const slack = await startSlack({ ...config.slack, tutor, logger });
  logger.info({ mode: slack.mode, port: slack.port }, "Slack adapter ready");
  stops.push(() => slack.stop());
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

if (stops.length === 0) {
  await runConsole({ tutor, logger, outDir: config.consoleOutDir });
  await shutdown(0);
} else {
  // Pre-render every lesson image in the background so the first /lesson answers fast.
  void renderer
    .warm(lessonAssets(content.current))
    .then((report) => logger.info(report, "image cache warmed"));
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
}
