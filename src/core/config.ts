import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Log levels pino understands. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Store back-ends STORE_URL may name (Keyv adapters installed with Descent). */
const STORE_URL_SCHEMES = ["redis:", "rediss:", "sqlite:"];

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = (variable: string) =>
  optionalText.refine((value) => value === undefined || URL.canParse(value), {
    message: `${variable} must be a full URL such as http://127.0.0.1:8080; fix it or remove it`,
  });

/** Render worker threads by default: one, leaving the other core of a 2-core machine to the bot. */
export const DEFAULT_RENDER_WORKERS = 1;
/** More render threads than this only add memory on the machines Descent targets. */
const MAX_RENDER_WORKERS = 16;
/** Disk for race images in the cache by default, in MB: about a thousand races. */
export const DEFAULT_CACHE_MAX_MB = 200;
/** Below this a cap would evict races faster than students look at them. */
const MIN_CACHE_MAX_MB = 10;

const EnvSchema = z.object({
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` })
    .default("info"),
  DATA_DIR: optionalText,
  CACHE_DIR: optionalText,
  CONSOLE_OUT_DIR: optionalText,
  STORE_URL: optionalText.refine(
    (value) => value === undefined || STORE_URL_SCHEMES.some((scheme) => value.startsWith(`${scheme}//`)),
    {
      message: "STORE_URL must start with redis://, rediss:// or sqlite://; remove it to use the SQLite file",
    },
  ),
  CONTENT_DIR: optionalText,
  RENDER_WORKERS: optionalText.refine(
    (value) => value === undefined || (/^\d+$/.test(value) && Number(value) <= MAX_RENDER_WORKERS),
    {
      message: `RENDER_WORKERS must be a whole number from 0 (draw on the main thread) to ${MAX_RENDER_WORKERS}`,
    },
  ),
  CACHE_MAX_MB: optionalText.refine(
    (value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= MIN_CACHE_MAX_MB),
    {
      message: `CACHE_MAX_MB must be a whole number of megabytes, at least ${MIN_CACHE_MAX_MB} (default ${DEFAULT_CACHE_MAX_MB})`,
    },
  ),
  DISCORD_TOKEN: optionalText,
  DISCORD_APP_ID: optionalText.refine((value) => value === undefined || /^\d{15,25}$/.test(value), {
    message: "DISCORD_APP_ID must be the numeric Application ID from the Discord developer portal",
  }),
  DISCORD_GUILD_ID: optionalText.refine((value) => value === undefined || /^\d{15,25}$/.test(value), {
    message:
      "DISCORD_GUILD_ID must be a numeric server id (Developer Mode → right-click the server → Copy ID)",
  }),
  DISCORD_REST_API: optionalUrl("DISCORD_REST_API"),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_PORT: optionalText.refine((value) => value === undefined || isPort(value), {
    message: "SLACK_PORT must be a whole number between 1 and 65535",
  }),
  SLACK_API_URL: optionalUrl("SLACK_API_URL"),
});

/** Discord settings, present when DISCORD_TOKEN and DISCORD_APP_ID are both set. */
export interface DiscordConfig {
  token: string;
  appId: string;
  /** Register commands in this server only (instant) instead of globally. */
  guildId?: string;
  /** Another REST base URL, for the local emulator. */
  restApi?: string;
}

/** Slack settings, present when SLACK_BOT_TOKEN and a signing secret or app token are set. */
export interface SlackConfig {
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode: no public URL needed. */
  appToken?: string;
  port: number;
  /** Another Web API base URL, for the local emulator. */
  apiUrl?: string;
}

/** Every setting Descent reads, validated. */
export interface Config {
  logLevel: (typeof LOG_LEVELS)[number];
  dataDir: string;
  cacheDir: string;
  /** Where terminal mode writes images. */
  consoleOutDir: string;
  /** Another Keyv back-end; undefined means the SQLite file in dataDir. */
  storeUrl?: string;
  contentDir: string;
  /** Worker threads that draw images; 0 draws on the main thread. */
  renderWorkers: number;
  /** Disk bytes race images may take in the cache; the least recently used are removed past it. */
  cacheMaxBytes: number;
  discord?: DiscordConfig;
  slack?: SlackConfig;
}

/** Start-up stops with this: every problem, each naming its variable and how to fix it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(
      `Descent cannot start; fix these settings (in .env or the environment):\n- ${problems.join("\n- ")}`,
    );
  }
}

/** Default Slack HTTP port (Bolt's own default). */
export const DEFAULT_SLACK_PORT = 3000;

