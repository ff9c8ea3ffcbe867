import type { Command } from "commander";

/** Placeholder until the `simulate` subcommand lands. */
export function registerSimulate(_program: Command): void {}
