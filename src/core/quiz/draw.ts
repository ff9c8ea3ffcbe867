import type { Catalogue, Choice, Question, Quiz } from "../content/types.ts";
import { questionVariant } from "../practice/variants.ts";
import { type Random, shuffle } from "../random.ts";
import type { DrawnQuestion } from "../store/records.ts";

/** Questions in a lesson quiz. */
export const QUESTIONS_PER_QUIZ = 4;
/** Questions in the final quiz, drawn across every lesson. */
export const FINAL_QUESTIONS = 10;
/** The quiz id of the final quiz. */
export const FINAL_QUIZ_ID = "final";

/** Draws `count` questions of one quiz in random order, each with its choices shuffled. */
export function drawQuiz(quiz: Quiz, random: Random, count = QUESTIONS_PER_QUIZ): DrawnQuestion[] {
  return shuffle(quiz.questions, random)
    .slice(0, count)
    .map((question) => drawQuestion(quiz.id, question, random));
}

/**
 * Draws the final quiz: `count` questions across all quizzes, at least one from each while there
 * are no more quizzes than questions (else one from each of `count` random quizzes).
 */
export function drawFinal(catalogue: Catalogue, random: Random, count = FINAL_QUESTIONS): DrawnQuestion[] {
  const quizzes = catalogue.lessons
    .map((lesson) => catalogue.quizzes.get(lesson.quiz))
    .filter((quiz): quiz is Quiz => quiz !== undefined && quiz.questions.length > 0);
  const picked: Array<{ quiz: Quiz; question: Question }> = [];
  const leftovers: Array<{ quiz: Quiz; question: Question }> = [];
  for (const quiz of shuffle(quizzes, random)) {
    const [first, ...rest] = shuffle(quiz.questions, random);
    if (first && picked.length < count) picked.push({ quiz, question: first });
    for (const question of rest) leftovers.push({ quiz, question });
  }
  picked.push(...shuffle(leftovers, random).slice(0, count - picked.length));
  return shuffle(picked, random).map(({ quiz, question }) => drawQuestion(quiz.id, question, random));
}

/** The final quiz as a catalogue lists it: it has no questions of its own, only this draw rule. */
export function finalQuizRule(catalogue: Catalogue) {
  const fromQuizzes = catalogue.lessons
    .map((lesson) => catalogue.quizzes.get(lesson.quiz))
    .filter((quiz): quiz is Quiz => quiz !== undefined && quiz.questions.length > 0)
    .map((quiz) => quiz.id);
  return {
    id: FINAL_QUIZ_ID,
    questions: FINAL_QUESTIONS,
    fromQuizzes,
    rule: `${FINAL_QUESTIONS} questions drawn from the lesson quizzes, at least one from each (while there are no more quizzes than questions)`,
  };
}

function drawQuestion(quizId: string, question: Question, random: Random): DrawnQuestion {
  const order = shuffle(
    question.choices.map((_, index) => index),
    random,
  );
  return { quizId, questionId: question.id, order };
}

/** A drawn question as the student sees it. */
export interface ShownQuestion {
  quiz: Quiz;
  question: Question;
  /** Choices in shown order. */
  choices: Choice[];
  /** Shown position of the correct choice. */
  correct: number;
}

/** Looks a drawn question up again; undefined if the content changed since it was drawn. */
export function showQuestion(catalogue: Catalogue, drawn: DrawnQuestion): ShownQuestion | undefined {
  const quiz = catalogue.quizzes.get(drawn.quizId);
  const written = quiz?.questions.find((candidate) => candidate.id === drawn.questionId);
  const question = written && drawn.variant ? questionVariant(written, drawn.variant) : written;
  if (!quiz || !question || question.choices.length !== drawn.order.length) return undefined;
  const choices = drawn.order.map((index) => question.choices[index]);
  if (choices.some((choice) => choice === undefined)) return undefined;
  const shown = choices as Choice[];
  const correct = shown.findIndex((choice) => choice.correct);
  return correct < 0 ? undefined : { quiz, question, choices: shown, correct };
}
