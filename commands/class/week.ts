import { buttonId, FIELD_OF, FIELDS, onButton, ownerOf } from "../../src/core/buttons.ts";
import type { CommandContext, ValidOptions } from "../../src/core/command.ts";
import { requireInstructor } from "../../src/core/instructors.ts";
import { type Reply, textReply } from "../../src/core/reply.ts";
import {
  checkWeek,
  DEFAULT_WEEK,
  describeWeek,
  parseWeekDay,
  type WeekSettings,
} from "../../src/core/services.ts";
import type { CommandOption, SubcommandDeclaration } from "../../src/core/tutor-api.ts";

/** The weekly board's settings (`/class settings week-timezone: week-day:`) and `/class reset-week`. */

export const WEEK_OPTIONS: CommandOption[] = [
  {
    name: "week-timezone",
    description: "Weekly board: IANA time zone it resets in, e.g. America/New_York",
    type: "string",
    required: false,
  },
  {
    name: "week-day",
    description: "Weekly board: the day it resets (at 00:00)",
    type: "string",
    required: false,
    choices: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day) => ({
      name: `${day[0]?.toUpperCase()}${day.slice(1)}`,
      value: day,
    })),
  },
];

export const RESET_WEEK_SUBCOMMAND: SubcommandDeclaration = {
  name: "reset-week",
  description: "Clear the weekly leaderboard now (asks you to confirm; all-time points stay)",
  options: [],
};

/** A confirmation is good this long, and only while nobody else cleared the board meanwhile. */
export const CONFIRM_SECONDS = 300;

const seconds = FIELD_OF.number(/^\d{1,11}$/, 0, 99_999_999_999);
/** Confirm button: who asked (ownerOf), when (unix s), and the board's clearedAt then (unix s, 0 for never). */
const RESET_WEEK_BUTTON = buttonId("rw", { owner: FIELDS.owner, asked: seconds, cleared: seconds });

const clearedSeconds = (week: WeekSettings | undefined) =>
  week?.clearedAt ? Math.floor(Date.parse(week.clearedAt) / 1000) : 0;

/** Changes the week's zone and/or day, when either option is given; undefined when neither is. */
export async function changeWeek(
  options: ValidOptions,
  { who, services }: CommandContext,
): Promise<string | undefined> {
  const zone = options["week-timezone"];
  const day = options["week-day"];
  if (zone === undefined && day === undefined) return undefined;
  await requireInstructor(who, services, "change the class settings");
  const current = (await services.classSettings.of(who)).week ?? DEFAULT_WEEK;
  // Validate before writing: bad input changes nothing.
  const wanted = checkWeek({
    ...current,
    ...(zone !== undefined && { timezone: String(zone) }),
    ...(day !== undefined && { day: parseWeekDay(String(day)) }),
  });
  const what = `weekly board resets ${describeWeek(wanted)}`;
  await services.classSettings.update(
    who,
    (settings) => ({
      ...settings,
      week: { ...(settings.week ?? DEFAULT_WEEK), ...wanted, clearedAt: settings.week?.clearedAt },
    }),
    what,
  );
  services.logger.info({ community: who.communityId, by: who.userId, week: wanted }, "weekly board changed");
  return `Saved: the ${what}.`;
}

export async function resetWeek({ who, services }: CommandContext): Promise<Reply> {
  await requireInstructor(who, services, "clear the weekly leaderboard");
  const { week } = await services.classSettings.of(who);
  const asked = Math.floor(services.clock().getTime() / 1000);
  const id = RESET_WEEK_BUTTON.encode({ owner: ownerOf(who), asked, cleared: clearedSeconds(week) });
  return textReply(
    `Clear this week's leaderboard for everyone? Points from now on count as a new week until the next reset (${describeWeek(week)}); all-time points stay. The button works for you for ${CONFIRM_SECONDS / 60} minutes.`,
    { buttons: [[{ id, label: "Clear the weekly board", style: "danger" }]], private: true },
  );
}

export const RESET_WEEK_ROUTE = onButton(RESET_WEEK_BUTTON, async (click, { who, services }) => {
  if (click.owner !== ownerOf(who))
    return textReply("Only the instructor who asked can confirm this. Run `/class reset-week` yourself.", {
      private: true,
    });
  await requireInstructor(who, services, "clear the weekly leaderboard");
  const now = services.clock();
  if (now.getTime() / 1000 - click.asked > CONFIRM_SECONDS)
    return textReply("That confirmation has expired; nothing was cleared. Run `/class reset-week` again.", {
      private: true,
      replaceOriginal: true,
    });
  let stale = false;
  await services.classSettings.update(
    who,
    (settings) => {
      // Cleared by someone else since this button was made: this click is stale.
      stale = clearedSeconds(settings.week) !== click.cleared;
      return stale
        ? undefined
        : { ...settings, week: { ...(settings.week ?? DEFAULT_WEEK), clearedAt: now.toISOString() } };
    },
    "weekly board cleared",
  );
  if (stale)
    return textReply("The weekly board was cleared again since you asked; nothing more was cleared.", {
      private: true,
      replaceOriginal: true,
    });
  services.logger.info({ community: who.communityId, by: who.userId }, "weekly board cleared");
  return textReply("The weekly leaderboard is cleared: quizzes finished from now on count for this week.", {
    private: true,
    replaceOriginal: true,
  });
});
