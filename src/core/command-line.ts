import { distance } from "fastest-levenshtein";
import { subcommandAsCommand, usage } from "./options.ts";
import { quoteInput } from "./text.ts";
import type { CommandDeclaration, OptionValues, SubcommandDeclaration } from "./tutor-api.ts";

/** The result of reading a typed command line. */
export type ParsedCommandText =
  | { ok: true; options: OptionValues }
  | { ok: false; error: string; usage: string };

/** Splits on spaces, keeping "double quoted" runs together (quotes removed). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    tokens.push(match[1] ?? match[2] ?? "");
  }
  return tokens;
}

/**
 * Reads the text after a slash command, as Slack and the terminal deliver it:
 * `rosenbrock adam,momentum lr=0.01`. Values fill options in declared order; `name=value` or
 * `name:value` sets one by name. Numbers stay strings here; the tutor validates them.
 */
export function parseCommandText(declaration: CommandDeclaration, text: string): ParsedCommandText {
  let tokens = tokenize(text);
  if (tokens[0]?.toLowerCase() === `/${declaration.name}`) tokens = tokens.slice(1);
  if (declaration.subcommands?.length) return parseSubcommand(declaration, declaration.subcommands, tokens);
  const options: OptionValues = {};
  const positional: string[] = [];
  const names = new Map(declaration.options.map((option) => [option.name.toLowerCase(), option.name]));
  for (const token of tokens) {
    const named = /^([A-Za-z][\w-]*)[=:](.*)$/.exec(token);
    const name = named && names.get((named[1] ?? "").toLowerCase());
    if (named && name) {
      if (options[name] !== undefined) return failure(declaration, `**${name}** is given twice.`);
      options[name] = named[2] ?? "";
    } else {
      positional.push(token);
    }
  }
  const free = declaration.options.filter((option) => options[option.name] === undefined);
  if (positional.length > free.length) {
    const extra = positional.slice(free.length).join(" ");
    return failure(declaration, `I don't know what to do with ${quoteInput(extra)}.`);
  }
  positional.forEach((value, index) => {
    const option = free[index];
    if (option) options[option.name] = value;
  });
  return { ok: true, options };
}

/** `/live start adam 20`: the first word picks the subcommand, the rest are its options. */
function parseSubcommand(
  declaration: CommandDeclaration,
  subcommands: readonly SubcommandDeclaration[],
  tokens: string[],
): ParsedCommandText {
  const [first = "", ...rest] = tokens;
  const sub = subcommands.find((candidate) => candidate.name === first.toLowerCase());
  // An unknown or missing subcommand goes to the tutor, which lists the ones there are.
  if (!sub) return { ok: true, options: first ? { subcommand: first } : {} };
  const parsed = parseCommandText(subcommandAsCommand(declaration, sub), rest.map(quoteToken).join(" "));
  return parsed.ok ? { ok: true, options: { ...parsed.options, subcommand: sub.name } } : parsed;
}

/** A token as typed again, so re-tokenizing gives it back whole. */
function quoteToken(token: string): string {
  return /\s/.test(token) ? `"${token}"` : token;
}

function failure(declaration: CommandDeclaration, error: string): ParsedCommandText {
  return { ok: false, error, usage: usage(declaration) };
}

/** Splits "/lesson adam" into the command name and the rest; undefined if it is not a slash command. */
export function splitCommandLine(line: string): { name: string; rest: string } | undefined {
  const match = /^\/([A-Za-z][\w-]*)\s*(.*)$/s.exec(line.trim());
  return match ? { name: (match[1] ?? "").toLowerCase(), rest: match[2] ?? "" } : undefined;
}

/** Typos tolerated when guessing a command: one per three letters, at least one ("quizz", "lesosn"). */
function tolerance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/** The command a mistyped word most likely meant: a close spelling or the start of a name. */
export function nearestCommand(names: readonly string[], word: string): string | undefined {
  const typed = word.toLowerCase();
  if (typed.length === 0) return undefined;
  const ranked = names
    .map((name) => ({ name, cost: typed.length >= 3 && name.startsWith(typed) ? 0 : distance(typed, name) }))
    .sort((a, b) => a.cost - b.cost);
  const best = ranked[0];
  return best && best.cost <= tolerance(typed) ? best.name : undefined;
}

/**
 * The answer to a typed line that runs no command (`/quizz adam`, `help`): the nearest command with
 * the rest of the line ("Did you mean `/quiz adam`?"), else the list of commands.
 */
export function unknownCommandText(names: readonly string[], line: string): string {
  const [, slash = "", word = "", rest = ""] = /^(\/?)(\S*)\s*(.*)$/s.exec(line.trim()) ?? [];
  const guess = nearestCommand(names, word);
  const opening = slash ? `I don't know ${quoteInput(`/${word}`)}.` : "Commands start with a slash.";
  if (guess) return `${opening} Did you mean ${quoteInput(`/${guess} ${rest}`.trim())}?`;
  return `${opening} Try one of: ${names.map((name) => `/${name}`).join(", ")}.`;
}
