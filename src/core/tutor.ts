import { tagOf } from "./buttons.ts";
import type { ButtonRoute, CommandContext, CommandModule, TutorServices } from "./command.ts";
import type { Catalogue, Question } from "./content/types.ts";
import { DailyQuestions } from "./daily/questions.ts";
import { AUTOCOMPLETE_MAX, BUTTON_ID_MAX } from "./layout.ts";
import { LiveRounds } from "./live/rounds.ts";
import type { Logger } from "./logger.ts";
import { validateOptions } from "./options.ts";
import { QuizEngine } from "./quiz/engine.ts";
import type { Random } from "./random.ts";
import type { Renderer } from "./render/types.ts";
import { GENERIC_FAILURE, type Reply, type ReplyImage, textReply } from "./reply.ts";
import {
  classService,
  classSettingsService,
  leaderboardService,
  practiceService,
  progressService,
} from "./services.ts";
import type { TutorStore } from "./store/store.ts";
import { StoreUnavailableError } from "./store/unavailable.ts";
import { quoteInput } from "./text.ts";
import type { Invoker, OptionChoice, OptionValues, Tutor } from "./tutor-api.ts";
import { UserError } from "./user-error.ts";

export interface TutorOptions {
  /** The content, or a getter for it when content can be reloaded while running (see content/reload). */
  catalogue: Catalogue | (() => Catalogue);
  renderer: Renderer;
  store: TutorStore;
  logger: Logger;
  /** Defaults to the system clock; tests pin it. */
  clock?: () => Date;
  /** Defaults to Math.random; tests seed it to draw the same quiz. */
  random?: Random;
  /** The slash commands (commands/index.ts); the composition root passes them, the core owns none. */
  commands: readonly CommandModule[];
}

const UNKNOWN_BUTTON =
  "That button isn't one I recognise (it may be from an older message). Type `/help` to see what I can do.";
/** The store is down or slow and nothing was saved (nor can it land later); it recovers by itself. */
export const STORE_UNAVAILABLE =
  "The score keeper is unavailable, so nothing was saved — try again in a moment.";
/** A write was sent and its answer never came; its deadline has passed, so trying again shows the truth. */
export const STORE_UNSURE =
  "The score keeper stopped answering, so I can't tell whether that was saved. Try the same again in a moment: you'll see it if it was, and nothing counts twice.";

