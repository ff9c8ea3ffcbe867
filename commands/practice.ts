import { defineCommand } from "../src/core/command.ts";
import { NOTHING_TO_PRACTISE } from "../src/core/quiz/engine.ts";
import { textReply } from "../src/core/reply.ts";
import { PRACTICE_QUESTIONS, PRACTICE_QUIZ_ID } from "../src/core/services.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { dueLine } from "./practice/summary.ts";
import { QUIZ_BUTTONS } from "./quiz/view.ts";
import { startQuiz } from "./quiz.ts";

export const declaration: CommandDeclaration = {
  name: "practice",
  description: `Up to ${PRACTICE_QUESTIONS} questions: your reviews due first, then new ones (only you see it)`,
  options: [],
  slow: true,
  private: true,
};

export default defineCommand({
  declaration,
  async execute(_options, context) {
    const { who, services } = context;
    const summary = await services.practice.summary(who);
    if (summary.due > 0) return startQuiz(PRACTICE_QUIZ_ID, context);
    const record = await services.progress.of(who);
    if (record.lessonsSeen.length === 0 && !summary.next) return textReply(NOTHING_TO_PRACTISE);
    return textReply(
      `Nothing to review right now. ${dueLine(summary, services.clock())}\n\nWant a new set of questions from the lessons you've seen?`,
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
