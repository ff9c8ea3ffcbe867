import { onButton } from "../src/core/buttons.ts";
import { type CommandContext, defineCommand } from "../src/core/command.ts";
import { lessonChoices, lessonOrSuggest } from "../src/core/lessons.ts";
import { FINAL_QUESTIONS, FINAL_QUIZ_ID } from "../src/core/quiz/draw.ts";
import { currentIndex, type SessionProblem } from "../src/core/quiz/engine.ts";
import { type Reply, textReply } from "../src/core/reply.ts";
import type { SessionRecord } from "../src/core/services.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { UserError } from "../src/core/user-error.ts";
import { practiceHint } from "./practice/summary.ts";
import { feedbackReply, openQuizReply, QUIZ_BUTTONS, questionReply, scoreText } from "./quiz/view.ts";

export const declaration: CommandDeclaration = {
  name: "quiz",
  description: "A personal quiz, one question at a time",
  options: [
    {
      name: "topic",
      description: `A lesson (adam, momentum, …) or "final" for ${FINAL_QUESTIONS} questions across the course`,
      type: "string",
      required: true,
      autocomplete: true,
    },
  ],
  slow: true,
  private: true,
};

const PROBLEM_TEXT: Record<SessionProblem, string> = {
  unknown:
    "That quiz button is no longer valid here (it may be from another server or an old message). Start a fresh one with `/quiz`.",
  foreign:
    "That's someone else's quiz, so your click changed nothing. Start your own with `/quiz` and a topic.",
  abandoned: "You started that quiz over, so this old message is closed. Carry on in your newer quiz.",
  changed:
    "This quiz was edited since you started it, so I've closed that attempt; the scores you already have are kept. Start it afresh with `/quiz` and the topic.",
};

/** A button naming a quiz that is no longer in the content (removed, or a forged id). */
const GONE_QUIZ = "That quiz is no longer in the course. Type `/quiz` and pick a topic from the list.";

/** A refusal goes to the clicker alone, as a new message: the quiz message itself stays as it was. */
function problemReply(problem: SessionProblem): Reply {
  return textReply(PROBLEM_TEXT[problem]);
}

/** Resolves "final", a lesson id, alias or title to a quiz id. */
function quizIdFor(topic: string, { services }: CommandContext): string {
  if (topic.trim().toLowerCase() === FINAL_QUIZ_ID) return FINAL_QUIZ_ID;
  const lesson = lessonOrSuggest(services.catalogue, topic, "quiz");
  if (!services.quiz.exists(lesson.quiz))
    throw new UserError(`**${lesson.title}** has no quiz yet. Try \`/quiz final\`.`);
  return lesson.quiz;
}

/** Starts a quiz, or offers to resume the one still open. */
export async function startQuiz(
  quizId: string,
  context: CommandContext,
  replaceOpen = false,
): Promise<Reply> {
  const outcome = await context.services.quiz.start(context.who, quizId, replaceOpen);
  if (outcome.kind === "open") return openQuizReply(context.services, outcome.session, quizId);
  return showCurrent(outcome.session, context);
}

/** The question the session is on, or its score if it is finished. */
async function showCurrent(session: SessionRecord, context: CommandContext): Promise<Reply> {
  const { services } = context;
  const index = currentIndex(session);
  if (index < 0) {
    const score = scoreText(services, session);
    return { title: `${services.quiz.title(session.quizId)} quiz`, ...score, images: [], private: true };
  }
  const shown = services.quiz.show(session, index);
  if (!shown || !services.quiz.intact(session)) {
    await services.quiz.abandon(context.who, session.id);
    return problemReply("changed");
  }
  return questionReply(services, session, index, shown, context.who.platform);
}

export default defineCommand({
  declaration,
  async execute(options, context) {
    return startQuiz(quizIdFor(String(options.topic), context), context);
  },
  autocomplete(_option, partial, { services }) {
    const final = FINAL_QUIZ_ID.includes(partial.trim().toLowerCase())
      ? [{ name: `Final quiz (${FINAL_QUESTIONS} questions, every lesson)`, value: FINAL_QUIZ_ID }]
      : [];
    const lessons = lessonChoices(services.catalogue, partial).filter((choice) =>
      services.quiz.exists(choice.value),
    );
    return [...lessons, ...final];
  },
  buttons: [
    onButton(QUIZ_BUTTONS.start, async (action, context) => {
      if (!context.services.quiz.exists(action.quizId)) return textReply(GONE_QUIZ);
      return startQuiz(action.quizId, context);
    }),
    onButton(QUIZ_BUTTONS.answer, async (action, context) => {
      const outcome = await context.services.quiz.answer(
        context.who,
        action.sessionId,
        action.question,
        action.choice,
      );
      switch (outcome.kind) {
        case "problem":
          return problemReply(outcome.problem);
        case "invalid":
          return problemReply("unknown");
        case "not-current":
          return textReply(
            `Answer the questions in order: you're on question ${currentIndex(outcome.session) + 1}. Nothing was recorded.`,
          );
        case "conflict":
          return textReply(
            `You already answered question ${outcome.index + 1}; your first answer counts and stays as it was.`,
          );
        case "duplicate":
        case "accepted": {
          const reply = feedbackReply(context.services, outcome.session, outcome.index, outcome.shown);
          const hint = currentIndex(outcome.session) < 0 ? await practiceHint(context) : undefined;
          return hint ? { ...reply, text: `${reply.text}\n\n${hint}` } : reply;
        }
      }
    }),
    onButton(QUIZ_BUTTONS.next, (action, context) => showOwnCurrent(action.sessionId, context)),
    onButton(QUIZ_BUTTONS.resume, (action, context) => showOwnCurrent(action.sessionId, context)),
    onButton(QUIZ_BUTTONS.restart, async (action, context) => {
      const session = await context.services.quiz.own(context.who, action.sessionId);
      if (typeof session === "string") return problemReply(session);
      if (!context.services.quiz.exists(action.quizId)) return textReply(GONE_QUIZ);
      if (session.abandoned) return problemReply("abandoned");
      // Only the click that closes the old attempt starts the new one: a replay or double click must
      // not throw away the fresh quiz the first click started.
      const closedNow = await context.services.quiz.abandon(context.who, session.id);
      if (!closedNow && currentIndex(session) >= 0) return problemReply("abandoned");
      return { ...(await startQuiz(action.quizId, context, closedNow)), replaceOriginal: true };
    }),
  ],
});

/** "Next question" and "Resume" both show the caller's current question in place of the message. */
async function showOwnCurrent(sessionId: string, context: CommandContext): Promise<Reply> {
  const session = await context.services.quiz.own(context.who, sessionId);
  if (typeof session === "string") return problemReply(session);
  if (session.abandoned) return problemReply("abandoned");
  return { ...(await showCurrent(session, context)), replaceOriginal: true };
}
