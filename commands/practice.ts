import { type CommandContext, defineCommand } from "../src/core/command.ts";
import { REMINDER_REFUSALS_MAX } from "../src/core/practice/reminders.ts";
import { NOTHING_TO_PRACTISE } from "../src/core/quiz/engine.ts";
import type { Reply } from "../src/core/reply.ts";
import { textReply } from "../src/core/reply.ts";
import { PRACTICE_QUESTIONS, PRACTICE_QUIZ_ID } from "../src/core/services.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { dueLine } from "./practice/summary.ts";
import { QUIZ_BUTTONS } from "./quiz/view.ts";
import { startQuiz } from "./quiz.ts";

export const declaration: CommandDeclaration = {
  name: "practice",
  description: `Up to ${PRACTICE_QUESTIONS} questions: your reviews due first, then new ones (only you see it)`,
  options: [
    {
      name: "remind",
      description: "A private message once a day when reviews are due (off by default)",
      type: "string",
      required: false,
      choices: [
        { name: "on", value: "on" },
        { name: "off", value: "off" },
      ],
    },
  ],
  slow: true,
  private: true,
};

export default defineCommand({
  declaration,
  async execute(options, context) {
    const { who, services } = context;
    if (options.remind !== undefined) return remindReply(String(options.remind) === "on", context);
    const summary = await services.practice.summary(who);
    if (summary.due > 0) return startQuiz(PRACTICE_QUIZ_ID, context);
    const record = await services.progress.of(who);
    if (record.lessonsSeen.length === 0 && !summary.next) return textReply(NOTHING_TO_PRACTISE);
    const stopped =
      summary.reminder === "stopped"
        ? `\n\n_Your daily reminder stopped: ${REMINDER_REFUSALS_MAX} days in a row I could not message you privately. Open your direct messages, then \`/practice remind on\`._`
        : "";
    return textReply(
      `Nothing to review right now. ${dueLine(summary, services.clock())}\n\nWant a new set of questions from the lessons you've seen?${stopped}`,
      {
        buttons: [
          [
            {
              id: QUIZ_BUTTONS.start.encode({ quizId: PRACTICE_QUIZ_ID }),
              label: "Practice a new set",
              style: "primary",
            },
          ],
        ],
      },
    );
  },
});

/** Where the reminder arrives, in the platform's words. */
const REMINDER_PLACE = {
  discord: "a direct message from me",
  slack: "a message in your direct messages with me",
  console: "a note here when you start Descent",
} as const;

async function remindReply(on: boolean, { who, services }: CommandContext): Promise<Reply> {
  await services.practice.setReminder(who, on);
  if (!on) return textReply("Daily practice reminder off. `/practice` still works whenever you like.");
  return textReply(
    `Daily practice reminder on: once a day, when reviews are due, you'll get ${REMINDER_PLACE[who.platform]}. ` +
      "Nothing is sent on a day with nothing due. `/practice remind off` stops it.",
  );
}
