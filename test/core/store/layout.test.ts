import path from "node:path";
import KeyvRedis, { createClient, type RedisClientType } from "@keyv/redis";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { openBackends, SQLITE_FILE_NAME } from "../../../src/core/store/backends.ts";
import { NAMESPACES } from "../../../src/core/store/keys.ts";
import type { Backends } from "../../../src/core/store/table.ts";
import { freshCommunity, REDIS_SKIP_REASON, REDIS_URL, removeTempDirs, tempDir } from "./backends.ts";

/**
 * The compare-and-swap seams (SqliteTable, RedisTable) read and write Keyv's storage directly. These
 * tests pin the layout they rely on through Keyv's own public API: if an @keyv/* upgrade changes the
 * table, the key shape or the value format, they fail here rather than the store losing records.
 */

afterAll(removeTempDirs);

const SOON = () => performance.now() + 5_000;

/** Both directions: what plain Keyv writes the seam reads and swaps; what the seam writes plain Keyv reads. */
async function expectSameRecords(backends: Backends, keyv: Keyv, key: string) {
  await keyv.set(key, { v: 1, from: "keyv" }, 60_000);
  const stored = await backends.progress.read(key);
  expect(stored?.value).toEqual({ v: 1, from: "keyv" });
  const written = await backends.progress.swap(key, stored?.raw, { v: 2, from: "seam" }, { landBy: SOON() });
  expect(written).toBeDefined();
  expect(await keyv.get(key)).toEqual({ v: 2, from: "seam" });
  // The seam's expiry is Keyv's: an expired record is gone for Keyv too.
  await backends.progress.swap(key, written, { v: 3 }, { landBy: SOON(), ttlMs: 1 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await keyv.get(key)).toBeUndefined();
}

describe("Keyv's SQLite layout, as SqliteTable uses it", () => {
  it("GIVEN @keyv/sqlite THEN records live in table keyv (key primary, value text) under namespace:key, as Keyv JSON", async () => {
    const dataDir = tempDir();
    const backends = await openBackends({ dataDir, logger: silentLogger() });
    const adapter = new KeyvSqlite({ uri: `sqlite://${path.join(dataDir, SQLITE_FILE_NAME)}` });
    const keyv = new Keyv({ store: adapter, namespace: NAMESPACES.progress });
    try {
      const columns = (await adapter.query("PRAGMA table_info(keyv)")) as { name: string; pk: number }[];
      expect(columns.map(({ name, pk }) => [name, pk])).toEqual([
        ["key", 1],
        ["value", 0],
      ]);
      await keyv.set("discord.g/u", { hello: "world" });
      const rows = (await adapter.query("SELECT key, value FROM keyv")) as { key: string; value: string }[];
      expect(rows).toEqual([
        { key: `${NAMESPACES.progress}:discord.g/u`, value: '{"value":{"hello":"world"}}' },
      ]);
      await expectSameRecords(backends, keyv, "discord.g/layout");
    } finally {
      await keyv.disconnect();
      await backends.close();
    }
  });
});

describe.skipIf(!REDIS_URL)(
  `Keyv's Redis layout, as RedisTable uses it${REDIS_URL ? "" : ` (${REDIS_SKIP_REASON})`}`,
  () => {
    it("GIVEN @keyv/redis THEN a record is a string key namespace::key holding Keyv JSON, expiring by PX", async () => {
      const backends = await openBackends({
        dataDir: tempDir(),
        storeUrl: REDIS_URL,
        logger: silentLogger(),
      });
      const client = createClient({ url: REDIS_URL }) as RedisClientType;
      await client.connect();
      const adapter = new KeyvRedis(client, { namespace: NAMESPACES.progress });
      const keyv = new Keyv(adapter, { namespace: NAMESPACES.progress, useKeyPrefix: false });
      const key = `${freshCommunity()}/u`;
      try {
        await keyv.set(key, { hello: "world" }, 60_000);
        const name = `${NAMESPACES.progress}::${key}`;
        expect(await client.type(name)).toBe("string");
        expect(JSON.parse((await client.get(name)) ?? "null")).toMatchObject({ value: { hello: "world" } });
        expect(await client.pTTL(name)).toBeGreaterThan(0);
        await expectSameRecords(backends, keyv, `${freshCommunity()}/layout`);
      } finally {
        await client.close();
        await backends.close();
      }
    });
  },
);
