import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { runConsole } from "../../../src/adapters/console/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createRenderer } from "../../../src/core/render/index.ts";
import { createMemoryStore } from "../../../src/core/store/index.ts";
import { createTutor } from "../../../src/core/tutor.ts";
import { fakeCatalogue, student } from "../../core/fakes.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "descent-explore-"));
  dirs.push(dir);
  return dir;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

const logger = silentLogger();
const cacheDir = tempDir();
const renderer = createRenderer({ cacheDir, logger });

/** The real terminal adapter over a tutor with the real renderer, fed `lines`. */
async function session(lines: string[]) {
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue: fakeCatalogue(),
    renderer,
    store: createMemoryStore(logger),
    logger,
  });
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: false });
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const outDir = tempDir();
  const done = runConsole({ tutor, logger, outDir, input, output, who: student("me", "local", "console") });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return { printed, outDir, cacheDir };
}

/** The number the terminal printed for a button label in its last list of choices. */
function numberOf(printed: string, label: string): string {
  const lists = printed.split("\n").filter((line) => line.startsWith("["));
  const last = lists.at(-1) ?? "";
  const match = new RegExp(`\\[(\\d+)\\] ${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`).exec(last);
  if (!match?.[1]) throw new Error(`no "${label}" in: ${last}`);
  return match[1];
}

describe("terminal: /explore", () => {
  it("GIVEN /explore and numbered clicks THEN each knob and step is printed, every picture is a PNG in the output folder, and none goes to the image cache", async () => {
    // The numbers depend on which buttons are enabled, so the session is built one line at a time.
    let lines = ["/explore quadratic momentum"];
    let run = await session(lines);
    expect(run.printed).toMatch(/η 0\.05 · γ 0\.9 —/);
    for (const label of ["η ×2", "γ +", "▶▶", "▶", "◀"]) {
      lines = [...lines, numberOf(run.printed, label)];
      run = await session(lines);
    }
    const { printed, outDir, cacheDir } = run;
    expect(printed).toMatch(/η 0\.1 · γ 0\.9 —/);
    expect(printed).toMatch(/η 0\.1 · γ 0\.95 —/);
    const markers = [...printed.matchAll(/Marker: step (\d+)\/200/g)].map((match) => Number(match[1]));
    expect(markers).toEqual([0, 0, 0, 10, 11, 10]);
    expect(printed).toMatch(/Marker: step 11\/200 .*−∇f .* and −v /);
    const pictures = readdirSync(outDir).filter((name) => name.endsWith(".png"));
    expect(pictures).toHaveLength(6);
    for (const name of pictures) {
      expect(readFileSync(path.join(outDir, name)).subarray(0, 4)).toEqual(PNG_SIGNATURE);
    }
    // The cache keeps its (empty) folder for evictable images; no file may be written anywhere in it.
    const cached = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(cached.map((entry) => entry.name)).toEqual([]);
  });

  it("GIVEN a start off the map THEN the terminal prints the refusal and no picture", async () => {
    const { printed, outDir } = await session(["/explore rosenbrock adam start=5,5"]);
    expect(printed).toMatch(
      /start must be two numbers x,y inside the map of Rosenbrock's banana valley \(x from -2 to 2, y from -1 to 3\)/,
    );
    expect(readdirSync(outDir)).toEqual([]);
  });
});
