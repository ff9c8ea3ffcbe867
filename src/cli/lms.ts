import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { ContentError, loadContent } from "../core/content/index.ts";
import type { Catalogue } from "../core/content/types.ts";
import { giftOf, type QuestionImages, questionKey } from "../core/lms/gift.ts";
import { qtiPackage } from "../core/lms/qti.ts";
import { silentLogger } from "../core/logger.ts";
import { createRenderer } from "../core/render/index.ts";
import type { ReplyImage } from "../core/reply.ts";

const FORMATS = ["gift", "qti"] as const;
/** Exit code for bad input (as elsewhere in the CLI). */
const USAGE_ERROR = 2;
/** Where the QTI package goes without --out: it is a zip, not text for the terminal. */
const DEFAULT_QTI_FILE = "descent-quizzes-qti.zip";

/** `content export --format gift|qti [--out file]`: every quiz bank for Moodle (GIFT) or Canvas (QTI 1.2). */
export function registerLmsExport(program: Command): void {
  const content = program.commands.find((command) => command.name() === "content");
  if (!content) throw new Error("register the content command before its export");
  content
    .command("export")
    .description("Write every quiz bank for an LMS: GIFT (Moodle) or a QTI 1.2 package (Canvas)")
    .requiredOption("--format <format>", FORMATS.join(" or "))
    .option("--out <file>", `output file (GIFT: standard output if not given; QTI: ${DEFAULT_QTI_FILE})`)
    .option("--dir <dir>", "content folder", "content")
    .action(async (options: { format: string; out?: string; dir: string }) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        process.stderr.write(`--format must be gift or qti, not "${options.format}"\n`);
        process.exit(USAGE_ERROR);
      }
      let catalogue: Catalogue;
      try {
        catalogue = await loadContent(path.resolve(options.dir));
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exit(USAGE_ERROR);
      }
      const images = await questionImages(catalogue);
      if (options.format === "gift") {
        const text = giftOf(catalogue, images);
        if (options.out) writeFileSync(options.out, text, "utf8");
        else process.stdout.write(text);
      } else {
        writeFileSync(options.out ?? DEFAULT_QTI_FILE, qtiPackage(catalogue, images));
      }
      const count = [...catalogue.quizzes.values()].reduce((n, quiz) => n + quiz.questions.length, 0);
      const where = options.out ?? (options.format === "qti" ? DEFAULT_QTI_FILE : "standard output");
      process.stderr.write(
        `Wrote ${count} questions (${images.size} with pictures) as ${options.format} to ${where}\n`,
      );
    });
}

/** Draws each question's picture, as the quiz shows it. */
async function questionImages(catalogue: Catalogue): Promise<QuestionImages> {
  const renderer = createRenderer({
    cacheDir: path.join(tmpdir(), "descent-lms-cache"),
    logger: silentLogger(),
  });
  const images = new Map<string, ReplyImage>();
  try {
    for (const quiz of catalogue.quizzes.values()) {
      for (const question of quiz.questions) {
        if (!question.image) continue;
        const image =
          question.image.kind === "formulas"
            ? await renderer.formulaSheet(question.image.formulas)
            : await renderer.visual(question.image.spec);
        images.set(questionKey(quiz.id, question.id), image);
      }
    }
  } finally {
    await renderer.close();
  }
  return images;
}
