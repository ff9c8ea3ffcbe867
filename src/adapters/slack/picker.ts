import type { CommandDeclaration, CommandOption, OptionValues } from "../../core/tutor-api.ts";
import type { Block, SlackMessage } from "./blocks.ts";
import { ACTION_ID_MAX, BLOCK_ID_MAX } from "./limits.ts";
import { escapeSlackText } from "./mrkdwn.ts";

/**
 * Slack slash commands have no autocomplete. When an option that Discord would
 * autocomplete is missing, the adapter shows a menu instead: an `external_select` whose choices
 * Slack loads from the app while the student types (block_suggestion → Tutor.autocomplete).
 * The options typed so far ride along in the block_id so the command can run once one is picked.
 */

export const PICKER_ACTION_PREFIX = "descent.pick.";
export const PICKER_ACTION_PATTERN = /^descent\.pick\./;

/** The command and option a picker's action_id names. */
export function parsePickerActionId(actionId: string): { command: string; option: string } | undefined {
  const [command, option] = actionId.slice(PICKER_ACTION_PREFIX.length).split(".");
  return command && option ? { command, option } : undefined;
}

/**
 * The first missing option that has suggestions, if any. Optional ones count too (a bare `/lesson`):
 * on Slack, with no autocomplete, the type-ahead menu is the better answer than the plain list.
 */
export function missingPickable(
  declaration: CommandDeclaration,
  options: OptionValues,
): CommandOption | undefined {
  return declaration.options.find((option) => option.autocomplete && options[option.name] === undefined);
}

/**
 * A private message with a type-ahead menu for `option`, or undefined if the state does not fit.
 * `typedAs` is how the student wrote the command (`/lesson`, or `/descent lesson`).
 */
export function pickerMessage(
  declaration: CommandDeclaration,
  option: CommandOption,
  typedSoFar: OptionValues,
  typedAs = `/${declaration.name}`,
): SlackMessage | undefined {
  const blockId = JSON.stringify(typedSoFar);
  const actionId = `${PICKER_ACTION_PREFIX}${declaration.name}.${option.name}`;
  if (blockId.length > BLOCK_ID_MAX || actionId.length > ACTION_ID_MAX) return undefined;
  const prompt = `Pick a ${option.name} for \`${typedAs}\` (${escapeSlackText(option.description)})`;
  const blocks: Block[] = [
    {
      type: "section",
      block_id: blockId,
      text: { type: "mrkdwn", text: prompt },
      accessory: {
        type: "external_select",
        action_id: actionId,
        min_query_length: 0,
        placeholder: { type: "plain_text", text: `Type to search ${option.name}s` },
      },
    },
  ];
  return { text: prompt, blocks };
}

/** Options typed before the picker appeared, read back from its block_id. */
export function typedOptionsFromBlockId(blockId: string | undefined): OptionValues {
  try {
    const parsed: unknown = JSON.parse(blockId ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as OptionValues) : {};
  } catch {
    return {};
  }
}
