import { resolve } from "node:path";
import type { Command } from "commander";
import { ContentError, catalogueToJson, loadContent } from "../core/content/index.ts";
import { finalQuizRule } from "../core/quiz/draw.ts";

/** Where the content lives when --dir is not given: content/ under the working directory. */
const DEFAULT_CONTENT_DIR = "content";

/** Exit code for content that fails validation (same as bad input elsewhere in the CLI). */
const CONTENT_ERROR_EXIT = 2;

/** `content [--json] [--dir DIR]`: validates content/ and prints the catalogue or a short summary. */
export function registerContent(program: Command): void {
  program
    .command("content")
    .description(
      "Validate content/ and print the catalogue: lessons, formulas, visuals, quizzes with answers.",
    )
    .option("--json", "print the whole catalogue as JSON")
    .option("--dir <dir>", "content folder", DEFAULT_CONTENT_DIR)
    .action(async (options: { json?: boolean; dir: string }) => {
      let catalogue: Awaited<ReturnType<typeof loadContent>>;
      try {
        catalogue = await loadContent(resolve(options.dir));
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exit(CONTENT_ERROR_EXIT);
      }
      if (options.json) {
        const json = { ...catalogueToJson(catalogue), finalQuiz: finalQuizRule(catalogue) };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const lines = catalogue.lessons.map((lesson) => {
        const quiz = catalogue.quizzes.get(lesson.quiz);
        const kinds = new Map<string, number>();
        for (const q of quiz?.questions ?? []) kinds.set(q.kind, (kinds.get(q.kind) ?? 0) + 1);
        const mix = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(", ");
        return `${lesson.order}. ${lesson.id.padEnd(9)} ${lesson.title.padEnd(22)} ${quiz?.questions.length ?? 0} questions (${mix})`;
      });
      const total = [...catalogue.quizzes.values()].reduce((n, quiz) => n + quiz.questions.length, 0);
      lines.push(`   final     ${finalQuizRule(catalogue).rule}`);
      process.stdout.write(
        `${lines.join("\n")}\n${catalogue.lessons.length} lessons, ${total} questions: content OK\n`,
      );
    });
}
