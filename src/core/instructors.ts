import type { TutorServices } from "./command.ts";
import type { Invoker, Platform } from "./tutor-api.ts";
import { UserError } from "./user-error.ts";

/**
 * Who may run a class (live rounds, class reports): the instructors of a server or workspace.
 * Discord: members with Manage Server, or the role the server chose (`/class instructor-role`).
 * Slack: workspace owners and admins, or people an admin added (`/class instructors add @name`).
 * The terminal has one user, who is the instructor.
 */

/** Most people one community may add as instructors by hand (a role covers larger staffs). */
export const INSTRUCTORS_MAX = 50;

/** Who counts as an instructor, in the words each platform uses. */
const WHO_CAN: Record<Platform, string> = {
  discord:
    "members with the **Manage Server** permission, or with the instructor role a server manager chose with `/class instructor-role`",
  slack: "workspace owners and admins, or people an admin added with `/class instructors add @name`",
  console: "the person at the terminal",
};

/** Whether the platform itself counts the caller as running the community (the terminal's one user does). */
export async function canManageCommunity(who: Invoker): Promise<boolean> {
  if (who.platform === "console") return true;
  if (who.communityId === null) return false;
  return (await who.canManageCommunity?.()) ?? false;
}

/** Whether the caller may run a class here: a community manager, an added instructor, or a holder of the instructor role. */
export async function isInstructor(
  who: Invoker,
  services: Pick<TutorServices, "classSettings">,
): Promise<boolean> {
  if (who.platform === "console") return true;
  if (who.communityId === null) return false;
  const settings = await services.classSettings.of(who);
  if (settings.instructors.includes(who.userId)) return true;
  if (settings.instructorRole && who.roleIds?.includes(settings.instructorRole)) return true;
  return canManageCommunity(who);
}

/** Throws the private, friendly refusal unless the caller is an instructor. */
export async function requireInstructor(
  who: Invoker,
  services: Pick<TutorServices, "classSettings">,
  what: string,
): Promise<void> {
  if (await isInstructor(who, services)) return;
  throw new UserError(
    `Only instructors can ${what}. Here that means ${WHO_CAN[who.platform]}. Ask one of them if you'd like a class round.`,
  );
}

/** Throws a friendly refusal unless the platform counts the caller as running the community. */
export async function requireManager(who: Invoker, what: string): Promise<void> {
  if (await canManageCommunity(who)) return;
  const managers =
    who.platform === "slack"
      ? "workspace owners and admins"
      : "members with the **Manage Server** permission";
  throw new UserError(`Only ${managers} can ${what}.`);
}
