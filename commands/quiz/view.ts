import { buttonId, FIELDS } from "../../src/core/buttons.ts";
import type { TutorServices } from "../../src/core/command.ts";
import type { Question } from "../../src/core/content/types.ts";
import { BUTTON_LABEL_MAX } from "../../src/core/layout.ts";
import type { ShownQuestion } from "../../src/core/quiz/draw.ts";
import { FINAL_QUIZ_ID } from "../../src/core/quiz/draw.ts";
import { currentIndex } from "../../src/core/quiz/engine.ts";
import type { Reply, ReplyImage } from "../../src/core/reply.ts";
import { textReply } from "../../src/core/reply.ts";
import { PRACTICE_QUIZ_ID, type SessionRecord } from "../../src/core/services.ts";
import { truncate } from "../../src/core/text.ts";
import type { Platform } from "../../src/core/tutor-api.ts";

/** The quiz's buttons (their handlers are in quiz.ts); the tags stay as they were so old messages work. */
export const QUIZ_BUTTONS = {
  /** Start a quiz (from a lesson, or "try again"). */
  start: buttonId("qs", { quizId: FIELDS.contentId }),
  answer: buttonId("qa", { sessionId: FIELDS.sessionId, question: FIELDS.smallInt, choice: FIELDS.smallInt }),
  next: buttonId("qn", { sessionId: FIELDS.sessionId, question: FIELDS.smallInt }),
  resume: buttonId("qr", { sessionId: FIELDS.sessionId }),
  /** Abandon `sessionId` and start `quizId` afresh. */
  restart: buttonId("qo", { sessionId: FIELDS.sessionId, quizId: FIELDS.contentId }),
};

const LETTERS = "ABCDEFGHIJ";

function letter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

/** The question a session is on, with one button per choice. */
export async function questionReply(
  services: TutorServices,
  session: SessionRecord,
  index: number,
  shown: ShownQuestion,
  platform: Platform,
): Promise<Reply> {
  const total = session.questions.length;
  const choices = shown.choices
    .map((choice, position) => `**${letter(position)}.** ${choice.label}`)
    .join("\n");
  const buttons = shown.choices.map((choice, position) => ({
    id: QUIZ_BUTTONS.answer.encode({ sessionId: session.id, question: index, choice: position }),
    label: truncate(`${letter(position)}. ${choice.label}`, BUTTON_LABEL_MAX),
    style: "secondary" as const,
  }));
  const image = await questionImage(services, shown.question);
  return {
    title: `${services.quiz.title(session.quizId)} quiz · question ${index + 1}/${total}`,
    text: `${shown.question.prompt}\n\n${choices}`,
    images: image ? [image] : [],
    buttons: [buttons],
    // In a shared channel others see the buttons too; a terminal has one student.
    footer:
      platform === "console"
        ? "Your first answer counts."
        : "Only you can answer this quiz. Your first answer counts.",
    private: true,
  };
}

/** Right or wrong, the explanation, and the way on: the next question or the score. */
export function feedbackReply(
  services: TutorServices,
  session: SessionRecord,
  index: number,
  shown: ShownQuestion,
): Reply {
  const given = session.answers[index];
  const right = given === shown.correct;
  const correct = shown.choices[shown.correct];
  const verdict = right
    ? "✅ **Right!**"
    : `❌ **Not quite.** The answer is **${letter(shown.correct)}. ${correct?.label ?? ""}**`;
  const text = `${verdict}\n\n${shown.question.explanation}`;
  const title = `${services.quiz.title(session.quizId)} quiz · question ${index + 1}/${session.questions.length}`;
  const next = currentIndex(session);
  if (next < 0) {
    const score = scoreText(services, session);
    return {
      title,
      text: `${text}\n\n${score.text}`,
      images: [],
      buttons: score.buttons,
      private: true,
      replaceOriginal: true,
    };
  }
  const nextButton = {
    id: QUIZ_BUTTONS.next.encode({ sessionId: session.id, question: next }),
    label: "Next question",
    style: "primary" as const,
  };
  return {
    title,
    text,
    images: [],
    buttons: [[nextButton]],
    private: true,
    replaceOriginal: true,
    advance: nextButton.id,
  };
}

const AGAIN_LABEL: Record<string, string> = {
  [FINAL_QUIZ_ID]: "Take the final again",
  [PRACTICE_QUIZ_ID]: "Practice another set",
};

/** "Your score: 3/4" with what to review and a way to try again. */
export function scoreText(services: TutorServices, session: SessionRecord): Pick<Reply, "text" | "buttons"> {
  const score = services.quiz.score(session);
  const total = session.questions.length;
  const toReview = new Map<string, string>();
  session.answers.forEach((answer, index) => {
    const shown = services.quiz.show(session, index);
    if (!shown || answer === shown.correct) return;
    const lesson = services.catalogue.lessons.find((candidate) => candidate.quiz === shown.quiz.id);
    if (lesson) toReview.set(lesson.id, lesson.title);
  });
  const lines = [`🏁 **Your score: ${score}/${total}**`];
  if (toReview.size === 0) lines.push("Every answer right. Well done!");
  else {
    lines.push("", "Worth reviewing:");
    for (const [id, title] of toReview) lines.push(`• **${title}**: \`/lesson ${id}\``);
  }
  const again = {
    id: QUIZ_BUTTONS.start.encode({ quizId: session.quizId }),
    label: AGAIN_LABEL[session.quizId] ?? "Take this quiz again",
    style: "secondary" as const,
  };
  return { text: lines.join("\n"), buttons: [[again]] };
}

/** A quiz is open (one at a time): say what resuming it and starting `wanted` each do. */
export function openQuizReply(services: TutorServices, open: SessionRecord, wanted: string): Reply {
  const answered = open.answers.filter((answer) => answer !== null).length;
  const total = open.questions.length;
  const title = services.quiz.title(open.quizId);
  const wantedTitle = services.quiz.title(wanted);
  const same = open.quizId === wanted;
  const resumeLabel = truncate(`Resume ${title} (question ${answered + 1}/${total})`, BUTTON_LABEL_MAX);
  const restartLabel = truncate(
    same ? `Start ${title} over` : `Drop ${title}, start ${wantedTitle}`,
    BUTTON_LABEL_MAX,
  );
  const restartDoes = same
    ? `drops this attempt and draws a fresh ${title} quiz from question 1`
    : `closes the ${title} quiz unfinished (it gets no score) and starts the ${wantedTitle} quiz from question 1`;
  return textReply(
    `You have a **${title}** quiz in progress (${answered}/${total} answered); one quiz can be open at a time.\n\n` +
      `• **${resumeLabel}** goes on with that quiz where you stopped.\n` +
      `• **${restartLabel}** ${restartDoes}. The answers you already gave still count in /progress.`,
    {
      buttons: [
        [
          { id: QUIZ_BUTTONS.resume.encode({ sessionId: open.id }), label: resumeLabel, style: "primary" },
          {
            id: QUIZ_BUTTONS.restart.encode({ sessionId: open.id, quizId: wanted }),
            label: restartLabel,
            style: "secondary",
          },
        ],
      ],
    },
  );
}

async function questionImage(services: TutorServices, question: Question): Promise<ReplyImage | undefined> {
  if (!question.image) return undefined;
  try {
    return question.image.kind === "formulas"
      ? await services.renderer.formulaSheet(question.image.formulas)
      : await services.renderer.visual(question.image.spec);
  } catch (error) {
    // The question still works as text; a broken picture should not block the quiz.
    services.logger.error({ err: error, question: question.id }, "question image failed to render");
    return undefined;
  }
}
