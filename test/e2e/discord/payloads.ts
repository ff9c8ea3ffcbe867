/** Builders for the JSON objects the emulator sends: just the fields discord.js v14 reads. */

export interface EmulatedUser {
  id: string;
  name: string;
  /** The member's permissions bit set in the guild (default: all); "0" for a plain student. */
  permissions?: string;
  /** The member's role ids. */
  roles?: string[];
}

/** Permissions the emulated member and bot hold (all of them: the emulator doesn't check). */
const ALL_PERMISSIONS = "2251799813685247";

/** A role every emulated guild has, with no permissions of its own (for instructor-role tests). */
export const TEACHING_ROLE = "300000000000000001";

export function apiUser(user: EmulatedUser, bot = false) {
  return {
    id: user.id,
    username: user.name,
    global_name: user.name,
    discriminator: "0",
    avatar: null,
    bot,
    flags: 0,
  };
}

export function apiMember(user: EmulatedUser) {
  return {
    user: apiUser(user),
    roles: user.roles ?? [],
    joined_at: new Date(0).toISOString(),
    permissions: user.permissions ?? ALL_PERMISSIONS,
    deaf: false,
    mute: false,
    flags: 0,
  };
}

export function apiChannel(id: string, guildId: string) {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name: "class",
    position: 0,
    permission_overwrites: [],
    nsfw: false,
  };
}

/** A guild as GUILD_CREATE delivers it. */
export function apiGuild(id: string, channelId: string) {
  return {
    id,
    name: `Class ${id.slice(-4)}`,
    icon: null,
    owner_id: "1",
    features: [],
    roles: [
      { id, name: "@everyone", permissions: ALL_PERMISSIONS, position: 0, color: 0, hoist: false },
      {
        id: TEACHING_ROLE,
        name: "Teaching assistants",
        permissions: "0",
        position: 1,
        color: 0,
        hoist: false,
      },
    ],
    channels: [apiChannel(channelId, id)],
    members: [],
    emojis: [],
    stickers: [],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 30,
    large: false,
    unavailable: false,
    joined_at: new Date(0).toISOString(),
    premium_tier: 0,
    preferred_locale: "en-US",
    system_channel_flags: 0,
    verification_level: 0,
    mfa_level: 0,
    nsfw_level: 0,
    explicit_content_filter: 0,
    default_message_notifications: 0,
    afk_timeout: 300,
  };
}

/** Fields every INTERACTION_CREATE carries, whatever its type. */
export function interactionBase(options: {
  id: string;
  token: string;
  type: number;
  appId: string;
  user: EmulatedUser;
  guildId: string | null;
  channelId: string;
}) {
  const { id, token, type, appId, user, guildId, channelId } = options;
  const where = guildId
    ? { guild_id: guildId, member: apiMember(user), channel: apiChannel(channelId, guildId), context: 0 }
    : { user: apiUser(user), channel: { id: channelId, type: 1, recipients: [apiUser(user)] }, context: 1 };
  return {
    id,
    token,
    type,
    version: 1,
    application_id: appId,
    channel_id: channelId,
    app_permissions: ALL_PERMISSIONS,
    locale: "en-US",
    guild_locale: "en-US",
    // discord.js reads both of these unconditionally.
    entitlements: [],
    authorizing_integration_owners: guildId ? { "0": guildId } : { "1": user.id },
    attachment_size_limit: 10 * 1024 * 1024,
    ...where,
  };
}
