import type { Outbound } from "../outbound.ts";
import type { Reply } from "../reply.ts";
import type { Invoker, Platform } from "../tutor-api.ts";
import type { Starter } from "./draft.ts";
import type { LiveSession } from "./records.ts";

/** Live class rounds as commands use them (implemented by LiveRounds). */
export interface LiveService {
  outbound(platform: Platform): Outbound | undefined;
  /** A new session with its first question open; undefined when the quiz has no questions. */
  draft(who: Starter, quizId: string, seconds: number, count: number): LiveSession | undefined;
  read(key: string): Promise<LiveSession | undefined>;
  /** Saves a new session unless one is running in the channel; returns the running one if so. */
  create(key: string, draft: LiveSession): Promise<LiveSession | undefined>;
  /** Posts the current question in the channel and arms its deadline. */
  postQuestion(key: string, session: LiveSession): Promise<void>;
  /** Closes a round exactly once across processes; true when this call closed it. */
  close(key: string, sessionId: string, index: number): Promise<boolean>;
  /** The next question of a closed round, "ended" after the last one, "lost" if someone else moved first. */
  advance(key: string, sessionId: string, index: number): Promise<LiveSession | "ended" | "lost">;
  /** Ends the session, posting the final standings unless `announce` is false. */
  end(key: string, sessionId: string, announce?: boolean): Promise<LiveSession | undefined>;
  title(session: LiveSession): string;
  answer(who: Invoker, click: { sessionId: string; question: number; choice: number }): Promise<Reply>;
}
