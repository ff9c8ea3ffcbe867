import { defineCommand } from "../src/core/command.ts";
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

export default defineCommand({
  declaration,
  async execute() {
    return textReply(HELP_LINES.join("\n"), { title: "Descent" });
  },
});
