import { randomBytes } from "node:crypto";
import type { Catalogue, Quiz } from "../content/types.ts";
import { dailySessionKeyOf } from "../live/keys.ts";
import type { LiveSession } from "../live/records.ts";
import type { LiveRounds } from "../live/rounds.ts";
import { resultsMessage } from "../live/view.ts";
import type { Logger } from "../logger.ts";
import { drawQuiz } from "../quiz/draw.ts";
import type { Random } from "../random.ts";
import { classKeyIn, scopeOf } from "../store/keys.ts";
import type { DrawnQuestion } from "../store/records.ts";
import type { TutorStore } from "../store/store.ts";
import type { Invoker } from "../tutor-api.ts";
import {
  DAILY_OPEN_SECONDS,
  DailyIndexSchema,
  type DailyPlace,
  type DailySchedule,
  DailyScheduleSchema,
  nextPostAt,
} from "./schedule.ts";
import type { DailyService } from "./service.ts";

/** How often a running bot looks for daily questions that are due (their times live in the store). */
export const DAILY_SWEEP_MS = 30_000;
const INDEX_KEY = "daily/on";

export interface DailyDeps {
  store: TutorStore;
  catalogue: () => Catalogue;
  clock: () => Date;
  random: Random;
  logger: Logger;
  live: LiveRounds;
}

const scheduleKey = (place: { platform: DailyPlace["platform"]; communityId: string }) =>
  classKeyIn(scopeOf(place.platform, place.communityId), "daily", "schedule");

/**
 * The daily question. Its next post time is data in the community's schedule record; a sweep (at
 * start-up, every DAILY_SWEEP_MS, and whenever the tutor's clock is moved in tests) posts what is
 * due. A compare-and-swap that moves `nextAt` to the next day decides which process posts, so two
 * processes or a restart post once; a day missed while down posts once, then the schedule resumes.
 * The question itself is a one-question live session open for a day, in its own slot beside the
 * channel's live session (so /live still works there), answered and counted like a live round.
 */
export class DailyQuestions implements DailyService {
  #timer: NodeJS.Timeout | undefined;
  /** Set by shutdown: a stopped process posts nothing more (its store may be closed). */
  #stopped = false;

  constructor(private readonly deps: DailyDeps) {}

  read(who: Invoker): Promise<DailySchedule | undefined> {
    if (who.communityId === null) return Promise.resolve(undefined);
    const place = { platform: who.platform, communityId: who.communityId };
    return this.deps.store.getClassRecord(scheduleKey(place), DailyScheduleSchema);
  }

  /** Turns the daily question on (or moves it) for the caller's community; returns the schedule. */
  async set(who: Invoker & DailyPlace, time: string, timezone: string): Promise<DailySchedule> {
    const now = this.deps.clock();
    const nextAt = nextPostAt(time, timezone, now).toISOString();
    const key = scheduleKey(who);
    const saved = await this.deps.store.updateClassRecord(key, DailyScheduleSchema, (current) => {
      const next: DailySchedule = {
        v: 1,
        active: true,
        platform: who.platform,
        communityId: who.communityId,
        channelId: who.channelId,
        time,
        timezone,
        nextAt,
        asked: current?.asked ?? [],
        ...(current?.last && { last: current.last }),
        setBy: { userId: who.userId, userName: who.userName, at: now.toISOString() },
      };
      return { next, result: next };
    });
    await this.#list(key, true);
    return saved;
  }

  /** Stops it; a question already posted stays open until its day is over. False if it was off. */
  async off(who: Invoker): Promise<boolean> {
    if (who.communityId === null) return false;
    const key = scheduleKey({ platform: who.platform, communityId: who.communityId });
    const now = this.deps.clock().toISOString();
    const was = await this.deps.store.updateClassRecord(key, DailyScheduleSchema, (current) =>
      current?.active
        ? {
            next: {
              ...current,
              active: false,
              setBy: { userId: who.userId, userName: who.userName, at: now },
            },
            result: true,
          }
        : { result: false },
    );
    await this.#list(key, false);
    return was;
  }

