import { defineCommand } from "../src/core/command.ts";
import { type BoardRow, describeDuration, LEADERBOARD_SIZE, type Period } from "../src/core/services.ts";
import { escapeName, plural } from "../src/core/text.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";

export const declaration: CommandDeclaration = {
  name: "leaderboard",
  description: "This community's top 10, and your own place",
  options: [
    {
      name: "period",
      description: "This week (resets Monday 00:00 UTC) or all time",
      type: "string",
      required: false,
      choices: [
        { name: "This week", value: "week" },
        { name: "All time", value: "all" },
      ],
    },
  ],
  communityOnly: true,
  home: true,
};

function line(row: BoardRow, callerId: string): string {
  const you = row.userId === callerId ? " ← you" : "";
  return `**${row.rank}.** ${escapeName(row.userName)}: ${plural(row.points, "point")}${you}`;
}

export default defineCommand({
  declaration,
  async execute(options, { who, services }) {
    const period: Period = options.period === "all" ? "all" : "week";
    const rows = await services.leaderboard.rows(who, period);
    const { top, own } = services.leaderboard.boardFor(rows, who.userId);
    const lines = top.map((row) => line(row, who.userId));
    if (own) lines.push("…", line(own, who.userId));
    if (rows.length === 0) {
      lines.push(
        period === "week"
          ? "Nobody has finished a quiz this week yet. Be the first: `/quiz adam`."
          : "Nobody has finished a quiz here yet. Be the first: `/quiz adam`.",
      );
    } else if (!rows.some((row) => row.userId === who.userId)) {
      lines.push("", "You're not on the board yet: finish a quiz to join.");
    }
    let footer = "Points: your best score on each quiz, added up.";
    if (period === "week") {
      const reset = await services.leaderboard.reset(who);
      const left = describeDuration(reset.next.getTime() - services.clock().getTime());
      footer = `The weekly board resets ${reset.rule} (in ${left}).`;
    }
    return {
      title:
        period === "week"
          ? `Leaderboard · this week (top ${LEADERBOARD_SIZE})`
          : `Leaderboard · all time (top ${LEADERBOARD_SIZE})`,
      text: lines.join("\n"),
      footer,
      images: [],
      buttons: [],
      private: false,
    };
  },
});
