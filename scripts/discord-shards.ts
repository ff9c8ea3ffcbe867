/**
 * Runs Descent's Discord bot as several processes, one per shard, with discord.js's ShardingManager.
 * Each child runs src/main.ts; discord.js hands it SHARDS and SHARD_COUNT, so nothing else changes.
 * All children must share one store: STORE_URL=redis://… (or, on one machine, the default SQLite file).
 * Usage: DISCORD_SHARD_COUNT=4 npm run discord:shards   (omit the count for Discord's recommendation)
 */
import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import { loadConfig } from "../src/core/config.ts";

const config = loadConfig();
if (!config.discord) {
  console.error("DISCORD_TOKEN and DISCORD_APP_ID are required to run shards; set them in .env");
  process.exit(1);
}
if (config.slack) {
  console.error("Unset the SLACK_* variables for shard processes: every child would start its own Slack app");
  process.exit(1);
}
const countSetting = process.env.DISCORD_SHARD_COUNT;
const totalShards = countSetting ? Number(countSetting) : "auto";
if (totalShards !== "auto" && !(Number.isInteger(totalShards) && totalShards > 0)) {
  console.error(`DISCORD_SHARD_COUNT must be a whole number above 0, got "${countSetting}"`);
  process.exit(1);
}
if (totalShards === "auto" && config.discord.restApi) {
  console.error(
    "Set DISCORD_SHARD_COUNT with DISCORD_REST_API: the recommended count is asked of discord.com",
  );
  process.exit(1);
}

const manager = new ShardingManager(fileURLToPath(new URL("../src/main.ts", import.meta.url)), {
  token: config.discord.token,
  totalShards,
  // The children are TypeScript run by tsx, like `npm start`.
  execArgv: ["--import", "tsx"],
});
manager.on("shardCreate", (shard) => console.log(`shard ${shard.id} of ${manager.totalShards} starting`));
await manager.spawn();
console.log(`all ${manager.totalShards} shards ready`);
