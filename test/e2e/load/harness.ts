import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "../../../commands/index.ts";
import { deployCommands } from "../../../src/adapters/discord/deploy.ts";
import { loadContent } from "../../../src/core/content/index.ts";
import type { Catalogue } from "../../../src/core/content/types.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createRenderer, lessonAssets } from "../../../src/core/render/index.ts";
import {
  DiscordEmulator,
  ErrorCode,
  type InteractionOutcome,
  type SettledInteraction,
} from "../discord/emulator.ts";
import { guildIdOnShard } from "../discord/snowflake.ts";
import { BotProcess } from "./bot-process.ts";
import { latencySummary, type PlayOptions, QuizPlayer, type Student } from "./students.ts";

const CONTENT_DIR = join(import.meta.dirname, "../../../content");
/** Times a student types a command whose answer came too late (a bound, not a speed target). */
const COMMAND_ATTEMPTS = 5;
/** The lesson quizzes students take, cycled over the class. */
export const LOAD_QUIZZES = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam"];

export interface LoadHarnessOptions {
  /** Bot processes, one per shard (1 = no sharding). */
  shards?: number;
  /** Guilds (class servers); spread evenly over the shards by Discord's formula. */
  guilds?: number;
  /** redis://… to share one store; default: each run's own SQLite file in DATA_DIR. */
  storeUrl?: string;
  /** Extra node flags for the bot processes (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
}

let warmCache: Promise<{ cacheDir: string; catalogue: Catalogue }> | undefined;

/** One image cache for every run in this process, pre-rendered once (as `npm run cli -- render --all` would). */
function warmedCache() {
  warmCache ??= (async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "descent-load-cache-"));
    const catalogue = await loadContent(CONTENT_DIR);
    await createRenderer({ cacheDir, logger: silentLogger() }).warm(lessonAssets(catalogue));
    return { cacheDir, catalogue };
  })();
  return warmCache;
}

/** An emulated Discord with N guilds, Descent running as real child processes, and students to drive. */
export class LoadHarness {
  readonly shardCount: number;
  readonly emulator: DiscordEmulator;
  readonly bots: BotProcess[] = [];
  dataDir = "";
  catalogue: Catalogue | undefined;
  player: QuizPlayer | undefined;
  private cacheDir = "";

  constructor(private readonly options: LoadHarnessOptions = {}) {
    this.shardCount = options.shards ?? 1;
    const guilds = options.guilds ?? 1;
    this.emulator = new DiscordEmulator({
      guildIds: Array.from({ length: guilds }, (_, index) =>
        guildIdOnShard(index % this.shardCount, this.shardCount),
      ),
    });
  }

  get guildIds(): string[] {
    return this.emulator.guilds.map((guild) => guild.id);
  }

  async start(): Promise<void> {
    const [{ cacheDir, catalogue }] = await Promise.all([warmedCache(), this.emulator.start()]);
    this.cacheDir = cacheDir;
    this.catalogue = catalogue;
    this.player = new QuizPlayer(this.emulator, catalogue);
    this.dataDir = await mkdtemp(join(tmpdir(), "descent-load-data-"));
    await deployCommands({
      token: this.emulator.token,
      appId: this.emulator.appId,
      restApi: this.emulator.restApi,
      commands: COMMANDS.map((module) => module.declaration),
    });
    for (let shard = 0; shard < this.shardCount; shard++) this.bots.push(this.newBot(shard));
    await Promise.all(this.bots.map((bot) => bot.start()));
  }

  /** Replaces shard `shard`'s process with a fresh one on the same store (after a kill). */
  async restart(shard = 0): Promise<BotProcess> {
    const bot = this.newBot(shard);
    this.bots[shard] = bot;
    await bot.start();
    return bot;
  }

  async stop(): Promise<void> {
    await Promise.all(this.bots.map((bot) => bot.stop()));
    await this.emulator.stop();
  }

  /** Every student plays their quiz at once; returns the wall time in ms. */
  async playAll(students: Student[], options: PlayOptions = {}): Promise<number> {
    const player = this.player;
    if (!player) throw new Error("start the harness first");
    const started = performance.now();
    await Promise.all(students.map((student) => player.play(student, options)));
    return performance.now() - started;
  }

  /**
   * Runs a command as a student and returns the answer's embed text (title, description, fields).
   * A student whose command failed because the answer came too late (10062) types it again.
   */
  async commandText(student: Student, name: string, options: Record<string, string> = {}): Promise<string> {
    let outcome: InteractionOutcome | undefined;
    for (let attempt = 0; attempt < COMMAND_ATTEMPTS; attempt++) {
      const handle = this.emulator.command({ user: student.user, name, options, guildId: student.guildId });
      outcome = await handle.outcome;
      if (outcome.kind !== "rejected" || outcome.code !== ErrorCode.UnknownInteraction) break;
    }
    if (outcome?.kind !== "message") throw new Error(`/${name} answered ${JSON.stringify(outcome)}`);
    const embed = this.emulator.messages.get(outcome.messageId)?.api.embeds[0];
    const fields = (embed?.fields ?? []).map((field) => `${field.name}: ${field.value}`);
    return [embed?.title, embed?.description, ...fields].filter(Boolean).join("\n");
  }

  /**
   * The bot's REST calls to the emulator since `from`, by kind: interaction callbacks, and calls
   * under an interaction's token (edits, deletes, follow-ups), which Discord does not hold to its
   * 50/s global limit but which each cost the bot a full HTTP request.
   */
  restCalls(from: number): Record<RestCallKind, number> {
    const counts: Record<RestCallKind, number> = { callback: 0, edit: 0, delete: 0, followUp: 0, other: 0 };
    for (const request of this.emulator.requests) {
      if (request.at >= from) counts[restCallKind(request.method, request.path)]++;
    }
    return counts;
  }

  /** Latency (dispatch → the bot's final answer) of interactions settled since `from`. */
  latencies(from: number, filter: (entry: SettledInteraction) => boolean = () => true) {
    return latencySummary(
      this.emulator.settled
        .filter((entry) => entry.dispatchedAt >= from && entry.outcome.kind === "message" && filter(entry))
        .map((entry) => entry.outcome.at - entry.dispatchedAt),
    );
  }

  private newBot(shard: number): BotProcess {
    const env: Record<string, string> = {
      DISCORD_TOKEN: this.emulator.token,
      DISCORD_APP_ID: this.emulator.appId,
      DISCORD_REST_API: this.emulator.restApi,
      DATA_DIR: this.dataDir,
      CACHE_DIR: this.cacheDir,
      CONTENT_DIR,
      // info: the "Discord adapter ready" line is how the harness knows the bot is up.
      LOG_LEVEL: "info",
      ...(this.options.storeUrl && { STORE_URL: this.options.storeUrl }),
      // discord.js reads these itself (as a ShardingManager child would): this process runs one shard.
      ...(this.shardCount > 1 && { SHARDS: JSON.stringify([shard]), SHARD_COUNT: String(this.shardCount) }),
    };
    return new BotProcess({ env, nodeArgs: this.options.nodeArgs ?? [] });
  }
}

export type RestCallKind = "callback" | "edit" | "delete" | "followUp" | "other";

function restCallKind(method: string, path: string): RestCallKind {
  if (/\/interactions\/\d+\/[^/]+\/callback/.test(path)) return "callback";
  if (!/\/webhooks\/\d+\/[^/?]+/.test(path)) return "other";
  if (method === "PATCH") return "edit";
  if (method === "DELETE") return "delete";
  return method === "POST" && !/\/messages\//.test(path) ? "followUp" : "other";
}
