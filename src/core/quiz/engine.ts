import { randomBytes } from "node:crypto";
import type { Catalogue } from "../content/types.ts";
import type { Logger } from "../logger.ts";
import { drawPractice, PRACTICE_QUIZ_ID } from "../practice/plan.ts";
import { reviewAnswer } from "../practice/scheduler.ts";
import type { Random } from "../random.ts";
import { countAnswers, recordResult, touch } from "../store/progress.ts";
import type { ProgressRecord, SessionRecord } from "../store/records.ts";
import { reviewKey } from "../store/reviews.ts";
import type { Change, TutorStore } from "../store/store.ts";
import { StoreUnavailableError } from "../store/unavailable.ts";
import type { Invoker } from "../tutor-api.ts";
import { UserError } from "../user-error.ts";
import { sessionAnswers } from "./answer-log.ts";
import { drawFinal, drawQuiz, FINAL_QUIZ_ID, type ShownQuestion, showQuestion } from "./draw.ts";

/** Tries of a start when another start (another click, another process) keeps getting there first. */
export const START_ATTEMPTS = 3;

/** Session ids: 12 hex characters, random (48 bits), short enough for button ids. */
export const SESSION_ID_PATTERN = /^[0-9a-f]{12}$/;

function newSessionId(): string {
  return randomBytes(6).toString("hex");
}

/** Why a click on a session cannot be acted on. */
export type SessionProblem =
  /** No such session in this community (forged, expired or another community's). */
  | "unknown"
  /** Someone else's quiz. */
  | "foreign"
  /** Replaced by a fresh start. */
  | "abandoned"
  /** The quiz content changed since the question was drawn. */
  | "changed";

export type StartOutcome =
  | { kind: "started"; session: SessionRecord }
  /** A quiz is still open: offer to resume it or start over. */
  | { kind: "open"; session: SessionRecord };

export type AnswerOutcome =
  | { kind: "problem"; problem: SessionProblem }
  /** Indexes outside the session (a malformed id). */
  | { kind: "invalid" }
  /** A later question clicked before the current one was answered. */
  | { kind: "not-current"; session: SessionRecord }
  /** This exact answer was already given (double click or replay): nothing changes. */
  | { kind: "duplicate"; session: SessionRecord; index: number; shown: ShownQuestion }
  /** A different answer to an answered question: refused, the first one stands. */
  | { kind: "conflict"; session: SessionRecord; index: number; shown: ShownQuestion }
  | { kind: "accepted"; session: SessionRecord; index: number; shown: ShownQuestion };

export interface QuizEngineOptions {
  catalogue: Catalogue;
  store: TutorStore;
  clock: () => Date;
  random: Random;
  logger: Logger;
}

/** The quiz flow over the store: start, resume, answer once, score. */
export class QuizEngine {
  constructor(private readonly options: QuizEngineOptions) {}

  /** Whether `quizId` names a quiz (a lesson quiz, "final" or "practice"). */
  exists(quizId: string): boolean {
    return (
      quizId === FINAL_QUIZ_ID || quizId === PRACTICE_QUIZ_ID || this.options.catalogue.quizzes.has(quizId)
    );
  }

  /** The quiz's title, e.g. "Adam" or "Final" (shown as "… quiz"). */
  title(quizId: string): string {
    if (quizId === FINAL_QUIZ_ID) return "Final";
    if (quizId === PRACTICE_QUIZ_ID) return "Practice";
    return this.options.catalogue.quizzes.get(quizId)?.title ?? quizId;
  }

