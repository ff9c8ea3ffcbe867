import type { Catalogue, Question } from "../content/types.ts";
import type { ReplyImage } from "../reply.ts";

/**
 * Every quiz bank in Moodle's GIFT format (https://docs.moodle.org/en/GIFT_format): one category
 * per lesson, one multiple-choice question per quiz question, titled `quiz/question`, each choice
 * with the explanation as its feedback. Text is written as [html] so a question's picture can go
 * in as a data URI (GIFT has no attachments).
 */

/** Characters GIFT gives a meaning to; a backslash makes them plain text. */
const GIFT_SPECIAL = /[~=#{}:\\]/g;

/** The picture of each question that has one, by `quiz/question`. */
export type QuestionImages = ReadonlyMap<string, ReplyImage>;

/** Key of a question in QuestionImages. */
export function questionKey(quizId: string, questionId: string): string {
  return `${quizId}/${questionId}`;
}

/** Plain text as HTML: escaped, line breaks kept. */
export function toHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "<br>");
}

/** Backslashes before the characters GIFT reads as syntax. */
function giftEscape(text: string): string {
  return text.replace(GIFT_SPECIAL, (char) => `\\${char}`);
}

/** Plain text as GIFT [html] text. */
function giftHtml(text: string): string {
  return giftEscape(toHtml(text));
}

function giftQuestion(quizId: string, question: Question, image: ReplyImage | undefined): string {
  const picture = image
    ? giftEscape(
        `<br><img src="data:image/png;base64,${image.bytes.toString("base64")}" alt="${toHtml(image.alt)}">`,
      )
    : "";
  const feedback = giftHtml(question.explanation);
  const choices = question.choices.map(
    (choice) => `  ${choice.correct ? "=" : "~"}${giftHtml(choice.label)}#${feedback}`,
  );
  const title = giftEscape(questionKey(quizId, question.id));
  return [`::${title}::[html]${giftHtml(question.prompt)}${picture}{`, ...choices, "}"].join("\n");
}

/** The whole GIFT file, lessons in course order. */
export function giftOf(catalogue: Catalogue, images: QuestionImages): string {
  const blocks: string[] = [];
  for (const lesson of catalogue.lessons) {
    const quiz = catalogue.quizzes.get(lesson.quiz);
    if (!quiz) continue;
    blocks.push(`$CATEGORY: descent/${quiz.id}`);
    for (const question of quiz.questions)
      blocks.push(giftQuestion(quiz.id, question, images.get(questionKey(quiz.id, question.id))));
  }
  return `${blocks.join("\n\n")}\n`;
}
