import type { CommandContext, ValidOptions } from "../../src/core/command.ts";
import { requireInstructor } from "../../src/core/instructors.ts";
import type { Reply, ReplyFile } from "../../src/core/reply.ts";
import { buildReport } from "../../src/core/report/aggregate.ts";
import { answersCsv, gradebookCsv } from "../../src/core/report/gradebook.ts";
import { reportPicture, reportText } from "../../src/core/report/present.ts";
import { describeWeek } from "../../src/core/services.ts";
import { escapeName, plural, quoteInput } from "../../src/core/text.ts";
import type { CommandOption, SubcommandDeclaration } from "../../src/core/tutor-api.ts";
import { UserError } from "../../src/core/user-error.ts";
import { channelName, DAILY_SUBCOMMAND, daily, describeNext } from "./daily.ts";
import { changeWeek, RESET_WEEK_SUBCOMMAND, resetWeek, WEEK_OPTIONS } from "./week.ts";

/** `/class report`, `/class export` and `/class settings`: what an instructor sees and takes away. */

/**
 * Largest file handed over in chat: under Discord's 10 MiB upload limit for bots, with room for the
 * request around it. A term's gradebook is a few KB; only a huge answer log comes near it.
 */
export const CHAT_FILE_MAX_BYTES = 8_000_000;

const lessonOption: CommandOption = {
  name: "lesson",
  description: "Only this lesson (id, e.g. adam)",
  type: "string",
  required: false,
};

export const TEACHER_SUBCOMMANDS: SubcommandDeclaration[] = [
  {
    name: "report",
    description: "What the class knows: activity, lessons passed, hardest questions, misconceptions",
    options: [lessonOption],
  },
  {
    name: "export",
    description: "The gradebook (or the answer log) as a CSV file, only for you",
    options: [
      {
        name: "what",
        description: "gradebook (one row per student, default) or answers (one row per answer)",
        type: "string",
        required: false,
        choices: [
          { name: "Gradebook", value: "gradebook" },
          { name: "Answer log", value: "answers" },
        ],
      },
    ],
  },
  {
    name: "settings",
    description: "This class's settings: instructors, weekly board, daily question; change the weekly board",
    options: WEEK_OPTIONS,
  },
  DAILY_SUBCOMMAND,
  RESET_WEEK_SUBCOMMAND,
];

/** Runs a teacher subcommand, or returns undefined when `subcommand` is not one of them. */
export async function runTeacherSubcommand(
  options: ValidOptions,
  context: CommandContext,
): Promise<Reply | undefined> {
  switch (options.subcommand) {
    case "report":
      return report(options, context);
    case "export":
      return exportCsv(options, context);
    case "settings":
      return settings(options, context);
    case "reset-week":
      return resetWeek(context);
    case "daily":
      return daily(options, context);
    default:
      return undefined;
  }
}

async function report(options: ValidOptions, { who, services }: CommandContext): Promise<Reply> {
  await requireInstructor(who, services, "see the class report");
  const { catalogue } = services;
  const asked = options.lesson === undefined ? undefined : String(options.lesson);
  const lesson = asked === undefined ? undefined : catalogue.findLesson(asked);
  if (asked !== undefined && !lesson) {
    const ids = catalogue.lessons.map((candidate) => `\`${candidate.id}\``).join(", ");
    throw new UserError(`There is no lesson ${quoteInput(asked)}. Lessons: ${ids}.`);
  }
  const records = await services.classroom.records(who);
  const built = buildReport(catalogue, records, services.clock(), lesson?.id);
  const scope = lesson ? `Class report: ${lesson.title}` : "Class report";
  const picture = await services.renderer.classReport(reportPicture(built, scope));
  return {
    title: scope,
    text: reportText(built),
    footer: "Built from every recorded answer: personal quizzes, the final and live rounds.",
    images: [picture],
    buttons: [],
    private: true,
  };
}

