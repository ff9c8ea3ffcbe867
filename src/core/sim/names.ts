import { OPTIMIZER_IDS, type OptimizerId } from "./types.ts";

/** Other names people type for an optimizer: one table read by chat commands and the CLI alike. */
export const OPTIMIZER_ALIASES: Readonly<Record<string, OptimizerId>> = {
  sgd: "gd",
  "gradient-descent": "gd",
  nag: "nesterov",
  "sgd-momentum": "momentum",
};

/** The optimizer an id or alias names (any case, surrounding spaces ignored); undefined if none. */
export function optimizerIdOf(name: string): OptimizerId | undefined {
  const typed = name.trim().toLowerCase();
  return OPTIMIZER_ALIASES[typed] ?? OPTIMIZER_IDS.find((id) => id === typed);
}

/** "gd, momentum, … (sgd means gd)": the names every entry point accepts, for help and refusals. */
export function optimizerNamesHint(): string {
  return `${OPTIMIZER_IDS.join(", ")} (aliases: ${Object.entries(OPTIMIZER_ALIASES)
    .map(([alias, id]) => `${alias} = ${id}`)
    .join(", ")})`;
}
