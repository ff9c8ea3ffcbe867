import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import { z } from "zod";
import { loadConfig } from "../core/config.ts";
import { ContentError, loadContent } from "../core/content/index.ts";
import { silentLogger } from "../core/logger.ts";
import {
  createRenderer,
  lessonAssets,
  RenderError,
  type Renderer,
  type WarmItem,
} from "../core/render/index.ts";
import type { ReplyImage } from "../core/reply.ts";
import { optimizerIdOf, optimizerNamesHint } from "../core/sim/names.ts";
import { FUNCTION_IDS } from "../core/sim/types.ts";

/** Exit code for bad input (same as USAGE_ERROR in cli/index.ts). */
const BAD_INPUT_EXIT = 2;

/** Flags of chart/map/race/batch, as commander hands them over (strings), validated into numbers. */
const VisualFlags = z.object({
  function: z.string().default("rosenbrock"),
  optimizers: z.string().default("gd,momentum,adam"),
  steps: z.coerce.number({ error: "--steps must be a whole number, e.g. 200" }).optional(),
  // "0.01" for every optimizer, or "gd=0.45,momentum=0.6" for one each (the renderer checks the ids).
  lr: z
    .string()
    .transform((text) =>
      text.includes("=")
        ? Object.fromEntries(
            text.split(",").map((pair) => [pair.split("=")[0]?.trim(), Number(pair.split("=")[1])]),
          )
        : Number(text),
    )
    .refine(
      (lr) => (typeof lr === "number" ? Number.isFinite(lr) : Object.values(lr).every(Number.isFinite)),
      "--lr must be a number (0.01) or id=rate pairs (gd=0.45,momentum=0.6)",
    )
    .optional(),
  momentum: z.coerce.number({ error: "--momentum must be a number, e.g. 0.9" }).optional(),
  start: z
    .string()
    .transform((text) => text.split(",").map(Number))
    .refine((parts) => parts.length === 2 && parts.every(Number.isFinite), "--start must be x,y, e.g. -1.5,2")
    .optional(),
  anonymous: z.boolean().optional(),
  out: z.string().optional(),
});

interface Settings {
  cacheDir: string;
  contentDir: string;
}

/** Cache and content folders from the environment (.env included), with the defaults if it is incomplete. */
function settings(): Settings {
  try {
    const config = loadConfig();
    return { cacheDir: config.cacheDir, contentDir: config.contentDir };
  } catch {
    return { cacheDir: resolve("data", "cache"), contentDir: resolve("content") };
  }
}

function fail(message: string): never {
  process.stderr.write(`error: ${message.split("\n")[0]}\n`);
  process.exit(BAD_INPUT_EXIT);
}

async function timed(render: () => Promise<ReplyImage>): Promise<{ image: ReplyImage; ms: number }> {
  const started = performance.now();
  try {
    const image = await render();
    return { image, ms: performance.now() - started };
  } catch (error) {
    if (error instanceof RenderError && error.isUserError) fail(error.message);
    throw error;
  }
}

async function save(image: ReplyImage, out: string | undefined, ms: number): Promise<void> {
  const path = resolve(out ?? image.fileName);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, image.bytes);
  process.stdout.write(`${path}\t${image.bytes.length} bytes\t${Math.round(ms)} ms\n`);
}

function rendererFor(cacheDir: string | undefined): Renderer {
  return createRenderer({ cacheDir: resolve(cacheDir ?? settings().cacheDir), logger: silentLogger() });
}

