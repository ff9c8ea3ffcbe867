// /explore latency and memory: 200 clicks of mixed knobs and steps through the real discord.js client,
// Descent's adapter and the real tutor on the local emulator, with the production renderer settings
// (DEFAULT_RENDER_WORKERS render threads). Latency is from the emulator dispatching the click to it
// receiving the bot's answer; RSS is this process's, which holds the bot and its render threads.

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "../commands/index.ts";
import { deployCommands } from "../src/adapters/discord/deploy.ts";
import { startDiscord } from "../src/adapters/discord/index.ts";
import { DEFAULT_RENDER_WORKERS } from "../src/core/config.ts";
import { loadContent } from "../src/core/content/index.ts";
import { silentLogger } from "../src/core/logger.ts";
import { seededRandom } from "../src/core/random.ts";
import { createRenderer } from "../src/core/render/index.ts";
import { createMemoryStore } from "../src/core/store/index.ts";
import { createTutor } from "../src/core/tutor.ts";
import { DiscordEmulator, type InteractionHandle } from "../test/e2e/discord/emulator.ts";
import { latencySummary } from "../test/e2e/load/students.ts";

const CLICKS = 200;
const WARM_UP = 20;
/** Steps are clicked most, as a student stepping through a path would; knobs re-run the path. */
const MIX = ["▶", "▶", "▶▶", "◀", "◀◀", "η ×2", "η ÷2", "γ +", "γ −", "+ compare…", "pick", "reset"];
const START = { function: "rosenbrock", optimizer: "momentum" };

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function answered(handle: InteractionHandle) {
  const outcome = await handle.outcome;
  if (outcome.kind !== "message")
    throw new Error(`bench interaction answered with ${JSON.stringify(outcome)}`);
  return { ms: outcome.at - handle.dispatchedAt, messageId: outcome.messageId };
}

export async function run(): Promise<Record<string, unknown>> {
  const logger = silentLogger();
  const emulator = await new DiscordEmulator().start();
  const catalogue = await loadContent(join(import.meta.dirname, "../content"));
  const cacheDir = await mkdtemp(join(tmpdir(), "descent-bench-explore-"));
  const renderer = createRenderer({ cacheDir, logger, workers: DEFAULT_RENDER_WORKERS });
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue,
    renderer,
    store: createMemoryStore(logger),
    logger,
  });
  await deployCommands({
    token: emulator.token,
    appId: emulator.appId,
    restApi: emulator.restApi,
    commands: tutor.commands,
  });
  const bot = await startDiscord({
    token: emulator.token,
    appId: emulator.appId,
    restApi: emulator.restApi,
    tutor,
    logger,
  });
  const random = seededRandom(19);
  try {
    const user = { id: "600000000000000001", name: "explorer" };
    const opened = await answered(emulator.command({ user, name: "explore", options: START }));
    const messageId = opened.messageId;
    const samples: number[] = [];
    let rssBefore = 0;
    let rssPeak = 0;
    for (let i = 0; i < WARM_UP + CLICKS; i++) {
      if (i === WARM_UP) rssBefore = process.memoryUsage().rss;
      const message = emulator.messages.get(messageId);
      const buttons = (message?.api.components ?? [])
        .flatMap((row) => row.components)
        .filter((component) => "custom_id" in component && !component.disabled) as Array<{
        custom_id: string;
        label?: string;
      }>;
      const wanted = MIX[Math.floor(random() * MIX.length)];
      // "pick" is any optimizer in the compare menu (shown only after "+ compare…"); else a step.
      const candidates = buttons.filter((b) =>
        wanted === "pick" ? /^ex:.*:s$/.test(b.custom_id) : b.label === wanted,
      );
      const target =
        candidates[Math.floor(random() * candidates.length)] ??
        buttons.find((b) => /^[◀▶]/.test(b.label ?? ""));
      if (!target) throw new Error("the explore message has no button to click");
      const { ms } = await answered(emulator.click({ user, messageId, customId: target.custom_id }));
      if (i >= WARM_UP) samples.push(ms);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    const rssAfter = process.memoryUsage().rss;
    return {
      clicks: latencySummary(samples),
      targetP99Ms: 250,
      renderWorkers: DEFAULT_RENDER_WORKERS,
      rssBeforeMb: mb(rssBefore),
      rssAfterMb: mb(rssAfter),
      rssPeakMb: mb(rssPeak),
      imageCacheHits: renderer.stats(),
    };
  } finally {
    await bot.stop();
    await renderer.close();
    await emulator.stop();
  }
}
