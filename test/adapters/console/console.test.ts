import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { formatReply } from "../../../src/adapters/console/format.ts";
import { runConsole } from "../../../src/adapters/console/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { harness, student } from "../../core/fakes.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "descent-console-"));
  dirs.push(dir);
  return dir;
}

/** Feeds lines to the terminal adapter and collects what it printed until the input ends. */
async function session(lines: string[]) {
  const { tutor, store, now } = harness();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const outDir = tempDir();
  const who = student("me", "local", "console");
  const done = runConsole({ tutor, logger: silentLogger(), outDir, input, output, who });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return { printed, outDir, progress: await store.getProgress(who, now.value) };
}

describe("terminal mode", () => {
  it("GIVEN typed commands and numbers THEN lessons print, images are saved, numbers click buttons", async () => {
    const { printed, outDir, progress } = await session([
      "/lesson alpha",
      "/quiz alpha",
      "1",
      "1",
      "/progress",
    ]);
    expect(printed).toMatch(/Alpha method/);
    const saved = readdirSync(outDir);
    expect(saved).toEqual(["001-sheet.png", "002-chart.png"]);
    expect(printed).toContain(path.join(outDir, "001-sheet.png"));
    expect(printed).toMatch(/question 1\/4/);
    expect(printed).toMatch(/Right!|Not quite/);
    expect(printed).toMatch(/question 2\/4/);
    expect(progress.answered).toBe(1);
    expect(printed).toMatch(/Your progress/);
  });

  it("GIVEN mistakes THEN helpful messages and the session carries on to the end of input", async () => {
    const { printed } = await session([
      "hello",
      "7",
      "/nope",
      "/race rosenbrock sgd 0.1 100 surplus",
      "/race rosenbrock sgd lr=99",
      "/help",
    ]);
    expect(printed).toMatch(/Commands start with a slash/);
    expect(printed).toMatch(/Nothing to choose right now/);
    expect(printed).toMatch(/I don't know what to do with `surplus`/);
    expect(printed).toMatch(/Usage: \/race function:/);
    expect(printed).toMatch(/lr must be a number between 0\.000001 and 10; you gave `99`/);
    expect(printed).toMatch(/Descent teaches/);
  });

  it("GIVEN a reply THEN the terminal shows numbered buttons, and a pipe gets no escape codes", () => {
    const view = formatReply(
      {
        title: "T",
        text: "**bold** and _italic_ and snake_case_name",
        images: [],
        buttons: [
          [
            { id: "a", label: "One", style: "primary" },
            { id: "b", label: "Off", style: "secondary", disabled: true },
          ],
          [{ id: "c", label: "Two", style: "primary" }],
        ],
        private: true,
      },
      [],
    );
    expect(view.text).toContain("bold and italic and snake_case_name");
    expect(view.text).toContain("[1] One   [2] Two");
    expect(view.choices.map((button) => button.id)).toEqual(["a", "c"]);
    expect(view.text).not.toContain("\u001b[");
  });
});

describe("npm start in a pipe", () => {
  it("GIVEN commands piped in and no platform credentials THEN it answers them and exits at EOF", async () => {
    const dataDir = tempDir();
    const outDir = path.join(dataDir, "out");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      CONSOLE_OUT_DIR: outDir,
      LOG_LEVEL: "warn",
    };
    for (const name of Object.keys(env))
      if (/^(DISCORD|SLACK)_/.test(name) || name === "STORE_URL") delete env[name];
    const root = path.join(import.meta.dirname, "../../..");
    const run = (input: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn("npx", ["tsx", "src/main.ts"], {
          cwd: root,
          env,
          stdio: ["pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(input);
      });

    const first = await run("/lesson adam\n/quiz adam\n1\n");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Adam/);
    expect(first.stdout).toMatch(/question 1\/4/);
    expect(first.stdout).toMatch(/Right!|Not quite/);
    expect(readdirSync(outDir).some((file) => file.endsWith(".png"))).toBe(true);
    expect(existsSync(path.join(dataDir, "descent.sqlite"))).toBe(true);

    // Progress persists between runs: the open quiz is offered back.
    const second = await run("/quiz adam\n/progress\n");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/in progress \(1\/4 answered\)/);
    expect(second.stdout).toMatch(/Answers given:\s*1/);
  }, 120_000);
});
