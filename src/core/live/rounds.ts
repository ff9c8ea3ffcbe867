import type { Catalogue } from "../content/types.ts";
import type { Logger } from "../logger.ts";
import type { Outbound } from "../outbound.ts";
import { FINAL_QUIZ_ID, type ShownQuestion, showQuestion } from "../quiz/draw.ts";
import type { Random } from "../random.ts";
import type { Reply, ReplyImage } from "../reply.ts";
import type { Change, TutorStore } from "../store/store.ts";
import type { Invoker, Platform } from "../tutor-api.ts";
import { answerLive } from "./answer.ts";
import { recordLiveAnswers } from "./class-record.ts";
import { draftSession, type Starter } from "./draft.ts";
import { answerPrefix, LIVE_TTL_MS, pointsFor, STALE_CLOSING_MS } from "./keys.ts";
import { listOpen, openSessionKeys, unlistOpen } from "./open-index.ts";
import { countInProgress } from "./progress.ts";
import { LiveAnswerSchema, type LiveResult, type LiveSession, LiveSessionSchema } from "./records.ts";
import type { LiveService } from "./service.ts";
import { Tally } from "./tally.ts";
import { finalMessage, questionLine, questionMessage, resultsMessage } from "./view.ts";

export interface LiveDeps {
  store: TutorStore;
  catalogue: () => Catalogue;
  clock: () => Date;
  random: Random;
  logger: Logger;
  /** The question's picture, if it has one. */
  image: (shown: ShownQuestion) => Promise<ReplyImage | undefined>;
}

/**
 * The clock-driven half of live rounds: deadlines armed as timers (re-armed from the store at
 * start-up), closing by compare-and-swap so exactly one process counts a round, and the outbound
 * posts and edits that follow. The commands (commands/live.ts) call start / next / stop / answer.
 */
/** How soon start-up tries again to re-arm open rounds when the store did not answer. */
const REARM_RETRY_MS = 10_000;

export class LiveRounds implements LiveService {
  readonly #outbound = new Map<Platform, Outbound>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Retries of a re-arm the store did not answer, per platform. */
  readonly #rearm = new Map<Platform, NodeJS.Timeout>();
  readonly tally: Tally;

  constructor(private readonly deps: LiveDeps) {
    this.tally = new Tally(deps.logger);
  }

  /** An adapter offers its outbound; rounds of its platform still open in the store are re-armed. */
  async connect(platform: Platform, outbound: Outbound): Promise<void> {
    this.#outbound.set(platform, outbound);
    try {
      for (const key of await openSessionKeys(this.deps.store)) {
        if (!key.startsWith(`${platform}.`)) continue;
        const session = await this.deps.store.getClassRecord(key, LiveSessionSchema);
        if (session) this.arm(key, session);
        else await unlistOpen(this.deps.store, key);
      }
    } catch (error) {
      // The bot still starts; the rounds are re-armed once the store answers again.
      this.deps.logger.warn(
        { err: error, platform },
        "could not re-arm open live rounds; trying again shortly",
      );
      clearTimeout(this.#rearm.get(platform));
      this.#rearm.set(
        platform,
        setTimeout(() => void this.connect(platform, outbound), REARM_RETRY_MS).unref(),
      );
    }
  }

  outbound(platform: Platform): Outbound | undefined {
    return this.#outbound.get(platform);
  }

  /** A student's click on a round's button (see answerLive). */
  answer(who: Invoker, click: { sessionId: string; question: number; choice: number }): Promise<Reply> {
    const { store, clock } = this.deps;
    return answerLive(
      { store, clock, tally: this.tally, shown: (session, index) => this.shown(session, index) },
      who,
      click,
    );
  }

