import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

/** Whether a redis-server binary is on PATH (CI installs it from Debian's packages). */
export const HAS_REDIS_SERVER = spawnSync("redis-server", ["--version"]).status === 0;

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * A redis-server of the test's own, persisting every write (AOF, fsync always) in `dir`, so a
 * restart on the same port and dir comes back with the data, as a production Redis would.
 */
export async function startRedis(
  port: number,
  dir: string,
  fsync: "always" | "everysec" = "always",
): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    [
      ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
      ...["--appendonly", "yes", "--appendfsync", fsync, "--save", ""],
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)),
    );
  });
  return child;
}

/** Kills the server like a crash (SIGKILL) and waits until it is gone. */
export async function killRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}
