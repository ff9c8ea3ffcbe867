import type { webApi } from "@slack/bolt";
import { LRUCache } from "lru-cache";

/** Students whose DM channel id is remembered; one conversations.open each after that. */
const DM_CACHE_MAX = 10_000;

/**
 * Each student's direct-message channel with the app (conversations.open, scope im:write). The id
 * never changes, so it is remembered: conversations.open is rate-limited per workspace (Tier 3),
 * and a class answering quizzes would otherwise call it on every picture.
 */
export class DmChannels {
  readonly #ids = new LRUCache<string, string>({ max: DM_CACHE_MAX });

  async of(client: webApi.WebClient, userId: string): Promise<string> {
    const known = this.#ids.get(userId);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    this.#ids.set(userId, id);
    return id;
  }
}
