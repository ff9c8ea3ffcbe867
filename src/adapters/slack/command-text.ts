import { type ParsedCommandText, parseCommandText } from "../../core/command-line.ts";
import { usage } from "../../core/options.ts";
import type { CommandDeclaration } from "../../core/tutor-api.ts";

/**
 * Slack delivers a slash command's arguments as one string; the core's parser (shared with the
 * terminal) reads it, so Slack and the terminal accept exactly the same text.
 */
export function parseSlashText(declaration: CommandDeclaration, text: string): ParsedCommandText {
  return parseCommandText(declaration, text);
}

/** How to call a command, for the manifest's usage hint and the hint after a mistake. */
export function usageLine(declaration: CommandDeclaration): string {
  return usage(declaration);
}
