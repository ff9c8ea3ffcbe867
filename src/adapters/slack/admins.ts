import type { webApi } from "@slack/bolt";
import { LRUCache } from "lru-cache";
import type { Logger } from "../../core/logger.ts";

/** People whose owner/admin standing is remembered. */
const ADMIN_CACHE_MAX = 5_000;
/** How long an answer is trusted: a demoted admin loses instructor rights within this time. */
export const ADMIN_CACHE_TTL_MS = 5 * 60_000;

/**
 * Whether a Slack user is a workspace owner or admin (users.info, scope users:read). Asked only when
 * a command needs an instructor, and remembered for a few minutes: users.info is rate-limited (Tier 4).
 */
export class WorkspaceAdmins {
  readonly #known = new LRUCache<string, boolean>({ max: ADMIN_CACHE_MAX, ttl: ADMIN_CACHE_TTL_MS });

  constructor(private readonly logger: Logger) {}

  async check(client: webApi.WebClient, userId: string): Promise<boolean> {
    const known = this.#known.get(userId);
    if (known !== undefined) return known;
    try {
      const { user } = await client.users.info({ user: userId });
      const admin = user?.is_owner === true || user?.is_admin === true || user?.is_primary_owner === true;
      this.#known.set(userId, admin);
      return admin;
    } catch (error) {
      // Without the answer nobody is treated as an admin; the refusal says who can, and a retry asks again.
      this.logger.warn({ err: error, user: userId }, "users.info failed; treating the user as not an admin");
      return false;
    }
  }
}
