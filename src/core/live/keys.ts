import { classKeyIn, scopeOf } from "../store/keys.ts";
import type { Platform } from "../tutor-api.ts";
import type { LiveSession } from "./records.ts";

/**
 * A session (and its answers) is forgotten three days after its last change: long enough for a
 * daily question, open a day, to be closed and shown with the next day's post.
 */
export const LIVE_TTL_MS = 3 * 86_400_000;
/** Points for a correct answer: BASE, plus up to SPEED more the sooner it came (linear in time left). */
export const POINTS = { base: 500, speed: 500 } as const;
/** A round left "closing" this long after its deadline is counted again by whoever finds it. */
export const STALE_CLOSING_MS = 10_000;
/** Where a session lives: one per channel. */
export function sessionKeyOf(platform: Platform, communityId: string, channelId: string): string {
  return classKeyIn(scopeOf(platform, communityId), "live", channelId);
}

/** Where a channel's daily question lives: beside its live session, so it never blocks /live there. */
export function dailySessionKeyOf(platform: Platform, communityId: string, channelId: string): string {
  return classKeyIn(scopeOf(platform, communityId), "daily-question", channelId);
}

export function answerPrefix(session: LiveSession, index: number): string {
  return classKeyIn(scopeOf(session.platform, session.communityId), "live-answer", `${session.id}.${index}.`);
}

/** The points a correct answer given at `at` earns. */
export function pointsFor(session: LiveSession, at: Date): number {
  const total = session.seconds * 1000;
  const left = Math.min(total, Math.max(0, new Date(session.deadline).getTime() - at.getTime()));
  return POINTS.base + Math.round((POINTS.speed * left) / total);
}
