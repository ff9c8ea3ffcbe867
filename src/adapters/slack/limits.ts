/**
 * Slack platform limits the translators respect (Block Kit reference, chat.postMessage docs).
 * Named here so no bare number appears in adapter code. A button's value is the core's button id,
 * held to core/layout.ts BUTTON_ID_MAX (100), far inside Slack's 2,000, so it is not named here.
 */

/** Blocks in one message. */
export const MESSAGE_MAX_BLOCKS = 50;
/** Blocks in a Home tab view. */
export const HOME_MAX_BLOCKS = 100;
/** Characters in a header block's plain text. */
export const HEADER_TEXT_MAX = 150;
/** Characters in a section block's text. */
export const SECTION_TEXT_MAX = 3000;
/** Fields in one section block. */
export const SECTION_FIELDS_MAX = 10;
/** Characters in one section field. */
export const SECTION_FIELD_MAX = 2000;
/** Elements in one context block. */
export const CONTEXT_ELEMENTS_MAX = 10;
/** Elements in one actions block. */
export const ACTIONS_ELEMENTS_MAX = 25;
/** Characters in a button's label. */
export const BUTTON_TEXT_MAX = 75;
/** Characters in a block_id. */
export const BLOCK_ID_MAX = 255;
/** Characters in an action_id. */
export const ACTION_ID_MAX = 255;
/** Characters in an image block's alt text. */
export const IMAGE_ALT_MAX = 2000;
/** Characters of a message's top-level `text` we send (Slack truncates past 40,000; notifications show far less). */
export const NOTIFICATION_TEXT_MAX = 3000;
/** Characters Slack accepts in a slash command's description (app manifest). */
export const SLASH_DESCRIPTION_MAX = 2000;
/** Characters Slack accepts in a slash command's usage hint (app manifest). */
export const SLASH_USAGE_HINT_MAX = 1000;
/** Slack shows `404` to the user when a request is not acknowledged within this time. */
export const ACK_DEADLINE_MS = 3000;
/** Characters in an option's text in a select menu's list (block_suggestion answers included). */
export const OPTION_TEXT_MAX = 75;
/** Characters in an option's value. */
export const OPTION_VALUE_MAX = 150;
/** Options in one answer to a block_suggestion (an external select's list). */
export const SELECT_OPTIONS_MAX = 100;
/** Characters of `alt_txt` files.getUploadURLExternal accepts (error alt_txt_too_large beyond). */
export const FILE_ALT_TXT_MAX = 1000;
/** Pauses between files.info checks while Slack processes a new upload (about 3.5 s in all). */
export const FILE_READY_WAITS_MS = [100, 200, 400, 800, 1000, 1000] as const;
