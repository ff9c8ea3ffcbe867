import { defineCommand } from "../src/core/command.ts";
import { INSTRUCTORS_MAX, requireInstructor, requireManager } from "../src/core/instructors.ts";
import { textReply } from "../src/core/reply.ts";
import type { ClassSettings } from "../src/core/services.ts";
import type { CommandDeclaration, Invoker } from "../src/core/tutor-api.ts";
import { UserError } from "../src/core/user-error.ts";
import { runTeacherSubcommand, TEACHER_SUBCOMMANDS } from "./class/teacher.ts";
import { RESET_WEEK_ROUTE } from "./class/week.ts";

export const declaration: CommandDeclaration = {
  name: "class",
  description: "For instructors: class report, gradebook export, settings, who runs live rounds",
  options: [],
  subcommands: [
    {
      name: "instructor-role",
      description: "Members with this role may run the class (Manage Server only; leave empty to clear)",
      options: [{ name: "role", description: "The instructors' role", type: "role", required: false }],
    },
    {
      name: "instructors",
      description: "Add, remove or list people who may run the class (admins change it)",
      options: [
        {
          name: "action",
          description: "What to do",
          type: "string",
          required: true,
          choices: [
            { name: "Add", value: "add" },
            { name: "Remove", value: "remove" },
            { name: "List", value: "list" },
          ],
        },
        { name: "user", description: "The person (for add and remove)", type: "user", required: false },
      ],
    },
    ...TEACHER_SUBCOMMANDS,
  ],
  // The report draws a picture and reads the whole class.
  slow: true,
  communityOnly: true,
  private: true,
};

/** How a user and a role are shown (both platforms turn these into names). */
/**
 * How a person or role is named back. Discord shows `<@id>` / `<@&id>` in an embed as the name
 * (without pinging: replies allow no mentions). Slack's adapter escapes `<` so that names typed by
 * students can never mention anyone, so there the id is shown as code.
 */
const userMention = (who: Invoker, id: string) => (who.platform === "discord" ? `<@${id}>` : `\`${id}\``);
const roleMention = (id: string) => `<@&${id}>`;

function listText(settings: ClassSettings, who: Invoker): string {
  const added = settings.instructors.length
    ? settings.instructors.map((id) => userMention(who, id)).join(", ")
    : "nobody added by hand yet";
  const role = settings.instructorRole ? `\nInstructor role: ${roleMention(settings.instructorRole)}.` : "";
  const platform =
    who.platform === "slack"
      ? "Workspace owners and admins are always instructors."
      : "Members with Manage Server are always instructors.";
  return `${platform}\nAdded instructors: ${added}.${role}`;
}

export default defineCommand({
  declaration,
  buttons: [RESET_WEEK_ROUTE],
  async execute(options, context) {
    const { who, services } = context;
    const teacher = await runTeacherSubcommand(options, context);
    if (teacher) return teacher;
    if (options.subcommand === "instructor-role") {
      await requireManager(who, "choose the instructor role");
      const role = options.role === undefined ? undefined : String(options.role);
      await services.classSettings.update(
        who,
        ({ instructorRole: _, ...rest }) => ({ ...rest, ...(role && { instructorRole: role }) }),
        role ? `instructor role set to ${roleMention(role)}` : "instructor role cleared",
      );
      services.logger.info({ community: who.communityId, by: who.userId, role }, "instructor role changed");
      return textReply(
        role
          ? `Members with ${roleMention(role)} are now instructors: they can run \`/live\` rounds.`
          : "No instructor role now: only members with Manage Server run the class.",
      );
    }
    const action = String(options.action);
    if (action === "list") {
      await requireInstructor(who, services, "see the instructor list");
      return textReply(listText(await services.classSettings.of(who), who));
    }
    await requireManager(who, "change who the instructors are");
    if (options.user === undefined)
      throw new UserError(`Name the person: \`/class instructors ${action} @name\`.`);
    const user = String(options.user);
    const settings = await services.classSettings.update(
      who,
      (current) => {
        const without = current.instructors.filter((id) => id !== user);
        if (action === "remove")
          return without.length === current.instructors.length
            ? undefined
            : { ...current, instructors: without };
        if (current.instructors.includes(user)) return undefined;
        if (current.instructors.length >= INSTRUCTORS_MAX) {
          throw new UserError(
            `A class can add at most ${INSTRUCTORS_MAX} instructors by hand; remove one first.`,
          );
        }
        return { ...current, instructors: [...current.instructors, user] };
      },
      `${action === "remove" ? "removed" : "added"} instructor ${userMention(who, user)}`,
    );
    services.logger.info({ community: who.communityId, by: who.userId, action, user }, "instructors changed");
    const now = settings.instructors.includes(user);
    return textReply(
      `${userMention(who, user)} ${now ? "is an instructor" : "is not an added instructor"} now.\n${listText(settings, who)}`,
    );
  },
});
