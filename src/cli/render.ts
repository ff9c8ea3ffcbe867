import type { Command } from "commander";

/** Placeholder until the `render` subcommand lands. */
export function registerRender(_program: Command): void {}
