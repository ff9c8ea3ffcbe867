import type { CommandContext, ValidOptions } from "../../src/core/command.ts";
import { requireInstructor } from "../../src/core/instructors.ts";
import { type Reply, textReply } from "../../src/core/reply.ts";
import type { SubcommandDeclaration } from "../../src/core/tutor-api.ts";
import { UserError } from "../../src/core/user-error.ts";

/** `/class daily <HH:MM> [timezone] [#channel]` and `/class daily off`: the daily question. */

export const DAILY_SUBCOMMAND: SubcommandDeclaration = {
  name: "daily",
  description: "Post a question in a channel every day at a time, or `off` to stop",
  options: [
    { name: "time", description: "HH:MM (24 h), or off", type: "string", required: true },
    {
      name: "timezone",
      description: "IANA time zone, e.g. Europe/Berlin (default UTC)",
      type: "string",
      required: false,
    },
    {
      name: "channel",
      description: "Where it posts (default: this channel)",
      type: "channel",
      required: false,
    },
  ],
};

/** When the daily question posts next, in the zone it was set in and in UTC. */
export function describeNext(time: string, timezone: string, nextAt: string): string {
  const utc = nextAt.replace("T", " ").slice(0, 16);
  return `every day at ${time} (${timezone}); next post ${utc} UTC`;
}

/** Discord shows `<#id>` as the channel's name; Slack's adapter escapes `<`, so there the id shows as code. */
export const channelName = (who: { platform: string }, id: string) =>
  who.platform === "discord" ? `<#${id}>` : `\`${id}\``;

export async function daily(options: ValidOptions, { who, services }: CommandContext): Promise<Reply> {
  await requireInstructor(who, services, "set the daily question");
  const time = String(options.time);
  if (time.toLowerCase() === "off") {
    const was = await services.daily.off(who);
    services.logger.info({ community: who.communityId, by: who.userId }, "daily question turned off");
    if (was) await services.classSettings.update(who, (settings) => settings, "daily question turned off");
    return textReply(
      was
        ? "The daily question is off. Today's question, if one is up, stays open until its day is over."
        : "The daily question was already off; nothing changed.",
    );
  }
  const channelId = options.channel === undefined ? who.channelId : String(options.channel);
  if (who.communityId === null || !channelId)
    throw new UserError("The daily question posts in a server or workspace channel: run this there.");
  const timezone = options.timezone === undefined ? "UTC" : String(options.timezone);
  const schedule = await services.daily.set(
    { ...who, communityId: who.communityId, channelId },
    time,
    timezone,
  );
  services.logger.info(
    { community: who.communityId, by: who.userId, channel: channelId, time, timezone },
    "daily question set",
  );
  // Logged with the class settings' other changes, so `/class settings` shows who set it.
  await services.classSettings.update(
    who,
    (settings) => settings,
    `daily question set to ${schedule.time} (${schedule.timezone}) in ${channelName(who, channelId)}`,
  );
  return textReply(
    `The daily question posts in ${channelId === who.channelId ? "this channel" : channelName(who, channelId)} ${describeNext(schedule.time, schedule.timezone, schedule.nextAt)}. ` +
      "Each is open for 24 hours, and the next day's post shows how the class answered. `/class daily off` stops it.",
  );
}
