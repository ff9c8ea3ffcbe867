import { ownerOf } from "../src/core/buttons.ts";
import { defineCommand } from "../src/core/command.ts";
import { reviewSheet } from "../src/core/content/index.ts";
import { buttonRows } from "../src/core/layout.ts";
import { REVIEW_SHEET_TITLE } from "../src/core/render/index.ts";
import type { ReplyImage } from "../src/core/reply.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { LESSON_BUTTON } from "./lesson.ts";

export const declaration: CommandDeclaration = {
  name: "review",
  description: "Every update rule on one sheet, with a link to each lesson",
  options: [],
  slow: true,
  private: true,
};

export default defineCommand({
  declaration,
  async execute(_options, { who, services }) {
    const { catalogue, renderer, logger } = services;
    const formulas = reviewSheet(catalogue);
    const images: ReplyImage[] = [];
    try {
      if (formulas.length > 0) images.push(await renderer.formulaSheet(formulas, REVIEW_SHEET_TITLE));
    } catch (error) {
      logger.error({ err: error }, "review sheet failed to render");
    }
    const owner = ownerOf(who);
    const lines = catalogue.lessons.map((lesson) => `**${lesson.order}. ${lesson.title}**: ${lesson.idea}`);
    const buttons = catalogue.lessons.map((lesson) => ({
      id: LESSON_BUTTON.encode({ lessonId: lesson.id, owner }),
      label: lesson.title,
      style: "secondary" as const,
    }));
    return {
      title: "Review sheet",
      text: `${images.length ? "" : "_The sheet image is unavailable right now; the rules are in each lesson._\n\n"}${lines.join("\n")}`,
      footer: "Open any lesson with the buttons, or `/quiz final` to test yourself on all of them.",
      images,
      buttons: buttonRows(buttons),
      private: true,
    };
  },
});
