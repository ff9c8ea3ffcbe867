import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Logger } from "../../core/logger.ts";
import type { Tutor } from "../../core/tutor-api.ts";
import { handleInteraction } from "./interactions.ts";
import { inviteUrl } from "./invite.ts";
import { INTERACTION_REST_REQUESTS_PER_SECOND } from "./limits.ts";
import { discordOutbound } from "./outbound.ts";

export { toApplicationCommands } from "./commands.ts";
export { deployCommands } from "./deploy.ts";
export { inviteUrl } from "./invite.ts";
export { toDiscordMessage } from "./message.ts";

/** Which shards this process runs: discord.js picks the count (`"auto"`), or an explicit slice of a fixed count. */
export type ShardSetting = "auto" | { ids: number[]; count: number };

export interface DiscordOptions {
  token: string;
  appId: string;
  /** REST base URL (discord.js `rest.api`), e.g. a local emulator; the gateway URL then comes from its `/gateway/bot`. */
  restApi?: string;
  tutor: Tutor;
  logger: Logger;
  /** Omit for one shard, or when a discord.js ShardingManager sets SHARDS/SHARD_COUNT for this process. */
  shards?: ShardSetting;
}

export interface DiscordBot {
  client: Client;
  inviteUrl: string;
  /** Disconnects from the gateway; answers in flight may still finish. */
  stop(): Promise<void>;
}

/**
 * Connects Descent to Discord (gateway, Guilds intent only) and answers slash commands, buttons and
 * autocomplete through the tutor. Resolves once the client is ready; commands are registered
 * separately by `npm run deploy:discord`.
 */
export async function startDiscord(options: DiscordOptions): Promise<DiscordBot> {
  const { tutor, logger } = options;
  const log = logger.child({ adapter: "discord" });
  const client = new Client({
    // No privileged intents: everything Descent answers arrives as an interaction.
    intents: [GatewayIntentBits.Guilds],
    rest: {
      globalRequestsPerSecond: INTERACTION_REST_REQUESTS_PER_SECOND,
      ...(options.restApi ? { api: options.restApi } : {}),
    },
    ...(options.shards === "auto" ? { shards: "auto" as const } : {}),
    ...(typeof options.shards === "object"
      ? { shards: options.shards.ids, shardCount: options.shards.count }
      : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, { tutor, logger: log });
  });
  client.on(Events.Error, (error) => log.error({ err: error }, "discord.js client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardError, (error, shardId) => log.warn({ err: error, shardId }, "gateway shard error"));

  const url = inviteUrl(options.appId);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    throw new Error(
      `Discord login failed (${String(error)}); check DISCORD_TOKEN (Developer Portal → your app → Bot → Reset Token)`,
    );
  }
  await ready;
  // Live rounds post and edit as the bot; rounds still open in the store are re-armed.
  await tutor.connect?.("discord", discordOutbound(client));
  log.info(
    {
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      shards: client.ws.shards.size,
      inviteUrl: url,
    },
    "Descent is online on Discord; add it to a server with the invite URL",
  );
  return {
    client,
    inviteUrl: url,
    stop: async () => {
      tutor.shutdown?.();
      await client.destroy();
    },
  };
}
