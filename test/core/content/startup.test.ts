import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "descent-startup-"));
  await cp(join(ROOT, "content"), join(dir, "content"), { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function edit(file: string, from: string, to: string): Promise<void> {
  const path = join(dir, "content", file);
  const text = await readFile(path, "utf8");
  if (!text.includes(from)) throw new Error(`fixture text not found in ${file}: ${from}`);
  await writeFile(path, text.replace(from, to));
}

/** Starts `src/main.ts` in terminal mode on the temp content, stdin open for typed commands. */
function launch() {
  // No platform credentials or store URL from the outer environment: terminal mode on a temp folder.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DISCORD_|SLACK_|STORE_URL)/.test(name)),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...env,
      CONTENT_DIR: join(dir, "content"),
      DATA_DIR: join(dir, "data"),
      CACHE_DIR: join(dir, "cache"),
      CONSOLE_OUT_DIR: join(dir, "out"),
      LOG_LEVEL: "info",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => {
    out.stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, out, exit };
}

/** Starts it with nothing typed; resolves with its exit code and stderr. */
async function start(): Promise<{ code: number | null; stderr: string }> {
  const { child, out, exit } = launch();
  child.stdin.end();
  return { code: await exit, stderr: out.stderr };
}

const logFile = () => join(dir, "data", "descent.log");

/** How many times `pattern` occurs in `text`. */
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, "g"))?.length ?? 0;

describe("GIVEN content broken by an edit WHEN the bot starts", () => {
  it("WHEN a quiz is not valid YAML THEN it refuses to start, naming the file and the line", async () => {
    await edit("quizzes/momentum.yaml", "title: Momentum", "title: [Momentum");
    const { code, stderr } = await start();
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/quizzes\/momentum\.yaml: is not valid YAML at line \d+/);
  }, 60_000);

  it("WHEN a formula does not render THEN it refuses to start, naming the file, the field and the command", async () => {
    await edit("quizzes/adam.yaml", "\\frac{\\eta\\, m}", "\\frca{\\eta\\, m}");
    const { code, stderr } = await start();
    expect(code).not.toBe(0);
    expect(stderr).toMatch(
      /quizzes\/adam\.yaml → questions\[\d+\] \([a-z-]+\)\.image\.formulas\[\d+\]\.latex: does not render: .*\\frca/,
    );
  }, 60_000);
});

describe("GIVEN a running bot WHEN its content is edited", () => {
  it("THEN a broken edit is logged with file and field and the last good content keeps being served; a good one (or SIGHUP) swaps it in", async () => {
    const { child, out, exit } = launch();
    // Terminal mode keeps the screen for the tutor: the log is a file in DATA_DIR.
    const log = () => (existsSync(logFile()) ? readFileSync(logFile(), "utf8") : "");
    const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 50 });
    const type = (line: string) => child.stdin.write(`${line}\n`);
    try {
      await until(() => expect(out.stdout).toMatch(/Descent in the terminal/));

      // Broken first, so however the watch groups the two writes, no reload sees only the good one.
      await edit("quizzes/adam.yaml", "\\frac{\\eta\\, m}", "\\frca{\\eta\\, m}");
      await edit("lessons/gd.md", "title: Gradient descent", "title: Plain gradient descent");
      await until(() =>
        expect(log()).toMatch(/quizzes\/adam\.yaml → questions\[\d+\].*\\\\frca.*reload refused/),
      );
      type("/progress");
      await until(() => expect(out.stdout).toMatch(/Next up: \/lesson gd \(Gradient descent\)/));

      await edit("quizzes/adam.yaml", "\\frca{\\eta\\, m}", "\\frac{\\eta\\, m}");
      await until(() => expect(log()).toMatch(/content reloaded/));
      type("/progress");
      await until(() => expect(out.stdout).toMatch(/Next up: \/lesson gd \(Plain gradient descent\)/));

      const reloads = count(log(), /content reloaded/);
      child.kill("SIGHUP");
      await until(() => expect(count(log(), /content reloaded/)).toBe(reloads + 1));
      type("/quit");
      expect(await exit).toBe(0);
    } finally {
      child.kill();
    }
  }, 60_000);
});
