import { usage } from "../../core/options.ts";
import { truncate } from "../../core/text.ts";
import type { CommandDeclaration } from "../../core/tutor-api.ts";

/**
 * The Slack app manifest, generated from the same command declarations the tutor runs, so creating
 * the app is "paste this manifest". Socket Mode needs no URLs; HTTP mode points every request URL
 * at Bolt's single endpoint.
 */

/** Where Bolt's HTTP receiver listens (its default). */
export const EVENTS_PATH = "/slack/events";
/** Characters Slack accepts in a slash command's description. */
export const SLASH_DESCRIPTION_MAX = 2000;
/** Characters Slack accepts in a slash command's usage hint. */
export const SLASH_USAGE_HINT_MAX = 1000;

/**
 * Bot scopes: slash commands; posting, ephemeral posting and updating when a response_url is
 * refused (chat:write, and chat:write.public to post in public channels the bot has not joined);
 * uploading the lesson images and race GIFs (files:write).
 */
export const BOT_SCOPES = ["commands", "chat:write", "chat:write.public", "files:write"] as const;

export type ManifestMode = { kind: "socket" } | { kind: "http"; baseUrl: string };

export interface ManifestOptions {
  appName?: string;
  description?: string;
  mode: ManifestMode;
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
      app_home: {
        home_tab_enabled: true,
        messages_tab_enabled: false,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: name, always_online: true },
      slash_commands: commands.map((command) => {
        const usageHint = usage(command).replace(/^\/\S+\s*/, "");
        const fields = {
          command: `/${command.name}`,
          description: truncate(command.description, SLASH_DESCRIPTION_MAX),
          ...(usageHint && { usage_hint: truncate(usageHint, SLASH_USAGE_HINT_MAX) }),
          should_escape: false,
        };
        return withUrl(fields, "url");
      }),
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
