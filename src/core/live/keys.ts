import { classKeyIn, scopeOf } from "../store/keys.ts";
import type { Platform } from "../tutor-api.ts";
import type { LiveSession } from "./records.ts";

/** A session is forgotten a day after its last change. */
export const LIVE_TTL_MS = 86_400_000;
/** Points for a correct answer: BASE, plus up to SPEED more the sooner it came (linear in time left). */
export const POINTS = { base: 500, speed: 500 } as const;
/** A round left "closing" this long after its deadline is counted again by whoever finds it. */
export const STALE_CLOSING_MS = 10_000;
/** Where a session lives: one per channel. */
export function sessionKeyOf(platform: Platform, communityId: string, channelId: string): string {
  return classKeyIn(scopeOf(platform, communityId), "live", channelId);
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
