import { SESSION_ID_PATTERN } from "./quiz/engine.ts";

/**
 * Button ids: compact strings carrying what a click needs. A click is first *parsed* into a typed
 * action (or declined), then *run* by the command that owns that kind (Sapphire style).
 */

/** Discord's custom_id limit (Slack's action_id allows 255). */
export const BUTTON_ID_MAX = 100;

export type ButtonAction =
  /** Show a lesson; `owner` (encoded user id) may page in place, anyone else gets a private copy. */
  | { kind: "lesson"; lessonId: string; owner: string }
  /** Start a quiz (from a lesson, or "try again"). */
  | { kind: "quiz-start"; quizId: string }
  | { kind: "answer"; sessionId: string; question: number; choice: number }
  | { kind: "next"; sessionId: string; question: number }
  | { kind: "resume"; sessionId: string }
  /** Abandon `sessionId` and start `quizId` afresh. */
  | { kind: "restart"; sessionId: string; quizId: string }
  /** The /recommend walk: one letter per answer given so far. */
  | { kind: "recommend"; path: string };

export type ButtonKind = ButtonAction["kind"];

const TAGS: Record<ButtonKind, string> = {
  lesson: "l",
  "quiz-start": "qs",
  answer: "qa",
  next: "qn",
  resume: "qr",
  restart: "qo",
  recommend: "rc",
};

const CONTENT_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const OWNER = /^[A-Za-z0-9.~-]{1,40}$/;
const SMALL_INT = /^\d{1,2}$/;
const PATH = /^[a-z]{0,8}$/;

/** Turns an action into its button id. Throws if it would not fit (a bug, not a user mistake). */
export function encodeButton(action: ButtonAction): string {
  const fields = ((): Array<string | number> => {
    switch (action.kind) {
      case "lesson":
        return [action.lessonId, action.owner];
      case "quiz-start":
        return [action.quizId];
      case "answer":
        return [action.sessionId, action.question, action.choice];
      case "next":
        return [action.sessionId, action.question];
      case "resume":
        return [action.sessionId];
      case "restart":
        return [action.sessionId, action.quizId];
      case "recommend":
        return [action.path];
    }
  })();
  const id = [TAGS[action.kind], ...fields].join(":");
  if (id.length > BUTTON_ID_MAX || parseButton(id) === undefined) {
    throw new Error(`button id "${id}" is malformed or longer than ${BUTTON_ID_MAX} characters`);
  }
  return id;
}

/** Parses a button id into its action; undefined for anything malformed, unknown or forged. */
export function parseButton(id: string): ButtonAction | undefined {
  if (typeof id !== "string" || id.length > BUTTON_ID_MAX) return undefined;
  const [tag, ...fields] = id.split(":");
  const [a = "", b = "", c = ""] = fields;
  const count = fields.length;
  switch (tag) {
    case TAGS.lesson:
      return count === 2 && CONTENT_ID.test(a) && OWNER.test(b)
        ? { kind: "lesson", lessonId: a, owner: b }
        : undefined;
    case TAGS["quiz-start"]:
      return count === 1 && CONTENT_ID.test(a) ? { kind: "quiz-start", quizId: a } : undefined;
    case TAGS.answer:
      return count === 3 && SESSION_ID_PATTERN.test(a) && SMALL_INT.test(b) && SMALL_INT.test(c)
        ? { kind: "answer", sessionId: a, question: Number(b), choice: Number(c) }
        : undefined;
    case TAGS.next:
      return count === 2 && SESSION_ID_PATTERN.test(a) && SMALL_INT.test(b)
        ? { kind: "next", sessionId: a, question: Number(b) }
        : undefined;
    case TAGS.resume:
      return count === 1 && SESSION_ID_PATTERN.test(a) ? { kind: "resume", sessionId: a } : undefined;
    case TAGS.restart:
      return count === 2 && SESSION_ID_PATTERN.test(a) && CONTENT_ID.test(b)
        ? { kind: "restart", sessionId: a, quizId: b }
        : undefined;
    case TAGS.recommend:
      return count === 1 && PATH.test(a) ? { kind: "recommend", path: a } : undefined;
    default:
      return undefined;
  }
}
