const DISCORD_EPOCH_MS = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh Discord snowflake id carrying the current real time, as discord.js expects. */
export function snowflake(): string {
  sequence = (sequence + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH_MS) << 22n) | sequence).toString();
}

/** Which shard receives a guild's events (Discord's formula). */
export function shardFor(guildId: string | null, shardCount: number): number {
  if (guildId === null) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A fresh, unique guild id that Discord's formula routes to `shard` of `shardCount`. */
export function guildIdOnShard(shard: number, shardCount: number): string {
  const id = BigInt(snowflake());
  const count = BigInt(shardCount);
  const timestamp = id >> 22n;
  // The shard comes from the id's millisecond timestamp: move it forward to the next one that fits.
  const step = (((BigInt(shard) - timestamp) % count) + count) % count;
  return (((timestamp + step) << 22n) | (id & 0x3fffffn)).toString();
}
