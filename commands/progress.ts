import { defineCommand } from "../src/core/command.ts";
import { plural } from "../src/core/text.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { dueLine } from "./practice/summary.ts";

export const declaration: CommandDeclaration = {
  name: "progress",
  description: "Your lessons, quiz scores, streak and rank (only you see it)",
  options: [],
  private: true,
  home: true,
};

export default defineCommand({
  declaration,
  async execute(_options, { who, services }) {
    const { catalogue, quiz } = services;
    const record = await services.progress.of(who);
    const seen = catalogue.lessons.filter((lesson) => record.lessonsSeen.includes(lesson.id));
    const quizLines = Object.entries(record.quizzes).map(
      ([id, stats]) =>
        `• **${quiz.title(id)}**: best ${stats.best}/${stats.outOf}, latest ${stats.latest}/${stats.outOf} (${plural(stats.attempts, "attempt")})`,
    );
    let rank = "Only in a server or workspace.";
    if (who.communityId !== null) {
      const rows = await services.leaderboard.rows(who, "all");
      const own = rows.find((row) => row.userId === who.userId);
      rank = own
        ? `#${own.rank} of ${rows.length} here (${plural(own.points, "point")})`
        : "Not ranked yet: finish a quiz.";
    }
    const streak = services.progress.streak(record);
    const nextLesson = catalogue.lessons.find((lesson) => !record.lessonsSeen.includes(lesson.id));
    const text = [
      `**Lessons seen:** ${seen.length}/${catalogue.lessons.length}${seen.length ? `: ${seen.map((lesson) => lesson.title).join(", ")}` : ""}`,
      "",
      "**Quizzes:**",
      ...(quizLines.length
        ? quizLines
        : [`• None finished yet. Try \`/quiz ${catalogue.lessons[0]?.id ?? "final"}\`.`]),
    ];
    const practice = await services.practice.summary(who);
    text.push(
      "",
      `**Practice:** ${dueLine(practice, services.clock())}${practice.due > 0 ? " Use `/practice`." : ""}`,
    );
    if (practice.reminder !== "off")
      text.push(
        practice.reminder === "on"
          ? "Daily reminder on (`/practice remind off` stops it)."
          : "Daily reminder stopped: I could not message you privately. `/practice remind on` tries again.",
      );
    if (practice.misconceptions.length > 0)
      text.push(`Still open: ${practice.misconceptions.map((id) => `\`${id}\``).join(", ")}`);
    if (nextLesson) text.push("", `Next up: \`/lesson ${nextLesson.id}\` (${nextLesson.title}).`);
    return {
      title: "Your progress",
      text: text.join("\n"),
      fields: [
        {
          name: "Streak",
          value: streak > 0 ? `🔥 ${plural(streak, "day")}` : "No streak yet: study today to start one.",
          inline: true,
        },
        { name: "Rank", value: rank, inline: true },
        { name: "Answers given", value: String(record.answered), inline: true },
      ],
      images: [],
      buttons: [],
      private: true,
    };
  },
});