  /** Stops every timer (the process is shutting down; the deadlines stay in the store). */
  shutdown(): void {
    for (const retry of this.#rearm.values()) clearTimeout(retry);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.tally.shutdown();
  }

  /** Closes the session's round when its deadline comes (at once if it has passed). */
  arm(key: string, session: LiveSession): void {
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
    if (session.state !== "open" && session.state !== "closing") return;
    const wait = Math.max(0, new Date(session.deadline).getTime() - this.deps.clock().getTime());
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      void this.closeDue(key).catch((error: unknown) =>
        this.deps.logger.error({ err: error, key }, "closing a live round failed"),
      );
    }, wait);
    timer.unref();
    this.#timers.set(key, timer);
  }

  /** Closes every armed round whose deadline has passed (the timers call this; so can tests). */
  async closeDue(only?: string): Promise<void> {
    const keys = only ? [only] : [...this.#timers.keys()];
    for (const key of keys) {
      const session = await this.deps.store.getClassRecord(key, LiveSessionSchema);
      if (!session || session.state === "closed" || session.state === "ended") continue;
      if (new Date(session.deadline) > this.deps.clock()) this.arm(key, session);
      else await this.close(key, session.id, session.index);
    }
  }

  read(key: string): Promise<LiveSession | undefined> {
    return this.deps.store.getClassRecord(key, LiveSessionSchema);
  }

  /** Saves a new session unless one is running in the channel; returns the running one if so. */
  async create(key: string, draft: LiveSession): Promise<LiveSession | undefined> {
    const running = await this.deps.store.updateClassRecord(
      key,
      LiveSessionSchema,
      (current) =>
        current && current.state !== "ended" ? { result: current } : { next: draft, result: undefined },
      LIVE_TTL_MS,
    );
    if (!running) await listOpen(this.deps.store, key);
    return running;
  }

  /**
   * Moves a closed round on to the next question, or ends the session after the last one.
   * "lost" when another instructor (or process) moved it first.
   */
  async advance(key: string, sessionId: string, index: number): Promise<LiveSession | "ended" | "lost"> {
    const now = this.deps.clock();
    const moved = await this.deps.store.updateClassRecord(
      key,
      LiveSessionSchema,
      (current): Change<LiveSession, LiveSession | "ended" | "lost"> => {
        if (current?.id !== sessionId) return { result: "lost" };
        if (current.state === "ended") return { result: "ended" };
        if (current.index !== index || current.state !== "closed") return { result: "lost" };
        if (index + 1 >= current.questions.length) return { result: "ended" };
        const next: LiveSession = {
          ...current,
          index: index + 1,
          state: "open",
          openedAt: now.toISOString(),
          deadline: new Date(now.getTime() + current.seconds * 1000).toISOString(),
          message: undefined,
        };
        return { next, result: next };
      },
      LIVE_TTL_MS,
    );
    if (moved === "ended") await this.end(key, sessionId);
    return moved;
  }

  /** A new session record with its first question open; undefined when the quiz has no questions. */
  draft(who: Starter, quizId: string, seconds: number, count: number): LiveSession | undefined {
    const { catalogue, random, clock } = this.deps;
    return draftSession(catalogue(), random, clock(), who, { quizId, seconds, count });
  }

  shown(session: LiveSession, index = session.index): ShownQuestion | undefined {
    const drawn = session.questions[index];
    return drawn && showQuestion(this.deps.catalogue(), drawn);
  }

  title(session: LiveSession): string {
    return session.quizId === FINAL_QUIZ_ID
      ? "Final"
      : (this.deps.catalogue().quizzes.get(session.quizId)?.title ?? session.quizId);
  }

  /** Posts the session's current question and remembers the message (to edit it with the tally and results). */
  async postQuestion(key: string, session: LiveSession): Promise<void> {
    const outbound = this.#require(session.platform);
    const shown = this.shown(session);
    if (!shown)
      throw new Error(`live question ${session.index} of ${session.id} is no longer in the content`);
    const reply = questionMessage(session, shown, this.title(session), 0, await this.deps.image(shown));
    const message = await outbound.post(session.channelId, reply);
    const render = (answered: number) => ({
      ...reply,
      footer: questionMessage(session, shown, "", answered, undefined).footer,
    });
    this.tally.open(session.id, session.index, (answered) => outbound.edit(message, render(answered)));
    await this.deps.store.updateClassRecord(
      key,
      LiveSessionSchema,
      (current) =>
        current?.id === session.id && current.index === session.index
          ? { next: { ...current, message }, result: undefined }
          : { result: undefined },
      LIVE_TTL_MS,
    );
    this.arm(key, session);
  }

  /**
   * Closes one round exactly once across processes: a swap to "closing" (answers stop), the answers
   * counted, a swap to "closed" with the result and scores; then the round message shows the result,
   * and after the last question the session ends. Returns whether this call closed it.
   */
  async close(key: string, sessionId: string, index: number): Promise<boolean> {
    const { store, clock } = this.deps;
    const now = clock();
    const claimed = await store.updateClassRecord(
      key,
      LiveSessionSchema,
      (current) => {
        // A "closing" left by a process that died mid-count is taken over once it is clearly stale.
        const stale =
          current?.state === "closing" &&
          now.getTime() > new Date(current.deadline).getTime() + STALE_CLOSING_MS;
        if (current?.id !== sessionId || current.index !== index || (current.state !== "open" && !stale))
          return { result: undefined };
        const deadline = new Date(
          Math.min(new Date(current.deadline).getTime(), now.getTime()),
        ).toISOString();
        const next: LiveSession = { ...current, state: "closing", deadline };
        return { next, result: next };
      },
      LIVE_TTL_MS,
    );
    if (!claimed) return false;
    const answers = await store.listClassRecords(answerPrefix(claimed, index), LiveAnswerSchema);
    const shown = this.shown(claimed, index);
    const counts = (shown?.choices ?? []).map(() => 0);
    const scores = { ...claimed.scores };
    for (const answer of answers) {
      counts[answer.choice] = (counts[answer.choice] ?? 0) + 1;
      const score = scores[answer.userId] ?? { name: answer.userName, points: 0, correct: 0 };
      const right = answer.choice === shown?.correct;
      scores[answer.userId] = {
        name: answer.userName,
        points: score.points + (right ? pointsFor(claimed, new Date(answer.at)) : 0),
        correct: score.correct + (right ? 1 : 0),
      };
    }
    const result: LiveResult = { counts, voters: answers.map((answer) => answer.userId) };
    const last = index + 1 >= claimed.questions.length;
    const closed: LiveSession = {
      ...claimed,
      state: "closed",
      results: [...claimed.results.slice(0, index), result],
      scores,
    };
    // Counted while "closing": a process that takes a stale close over counts again, and each
    // student's record remembers the round, so every answer counts (and is scheduled) once.
    await countInProgress(store, this.deps.logger, claimed, index, shown, answers, clock());
    const wrote = await store.updateClassRecord(
      key,
      LiveSessionSchema,
      (current) =>
        current?.id === sessionId && current.index === index && current.state === "closing"
          ? { next: closed, result: true }
          : { result: false },
      LIVE_TTL_MS,
    );
    if (!wrote) return false;
    await this.tally.close(sessionId, index);
    const outbound = this.#outbound.get(claimed.platform);
    if (outbound && shown && claimed.message) {
      await outbound
        .edit(claimed.message, resultsMessage(closed, shown, this.title(closed), result))
        .catch((error: unknown) =>
          this.deps.logger.warn({ err: error, key }, "could not show a live round's result"),
        );
    }
    // After the result is shown (due within a second of the deadline): the class report's copy.
    if (shown) await recordLiveAnswers(this.deps, closed, index, answers, shown);
    // A daily question has no final standings: the next day's post shows its result.
    if (last) await this.end(key, sessionId, closed.kind !== "daily");
    return true;
  }

  /** Ends the session (after its last question, or /live stop): final standings, one line per question. */
  async end(key: string, sessionId: string, announce = true): Promise<LiveSession | undefined> {
    const ended = await this.deps.store.updateClassRecord(
      key,
      LiveSessionSchema,
      (current) => {
        if (current?.id !== sessionId || current.state === "ended") return { result: undefined };
        const next: LiveSession = { ...current, state: "ended" };
        return { next, result: next };
      },
      LIVE_TTL_MS,
    );
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
    await unlistOpen(this.deps.store, key);
    if (!ended || !announce) return ended;
    const lines = ended.results.map((result, index) =>
      questionLine(index + 1, this.shown(ended, index), result),
    );
    await this.#outbound
      .get(ended.platform)
      ?.post(ended.channelId, finalMessage(ended, this.title(ended), lines))
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error, key }, "could not post a live session's standings"),
      );
    return ended;
  }

  #require(platform: Platform): Outbound {
    const outbound = this.#outbound.get(platform);
    if (!outbound)
      throw new Error(`no outbound connected for ${platform}; the adapter must call tutor.connect`);
    return outbound;
  }
}