/** Builds the platform-neutral tutor: commands, buttons and autocomplete over the given services. */
export function createTutor(options: TutorOptions): Tutor {
  const modules = options.commands;
  const clock = options.clock ?? (() => new Date());
  const currentCatalogue =
    typeof options.catalogue === "function" ? options.catalogue : constant(options.catalogue);
  const declarations = modules.map((module) => module.declaration);
  // One for the process, whatever the catalogue: it holds the timers of open rounds.
  const live = new LiveRounds({
    store: options.store,
    catalogue: currentCatalogue,
    clock,
    random: options.random ?? Math.random,
    logger: options.logger,
    image: (shown) => questionPicture(options.renderer, options.logger, shown.question),
  });
  const daily = new DailyQuestions({
    store: options.store,
    catalogue: currentCatalogue,
    clock,
    random: options.random ?? Math.random,
    logger: options.logger,
    live,
  });
  /** Services over one catalogue; rebuilt only when a reload swapped the catalogue. */
  const servicesFor = (catalogue: Catalogue): TutorServices => ({
    catalogue,
    renderer: options.renderer,
    progress: progressService(options.store, clock),
    leaderboard: leaderboardService(options.store, clock),
    practice: practiceService(options.store, catalogue, clock),
    classroom: classService(options.store),
    classSettings: classSettingsService(options.store, clock),
    live,
    daily,
    logger: options.logger,
    clock,
    commands: declarations,
    quiz: new QuizEngine({
      catalogue,
      store: options.store,
      clock,
      random: options.random ?? Math.random,
      logger: options.logger,
    }),
  });
  let pinned = servicesFor(currentCatalogue());
  /** Each command or click sees one catalogue from start to end, even if a reload lands meanwhile. */
  const currentServices = (): TutorServices => {
    const catalogue = currentCatalogue();
    if (catalogue !== pinned.catalogue) pinned = servicesFor(catalogue);
    return pinned;
  };
  const byName = new Map(modules.map((module) => [module.declaration.name, module]));
  const buttonRoutes = new Map<string, ButtonRoute>();
  for (const route of modules.flatMap((module) => module.buttons ?? [])) {
    if (buttonRoutes.has(route.tag)) throw new Error(`two commands declare the button tag "${route.tag}"`);
    buttonRoutes.set(route.tag, route);
  }
  const logger = options.logger;

  /** User mistakes become a private message; anything else is logged with context and apologised for. */
  async function guarded(what: Record<string, unknown>, work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (error) {
      if (isUserMistake(error)) {
        logger.debug({ ...what, reason: error.message }, "user mistake");
        return textReply(error.message);
      }
      if (error instanceof StoreUnavailableError) {
        logger.warn({ ...what, reason: error.message, saved: error.saved }, "store unavailable");
        return textReply(error.saved === "nothing" ? STORE_UNAVAILABLE : STORE_UNSURE);
      }
      logger.error({ ...what, err: error }, "command failed");
      return textReply(GENERIC_FAILURE);
    }
  }

  return {
    commands: declarations,

    async connect(platform, outbound) {
      await live.connect(platform, outbound);
      // Daily questions due while the bot was down post now; the sweep then repeats.
      await daily.start();
    },
    shutdown() {
      live.shutdown();
      daily.shutdown();
    },
    async closeDue() {
      await live.closeDue();
      await daily.sweep();
    },

    async run(command: string, values: OptionValues, who: Invoker): Promise<Reply> {
      const module = byName.get(command);
      if (!module)
        return textReply(`I don't know ${quoteInput(`/${command}`)}. Type \`/help\` to see what I can do.`);
      if (module.declaration.communityOnly && who.communityId === null) {
        return textReply(`\`/${command}\` works in a server or workspace channel, not in a direct message.`);
      }
      const context: CommandContext = { who, services: currentServices() };
      return guarded({ command, platform: who.platform }, () =>
        module.execute(validateOptions(module.declaration, values), context),
      );
    },

    async click(buttonId: string, who: Invoker): Promise<Reply> {
      const tooLong = typeof buttonId !== "string" || buttonId.length > BUTTON_ID_MAX;
      const route = tooLong ? undefined : buttonRoutes.get(tagOf(buttonId));
      const work = route?.parse(buttonId);
      if (!route || !work) {
        logger.debug({ buttonId, platform: who.platform }, "declined button id");
        return textReply(UNKNOWN_BUTTON);
      }
      return guarded({ button: route.tag, platform: who.platform }, () =>
        work({ who, services: currentServices() }),
      );
    },

    async autocomplete(
      command: string,
      option: string,
      partial: string,
      who: Invoker,
    ): Promise<OptionChoice[]> {
      const module = byName.get(command);
      const options = [
        ...(module?.declaration.options ?? []),
        ...(module?.declaration.subcommands ?? []).flatMap((sub) => sub.options),
      ];
      const declared = options.find((candidate) => candidate.name === option);
      if (!module?.autocomplete || !declared?.autocomplete) return [];
      try {
        return module
          .autocomplete(option, partial, { who, services: currentServices() })
          .slice(0, AUTOCOMPLETE_MAX);
      } catch (error) {
        logger.error({ err: error, command, option }, "autocomplete failed");
        return [];
      }
    },
  };
}

/** A question's picture for a live round; a broken picture leaves the question as text. */
async function questionPicture(
  renderer: Renderer,
  logger: Logger,
  question: Question,
): Promise<ReplyImage | undefined> {
  if (!question.image) return undefined;
  try {
    return question.image.kind === "formulas"
      ? await renderer.formulaSheet(question.image.formulas)
      : await renderer.visual(question.image.spec);
  } catch (error) {
    logger.error({ err: error, question: question.id }, "question image failed to render");
    return undefined;
  }
}

function constant<T>(value: T): () => T {
  return () => value;
}

/** Our UserError, or a renderer error caused by the input (RenderError.isUserError). */
function isUserMistake(error: unknown): error is Error {
  return (
    error instanceof UserError ||
    (error instanceof Error && (error as { isUserError?: unknown }).isUserError === true)
  );
}