  /**
   * Starts a quiz, unless one is still open and `replaceOpen` is false. Atomic per student: the new
   * session is written first, then the progress record is pointed at it by a compare-and-swap that
   * only succeeds if it still names the session this call saw. Of two starts at once (one process or
   * two), one wins; the other finds the winner's quiz open and offers it, so one attempt is opened.
   */
  async start(who: Invoker, quizId: string, replaceOpen = false): Promise<StartOutcome> {
    const { store, clock } = this.options;
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      const now = clock();
      const progress = await store.getProgress(who, now);
      const seenId = progress.openSession;
      const seen = seenId ? await store.getSession(who, seenId) : undefined;
      // A quiz whose questions were edited away since is not offered again; it is replaced below.
      if (seen && !replaceOpen && isOpen(seen) && seen.userId === who.userId && this.intact(seen))
        return { kind: "open", session: seen };
      if (seenId) await this.abandon(who, seenId);
      const session = this.#newSession(who, quizId, now, progress);
      // The session first: a progress record never names a session that is not there. A session
      // whose start lost below is never shown to anyone, and expires like any other.
      await store.createSession(who, session);
      const won = await store.updateProgress(who, now, (progress) => {
        if (progress.openSession !== seenId) return { result: false };
        // A finished quiz whose result a store outage kept out of the record is settled now.
        const settled = seen?.finishedAt ? this.#settled(progress, seen, now) : progress;
        return { next: { ...touch(settled, who, now), openSession: session.id }, result: true };
      });
      if (won) return { kind: "started", session };
      replaceOpen = false;
    }
    throw new StoreUnavailableError("start a quiz", `it kept changing under ${START_ATTEMPTS} attempts`);
  }

  /** Marks an open session as replaced; its buttons then change nothing. True if this call closed it. */
  async abandon(who: Invoker, sessionId: string): Promise<boolean> {
    return this.options.store.updateSession(who, sessionId, (session) => {
      if (!session || session.userId !== who.userId || !isOpen(session)) return { result: false };
      return { next: { ...session, abandoned: true }, result: true };
    });
  }

  /** Whether every question of the session is still in the content as it was drawn. */
  intact(session: SessionRecord): boolean {
    return session.questions.every((drawn) => showQuestion(this.options.catalogue, drawn) !== undefined);
  }

  /** The caller's own session, or why it cannot be used. */
  async own(who: Invoker, sessionId: string): Promise<SessionRecord | SessionProblem> {
    const session = await this.options.store.getSession(who, sessionId);
    return checkOwner(session, who) ?? (session as SessionRecord);
  }

  /** Question `index` of a session as shown, or undefined if the content changed. */
  show(session: SessionRecord, index: number): ShownQuestion | undefined {
    const drawn = session.questions[index];
    return drawn && showQuestion(this.options.catalogue, drawn);
  }

  /** Records one answer: once per question per attempt, only by the owner, only in order. */
  async answer(who: Invoker, sessionId: string, index: number, choice: number): Promise<AnswerOutcome> {
    const { store, clock } = this.options;
    const now = clock();
    const outcome = await store.updateSession<AnswerOutcome>(who, sessionId, (session) => {
      const problem = checkOwner(session, who);
      if (problem) return { result: { kind: "problem", problem } };
      const current = session as SessionRecord;
      const drawn = current.questions[index];
      if (!drawn || choice >= drawn.order.length) return { result: { kind: "invalid" } };
      const shown = showQuestion(this.options.catalogue, drawn);
      if (!shown || (isOpen(current) && !this.intact(current))) {
        // Scoring it would count a removed question as wrong: close the attempt, keep everything recorded.
        const closed = isOpen(current) ? { ...current, abandoned: true } : undefined;
        return { ...(closed && { next: closed }), result: { kind: "problem", problem: "changed" } };
      }
      const given = current.answers[index];
      if (given !== null && given !== undefined) {
        const kind = given === choice ? "duplicate" : "conflict";
        return { result: { kind, session: current, index, shown } };
      }
      if (current.abandoned) return { result: { kind: "problem", problem: "abandoned" } };
      if (currentIndex(current) !== index) return { result: { kind: "not-current", session: current } };
      current.answers[index] = choice;
      if (currentIndex(current) < 0) current.finishedAt = now.toISOString();
      return { next: current, result: { kind: "accepted", session: current, index, shown } };
    });
    if (outcome.kind === "accepted" || outcome.kind === "duplicate")
      await this.#log(who, outcome.session, now);
    if (outcome.kind === "accepted") {
      await this.#count(who, now, (progress) => ({
        next: this.#settled(touch(progress, who, now), outcome.session, now),
        result: undefined,
      }));
    } else if (outcome.kind === "duplicate") {
      // Heals a crash or store outage between the answer and the progress write; a no-op otherwise.
      await this.#count(who, now, (progress) => {
        // Only the attempt the record still tracks can be owed a count; an older one (finished or
        // replaced) was settled when the student moved on, and replaying its buttons must add nothing.
        const tracked =
          progress.openSession === outcome.session.id || progress.counted?.session === outcome.session.id;
        if (!tracked) return { result: undefined };
        const settled = this.#settled(progress, outcome.session, now);
        return settled === progress ? { result: undefined } : { next: settled, result: undefined };
      });
    }
    return outcome;
  }

  /** Right answers so far. */
  score(session: SessionRecord): number {
    return session.answers.filter((answer, index) => {
      const shown = this.show(session, index);
      return answer !== null && shown !== undefined && shown.correct === answer;
    }).length;
  }

  /**
   * Brings the progress record up to date with an answer already saved in its session. If the store
   * fails now, the answer still stands (the student is shown it, truthfully); the count is made good
   * by the next click on that quiz, or the next start.
   */
  async #count(
    who: Invoker,
    now: Date,
    change: (progress: ProgressRecord) => Change<ProgressRecord, undefined>,
  ): Promise<void> {
    try {
      await this.options.store.updateProgress(who, now, change);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.options.logger.warn({ reason: error.message }, "answer saved; its count waits for the next click");
    }
  }

  /** Adds the session's answers to the student's answer log (for the class report); an outage only delays it. */
  async #log(who: Invoker, session: SessionRecord, now: Date): Promise<void> {
    const entries = sessionAnswers(this.options.catalogue, session, now);
    try {
      await this.options.store.recordAnswers(who, { id: session.id, quiz: session.quizId }, entries);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.options.logger.warn(
        { reason: error.message },
        "answer saved; its class-report entry waits for the next click",
      );
    }
  }

  /**
   * Progress with every answer of `session` counted, scheduled for review, and its result recorded
   * once finished (idempotent: only answers not yet counted are scheduled, in the same write).
   */
  #settled(progress: ProgressRecord, session: SessionRecord, now: Date): ProgressRecord {
    const given = session.answers.filter((answer) => answer !== null).length;
    const already = progress.counted?.session === session.id ? progress.counted.answers : 0;
    let reviewed = progress;
    for (let index = already; index < given; index++)
      reviewed = this.#reviewed(reviewed, session, index, now);
    return this.#withResult(countAnswers(reviewed, session.id, given), session, now);
  }

  /** Schedules answer `index` of the session (the card it stands in for, if any). */
  #reviewed(progress: ProgressRecord, session: SessionRecord, index: number, now: Date): ProgressRecord {
    const drawn = session.questions[index];
    const shown = this.show(session, index);
    const answer = session.answers[index];
    if (!drawn || !shown || answer === null || answer === undefined) return progress;
    const key = drawn.reviewOf ?? reviewKey(drawn.quizId, drawn.questionId);
    const misconception = shown.choices[answer]?.misconception;
    const right = answer === shown.correct;
    return reviewAnswer(progress, key, { right, ...(misconception && { misconception }) }, now);
  }

  #withResult(progress: Parameters<typeof recordResult>[0], session: SessionRecord, now: Date) {
    if (!session.finishedAt) return progress;
    if (session.quizId === PRACTICE_QUIZ_ID) {
      // Practice earns no points (the quizzes' best scores do); finishing it only closes it.
      const { openSession, ...rest } = progress;
      return openSession === session.id ? rest : progress;
    }
    const result = { sessionId: session.id, quizId: session.quizId, score: this.score(session) };
    return recordResult(progress, { ...result, outOf: session.questions.length }, now);
  }

  #newSession(who: Invoker, quizId: string, now: Date, progress: ProgressRecord): SessionRecord {
    const { catalogue, random } = this.options;
    const quiz = catalogue.quizzes.get(quizId);
    const questions =
      quizId === FINAL_QUIZ_ID
        ? drawFinal(catalogue, random)
        : quizId === PRACTICE_QUIZ_ID
          ? drawPractice(catalogue, progress, now, random)
          : quiz
            ? drawQuiz(quiz, random)
            : [];
    if (questions.length === 0 && quizId === PRACTICE_QUIZ_ID) throw new UserError(NOTHING_TO_PRACTISE);
    if (questions.length === 0) throw new Error(`quiz "${quizId}" has no questions`);
    return {
      v: 1,
      id: newSessionId(),
      quizId,
      platform: who.platform,
      communityId: who.communityId,
      userId: who.userId,
      startedAt: now.toISOString(),
      questions,
      answers: questions.map(() => null),
    };
  }
}

/** /practice with no lesson seen and nothing to review. */
export const NOTHING_TO_PRACTISE =
  "Nothing to practise yet: practice draws on the lessons you've seen. Start with `/lesson`, then come back.";

/** Index of the first unanswered question, -1 when all are answered. */
export function currentIndex(session: SessionRecord): number {
  return session.answers.indexOf(null);
}

/** Still being answered. */
export function isOpen(session: SessionRecord): boolean {
  return !session.abandoned && currentIndex(session) >= 0;
}

function checkOwner(session: SessionRecord | undefined, who: Invoker): SessionProblem | undefined {
  if (!session) return "unknown";
  // The key already carries platform + community; this guards records written under another scheme.
  if (session.platform !== who.platform || session.communityId !== who.communityId) return "unknown";
  if (session.userId !== who.userId) return "foreign";
  return undefined;
}
