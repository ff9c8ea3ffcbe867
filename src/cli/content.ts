import type { Command } from "commander";

/** Placeholder until the `content` subcommand lands. */
export function registerContent(_program: Command): void {}
