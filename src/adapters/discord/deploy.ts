import { REST, Routes } from "discord.js";
import type { CommandDeclaration } from "../../core/tutor-api.ts";
import { type ApplicationCommandJson, type CommandScope, toApplicationCommands } from "./commands.ts";

export interface DeployOptions {
  token: string;
  appId: string;
  /** Register in this server only (instant, for a class); else globally (may take up to an hour to show). */
  guildId?: string;
  restApi?: string;
  commands: readonly CommandDeclaration[];
}

export interface DeployResult {
  scope: CommandScope;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/**
 * Registers the tutor's commands with one bulk overwrite (https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands),
 * after comparing them with what Discord has, and skips the request when nothing changed.
 */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = new REST(options.restApi ? { api: options.restApi } : {}).setToken(options.token);
  const scope: CommandScope = options.guildId ? "guild" : "global";
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.appId, options.guildId)
    : Routes.applicationCommands(options.appId);
  const wanted = toApplicationCommands(options.commands, scope);
  const existing = (await rest.get(route)) as ApplicationCommandJson[];
  const result = compare(existing, wanted);
  result.scope = scope;
  if (result.added.length + result.changed.length + result.removed.length > 0) {
    await rest.put(route, { body: wanted });
  }
  return result;
}

/** What a bulk overwrite of `existing` with `wanted` would change, by command name. */
export function compare(existing: ApplicationCommandJson[], wanted: ApplicationCommandJson[]): DeployResult {
  const before = new Map(existing.map((command) => [command.name, fingerprint(command)]));
  const result: DeployResult = { scope: "global", added: [], changed: [], removed: [], unchanged: [] };
  for (const command of wanted) {
    const old = before.get(command.name);
    if (old === undefined) result.added.push(command.name);
    else if (old !== fingerprint(command)) result.changed.push(command.name);
    else result.unchanged.push(command.name);
    before.delete(command.name);
  }
  result.removed.push(...before.keys());
  return result;
}

/** The fields we declare, with Discord's defaults filled in, so a fetched command compares equal. */
function fingerprint(command: ApplicationCommandJson): string {
  return JSON.stringify({
    name: command.name,
    description: command.description,
    options: optionPrints(command.options),
  });
}

/** Options with defaults filled in, a subcommand's own options included. */
function optionPrints(options: readonly unknown[] | undefined): unknown[] {
  return (options ?? []).map((option) => {
    const raw = option as Record<string, unknown>;
    return {
      name: raw.name,
      description: raw.description,
      type: raw.type,
      required: raw.required ?? false,
      autocomplete: raw.autocomplete ?? false,
      choices: raw.choices ?? [],
      min_value: raw.min_value,
      max_value: raw.max_value,
      min_length: raw.min_length,
      max_length: raw.max_length,
      options: optionPrints(raw.options as unknown[] | undefined),
    };
  });
}
