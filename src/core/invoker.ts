import type { Invoker, Platform } from "./tutor-api.ts";

/** What a platform says about who is asking; any name may be missing or blank. */
export interface InvokerFacts {
  userId: string;
  /** The names the platform gave, best first (display name, then account name). */
  names?: readonly (string | null | undefined)[];
  /** Guild, workspace or "local"; missing or null in a direct message. */
  communityId?: string | null;
}

/** Who is asking: the first non-blank name given, else the user id, so no one is ever nameless. */
export function invoker(platform: Platform, facts: InvokerFacts): Invoker {
  const userName = facts.names?.find((name) => typeof name === "string" && name.trim() !== "");
  return {
    platform,
    userId: facts.userId,
    userName: userName ?? facts.userId,
    communityId: facts.communityId ?? null,
  };
}
