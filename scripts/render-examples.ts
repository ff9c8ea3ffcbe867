// Regenerates docs/examples/: one image of each kind for the README. Run: npm run examples
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadContent, reviewSheet } from "../src/core/content/index.ts";
import { silentLogger } from "../src/core/logger.ts";
import { createRenderer, REVIEW_SHEET_TITLE } from "../src/core/render/index.ts";
import type { ReplyImage } from "../src/core/reply.ts";

const OUT_DIR = new URL("../docs/examples/", import.meta.url).pathname;

const cacheDir = await mkdtemp(join(tmpdir(), "descent-examples-"));
const renderer = createRenderer({ cacheDir, logger: silentLogger() });
// The review sheet exactly as /review posts it.
const rules = reviewSheet(await loadContent(new URL("../content/", import.meta.url).pathname));

const examples: [string, () => Promise<ReplyImage>][] = [
  [
    "formula.png",
    () =>
      renderer.formula(
        String.raw`\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat v_t} + \epsilon}\,\hat m_t`,
      ),
  ],
  ["review-sheet.png", () => renderer.formulaSheet(rules, REVIEW_SHEET_TITLE)],
  [
    "chart.png",
    () =>
      renderer.visual({
        kind: "chart",
        function: "rosenbrock",
        optimizers: ["gd", "momentum", "adam"],
        steps: 200,
      }),
  ],
  [
    "map.png",
    () =>
      renderer.visual({
        kind: "map",
        function: "saddle",
        optimizers: ["gd", "adagrad", "rmsprop", "adam"],
        steps: 100,
      }),
  ],
  [
    "race.gif",
    () =>
      renderer.visual({
        kind: "race",
        function: "beale",
        optimizers: ["momentum", "nesterov", "adam"],
        steps: 200,
      }),
  ],
  ["batch.png", () => renderer.visual({ kind: "batch", function: "quadratic", optimizers: [] })],
  ["schedule.png", () => renderer.visual({ kind: "schedule", function: "quadratic", optimizers: [] })],
  [
    "explore.png",
    () =>
      renderer.explore({ function: "quadratic", optimizer: "momentum", lr: 0.05, marker: 12, compare: "gd" }),
  ],
];

try {
  await mkdir(OUT_DIR, { recursive: true });
  for (const [name, render] of examples) {
    const image = await render();
    await writeFile(join(OUT_DIR, name), image.bytes);
    console.log(
      `docs/examples/${name}\t${image.width}×${image.height}\t${image.bytes.length} bytes\n  alt: ${image.alt}`,
    );
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
