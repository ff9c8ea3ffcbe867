import { defineCommand } from "../src/core/command.ts";
import { POINTS } from "../src/core/live/keys.ts";
import { textReply } from "../src/core/reply.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";

export const declaration: CommandDeclaration = {
  name: "help",
  description: "What Descent can do, in five lines",
  options: [],
  private: true,
};

/** Five lines, one per thing a student can do. */
export const HELP_LINES = [
  "**Descent** teaches how deep-learning optimizers work, from plain gradient descent to Adam.",
  "• `/lesson adam`: a short visual lesson; its buttons lead to the next lesson and to its quiz.",
  "• `/quiz adam` or `/quiz final`: answer with the buttons, see why, get your score; `/practice` brings back what you missed; `/review` shows every rule.",
  "• `/race rosenbrock sgd,adam`: race optimizers on a test function; `/recommend` picks one for your model.",
  "• `/progress` and `/leaderboard week`: your own record, and this community's top 10.",
];

/** For the teacher: live rounds, how they score, the class report and gradebook, and who may run them. */
export const INSTRUCTOR_HELP = [
  "`/live start adam 20 5`: one question at a time for the whole channel; everyone answers once with the buttons; at the deadline the class sees how it split and why each wrong answer is wrong. `/live next` moves on, `/live stop` ends with the standings.",
  `A correct answer scores ${POINTS.base}, plus up to ${POINTS.speed} more the sooner it came (all of it at once, none at the deadline); session points are separate from /leaderboard.`,
  "`/class report` shows what the class knows and misunderstands (`lesson:adam` for one lesson); `/class export` hands you the gradebook as a CSV file.",
  "Instructors: Manage Server (Discord) or workspace owners and admins (Slack), plus the role or people they add with `/class`.",
].join("\n");

export default defineCommand({
  declaration,
  async execute() {
    return textReply(HELP_LINES.join("\n"), {
      title: "Descent",
      fields: [{ name: "For instructors", value: INSTRUCTOR_HELP }],
    });
  },
});