/**
 * Reads and validates the settings. Loads `envFile` first (if it exists) with Node's own loader,
 * which never overrides variables already set. Throws ConfigError listing every problem.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { envFile?: string | false; cwd?: string } = {},
): Config {
  const cwd = options.cwd ?? process.cwd();
  const envFile = options.envFile ?? ".env";
  if (envFile !== false && env === process.env) {
    const file = path.resolve(cwd, envFile);
    if (existsSync(file)) process.loadEnvFile(file);
  }
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const vars = parsed.data;
  const problems = pairProblems(vars);
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(cwd, vars.DATA_DIR ?? "data");
  const config: Config = {
    logLevel: vars.LOG_LEVEL,
    dataDir,
    cacheDir: path.resolve(cwd, vars.CACHE_DIR ?? path.join(dataDir, "cache")),
    consoleOutDir: path.resolve(cwd, vars.CONSOLE_OUT_DIR ?? "out"),
    contentDir: path.resolve(cwd, vars.CONTENT_DIR ?? "content"),
    renderWorkers: vars.RENDER_WORKERS ? Number(vars.RENDER_WORKERS) : DEFAULT_RENDER_WORKERS,
    cacheMaxBytes: Number(vars.CACHE_MAX_MB ?? DEFAULT_CACHE_MAX_MB) * 1024 * 1024,
  };
  if (vars.STORE_URL) config.storeUrl = vars.STORE_URL;
  if (vars.DISCORD_TOKEN && vars.DISCORD_APP_ID) {
    config.discord = {
      token: vars.DISCORD_TOKEN,
      appId: vars.DISCORD_APP_ID,
      ...(vars.DISCORD_GUILD_ID && { guildId: vars.DISCORD_GUILD_ID }),
      ...(vars.DISCORD_REST_API && { restApi: vars.DISCORD_REST_API }),
    };
  }
  if (vars.SLACK_BOT_TOKEN) {
    config.slack = {
      botToken: vars.SLACK_BOT_TOKEN,
      port: vars.SLACK_PORT ? Number(vars.SLACK_PORT) : DEFAULT_SLACK_PORT,
      ...(vars.SLACK_SIGNING_SECRET && { signingSecret: vars.SLACK_SIGNING_SECRET }),
      ...(vars.SLACK_APP_TOKEN && { appToken: vars.SLACK_APP_TOKEN }),
      ...(vars.SLACK_API_URL && { apiUrl: vars.SLACK_API_URL }),
    };
  }
  return config;
}

type EnvVars = z.infer<typeof EnvSchema>;

function isPort(value: string): boolean {
  const port = Number(value);
  return /^\d+$/.test(value) && port >= 1 && port <= 65535;
}

/** Settings that only work together. */
function pairProblems(vars: EnvVars): string[] {
  const problems: string[] = [];
  if (vars.DISCORD_TOKEN && !vars.DISCORD_APP_ID) {
    problems.push(
      "DISCORD_APP_ID is required with DISCORD_TOKEN; copy the Application ID from the developer portal",
    );
  }
  if (vars.DISCORD_APP_ID && !vars.DISCORD_TOKEN) {
    problems.push("DISCORD_TOKEN is required with DISCORD_APP_ID; copy the bot token (Bot → Reset Token)");
  }
  const slackExtras = vars.SLACK_SIGNING_SECRET || vars.SLACK_APP_TOKEN;
  if (vars.SLACK_BOT_TOKEN && !slackExtras) {
    problems.push(
      "SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is required with SLACK_BOT_TOKEN; " +
        "find them under Basic Information in your Slack app settings",
    );
  }
  if (slackExtras && !vars.SLACK_BOT_TOKEN) {
    problems.push("SLACK_BOT_TOKEN is required for Slack; copy the xoxb- token from OAuth & Permissions");
  }
  return problems;
}

/** What is safe to log about the settings: no token, no secret, only whether each is set. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    logLevel: config.logLevel,
    dataDir: config.dataDir,
    cacheDir: config.cacheDir,
    contentDir: config.contentDir,
    renderWorkers: config.renderWorkers,
    cacheMaxMb: config.cacheMaxBytes / (1024 * 1024),
    store: config.storeUrl ? new URL(config.storeUrl).protocol.replace(":", "") : "sqlite-file",
    discord: config.discord ? { guildId: config.discord.guildId ?? "global" } : "off",
    slack: config.slack
      ? { mode: config.slack.appToken ? "socket" : "http", port: config.slack.port }
      : "off",
  };
}
