import type { ShownQuestion } from "../quiz/draw.ts";
import type { Reply } from "../reply.ts";
import { textReply } from "../reply.ts";
import { encodeId } from "../store/keys.ts";
import type { TutorStore } from "../store/store.ts";
import type { Invoker } from "../tutor-api.ts";
import { answerPrefix, dailySessionKeyOf, LIVE_TTL_MS, sessionKeyOf } from "./keys.ts";
import { LiveAnswerSchema, type LiveSession, LiveSessionSchema } from "./records.ts";
import type { Tally } from "./tally.ts";
import { letter } from "./view.ts";

export const ROUND_CLOSED =
  "This question has closed, so your click changed nothing. Watch for the next one!";
const NOT_HERE =
  "That live round isn't running in this channel (it may have ended, or the button is from elsewhere). Nothing was recorded.";
/** How long a click that raced the close waits to learn whether it was counted. */
const RACE_WAIT_MS = 1_500;
const RACE_POLL_MS = 100;

/**
 * One student's click on a live round: taken once (the first click wins, across processes), while
 * the round is open, and acknowledged privately without saying whether it is right.
 */
export interface AnswerDeps {
  store: TutorStore;
  clock: () => Date;
  tally: Tally;
  shown: (session: LiveSession, index: number) => ShownQuestion | undefined;
}

export async function answerLive(
  { store, clock, tally, shown: showOf }: AnswerDeps,
  who: Invoker,
  click: { sessionId: string; question: number; choice: number },
): Promise<Reply> {
  if (who.communityId === null || !who.channelId) return textReply(NOT_HERE);
  // The channel's live session, else its daily question (both may be open at once).
  let key = sessionKeyOf(who.platform, who.communityId, who.channelId);
  let session = await store.getClassRecord(key, LiveSessionSchema);
  if (session?.id !== click.sessionId) {
    key = dailySessionKeyOf(who.platform, who.communityId, who.channelId);
    session = await store.getClassRecord(key, LiveSessionSchema);
  }
  if (session?.id !== click.sessionId) return textReply(NOT_HERE);
  const shown = showOf(session, click.question);
  if (!shown || click.choice >= shown.choices.length) return textReply(NOT_HERE);
  const now = clock();
  if (!isOpen(session, click.question, now)) return textReply(ROUND_CLOSED);
  const answerKey = `${answerPrefix(session, click.question)}${encodeId(who.userId)}`;
  const first = await store.updateClassRecord(
    answerKey,
    LiveAnswerSchema,
    (current) =>
      current
        ? { result: current }
        : {
            next: {
              v: 1 as const,
              userId: who.userId,
              userName: who.userName,
              choice: click.choice,
              at: now.toISOString(),
            },
            result: undefined,
          },
    LIVE_TTL_MS,
  );
  if (first)
    return textReply(
      `You already answered: **${letter(first.choice)}** stays locked in (your first click counts).`,
    );
  const locked = textReply(
    `Locked in: **${letter(click.choice)}**. The answer shows when the question closes.`,
  );
  // Written before the round was marked closing: the count that follows the mark will see it.
  const after = await store.getClassRecord(key, LiveSessionSchema);
  if (after?.id === session.id && after.index === click.question && after.state === "open") {
    tally.count(session.id, click.question);
    return locked;
  }
  return (await countedInRace(store, key, session, click.question, who.userId))
    ? locked
    : textReply(ROUND_CLOSED);
}

function isOpen(session: LiveSession, question: number, now: Date): boolean {
  return session.state === "open" && session.index === question && now < new Date(session.deadline);
}

/** The round closed as the answer was written: waits for the count and says truly whether it was in it. */
async function countedInRace(
  store: TutorStore,
  key: string,
  session: LiveSession,
  question: number,
  userId: string,
): Promise<boolean> {
  const started = performance.now();
  while (performance.now() - started < RACE_WAIT_MS) {
    const current = await store.getClassRecord(key, LiveSessionSchema);
    if (current?.id !== session.id) return false;
    const result = current.results[question];
    if (result) return result.voters.includes(userId);
    await new Promise((resolve) => setTimeout(resolve, RACE_POLL_MS));
  }
  return false;
}
