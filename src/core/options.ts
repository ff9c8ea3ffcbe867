import type { ValidOptions } from "./command.ts";
import { quoteInput } from "./text.ts";
import type { CommandDeclaration, CommandOption, OptionValues, SubcommandDeclaration } from "./tutor-api.ts";
import { UserError } from "./user-error.ts";

/** "/race function:<quadratic|rosenbrock|…> optimizers:<text> [lr:<number>] [steps:<integer>]". */
export function usage(declaration: CommandDeclaration): string {
  if (declaration.subcommands?.length) {
    return declaration.subcommands.map((sub) => usage(subcommandAsCommand(declaration, sub))).join(" | ");
  }
  const parts = declaration.options.map((option) => {
    const shape = option.choices ? option.choices.map((choice) => choice.value).join("|") : option.type;
    const text = `${option.name}:<${shape}>`;
    return option.required ? text : `[${text}]`;
  });
  return [`/${declaration.name}`, ...parts].join(" ");
}

/** "between 0.0001 and 1", "at least 10", "" when unbounded. */
export function describeRange(option: CommandOption): string {
  if (option.min !== undefined && option.max !== undefined) return `between ${option.min} and ${option.max}`;
  if (option.min !== undefined) return `at least ${option.min}`;
  if (option.max !== undefined) return `at most ${option.max}`;
  return "";
}

/**
 * Checks raw option values against the declaration: required, type, fixed choices and range.
 * Throws UserError with a message that names the option, the allowed values and the usage.
 */
export function validateOptions(declaration: CommandDeclaration, raw: OptionValues): ValidOptions {
  if (declaration.subcommands?.length) return validateSubcommand(declaration, declaration.subcommands, raw);
  const valid: ValidOptions = {};
  for (const option of declaration.options) {
    const value = raw[option.name];
    const missing = value === undefined || (typeof value === "string" && value.trim() === "");
    if (missing) {
      if (option.required) fail(declaration, `Please give **${option.name}** (${option.description}).`);
      continue;
    }
    valid[option.name] =
      option.type === "string"
        ? checkString(declaration, option, String(value).trim())
        : option.type === "user" || option.type === "role"
          ? checkMention(declaration, option, String(value).trim())
          : option.type === "channel"
            ? checkChannel(declaration, option, String(value).trim())
            : checkNumber(declaration, option, value);
  }
  return valid;
}

/** A subcommand read as a command of its own (`/live start`), for its usage line and validation. */
export function subcommandAsCommand(
  declaration: CommandDeclaration,
  sub: SubcommandDeclaration,
): CommandDeclaration {
  return {
    ...declaration,
    name: `${declaration.name} ${sub.name}`,
    options: sub.options,
    subcommands: undefined,
  };
}

/** The subcommand named in `raw.subcommand`, its options validated; the name comes back as `subcommand`. */
function validateSubcommand(
  declaration: CommandDeclaration,
  subcommands: readonly SubcommandDeclaration[],
  raw: OptionValues,
): ValidOptions {
  const named = String(raw.subcommand ?? "")
    .trim()
    .toLowerCase();
  const sub = subcommands.find((candidate) => candidate.name === named);
  if (!sub) {
    const list = subcommands.map((candidate) => `\`/${declaration.name} ${candidate.name}\``).join(", ");
    const given = named ? `I don't know ${quoteInput(`/${declaration.name} ${named}`)}. ` : "";
    throw new UserError(`${given}Try one of: ${list}.`);
  }
  const { subcommand: _, ...rest } = raw;
  return { ...validateOptions(subcommandAsCommand(declaration, sub), rest), subcommand: sub.name };
}

/** A user or role as a platform id: Discord's pickers give the id; typed text may be `<@U123|name>` or `<@&123>`. */
const MENTION = /^<@[!&]?([A-Za-z0-9]{1,30})(?:\|[^>]*)?>$|^@?([A-Za-z0-9]{1,30})$/;

function checkMention(declaration: CommandDeclaration, option: CommandOption, value: string): string {
  const match = MENTION.exec(value);
  const id = match?.[1] ?? match?.[2];
  if (!id) {
    const what = option.type === "role" ? "a role" : "a person";
    fail(declaration, `**${option.name}** must be ${what}, picked with @; you gave ${quoteInput(value)}.`);
  }
  return id;
}

/**
 * A channel as a platform id: Discord's picker gives the id (digits); Slack sends a typed `#name` as
 * `<#C123|name>`, and its ids are upper case. A bare lower-case word is a name, not an id: refused.
 */
const CHANNEL = /^<#([A-Za-z0-9]{1,30})(?:\|[^>]*)?>$|^([0-9]{1,30}|[A-Z][A-Z0-9]{1,29})$/;

function checkChannel(declaration: CommandDeclaration, option: CommandOption, value: string): string {
  const match = CHANNEL.exec(value);
  const id = match?.[1] ?? match?.[2];
  if (!id)
    fail(declaration, `**${option.name}** must be a channel, picked with #; you gave ${quoteInput(value)}.`);
  return id;
}

function checkString(declaration: CommandDeclaration, option: CommandOption, value: string): string {
  if (!option.choices) return value;
  const match = option.choices.find(
    (choice) =>
      choice.value.toLowerCase() === value.toLowerCase() || choice.name.toLowerCase() === value.toLowerCase(),
  );
  if (!match) {
    const allowed = option.choices.map((choice) => `\`${choice.value}\``).join(", ");
    fail(declaration, `**${option.name}** can be ${allowed}; you gave ${quoteInput(value)}.`);
  }
  return match.value;
}

function checkNumber(
  declaration: CommandDeclaration,
  option: CommandOption,
  value: string | number | boolean,
): number {
  const number = typeof value === "number" ? value : parseDecimal(String(value));
  const range = describeRange(option);
  const kind = option.type === "integer" ? "a whole number" : "a number";
  const allowed = range ? `${kind} ${range}` : kind;
  if (
    typeof value === "boolean" ||
    !Number.isFinite(number) ||
    (option.type === "integer" && !Number.isInteger(number))
  ) {
    fail(declaration, `**${option.name}** must be ${allowed}; you gave ${quoteInput(String(value))}.`);
  }
  if (
    (option.min !== undefined && number < option.min) ||
    (option.max !== undefined && number > option.max)
  ) {
    fail(declaration, `**${option.name}** must be ${allowed}; you gave ${quoteInput(String(value))}.`);
  }
  return number;
}

/** Plain decimal or scientific notation ("0.01", "1e-3"); not hex, binary or "Infinity". */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A typed number, NaN unless it is written in plain decimal (Number() would also take "0x10" and ""). */
function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function fail(declaration: CommandDeclaration, message: string): never {
  throw new UserError(`${message}\nUsage: \`${usage(declaration)}\``);
}
