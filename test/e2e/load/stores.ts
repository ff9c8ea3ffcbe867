import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import sqlite3 from "sqlite3";
import { SQLITE_FILE_NAME } from "../../../src/core/store/backends.ts";

/** Runs SQLite's own consistency check on the bot's store file: "ok" when the file is sound. */
export function sqliteIntegrity(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(join(dataDir, SQLITE_FILE_NAME), sqlite3.OPEN_READONLY, (error) => {
      if (error) reject(error);
    });
    db.all<{ integrity_check: string }>("PRAGMA integrity_check", (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows.map((row) => row.integrity_check).join("\n"));
    });
  });
}

/** A throw-away redis-server on a free loopback port (no persistence), for the shard test. */
export class RedisServer {
  private child: ChildProcess | undefined;
  url = "";

  async start(): Promise<void> {
    const port = await freePort();
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.child = child;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.once("error", (error) =>
        reject(
          new Error(
            `redis-server could not start (${error.message}); install it: apt-get install redis-server`,
          ),
        ),
      );
      child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
      child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
        if (output.includes("Ready to accept connections")) resolve();
      });
    });
    this.url = `redis://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGTERM");
    await exited;
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
