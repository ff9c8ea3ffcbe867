// Terminal start-up: from `npm start` to the tutor's welcome line (the prompt), on a first run with an
// empty image cache (cold) and on later runs with it filled (warm). Each run is a fresh process.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The first words terminal mode prints, right before its prompt. */
const WELCOME = "Descent in the terminal";
const WARM_RUNS = 5;
/** A run that takes longer than this is reported as failed, not waited for. */
const RUN_TIMEOUT_MS = 120_000;

/** Milliseconds from spawning `npm start` until the welcome line, with DATA_DIR = dataDir. */
function timeToPrompt(dataDir: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, CONSOLE_OUT_DIR: join(dataDir, "out") };
  for (const name of Object.keys(env))
    if (/^(DISCORD|SLACK)_/.test(name) || name === "STORE_URL" || name === "CACHE_DIR") delete env[name];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env, stdio: ["pipe", "pipe", "inherit"] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no prompt within ${RUN_TIMEOUT_MS} ms`));
    }, RUN_TIMEOUT_MS);
    let printed = "";
    child.stdout.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      if (!printed.includes(WELCOME)) return;
      const ms = performance.now() - started;
      clearTimeout(timer);
      child.stdin.end(); // end of input: terminal mode exits
      child.once("close", () => resolve(ms));
    });
    child.on("error", reject);
  });
}

const round = (ms: number) => Math.round(ms);

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(join(tmpdir(), "descent-bench-startup-"));
  try {
    const coldMs = await timeToPrompt(dataDir);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeToPrompt(dataDir));
    warm.sort((a, b) => a - b);
    return {
      command: "npm start (terminal mode, stdin a pipe)",
      coldMs: round(coldMs),
      warmMedianMs: round(warm[Math.floor(warm.length / 2)] as number),
      warmRunsMs: warm.map(round),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