async function renderAll(contentDir: string | undefined, cacheDir: string | undefined): Promise<void> {
  const renderer = rendererFor(cacheDir);
  let items: WarmItem[];
  try {
    items = lessonAssets(await loadContent(resolve(contentDir ?? settings().contentDir)));
  } catch (error) {
    if (error instanceof ContentError) fail(error.message);
    throw error;
  }
  const outDir = resolve(cacheDir ?? settings().cacheDir);
  let failed = 0;
  const started = performance.now();
  for (const item of items) {
    const label =
      item.kind === "visual"
        ? `${item.spec.kind} ${item.spec.function}`
        : item.kind === "sheet"
          ? (item.title ?? "formula sheet")
          : "formula";
    const before = renderer.stats().rendered;
    const itemStarted = performance.now();
    try {
      const image =
        item.kind === "visual"
          ? await renderer.visual(item.spec)
          : item.kind === "sheet"
            ? await renderer.formulaSheet(item.formulas, item.title)
            : await renderer.formula(item.latex);
      const how = renderer.stats().rendered > before ? "rendered" : "cached";
      const ms = Math.round(performance.now() - itemStarted);
      process.stdout.write(`${how}\t${label}\t${image.fileName}\t${image.bytes.length} bytes\t${ms} ms\n`);
    } catch (error) {
      failed++;
      process.stdout.write(`FAILED\t${label}\t${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  const stats = renderer.stats();
  process.stdout.write(
    `${items.length} lesson images in ${outDir}: ${stats.rendered} rendered, ${items.length - stats.rendered - failed} already cached, ${failed} failed, ${Math.round(performance.now() - started)} ms\n`,
  );
  if (failed > 0) process.exit(BAD_INPUT_EXIT);
}

/** --optimizers read through the alias table (`sgd`); a bad or repeated name stops with why. */
function optimizerIdsFlag(list: string): string[] {
  const ids: string[] = [];
  for (const name of list.split(",").map((part) => part.trim())) {
    const id =
      optimizerIdOf(name) ?? fail(`unknown optimizer "${name}"; choose from ${optimizerNamesHint()}`);
    if (ids.includes(id)) fail(`"${name}" names ${id} a second time; each optimizer may appear once`);
    ids.push(id);
  }
  return ids;
}

function addVisualCommand(
  render: Command,
  kind: "chart" | "map" | "race" | "batch" | "schedule",
  description: string,
): void {
  const command = render.command(kind).description(description);
  if (kind !== "batch" && kind !== "schedule") {
    command
      .addOption(new Option("--function <id>", "test function").choices(FUNCTION_IDS).default("rosenbrock"))
      .option("--optimizers <ids>", `comma-separated, from ${optimizerNamesHint()}`, "gd,momentum,adam")
      .option("--steps <n>", "steps to simulate (default 200)")
      .option(
        "--lr <rate>",
        "one learning rate for all, or id=rate pairs (default: the default learning-rate table in the README)",
      )
      .option("--momentum <gamma>", "γ for momentum and nesterov (default 0.9)")
      .option("--start <x,y>", "start point (default: the function's)")
      .option("--anonymous", "label the optimizers A, B, C…");
  }
  command
    .option("--out <file>", "where to write the image (default: its file name here)")
    .option("--cache-dir <dir>", "image cache folder (default: CACHE_DIR or data/cache)")
    .action(async (raw: Record<string, unknown>) => {
      const parsed = VisualFlags.safeParse(raw);
      if (!parsed.success) fail(parsed.error.issues[0]?.message ?? "bad flags");
      const flags = parsed.data;
      const spec = {
        kind,
        function: flags.function,
        optimizers: optimizerIdsFlag(flags.optimizers),
        ...(flags.steps === undefined ? {} : { steps: flags.steps }),
        ...(flags.lr === undefined ? {} : { lr: flags.lr }),
        ...(flags.momentum === undefined ? {} : { momentum: flags.momentum }),
        ...(flags.start === undefined ? {} : { start: flags.start }),
        ...(flags.anonymous ? { anonymous: true } : {}),
      } as Parameters<Renderer["visual"]>[0];
      const renderer = rendererFor(raw.cacheDir as string | undefined);
      const { image, ms } = await timed(() => renderer.visual(spec));
      await save(image, flags.out, ms);
    });
}

/** `render formula|chart|map|race|batch …` and `render --all`: draw images, print path, bytes and ms. */
export function registerRender(program: Command): void {
  const render = program
    .command("render")
    .description("Render formula images, charts, maps and race GIFs; --all pre-renders every lesson image.")
    .option("--all", "pre-render every lesson and quiz image into the cache")
    .option("--content <dir>", "content folder for --all (default: CONTENT_DIR or content)")
    .option("--cache-dir <dir>", "image cache folder (default: CACHE_DIR or data/cache)")
    .action(async (options: { all?: boolean; content?: string; cacheDir?: string }) => {
      if (!options.all) fail("say what to render: render formula|chart|map|race|batch …, or render --all");
      await renderAll(options.content, options.cacheDir);
    });

  render
    .command("formula <latex>")
    .description("LaTeX → PNG on a light card")
    .option("--out <file>", "where to write the PNG (default: formula.png here)")
    .option("--cache-dir <dir>", "image cache folder (default: CACHE_DIR or data/cache)")
    .action(async (latex: string, options: { out?: string; cacheDir?: string }) => {
      const renderer = rendererFor(options.cacheDir);
      const { image, ms } = await timed(() => renderer.formula(latex));
      await save(image, options.out, ms);
    });

  addVisualCommand(render, "chart", "loss against step for several optimizers (PNG)");
  addVisualCommand(render, "map", "contour map with each optimizer's path (PNG)");
  addVisualCommand(render, "race", "the map animated step by step (GIF)");
  addVisualCommand(render, "batch", "batch vs SGD vs mini-batch on the learning problem (PNG)");
  addVisualCommand(render, "schedule", "constant η vs step decay vs warm-up + cosine for noisy SGD (PNG)");
}
