import { QUIZ_BUTTONS } from "../../../commands/quiz/view.ts";

/** What a simulated student reads off a quiz button: its kind and parsed data, via the quiz's own ids. */
export type QuizButton =
  | ({ kind: "answer" } & NonNullable<ReturnType<typeof QUIZ_BUTTONS.answer.parse>>)
  | ({ kind: "next" } & NonNullable<ReturnType<typeof QUIZ_BUTTONS.next.parse>>)
  | ({ kind: "resume" } & NonNullable<ReturnType<typeof QUIZ_BUTTONS.resume.parse>>);

export function parseQuizButton(id: string): QuizButton | undefined {
  const answer = QUIZ_BUTTONS.answer.parse(id);
  if (answer) return { kind: "answer", ...answer };
  const next = QUIZ_BUTTONS.next.parse(id);
  if (next) return { kind: "next", ...next };
  const resume = QUIZ_BUTTONS.resume.parse(id);
  return resume ? { kind: "resume", ...resume } : undefined;
}
