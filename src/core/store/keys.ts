import type { Invoker, Platform } from "../tutor-api.ts";

/**
 * Key layout. Everything a student owns is keyed by platform + community + user, so one community
 * never reads another's data and two students never write the same key.
 */

/** Keyv namespaces. Keyv's clear() and the SQLite iterator use them in LIKE patterns: no `_` or `%`. */
export const NAMESPACES = {
  sessions: "descent-sessions",
  progress: "descent-progress",
  answers: "descent-answers",
  classes: "descent-classes",
} as const;

const SAFE_NAMESPACE = /^[a-z][a-z0-9-]*$/;

/** Throws if a namespace could act as a LIKE wildcard or collide with another. */
export function assertSafeNamespace(namespace: string): string {
  if (!SAFE_NAMESPACE.test(namespace)) {
    throw new Error(
      `Keyv namespace "${namespace}" must match ${SAFE_NAMESPACE} (no _ or %, which are LIKE wildcards)`,
    );
  }
  return namespace;
}

/** Stands for "no community" (a DM); `@` cannot appear in an encoded id, so it cannot collide. */
const DIRECT_MESSAGES = "@dm";

/** Ids go into keys as-is when plain; anything else is `~hex` so `/`, `:`, `%` and `_` never appear. */
export function encodeId(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]/g, (char) => `~${char.codePointAt(0)?.toString(16)}~`);
}

/** The community a record belongs to: `discord.1234` or `slack.T01AB`. */
export function scopeOf(platform: Platform, communityId: string | null): string {
  return `${platform}.${communityId === null ? DIRECT_MESSAGES : encodeId(communityId)}`;
}

/** The scope of whoever is asking. */
export function scopeOfInvoker(who: Invoker): string {
  return scopeOf(who.platform, who.communityId);
}

/** A student's progress record in one community. */
export function progressKey(who: Invoker): string {
  return `${scopeOfInvoker(who)}/${encodeId(who.userId)}`;
}

/** The prefix shared by every progress record of a community (for its leaderboard). */
export function progressPrefix(scope: string): string {
  return `${scope}/`;
}

/** A quiz session, found only from the community it was started in. */
export function sessionKey(who: Invoker, sessionId: string): string {
  return `${scopeOfInvoker(who)}/${sessionId}`;
}

/** A student's answer log in one community (same key shape as progress, another namespace). */
export function answersKey(who: Pick<Invoker, "platform" | "communityId" | "userId">): string {
  return `${scopeOf(who.platform, who.communityId)}/${encodeId(who.userId)}`;
}

/** A record a whole community shares (its class settings, a channel's live session): `scope/kind/id`. */
export function classKey(who: Invoker, kind: string, id: string): string {
  return classKeyIn(scopeOfInvoker(who), kind, id);
}

/** classKey for a community known by its scope (work no one is asking for, such as a timer). */
export function classKeyIn(scope: string, kind: string, id: string): string {
  return `${scope}/${kind}/${encodeId(id)}`;
}
