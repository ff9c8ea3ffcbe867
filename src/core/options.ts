import type { ValidOptions } from "./command.ts";
import { quoteInput } from "./text.ts";
import type { CommandDeclaration, CommandOption, OptionValues } from "./tutor-api.ts";
import { UserError } from "./user-error.ts";

/** "/race function:<quadratic|rosenbrock|…> optimizers:<text> [lr:<number>] [steps:<integer>]". */
export function usage(declaration: CommandDeclaration): string {
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
        : checkNumber(declaration, option, value);
  }
  return valid;
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
