import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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

/** Feeds lines to the real terminal adapter and collects what it printed until the input ends. */
async function session(lines: string[], options: { outDir?: string; tty?: boolean } = {}) {
  const { tutor, store, now, catalogue } = harness();
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const outDir = options.outDir ?? tempDir();
  const who = student("me", "local", "console");
  const done = runConsole({ tutor, logger: silentLogger(), outDir, input, output, who });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return { printed, outDir, catalogue, progress: await store.getProgress(who, now.value) };
}

describe("terminal mode", () => {
  it("GIVEN typed commands and numbers THEN lessons print, images are saved, numbers click buttons", async () => {
    const { printed, outDir, progress } = await session(["/lesson alpha", "/quiz alpha", "1", "/progress"]);
    expect(printed).toMatch(/Alpha method/);
    expect(readdirSync(outDir)).toEqual(["001-sheet.png", "001-sheet.txt", "002-chart.png", "002-chart.txt"]);
    expect(printed).toContain(path.join(outDir, "001-sheet.png"));
    expect(printed).toMatch(/question 1\/4/);
    expect(printed).toMatch(/Right!|Not quite/);
    expect(progress.answered).toBe(1);
    expect(printed).toMatch(/Your progress/);
  });

  it("GIVEN an answer THEN the feedback is followed straight away by the next question, so typed numbers complete a quiz", async () => {
    const { printed, progress } = await session(["/quiz alpha", "1", "2", "3", "1"]);
    for (const question of [1, 2, 3, 4]) expect(printed).toMatch(new RegExp(`question ${question}/4`));
    expect(printed).toMatch(/Your score: \d\/4/);
    expect(printed).not.toMatch(/Choose a number|Next question/);
    expect(progress.answered).toBe(4);
    // One student at a keyboard: nothing about who else may answer.
    expect(printed).not.toMatch(/Only you can answer/);
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
    expect(printed).toMatch(/Commands start with a slash\. Try one of: \/lesson, \/quiz/);
    expect(printed).toMatch(/Nothing to choose right now/);
    expect(printed).toMatch(/I don't know \/nope\. Try one of:/);
    expect(printed).toMatch(/I don't know what to do with surplus/);
    expect(printed).toMatch(/Usage: \/race function:/);
    expect(printed).toMatch(/lr must be a number between 0\.000001 and 10; you gave 99/);
    expect(printed).toMatch(/Descent teaches/);
  });

  it("GIVEN a misspelt command or a missing slash THEN it suggests the nearest command with the rest of the line", async () => {
    const { printed } = await session(["/quizz alpha", "help", "/lesosn beta"]);
    expect(printed).toContain("I don't know /quizz. Did you mean /quiz alpha?");
    expect(printed).toContain("Commands start with a slash. Did you mean /help?");
    expect(printed).toContain("Did you mean /lesson beta?");
  });

  it("GIVEN /lesson with a number THEN that lesson opens; /lesson alone lists every lesson; a number too big says the range", async () => {
    const { printed, catalogue } = await session(["/lesson 2", "/lesson", "/lesson 99"]);
    const count = catalogue.lessons.length;
    expect(printed).toContain(`Lesson 2/${count}`);
    expect(printed).toContain(catalogue.lessons[1]?.title);
    catalogue.lessons.forEach((lesson, index) => {
      expect(printed).toContain(
        `${index + 1}. ${lesson.title}: /lesson ${lesson.id} or /lesson ${index + 1}`,
      );
    });
    expect(printed).toContain(`There is no lesson 99: the course has lessons 1 to ${count}.`);
    expect(printed).not.toMatch(/Please give/);
  });

  it("GIVEN the final open WHEN /quiz for a lesson THEN each choice says what it does, and the second starts that quiz", async () => {
    const { printed } = await session(["/quiz final", "1", "/quiz beta", "2"]);
    expect(printed).toContain("You have a Final quiz in progress (1/10 answered)");
    expect(printed).toContain("Resume Final (question 2/10) goes on with that quiz where you stopped.");
    expect(printed).toContain(
      "Drop Final, start Beta method closes the Final quiz unfinished (it gets no score) and starts the Beta method quiz from question 1.",
    );
    expect(printed).toContain("[1] Resume Final (question 2/10)   [2] Drop Final, start Beta method");
    expect(printed).toMatch(/Beta method quiz · question 1\/4/);
  });

  it("GIVEN images THEN each line shows the path and a short title, the full description is in a .txt beside it, and a second run never overwrites the first", async () => {
    const first = await session(["/lesson alpha"]);
    const second = await session(["/lesson beta"], { outDir: first.outDir });
    expect(readdirSync(first.outDir).filter((name) => name.endsWith(".png"))).toEqual([
      "001-sheet.png",
      "002-chart.png",
      "003-sheet.png",
      "004-chart.png",
    ]);
    expect(second.printed).toContain(`🖼  ${path.join(first.outDir, "004-chart.png")}  a chart of gd`);
    expect(readFileSync(path.join(first.outDir, "003-sheet.txt"), "utf8")).toBe("sheet of 1\n");
  });

  it("GIVEN stdout is a terminal THEN Markdown is styled; in a pipe it is stripped", async () => {
    const tty = await session(["/quiz alpha"], { tty: true });
    expect(tty.printed).toContain("\u001b[1mAlpha method quiz · question 1/4\u001b[0m");
    const pipe = await session(["/quiz alpha"]);
    expect(pipe.printed).not.toContain("\u001b[");
    expect(pipe.printed).not.toMatch(/\*\*|`/);
  });

  it("GIVEN a reply THEN the terminal shows numbered buttons, code plainly, and a pipe gets no escape codes", () => {
    const view = formatReply(
      {
        title: "T",
        text: "**bold** and _italic_ and snake_case_name; type `/quiz adam`",
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
    expect(view.text).toContain("bold and italic and snake_case_name; type /quiz adam");
    expect(view.text).toContain("[1] One   [2] Two");
    expect(view.choices.map((button) => button.id)).toEqual(["a", "c"]);
    expect(view.text).not.toContain("\u001b[");
  });

  it("GIVEN an image with a long description THEN its line is a short title cut at a word", () => {
    const alt =
      "Contour map of Rosenbrock's banana valley with the paths of SGD with momentum, RMSprop and Adam from (-1.2, 1) over 1000 steps; Adam ends lowest.";
    const image = { bytes: Buffer.from(""), fileName: "map.png", alt, width: 1, height: 1 };
    const view = formatReply({ text: "", images: [image], buttons: [], private: true }, [
      { file: "out/001-map.png", descriptionFile: "out/001-map.txt" },
    ]);
    const line = view.text.split("\n").find((text) => text.startsWith("🖼"));
    expect(line).toBe("🖼  out/001-map.png  Contour map of Rosenbrock's banana valley with the paths of…");
  });
});

describe("npm start in a pipe", () => {
  it("GIVEN the README's piped commands and no platform credentials THEN a quiz completes, the log goes to a file, and it exits at EOF", async () => {
    const dataDir = tempDir();
    const outDir = path.join(dataDir, "out");
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, CONSOLE_OUT_DIR: outDir };
    for (const name of Object.keys(env))
      if (/^(DISCORD|SLACK)_/.test(name) || name === "STORE_URL" || name === "LOG_LEVEL") delete env[name];
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

    const first = await run("/quiz gd\n1\n2\n3\n1\n/lesson adam\n/quiz adam\n1\n");
    // At the default log level nothing but the tutor reaches the screen; the log is in DATA_DIR.
    expect(first.stderr).toBe("");
    expect(first.stdout).not.toContain('"level"');
    expect(readFileSync(path.join(dataDir, "descent.log"), "utf8")).toContain("starting Descent");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Gradient descent quiz · question 4\/4/);
    expect(first.stdout).toMatch(/Your score: \d\/4/);
    expect(first.stdout).not.toMatch(/Choose a number/);
    expect(first.stdout).toMatch(/Adam quiz · question 1\/4/);
    expect(readdirSync(outDir).some((file) => file.endsWith(".png"))).toBe(true);
    expect(existsSync(path.join(dataDir, "descent.sqlite"))).toBe(true);

    // Progress persists between runs: the open quiz is offered back.
    const second = await run("/quiz adam\n/progress\n");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/in progress \(1\/4 answered\)/);
    expect(second.stdout).toMatch(/Answers given:\s*5/);
  }, 120_000);
});

describe("terminal mode: a live round", () => {
  it("GIVEN /live start, a typed answer and /live stop THEN the question, the lock-in, the result with its split picture and the standings print", async () => {
    const { tutor } = harness();
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: false });
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const outDir = tempDir();
    const who = { ...student("me", "local", "console"), channelId: "terminal" };
    const done = runConsole({ tutor, logger: silentLogger(), outDir, input, output, who });
    input.end(`${["/live start alpha 10 2", "2", "3", "/live stop"].join("\n")}\n`);
    await done;
    tutor.shutdown?.();
    expect(printed).toMatch(/Live · Alpha method · question 1\/2/);
    expect(printed).toMatch(/⏱ Closes at \d\d:\d\d:\d\d UTC/);
    expect(printed).toMatch(/Live session started: 2 questions/);
    expect(printed).toMatch(/Locked in: \*?\*?[ABC]/);
    expect(printed).toMatch(/You already answered/);
    expect(printed).toMatch(/question 1\/2 · closed/);
    expect(printed).toMatch(/class-split\.png {2}How the class answered, 1 answer/);
    expect(printed).toMatch(/final standings/);
    expect(printed).toMatch(/\*?\*?1\.\*?\*? me: \d+ points?|1\. me: 0 points/);
    expect(readdirSync(outDir).some((file) => file.endsWith("class-split.png"))).toBe(true);
  });
});