  /** Posts every daily question that is due on a platform this process can post to; returns how many. */
  async sweep(): Promise<number> {
    if (this.#stopped) return 0;
    const { store } = this.deps;
    const keys = (await store.getClassRecord(INDEX_KEY, DailyIndexSchema))?.on ?? [];
    let posted = 0;
    for (const key of keys) {
      const seen = await store.getClassRecord(key, DailyScheduleSchema);
      if (!seen?.active || Date.parse(seen.nextAt) > this.deps.clock().getTime()) continue;
      if (!this.deps.live.outbound(seen.platform)) continue;
      if (await this.#postDue(key, seen)) posted++;
    }
    return posted;
  }

  /** Sweeps now (what start-up re-arms; resolves when done), then every DAILY_SWEEP_MS, once per process. */
  start(): Promise<void> {
    const run = () =>
      this.sweep().then(
        () => undefined,
        (error: unknown) => this.deps.logger.warn({ err: error }, "daily question sweep failed"),
      );
    if (!this.#timer) {
      this.#timer = setInterval(() => void run(), DAILY_SWEEP_MS);
      this.#timer.unref();
    }
    return run();
  }

  shutdown(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Claims today's post by moving `nextAt` on (only one process's swap succeeds), then posts it. */
  async #postDue(key: string, seen: DailySchedule): Promise<boolean> {
    const { store, clock, live, logger } = this.deps;
    const now = clock();
    const pick = this.#draw(seen.asked);
    const sessionKey = dailySessionKeyOf(seen.platform, seen.communityId, seen.channelId);
    const sessionId = randomBytes(6).toString("hex");
    const claimed = await store.updateClassRecord(key, DailyScheduleSchema, (current) => {
      if (!current?.active || current.nextAt !== seen.nextAt) return { result: undefined };
      const next: DailySchedule = {
        ...current,
        nextAt: nextPostAt(current.time, current.timezone, now).toISOString(),
        asked: pick?.asked ?? current.asked,
        ...(pick && { last: { key: sessionKey, sessionId } }),
      };
      return { next, result: next };
    });
    if (!claimed || !pick) return false;
    try {
      if (seen.last) await this.#showYesterday(claimed, seen.last);
      const session: LiveSession = {
        v: 1,
        id: sessionId,
        kind: "daily",
        platform: claimed.platform,
        communityId: claimed.communityId,
        channelId: claimed.channelId,
        startedBy: { userId: claimed.setBy.userId, userName: claimed.setBy.userName },
        quizId: pick.drawn.quizId,
        seconds: DAILY_OPEN_SECONDS,
        questions: [pick.drawn],
        index: 0,
        state: "open",
        openedAt: now.toISOString(),
        deadline: new Date(now.getTime() + DAILY_OPEN_SECONDS * 1000).toISOString(),
        results: [],
        scores: {},
      };
      const running = await live.create(sessionKey, session);
      if (running) {
        await live.end(sessionKey, running.id, false);
        await live.create(sessionKey, session);
      }
      await live.postQuestion(sessionKey, session);
      return true;
    } catch (error) {
      // Claimed but not posted: today's question is skipped (never posted twice); tomorrow's comes.
      logger.warn({ err: error, key }, "could not post the daily question");
      return false;
    }
  }

  /** Closes the previous question if its day is not over yet, and posts its split and explanation. */
  async #showYesterday(schedule: DailySchedule, last: { key: string; sessionId: string }): Promise<void> {
    const { live } = this.deps;
    const before = await live.read(last.key);
    if (before?.id !== last.sessionId) return;
    if (before.state === "open" || before.state === "closing") await live.close(last.key, before.id, 0);
    const closed = await live.read(last.key);
    const result = closed?.id === last.sessionId ? closed.results[0] : undefined;
    const shown = closed && live.shown(closed, 0);
    if (!closed || !result || !shown) return;
    const recap = resultsMessage(closed, shown, live.title(closed), result);
    await live
      .outbound(schedule.platform)
      ?.post(schedule.channelId, { ...recap, title: `Yesterday's daily question · ${live.title(closed)}` });
  }

  /** A question not yet asked this cycle (a new cycle starts once every one was). */
  #draw(asked: readonly string[]): { drawn: DrawnQuestion; asked: string[] } | undefined {
    const catalogue = this.deps.catalogue();
    const all = catalogue.lessons
      .map((lesson) => catalogue.quizzes.get(lesson.quiz))
      .filter((quiz): quiz is Quiz => quiz !== undefined)
      .flatMap((quiz) => quiz.questions.map((question) => ({ quiz, question })));
    const fresh = all.filter(({ quiz, question }) => !asked.includes(`${quiz.id}/${question.id}`));
    const cycle = fresh.length > 0 ? [...asked] : [];
    const pool = fresh.length > 0 ? fresh : all;
    const chosen = pool[Math.floor(this.deps.random() * pool.length)];
    if (!chosen) return undefined;
    const [drawn] = drawQuiz({ ...chosen.quiz, questions: [chosen.question] }, this.deps.random, 1);
    if (!drawn) return undefined;
    return { drawn, asked: [...cycle, `${chosen.quiz.id}/${chosen.question.id}`] };
  }

  async #list(key: string, on: boolean): Promise<void> {
    await this.deps.store.updateClassRecord(INDEX_KEY, DailyIndexSchema, (current) => {
      const keys = current?.on ?? [];
      if (keys.includes(key) === on) return { result: undefined };
      const next = on ? [...keys, key] : keys.filter((other) => other !== key);
      return { next: { v: 1 as const, on: next }, result: undefined };
    });
  }
}
