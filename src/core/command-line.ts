import { distance } from "fastest-levenshtein";
import { subcommandAsCommand } from "./options.ts";
import { type Reply, textReply } from "./reply.ts";
import { quoteInput } from "./text.ts";
import type { CommandDeclaration, Invoker, OptionValues, SubcommandDeclaration, Tutor } from "./tutor-api.ts";

/**
 * Typed command lines, read the same way wherever a student types one: the terminal, a Slack slash
 * command, and Slack's umbrella command (`/descent lesson adam`, one command for the whole tutor).
 */

/** The result of reading the words after a command's name. */
export type ParsedCommandText = { ok: true; options: OptionValues } | { ok: false; error: string };

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
  // An option with fixed choices may also be written as its name then its value: `remind on`.
  const withChoices = new Set(declaration.options.filter((option) => option.choices).map((o) => o.name));
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at] ?? "";
    const named = /^([A-Za-z][\w-]*)[=:](.*)$/.exec(token);
    const name = named && names.get((named[1] ?? "").toLowerCase());
    const spaced = names.get(token.toLowerCase());
    if (named && name) {
      if (options[name] !== undefined) return { ok: false, error: `**${name}** is given twice.` };
      options[name] = named[2] ?? "";
    } else if (spaced && withChoices.has(spaced) && at + 1 < tokens.length && options[spaced] === undefined) {
      options[spaced] = tokens[++at] ?? "";
    } else {
      positional.push(token);
    }
  }
  const free = declaration.options.filter((option) => options[option.name] === undefined);
  if (positional.length > free.length) {
    const extra = positional.slice(free.length).join(" ");
    return { ok: false, error: `I don't know what to do with ${quoteInput(extra)}.` };
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

/** How a command is typed: `/lesson`, or `/descent lesson` under the umbrella `descent`. */
function typedName(name: string, umbrella?: string): string {
  return umbrella ? `/${umbrella} ${name}` : `/${name}`;
}

/**
 * The answer to a typed line that runs no command (`/quizz adam`, `help`, or `dance` after the
 * umbrella): the nearest command with the rest of the line ("Did you mean `/quiz adam`?"), else the
 * list of commands.
 */
export function unknownCommandText(names: readonly string[], line: string, umbrella?: string): string {
  const [, slash = "", word = "", rest = ""] = /^(\/?)(\S*)\s*(.*)$/s.exec(line.trim()) ?? [];
  const guess = nearestCommand(names, word);
  const opening =
    slash || (umbrella && word)
      ? `I don't know ${quoteInput(`${slash}${word}`)}.`
      : umbrella
        ? ""
        : "Commands start with a slash.";
  const answer = guess
    ? `Did you mean ${quoteInput(`${typedName(guess, umbrella)} ${rest}`.trim())}?`
    : `Try one of: ${names.map((name) => `\`${typedName(name, umbrella)}\``).join(", ")}.`;
  return [opening, answer].filter(Boolean).join(" ");
}

/** `<topic> [count]`, `<all|week>`: the words after the command's name, in the order they are read. */
export function typedArguments(declaration: CommandDeclaration): string {
  // `/live start <quiz> [seconds] | stop`: each subcommand's name, then its own arguments.
  if (declaration.subcommands?.length) {
    return declaration.subcommands
      .map((sub) =>
        [sub.name, typedArguments(subcommandAsCommand(declaration, sub))].filter(Boolean).join(" "),
      )
      .join(" | ");
  }
  return declaration.options
    .map((option) => {
      const shape = option.choices ? option.choices.map((choice) => choice.value).join("|") : option.name;
      return option.required ? `<${shape}>` : `[${shape}]`;
    })
    .join(" ");
}

/** The whole typed usage, e.g. `/quiz <topic> [count]`, or `/descent quiz <topic> [count]` under an umbrella. */
export function typedUsage(declaration: CommandDeclaration, umbrella?: string): string {
  return [typedName(declaration.name, umbrella), typedArguments(declaration)].filter(Boolean).join(" ");
}

/** A typed line, read: the command and options to run, or the answer to give instead (nothing runs). */
export type TypedLine = ({ ok: true } & TypedCommand) | { ok: false; reply: Reply };

/** A command read from a typed line, ready to run. */
export interface TypedCommand {
  declaration: CommandDeclaration;
  options: OptionValues;
  /** How the student wrote the command: `/lesson`, or `/descent lesson`. */
  typedAs: string;
  umbrella?: string;
}

/**
 * Reads a typed line against the declared commands: `/lesson adam` as the terminal or a Slack
 * command delivers it, or with `umbrella` the words after it (`lesson adam` from `/descent lesson
 * adam`). An unknown command gets the nearest one or the list; words that do not fit the command
 * get what is wrong and the usage, written the way the student typed it.
 */
export function readTypedLine(
  commands: readonly CommandDeclaration[],
  line: string,
  umbrella?: string,
): TypedLine {
  const split = umbrella ? splitCommandLine(`/${line.trim()}`) : splitCommandLine(line);
  const declaration = split && commands.find((candidate) => candidate.name === split.name);
  if (!split || !declaration) {
    const names = commands.map((command) => command.name);
    return { ok: false, reply: textReply(unknownCommandText(names, line, umbrella)) };
  }
  const parsed = parseCommandText(declaration, split.rest);
  if (!parsed.ok) {
    return {
      ok: false,
      reply: textReply(`${parsed.error}\nUsage: \`${typedUsage(declaration, umbrella)}\``),
    };
  }
  const typedAs = typedName(declaration.name, umbrella);
  return { ok: true, declaration, options: parsed.options, typedAs, ...(umbrella && { umbrella }) };
}

/** Runs a line read by readTypedLine; under an umbrella, the reply's command hints are written with it. */
export async function runTypedLine(tutor: Tutor, typed: TypedCommand, who: Invoker): Promise<Reply> {
  const reply = await tutor.run(typed.declaration.name, typed.options, who);
  if (!typed.umbrella) return reply;
  return underUmbrella(
    reply,
    typed.umbrella,
    tutor.commands.map((command) => command.name),
  );
}

/** Rewrites `` `/quiz adam` `` hints as `` `/descent quiz adam` `` for a student using the umbrella. */
function underUmbrella(reply: Reply, umbrella: string, names: readonly string[]): Reply {
  const pattern = new RegExp(`\`/(${names.join("|")})\\b`, "g");
  const rewrite = (text: string) => text.replace(pattern, `\`/${umbrella} $1`);
  return {
    ...reply,
    text: rewrite(reply.text),
    ...(reply.footer && { footer: rewrite(reply.footer) }),
    ...(reply.fields && {
      fields: reply.fields.map((field) => ({ ...field, value: rewrite(field.value) })),
    }),
  };
}
