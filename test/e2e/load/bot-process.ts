import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../../..");
/** Longest a bot process may take to log in and report ready (a safety net for a busy machine). */
const READY_TIMEOUT_MS = 90_000;
/** How often the bot's memory is sampled (peak RSS also comes from the kernel's high-water mark). */
const RSS_SAMPLE_MS = 100;
/** Clock ticks per second of /proc/<pid>/stat CPU times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_S = 100;
/** The log line src/main.ts writes once the Discord client is ready. */
const READY_MESSAGE = "Discord adapter ready";

export interface BotProcessOptions {
  /** Environment for src/main.ts: DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_REST_API, DATA_DIR, … */
  env: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof` to see where the bot spends its time under load. */
  nodeArgs?: string[];
}

/**
 * Descent as its own OS process (`node --import tsx src/main.ts`), the way `npm start` runs it, so
 * its memory is its own and it can be killed for real. Collects its JSON log lines from stderr.
 */
export class BotProcess {
  readonly logs: { level: number; msg: string; [field: string]: unknown }[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private sampler: NodeJS.Timeout | undefined;
  private peakRssBytes = 0;

  constructor(private readonly options: BotProcessOptions) {}

  /** Starts the process and resolves once it logged that Discord is ready. */
  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [...(this.options.nodeArgs ?? []), "--import", "tsx", "src/main.ts"],
      {
        cwd: ROOT,
        // Only what the bot needs: no inherited DISCORD_*/SLACK_* from the developer's shell.
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...this.options.env },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    let ready: () => void = () => {};
    const isReady = new Promise<void>((resolve) => {
      ready = resolve;
    });
    let buffered = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const entry = parseLogLine(line);
        this.logs.push(entry);
        if (entry.msg === READY_MESSAGE) ready();
      }
    });
    this.sampler = setInterval(() => this.sampleRss(), RSS_SAMPLE_MS).unref();
    const failed = this.exited.then((code) => {
      throw new Error(`the bot exited with code ${code} before it was ready:\n${this.tail()}`);
    });
    const tooSlow = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`the bot was not ready within ${READY_TIMEOUT_MS} ms:\n${this.tail()}`)),
        READY_TIMEOUT_MS,
      ).unref(),
    );
    await Promise.race([isReady, failed, tooSlow]);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether the process is still running (it has not crashed). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Peak resident memory of the bot process in MiB, as far as sampled (and the kernel's VmHWM). */
  get peakRssMiB(): number {
    this.sampleRss();
    return Math.round((this.peakRssBytes / 2 ** 20) * 10) / 10;
  }

  /** CPU time the process has used so far (user + system, all threads), in ms; NaN once it is gone. */
  cpuMs(): number {
    const pid = this.child?.pid;
    if (!pid || !this.running) return Number.NaN;
    try {
      // Fields after the parenthesised command name: state is [0], utime [11], stime [12].
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
    } catch {
      return Number.NaN;
    }
  }

  /** Kills the process at once, as a crash or `kill -9` would: no shutdown code runs. */
  async kill(): Promise<void> {
    this.sampleRss();
    this.child?.kill("SIGKILL");
    await this.exited;
    clearInterval(this.sampler);
  }

  /** Asks for a clean shutdown (SIGTERM) and waits for the exit code. */
  async stop(): Promise<number | null> {
    this.sampleRss();
    if (this.running) this.child?.kill("SIGTERM");
    const code = await this.exited;
    clearInterval(this.sampler);
    return code;
  }

  /** Log lines at warn level or above, as `msg` strings. */
  problems(): string[] {
    return this.logs.filter((entry) => entry.level >= 40).map((entry) => entry.msg);
  }

  private sampleRss(): void {
    const pid = this.child?.pid;
    if (!pid || !this.running) return;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      // VmHWM is the kernel's own peak RSS for the process: nothing between samples is missed.
      const peakKiB = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      this.peakRssBytes = Math.max(this.peakRssBytes, peakKiB * 1024);
    } catch {
      // The process is exiting; the last sample stands.
    }
  }

  private tail(): string {
    return this.logs
      .slice(-15)
      .map((entry) => JSON.stringify(entry))
      .join("\n");
  }
}

function parseLogLine(line: string): { level: number; msg: string } {
  try {
    return JSON.parse(line) as { level: number; msg: string };
  } catch {
    // Not pino JSON (e.g. a crash trace): keep it as an error line.
    return { level: 50, msg: line };
  }
}
