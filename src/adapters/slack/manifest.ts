import { typedArguments } from "../../core/command-line.ts";
import { truncate } from "../../core/text.ts";
import type { CommandDeclaration } from "../../core/tutor-api.ts";
import { SLASH_DESCRIPTION_MAX, SLASH_USAGE_HINT_MAX } from "./limits.ts";

/**
 * The Slack app manifest, generated from the same command declarations the tutor runs, so creating
 * the app is "paste this manifest". Socket Mode needs no URLs; HTTP mode points every request URL
 * at Bolt's single endpoint.
 */

/** Where Bolt's HTTP receiver listens (its default). */
export const EVENTS_PATH = "/slack/events";

/**
 * Bot scopes, each for a method the adapter calls: slash commands (commands); posting, ephemeral
 * posting and updating when a response_url is refused, and posting into the student's DM
 * (chat:write, and chat:write.public for public channels the bot has not joined); uploading the
 * pictures (files:write: files.getUploadURLExternal, files.completeUploadExternal); waiting until
 * Slack has processed them (files:read: files.info); opening the DM that private pictures go to
 * (im:write: conversations.open); telling workspace owners and admins, who are instructors, from
 * others (users:read: users.info).
 */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "files:write",
  "files:read",
  "im:write",
  "users:read",
] as const;

export type ManifestMode = { kind: "socket" } | { kind: "http"; baseUrl: string };

export interface ManifestOptions {
  appName?: string;
  description?: string;
  mode: ManifestMode;
  /** Declare only this one umbrella command (`/descent quiz final`) instead of one per command. */
  single?: string;
}

/** A slash command's name as Slack accepts it: lowercase, no spaces, at most 32 characters. */
export const SLASH_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

interface SlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
}

/**
 * Slack sends a typed @mention as `<@U123|name>` (and `#channel` as `<#C123|name>`) only when the
 * command escapes; otherwise as bare `@name`, which names nobody reliably. So commands that take a
 * person, role or channel escape, and the others don't.
 */
function takesMentions(commands: readonly CommandDeclaration[]): boolean {
  return commands.some((command) =>
    [...command.options, ...(command.subcommands ?? []).flatMap((sub) => sub.options)].some(
      (option) => option.type === "user" || option.type === "role" || option.type === "channel",
    ),
  );
}

function separateCommands(commands: readonly CommandDeclaration[]): SlashCommand[] {
  return commands.map((command) => {
    const usageHint = typedArguments(command);
    return {
      command: `/${command.name}`,
      description: truncate(command.description, SLASH_DESCRIPTION_MAX),
      ...(usageHint && { usage_hint: truncate(usageHint, SLASH_USAGE_HINT_MAX) }),
      should_escape: takesMentions([command]),
    };
  });
}

function umbrellaCommand(name: string, commands: readonly CommandDeclaration[]): SlashCommand {
  if (!SLASH_NAME_PATTERN.test(name)) {
    throw new Error(
      `"${name}" cannot be a Slack command: use lowercase letters, digits, - or _ (at most 32)`,
    );
  }
  if (commands.some((command) => command.name === name)) {
    throw new Error(`"${name}" is already one of Descent's commands; choose another umbrella name`);
  }
  const hint = commands.map((command) => `${command.name} ${typedArguments(command)}`.trim()).join(" | ");
  return {
    command: `/${name}`,
    description: truncate(
      `Descent: ${commands.map((command) => command.name).join(", ")}`,
      SLASH_DESCRIPTION_MAX,
    ),
    usage_hint: truncate(hint, SLASH_USAGE_HINT_MAX),
    should_escape: takesMentions(commands),
  };
}

function requestUrl(mode: ManifestMode): string | undefined {
  return mode.kind === "http" ? new URL(EVENTS_PATH, mode.baseUrl).toString() : undefined;
}

/** The manifest as a plain object (serialize it with YAML or JSON). */
export function buildManifest(
  commands: readonly CommandDeclaration[],
  options: ManifestOptions,
): Record<string, unknown> {
  const url = requestUrl(options.mode);
  const name = options.appName ?? "Descent";
  const withUrl = <T extends object>(fields: T, key: string) => (url ? { ...fields, [key]: url } : fields);
  return {
    display_information: {
      name,
      description: options.description ?? "Visual lessons, quizzes and races about deep-learning optimizers.",
      background_color: "#1d3557",
    },
    features: {
      // The Messages tab holds the DM where private replies with pictures arrive; students
      // answer there with buttons, so it is read-only.
      app_home: {
        home_tab_enabled: true,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: true,
      },
      bot_user: { display_name: name, always_online: true },
      slash_commands: (options.single
        ? [umbrellaCommand(options.single, commands)]
        : separateCommands(commands)
      ).map((fields) => withUrl(fields, "url")),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: withUrl({ bot_events: ["app_home_opened"] }, "request_url"),
      interactivity: url
        ? { is_enabled: true, request_url: url, message_menu_options_url: url }
        : { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: options.mode.kind === "socket",
      token_rotation_enabled: false,
    },
  };
}
