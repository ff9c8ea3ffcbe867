import type { CommandModule } from "../src/core/command.ts";
import classCommand from "./class.ts";
import explore from "./explore.ts";
import help from "./help.ts";
import leaderboard from "./leaderboard.ts";
import lesson from "./lesson.ts";
import live from "./live.ts";
import practice from "./practice.ts";
import progress from "./progress.ts";
import quiz from "./quiz.ts";
import race from "./race.ts";
import recommend from "./recommend.ts";
import review from "./review.ts";

/** Every slash command, in the order /help and registration list them. The one list; nothing else keeps one. */
export const COMMANDS: readonly CommandModule[] = [
  lesson,
  quiz,
  review,
  practice,
  progress,
  leaderboard,
  race,
  explore,
  recommend,
  live,
  classCommand,
  help,
];
