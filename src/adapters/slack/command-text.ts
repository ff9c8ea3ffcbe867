import type { CommandDeclaration, OptionValues } from "../../core/tutor-api.ts";

/**
 * Slack delivers a slash command's arguments as one string. This is the single place the adapter
 * turns it into option values.
 *
 * INTERIM: the core is getting a pure `parseCommandText(declaration, text)`; when it lands this
 * function only calls it. Until then: positional words fill the options in declaration order,
 * `name=value` sets one by name; the tutor validates types, ranges and required options.
 */
export type ParsedCommandText = { ok: true; options: OptionValues } | { ok: false; problem: string };

export function parseSlashText(declaration: CommandDeclaration, text: string): ParsedCommandText {
  const options: OptionValues = {};
  const positional = declaration.options.map((option) => option.name);
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const named = /^([a-z][\w-]*)=(.*)$/i.exec(word);
    if (named?.[1] !== undefined && positional.includes(named[1])) {
      options[named[1]] = named[2];
      continue;
    }
    const next = positional.find((name) => options[name] === undefined);
    if (!next) return { ok: false, problem: `"${word}" is one word too many` };
    options[next] = word;
  }
  return { ok: true, options };
}

/** `/race <function> <optimizers> [lr=…]`: how to call a command, for the hint after a mistake. */
export function usageLine(declaration: CommandDeclaration): string {
  const parts = declaration.options.map((option) =>
    option.required ? `<${option.name}>` : `[${option.name}=…]`,
  );
  return [`/${declaration.name}`, ...parts].join(" ");
}
