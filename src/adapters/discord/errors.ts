import { DiscordAPIError, RESTJSONErrorCodes } from "discord.js";

/**
 * Errors that mean "Discord no longer accepts an answer to this interaction": it expired (not
 * answered within 3 s), its token is older than 15 minutes, or it was answered already (a retry
 * raced a success). They are logged, never shown and never fatal.
 */
const EXPIRED_CODES = new Set<number>([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InvalidWebhookToken,
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
]);

/** True for an API error saying the interaction can no longer be answered. */
export function isExpiredInteraction(error: unknown): error is DiscordAPIError {
  return error instanceof DiscordAPIError && typeof error.code === "number" && EXPIRED_CODES.has(error.code);
}
