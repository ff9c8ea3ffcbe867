/**
 * The subset of Slack's Block Kit validation the emulator enforces, so a translator that breaks a
 * platform limit fails the e2e suite the way `invalid_blocks` would fail it in a real workspace.
 * The numbers are Slack's documented limits, written here independently of the adapter's constants.
 */

type Json = Record<string, unknown>;

export interface BlockRuleContext {
  maxBlocks: number;
  /** Whether a `slack_file` with this id may be shown (uploaded, completed, visible). */
  canShowFile: (fileId: string) => boolean;
}

const text = (value: unknown): string => {
  const object = value as Json | undefined;
  return typeof object?.text === "string" ? object.text : "";
};

function checkButton(element: Json, seenActionIds: Set<string>): string | undefined {
  const label = text(element.text);
  if (label.length === 0 || label.length > 75) return `button text must be 1..75 characters: ${label}`;
  const actionId = String(element.action_id ?? "");
  if (actionId.length === 0 || actionId.length > 255) return "button action_id must be 1..255 characters";
  if (seenActionIds.has(actionId)) return `duplicate action_id ${actionId}`;
  seenActionIds.add(actionId);
  if (typeof element.value === "string" && element.value.length > 2000) return "button value over 2000";
  if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") {
    return `button style must be primary or danger, got ${String(element.style)}`;
  }
  return undefined;
}

function checkImage(block: Json, context: BlockRuleContext): string | undefined {
  const alt = block.alt_text;
  if (typeof alt !== "string" || alt.length === 0 || alt.length > 2000)
    return "image alt_text must be 1..2000";
  const file = block.slack_file as Json | undefined;
  if ((file === undefined) === (block.image_url === undefined)) return "image needs image_url or slack_file";
  if (file && !context.canShowFile(String(file.id))) return `invalid slack file ${String(file.id)}`;
  return undefined;
}

function checkBlock(block: Json, context: BlockRuleContext, seenActionIds: Set<string>): string | undefined {
  switch (block.type) {
    case "header":
      return text(block.text).length > 150 ? "header text over 150" : undefined;
    case "section": {
      if (text(block.text).length > 3000) return "section text over 3000";
      const fields = (block.fields as Json[] | undefined) ?? [];
      if (fields.length > 10) return "more than 10 section fields";
      return fields.some((field) => text(field).length > 2000) ? "section field over 2000" : undefined;
    }
    case "image":
      return checkImage(block, context);
    case "actions": {
      const elements = (block.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > 25) return "actions needs 1..25 elements";
      for (const element of elements) {
        const problem = element.type === "button" ? checkButton(element, seenActionIds) : undefined;
        if (problem) return problem;
      }
      return undefined;
    }
    case "context": {
      const elements = (block.elements as Json[] | undefined) ?? [];
      return elements.length === 0 || elements.length > 10 ? "context needs 1..10 elements" : undefined;
    }
    case "divider":
      return undefined;
    default:
      return `unsupported block type ${String(block.type)}`;
  }
}

/** The first rule the blocks break, or undefined when Slack would accept them. */
export function blockProblem(blocks: unknown, context: BlockRuleContext): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return "blocks must be an array";
  if (blocks.length > context.maxBlocks) return `more than ${context.maxBlocks} blocks`;
  const seenActionIds = new Set<string>();
  for (const [index, block] of blocks.entries()) {
    const problem = checkBlock(block as Json, context, seenActionIds);
    if (problem) return `${problem} [json-pointer:/blocks/${index}]`;
  }
  return undefined;
}

/**
 * The first rule a block_suggestion answer breaks: at most 100 options, each with plain_text of
 * 1..75 characters and a value of at most 150 (Block Kit option object, external select).
 */
export function optionsProblem(options: unknown): string | undefined {
  if (!Array.isArray(options)) return "options must be an array";
  if (options.length > 100) return "more than 100 options";
  for (const [index, option] of (options as Json[]).entries()) {
    const label = text(option.text);
    if (label.length === 0 || label.length > 75) return `option text must be 1..75 characters [${index}]`;
    const value = String(option.value ?? "");
    if (value.length > 150) return `option value over 150 characters [${index}]`;
  }
  return undefined;
}
