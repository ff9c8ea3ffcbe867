import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from "discord.js";

/** The OAuth2 scopes Descent needs: a bot user (gateway) and slash commands. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/**
 * The channel permissions Descent's replies use: see the channel, post, show embeds and upload
 * images. Discord checks the bot's permissions in the channel (`app_permissions`) for embeds and
 * attachments in interaction replies. Nothing else (no moderation, no reading messages).
 */
export const INVITE_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
]);

/** The link a server admin opens to add the bot (https://discord.com/developers/docs/topics/oauth2#bot-authorization-flow). */
export function inviteUrl(appId: string): string {
  const query = new URLSearchParams({
    client_id: appId,
    scope: INVITE_SCOPES.join(" "),
    permissions: INVITE_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString().replace(/\+/g, "%20")}`;
}
