import type { Outbound } from "./outbound.ts";
import type { Reply } from "./reply.ts";

/**
 * The seam between the tutor core and the platform adapters. Adapters turn platform events into
 * these calls and translate the `Reply` back; they hold no tutoring logic.
 */

/** `user` and `role` carry a platform id (Discord's pickers; a typed `<@id>` mention on Slack and the terminal). */
export type OptionType = "string" | "number" | "integer" | "user" | "role" | "channel";

export interface OptionChoice {
  name: string;
  value: string;
}

/** One option of a slash command, declared once and turned into each platform's registration. */
export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  /** A fixed list of values. */
  choices?: OptionChoice[];
  /** Values suggested while typing (Tutor.autocomplete). */
  autocomplete?: boolean;
  min?: number;
  max?: number;
}

/** One subcommand (`/live start`): its own options; the chosen one arrives as the option `subcommand`. */
export interface SubcommandDeclaration {
  name: string;
  description: string;
  options: CommandOption[];
}

/** A slash command's declaration, the single source for Discord registration, the Slack manifest and help. */
export interface CommandDeclaration {
  name: string;
  description: string;
  /** Empty when the command has subcommands. */
  options: CommandOption[];
  /** Discord subcommands; typed as the first word on Slack and in the terminal (`/live start adam`). */
  subcommands?: SubcommandDeclaration[];
  /** May take longer than a second (rendering): adapters defer (Discord) or ack first (Slack), then post. */
  slow?: boolean;
  /** Needs a server/workspace (leaderboard); in a DM the tutor answers with a friendly refusal. */
  communityOnly?: boolean;
  /**
   * Every reply is `private` (only the caller sees it), so an adapter that must acknowledge first can
   * do so privately (Discord: an ephemeral defer, then one edit) instead of guessing public.
   */
  private?: boolean;
  /**
   * Its reply to no options belongs on a platform's home page (Slack's App Home), in declaration
   * order; platforms without one ignore it.
   */
  home?: boolean;
}

export type Platform = "discord" | "slack" | "console";

/** Who is asking, and where. */
export interface Invoker {
  platform: Platform;
  userId: string;
  /** Display name as the platform gives it; the core escapes it before showing it to others. */
  userName: string;
  /** Guild id, team id, or "local" in the terminal; null in a DM. */
  communityId: string | null;
  /** The channel the command or click came from, where the platform has one (live rounds post there). */
  channelId?: string;
  /**
   * Whether the platform counts this person as running the community: Discord's Manage Server
   * permission (read from the interaction), a Slack workspace owner or admin (users.info). Asked only
   * when a command needs it; absent means no.
   */
  canManageCommunity?: () => Promise<boolean>;
  /** The person's roles in this community, where the platform has them (Discord). */
  roleIds?: readonly string[];
}

/** Raw option values as the platform delivered them; the tutor validates them. */
export type OptionValues = Record<string, string | number | boolean | undefined>;

export interface Tutor {
  readonly commands: readonly CommandDeclaration[];
  /** Runs a slash command. User mistakes come back as a friendly private Reply, never as a throw. */
  run(command: string, options: OptionValues, who: Invoker): Promise<Reply>;
  /** Handles a button click by its id (Reply.buttons[].id). Stale, forged or foreign ids get a polite Reply. */
  click(buttonId: string, who: Invoker): Promise<Reply>;
  /**
   * An adapter that can post on its own (live rounds closing on their timers) offers its outbound
   * here once it is connected; rounds of its platform still open in the store are re-armed.
   * Optional so that stand-in tutors in adapter tests need not implement it.
   */
  connect?(platform: Platform, outbound: Outbound): Promise<void>;
  /**
   * Closes every live round whose deadline has passed on the tutor's clock and posts the daily
   * questions that are due (its timers call this; so may a test that moved the clock).
   */
  closeDue?(): Promise<void>;
  /** Stops the tutor's timers (their deadlines stay in the store). */
  shutdown?(): void;
  /** Suggestions for an option marked `autocomplete`, at most 25. */
  autocomplete(command: string, option: string, partial: string, who: Invoker): Promise<OptionChoice[]>;
}
