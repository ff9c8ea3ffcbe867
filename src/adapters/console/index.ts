import os from "node:os";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { readTypedLine, runTypedLine } from "../../core/command-line.ts";
import { invoker } from "../../core/invoker.ts";
import type { Logger } from "../../core/logger.ts";
import { GENERIC_FAILURE, type Reply, type ReplyButton } from "../../core/reply.ts";
import type { Invoker, Tutor } from "../../core/tutor-api.ts";
import { formatReply, styleMarkdown } from "./format.ts";
import { ImageFolder } from "./images.ts";

export interface ConsoleOptions {
  tutor: Tutor;
  logger: Logger;
  /** Folder the images are written to; their paths are printed. */
  outDir: string;
  /** Where the log goes, named when something fails. */
  logFile?: string;
  input?: Readable;
  output?: Writable;
  /** Who is studying; default the OS user in the "local" community. */
  who?: Invoker;
}

/** The terminal student: the OS user name, in one local community. */
export function localInvoker(): Invoker {
  const name = safeUserName();
  return { ...invoker("console", { userId: name, communityId: "local" }), channelId: TERMINAL_CHANNEL };
}

function safeUserName(): string {
  try {
    return os.userInfo().username || "student";
  } catch {
    return "student";
  }
}

/** The terminal's one "channel", where live rounds are printed. */
export const TERMINAL_CHANNEL = "terminal";

const WELCOME =
  "Descent in the terminal. Type /help, /lesson gd or /quiz final; answer with a number; quit with /quit or Ctrl+D.";
const QUIT = new Set(["/quit", "/exit", "quit", "exit"]);

/**
 * Runs terminal mode until /quit or the end of input (so a pipe never hangs):
 * slash commands as typed text, buttons as numbers, images written to `outDir`.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const who = options.who ?? localInvoker();
  const outputIsTerminal = Boolean((output as { isTTY?: boolean }).isTTY);
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY && outputIsTerminal);
  // Styles only on a terminal screen (a pipe into the tutor still prints to one); NO_COLOR turns them off.
  const color = outputIsTerminal && !process.env.NO_COLOR;
  const commandNames = options.tutor.commands.map((declaration) => declaration.name);
  const names = commandNames.map((name) => `/${name}`);
  const print = (text: string) => output.write(`${text}\n`);
  /** A message of the tutor's own (Markdown), styled like a reply. */
  const say = (text: string) => print(styleMarkdown(text, color));
  const images = new ImageFolder(options.outDir);
  let choices: ReplyButton[] = [];
  /** The buttons of the live round on screen: numbers click them when the last reply has none. */
  let roundChoices: ReplyButton[] = [];

  /** Prints a reply; when it only leads on (a quiz's feedback), goes straight on to the next one. */
  const show = async (reply: Reply) => {
    const saved = await images.save(reply.images);
    const view = formatReply(reply, saved, color, await images.saveFiles(reply.files ?? []));
    choices = view.choices;
    print(`\n${view.text}\n`);
    if (reply.advance) await show(await options.tutor.click(reply.advance, who));
  };
  /** Live rounds post and edit by printing: the terminal is the channel. */
  const showRound = async (reply: Reply) => {
    await show(reply);
    roundChoices = choices;
  };

  // Live rounds and the daily question print into the terminal (a daily question due since the last
  // session prints at once); connected before input is read, so no typed line arrives meanwhile.
  let posted = 0;
  await options.tutor.connect?.("console", {
    post: async (_channel, reply) => {
      await showRound(reply);
      posted += 1;
      return { channelId: TERMINAL_CHANNEL, messageId: String(posted) };
    },
    edit: async (_message, reply) => showRound(reply),
  });
  const rl = readline.createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    completer: (line: string) => [names.filter((name) => name.startsWith(line)), line],
  });
  // Ctrl+C at the prompt quits like Ctrl+D (readline would otherwise only pause the input).
  rl.on("SIGINT", () => rl.close());
  print(WELCOME);
  if (interactive) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (QUIT.has(line.toLowerCase())) break;
    try {
      await handleLine(line);
    } catch (error) {
      options.logger.error({ err: error, line }, "terminal command failed");
      print(`${GENERIC_FAILURE} The details are in ${options.logFile ?? "the log"}.`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();

  async function handleLine(line: string): Promise<void> {
    if (line === "") return;
    if (/^\d+$/.test(line)) {
      const offered = choices.length > 0 ? choices : roundChoices;
      const button = offered[Number(line) - 1];
      if (!button) {
        print(
          offered.length
            ? `Choose a number from 1 to ${offered.length}.`
            : "Nothing to choose right now. Type /help.",
        );
        return;
      }
      print(`> ${button.label}`);
      await show(await options.tutor.click(button.id, who));
      return;
    }
    const typed = readTypedLine(options.tutor.commands, line);
    // A hint keeps the choices on screen, so a mistyped line does not lose the quiz's buttons.
    if (!typed.ok) say(typed.reply.text);
    else await show(await runTypedLine(options.tutor, typed, who));
  }
}
