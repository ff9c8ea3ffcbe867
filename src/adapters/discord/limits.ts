/**
 * Discord's limits, named once (https://discord.com/developers/docs/resources/message,
 * https://discord.com/developers/docs/interactions/receiving-and-responding). Where Discord's limit
 * is the cross-platform minimum (custom id 100, 5 buttons a row, 5 rows, 25 autocomplete choices),
 * it is named once in core/layout.ts and used from there.
 */
export const BUTTON_LABEL_MAX = 80;
export const EMBEDS_PER_MESSAGE = 10;
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FOOTER_MAX = 2048;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const ATTACHMENT_DESCRIPTION_MAX = 1024;
export const CHOICE_NAME_MAX = 100;
export const CHOICE_VALUE_MAX = 100;
export const COMMAND_NAME_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 100;
export const COMMAND_OPTIONS_MAX = 25;
/** Fixed choices of one option. */
export const OPTION_CHOICES_MAX = 25;
/** An interaction must be answered (reply or defer) within this time. */
export const FIRST_RESPONSE_DEADLINE_MS = 3_000;
/** Follow-ups and edits are accepted for this long after the interaction. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/**
 * A command not declared `slow` that is still working after this long is deferred, to stay inside the
 * deadline: half of it, leaving the other half for the deferral to reach Discord.
 */
export const DEFER_AFTER_MS = FIRST_RESPONSE_DEADLINE_MS / 2;
/** A `slow` command (rendering) gets this long to answer directly, e.g. from the image cache, before it is deferred. */
export const SLOW_GRACE_MS = 250;
/**
 * discord.js holds every REST call to Discord's global limit of 50 requests a second, but interaction
 * endpoints (the callback, and the edits and follow-ups under the interaction's token) are not bound
 * to it (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit), and they are all
 * this bot calls while it runs. Held to 50/s, 300 students starting a quiz at once wait up to 6 s for
 * their answers; so the client's own pre-emptive cap is lifted. Per-route buckets and any 429 Discord
 * does send (global ones included) are still obeyed by discord.js.
 */
export const INTERACTION_REST_REQUESTS_PER_SECOND = Number.POSITIVE_INFINITY;
/** Descent's one embed colour: the Okabe–Ito blue the charts use. */
export const ACCENT_COLOUR = 0x0072b2;
