import { buttonId, FIELDS, onButton, ownerOf } from "../src/core/buttons.ts";
import { type CommandContext, defineCommand } from "../src/core/command.ts";
import { adviceFor, isRecommendPath, type Recommend } from "../src/core/content/index.ts";
import { type Reply, type ReplyButton, textReply } from "../src/core/reply.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { LESSON_BUTTON } from "./lesson.ts";

export const declaration: CommandDeclaration = {
  name: "recommend",
  description: "Three quick questions, then the optimizer and learning rate to start with",
  options: [],
  private: true,
};

// The questions, advice and lesson links live in content/recommend.yaml (loaded and checked with the content).

/** The walk so far: one answer id (a letter) per question answered. */
const RECOMMEND_BUTTON = buttonId("rc", { path: FIELDS.letters });

function stepReply(recommend: Recommend, path: string): Reply {
  const step = recommend.questions[path.length];
  if (!step) throw new Error(`no recommend question for path "${path}"`);
  const buttons: ReplyButton[] = step.answers.map((answer) => ({
    id: RECOMMEND_BUTTON.encode({ path: `${path}${answer.id}` }),
    label: answer.label,
    style: "secondary",
  }));
  return textReply(step.text, {
    title: `Which optimizer? (${path.length + 1}/${recommend.questions.length})`,
    buttons: [buttons],
  });
}

function resultReply(path: string, context: CommandContext): Reply {
  const pick = adviceFor(context.services.catalogue.recommend, path);
  const lesson = context.services.catalogue.findLesson(pick.lesson);
  const choosing = context.services.catalogue.findLesson("choosing");
  const owner = ownerOf(context.who);
  const buttons: ReplyButton[] = [];
  if (lesson)
    buttons.push({
      id: LESSON_BUTTON.encode({ lessonId: lesson.id, owner }),
      label: `Read: ${lesson.title}`,
      style: "primary",
    });
  if (choosing && choosing.id !== lesson?.id) {
    buttons.push({
      id: LESSON_BUTTON.encode({ lessonId: choosing.id, owner }),
      label: `Read: ${choosing.title}`,
      style: "secondary",
    });
  }
  buttons.push({
    id: RECOMMEND_BUTTON.encode({ path: "" }),
    label: "Start over",
    style: "secondary",
  });
  const read = lesson ? `\n\nTo understand why, read \`/lesson ${lesson.id}\`.` : "";
  return textReply(
    `Start with **${pick.optimizer}**, learning rate **${pick.lr}**.\n\n_Why:_ ${pick.reason}${read}`,
    {
      title: "My recommendation",
      footer: "Then tune the learning rate first: try ×3 and ÷3 and keep the best.",
      buttons: [buttons],
    },
  );
}

export default defineCommand({
  declaration,
  async execute(_options, context) {
    return stepReply(context.services.catalogue.recommend, "");
  },
  buttons: [
    onButton(RECOMMEND_BUTTON, async (action, context) => {
      const { recommend } = context.services.catalogue;
      if (!isRecommendPath(recommend, action.path))
        return textReply("That button is out of date. Run `/recommend` again.");
      const reply =
        action.path.length < recommend.questions.length
          ? stepReply(recommend, action.path)
          : resultReply(action.path, context);
      return { ...reply, replaceOriginal: true };
    }),
  ],
});
