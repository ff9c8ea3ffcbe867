import { execFileSync, spawn } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { fileURLToPath, pathToFileURL } from "node:url";
import KeyvSqlite from "@keyv/sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { SQLITE_FILE_NAME } from "../../../src/core/store/backends.ts";
import { removeTempDirs, tempDir } from "./backends.ts";

afterAll(removeTempDirs);

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** tsx by file, since the bot runs in a folder of its own (see `start`). */
const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
/**
 * Root ignores permission bits, so as root the read-only folder is made immutable (`chattr +i`), which
 * refuses writes even to root (EPERM). Running the bot as another user instead would need every folder
 * above the checkout to be open to that user, which a CI clone's temporary folder is not.
 */
const IS_ROOT = process.getuid?.() === 0;

/** Runs the real entry point (`node --import tsx src/main.ts`) with DATA_DIR and no platform credentials. */
async function start(dataDir: string) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir };
  const [cwd, cacheDir] = [tempDir(), tempDir()];
  for (const dir of [cwd, cacheDir]) chmodSync(dir, 0o755);
  const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/main.ts")], {
    // A folder without .env, so only these settings count; the content is the repo's.
    cwd,
    env: { ...env, CONTENT_DIR: path.join(ROOT, "content"), CACHE_DIR: cacheDir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr = child.stderr ? text(child.stderr) : Promise.resolve("");
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stderr: await stderr };
}

/** The last line is the one a person reads: it names the path and says what to do; nothing else is a trace. */
function expectOneLineFix(result: { code: number | null; stderr: string }, where: string, fix: RegExp) {
  const lines = result.stderr.trim().split("\n");
  const last = lines.at(-1) ?? "";
  expect(result.code, result.stderr).toBe(1);
  expect(last, result.stderr).toMatch(/^Descent cannot start: /);
  expect(last).toContain(where);
  expect(last).toMatch(fix);
  // Every other line is a JSON log line; no stack trace, no raw SQLITE_/ENOTDIR dump.
  for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line), line).not.toThrow();
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** A real database whose header is intact and whose pages 5–7 are overwritten. */
async function damagedDatabase(file: string): Promise<void> {
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}` });
  for (let index = 0; index < 200; index++) {
    await adapter.set(`descent-progress:user-${index}`, JSON.stringify({ value: "x".repeat(400) }));
  }
  await adapter.disconnect();
  const fd = openSync(file, "r+");
  const PAGE = 4096;
  writeSync(fd, Buffer.alloc(3 * PAGE, 0xa5), 0, 3 * PAGE, 4 * PAGE);
  closeSync(fd);
}

describe("start-up faults name the file and the fix (the real entry point)", () => {
  it("GIVEN a descent.sqlite that is not a database THEN one line says to move it away, exit 1", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    writeFileSync(file, "these are not the scores you are looking for\n".repeat(200));
    expectOneLineFix(await start(dataDir), file, /not a SQLite database; move it away/);
  }, 60_000);

  it("GIVEN a database with damaged pages behind a valid header THEN quick_check refuses it in one line, exit 1", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    await damagedDatabase(file);
    expectOneLineFix(await start(dataDir), file, /is damaged \(PRAGMA quick_check: .+\); .*restore the file/);
  }, 60_000);

  it("GIVEN a DATA_DIR under a regular file THEN one line says to point DATA_DIR at a folder, exit 1", async () => {
    const file = path.join(tempDir(), "not-a-folder");
    writeFileSync(file, "");
    const dataDir = path.join(file, "data");
    expectOneLineFix(await start(dataDir), dataDir, /regular file; set DATA_DIR to a folder/);
  }, 60_000);

  it("GIVEN a read-only DATA_DIR THEN one line says to make it writable, exit 1", async () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "read-only");
    mkdirSync(dataDir, { mode: 0o555 });
    chmodSync(dataDir, 0o555);
    if (IS_ROOT) execFileSync("chattr", ["+i", dataDir]);
    try {
      expectOneLineFix(await start(dataDir), dataDir, /is not writable .*make it writable/);
    } finally {
      if (IS_ROOT) execFileSync("chattr", ["-i", dataDir]);
    }
  }, 60_000);
});
