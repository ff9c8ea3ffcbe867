import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { ConfigError, loadConfig } from "../core/config.ts";
import { ContentError, loadContent } from "../core/content/index.ts";
import { silentLogger } from "../core/logger.ts";
import type { ClassRecords } from "../core/report/aggregate.ts";
import { answersCsv, gradebookCsv } from "../core/report/gradebook.ts";
import { classService } from "../core/services.ts";
import { openStore } from "../core/store/index.ts";
import type { Platform } from "../core/tutor-api.ts";

const PLATFORMS: readonly Platform[] = ["discord", "slack", "console"];
/** Exit code for bad input or nothing to export (as elsewhere in the CLI). */
const USAGE_ERROR = 2;

interface ExportOptions {
  community: string;
  platform?: Platform;
  out?: string;
}

/** `export gradebook|answers --community <id>`: a class's CSV for the deployment's operator. */
export function registerExport(program: Command): void {
  const exporter = program
    .command("export")
    .description("Export a class's records as CSV (the store and content named by .env / the environment).");
  const kinds = {
    gradebook: {
      what: "one row per student: lessons, best and latest per quiz, final, live points, last active",
      csv: gradebookCsv,
    },
    answers: { what: "the raw answer log: one row per answer", csv: answersCsv },
  } as const;
  for (const [kind, { what, csv }] of Object.entries(kinds)) {
    exporter
      .command(kind)
      .description(what)
      .requiredOption("--community <id>", "Discord server id, Slack team id, or `local` for the terminal")
      .option("--platform <name>", `one of ${PLATFORMS.join(", ")}; needed only when the id is on several`)
      .option("--out <file>", "write to this file instead of standard output")
      .action(async (options: ExportOptions) => {
        const { catalogue, records } = await loadClass(options);
        const text = csv(catalogue, records);
        if (!options.out) {
          process.stdout.write(text);
          return;
        }
        writeFileSync(options.out, text, "utf8");
        process.stderr.write(`Wrote ${kind} of ${records.progress.length} students to ${options.out}\n`);
      });
  }
}

async function loadClass(options: ExportOptions) {
  if (options.platform !== undefined && !PLATFORMS.includes(options.platform)) {
    fail(`--platform must be one of ${PLATFORMS.join(", ")}, not "${options.platform}"`);
  }
  let config: ReturnType<typeof loadConfig>;
  let catalogue: Awaited<ReturnType<typeof loadContent>>;
  try {
    config = loadConfig();
    catalogue = await loadContent(config.contentDir);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError) fail(error.message);
    throw error;
  }
  const store = await openStore({
    dataDir: config.dataDir,
    storeUrl: config.storeUrl,
    logger: silentLogger(),
  });
  try {
    const classroom = classService(store);
    const found: Array<{ platform: Platform; records: ClassRecords }> = [];
    for (const platform of options.platform ? [options.platform] : PLATFORMS) {
      const records = await classroom.recordsOf(platform, options.community);
      if (records.progress.length > 0 || records.answers.length > 0) found.push({ platform, records });
    }
    const [only, ...more] = found;
    if (!only) fail(`No students recorded for community "${options.community}" in the ${store.kind} store.`);
    if (more.length > 0) {
      fail(
        `"${options.community}" has records on ${found.map((f) => f.platform).join(" and ")}: add --platform.`,
      );
    }
    return { catalogue, records: only.records };
  } finally {
    await store.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(USAGE_ERROR);
}