async function exportCsv(options: ValidOptions, { who, services }: CommandContext): Promise<Reply> {
  await requireInstructor(who, services, "export the class's results");
  const records = await services.classroom.records(who);
  const answers = options.what === "answers";
  const day = services.clock().toISOString().slice(0, 10);
  const file: ReplyFile = answers
    ? {
        bytes: Buffer.from(answersCsv(services.catalogue, records), "utf8"),
        fileName: `answers-${day}.csv`,
        description: "Every recorded answer, one row each (UTF-8 CSV)",
      }
    : {
        bytes: Buffer.from(gradebookCsv(services.catalogue, records), "utf8"),
        fileName: `gradebook-${day}.csv`,
        description: "The gradebook, one row per student (UTF-8 CSV)",
      };
  if (file.bytes.length > CHAT_FILE_MAX_BYTES) {
    const size = (file.bytes.length / 1e6).toFixed(1);
    throw new UserError(
      `That file would be ${size} MB, more than a chat message can carry (${CHAT_FILE_MAX_BYTES / 1e6} MB). The bot's operator can write it with \`npm run -s cli -- export ${answers ? "answers" : "gradebook"} --community ${who.communityId}\`.`,
    );
  }
  const count = answers
    ? plural(
        records.answers.reduce((n, log) => n + log.attempts.reduce((m, a) => m + a.answers.length, 0), 0),
        "answer",
      )
    : plural(records.progress.length, "student");
  return {
    title: answers ? "Answer log" : "Gradebook",
    text: `${file.fileName}: ${count}. Times are UTC (ISO 8601); cells that would start a spreadsheet formula begin with \`'\`.`,
    images: [],
    files: [file],
    buttons: [],
    private: true,
  };
}

async function dailyLine({ who, services }: CommandContext): Promise<string> {
  const schedule = await services.daily.read(who);
  if (!schedule?.active) return "off";
  const by = `set by ${escapeName(schedule.setBy.userName)} on ${schedule.setBy.at.slice(0, 10)}`;
  return `${channelName(who, schedule.channelId)} ${describeNext(schedule.time, schedule.timezone, schedule.nextAt)}, ${by}`;
}

/** Changes listed by `/class settings`, newest first (the settings keep CHANGES_KEPT). */
const CHANGES_SHOWN = 5;

/** Discord shows `<@id>` as the name (replies ping no one); Slack's adapter escapes `<`, so there the id shows as code. */
const userMention = (who: { platform: string }, id: string) =>
  who.platform === "discord" ? `<@${id}>` : `\`${id}\``;

async function settings(options: ValidOptions, context: CommandContext): Promise<Reply> {
  const { who, services } = context;
  const saved = await changeWeek(options, context);
  await requireInstructor(who, services, "see the class settings");
  const current = await services.classSettings.of(who);
  const cleared = current.week?.clearedAt
    ? `; cleared ${current.week.clearedAt.slice(0, 16).replace("T", " ")} UTC`
    : "";
  const added = current.instructors.length
    ? current.instructors.map((id) => userMention(who, id)).join(", ")
    : "none";
  const lines = [
    `• **Instructor role:** ${current.instructorRole ? `<@&${current.instructorRole}>` : "none"} (\`/class instructor-role\`)`,
    `• **Added instructors:** ${added} (\`/class instructors\`)`,
    `• **Weekly leaderboard:** resets ${describeWeek(current.week)}${cleared} (\`week-timezone:\`, \`week-day:\`, \`/class reset-week\`)`,
    `• **Daily question:** ${await dailyLine(context)} (\`/class daily\`)`,
  ];
  const changes = current.changes
    .slice(-CHANGES_SHOWN)
    .reverse()
    .map(
      (change) =>
        `• ${change.at.slice(0, 16).replace("T", " ")} UTC, ${userMention(who, change.userId)}: ${change.what}`,
    );
  if (changes.length) lines.push("", "**Latest changes**", ...changes);
  if (saved) lines.unshift(saved, "");
  return { title: "Class settings", text: lines.join("\n"), images: [], buttons: [], private: true };
}
