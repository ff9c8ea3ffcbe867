import type { Catalogue } from "./content/types.ts";
import type { DailyService } from "./daily/service.ts";
import type { LiveService } from "./live/service.ts";
import type { Logger } from "./logger.ts";
import type { QuizEngine } from "./quiz/engine.ts";
import type { Renderer } from "./render/types.ts";
import type { Reply } from "./reply.ts";
import type {
  ClassService,
  ClassSettingsService,
  LeaderboardService,
  PracticeService,
  ProgressService,
} from "./services.ts";
import type { CommandDeclaration, Invoker, OptionChoice } from "./tutor-api.ts";

/** What every command and button handler may use. */
export interface TutorServices {
  catalogue: Catalogue;
  renderer: Renderer;
  /** The caller's own record (lessons seen, scores, streak). */
  progress: ProgressService;
  /** The community's boards. */
  leaderboard: LeaderboardService;
  /** The caller's spaced practice: what is due. */
  practice: PracticeService;
  /** Live class rounds (one per channel). */
  live: LiveService;
  /** The community's daily question (its schedule). */
  daily: DailyService;
  /** The community's class settings (instructors). */
  classSettings: ClassSettingsService;
  quiz: QuizEngine;
  /** The class's records, for instructors' reports and exports. */
  classroom: ClassService;
  logger: Logger;
  clock: () => Date;
  /** Every declared command (for /help). */
  commands: readonly CommandDeclaration[];
}

/** The caller and the services, handed to every handler. */
export interface CommandContext {
  who: Invoker;
  services: TutorServices;
}

/** Option values after validation: strings trimmed, numbers parsed and in range. */
export type ValidOptions = Record<string, string | number | undefined>;

/**
 * One kind of button a command answers, as the core routes it: the id's tag, and a parse-then-run
 * over any id with that tag. Declared with buttonId + onButton (buttons.ts).
 */
export interface ButtonRoute {
  readonly tag: string;
  /** Parses the id into the work to run, or undefined when it does not parse (the click is declined). */
  parse(id: string): ((context: CommandContext) => Promise<Reply>) | undefined;
}

/** One slash command: its declaration beside its handler (a file in commands/). */
export interface CommandModule {
  declaration: CommandDeclaration;
  execute(options: ValidOptions, context: CommandContext): Promise<Reply>;
  /** Suggestions for an option marked `autocomplete`. */
  autocomplete?(option: string, partial: string, context: CommandContext): OptionChoice[];
  /** The button kinds this command answers (tags unique across all commands). */
  buttons?: readonly ButtonRoute[];
}

/** Declares a command module (keeps the type checked where it is written). */
export function defineCommand(module: CommandModule): CommandModule {
  return module;
}
