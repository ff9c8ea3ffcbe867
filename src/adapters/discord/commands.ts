import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { z } from "zod";
import type { CommandDeclaration, CommandOption, OptionType } from "../../core/tutor-api.ts";
import {
  CHOICE_NAME_MAX,
  CHOICE_VALUE_MAX,
  COMMAND_DESCRIPTION_MAX,
  COMMAND_NAME_MAX,
  COMMAND_OPTIONS_MAX,
  OPTION_CHOICES_MAX,
} from "./limits.ts";

export type ApplicationCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Where commands are registered: in one server (instant), or for every server the bot is in. */
export type CommandScope = "guild" | "global";

const OPTION_TYPES: Record<OptionType, ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  user: ApplicationCommandOptionType.User,
  role: ApplicationCommandOptionType.Role,
  channel: ApplicationCommandOptionType.Channel,
};

// Discord's rule for command and option names (https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming).
const NAME = z
  .string()
  .regex(/^[-_\p{Ll}\p{N}]+$/u, "must be lower-case letters, digits, - or _")
  .max(COMMAND_NAME_MAX);
const DESCRIPTION = z.string().min(1).max(COMMAND_DESCRIPTION_MAX);

const DeclarationSchema = z.object({
  name: NAME,
  description: DESCRIPTION,
  options: z
    .array(
      z.object({
        name: NAME,
        description: DESCRIPTION,
        choices: z
          .array(
            z.object({
              name: z.string().min(1).max(CHOICE_NAME_MAX),
              value: z.string().max(CHOICE_VALUE_MAX),
            }),
          )
          .max(OPTION_CHOICES_MAX)
          .optional(),
      }),
    )
    .max(COMMAND_OPTIONS_MAX),
});

/**
 * Turns the tutor's command declarations into Discord application commands (the body of a bulk
 * overwrite in `scope`). Throws, naming the command and field, when a declaration breaks Discord's rules.
 */
export function toApplicationCommands(
  declarations: readonly CommandDeclaration[],
  scope: CommandScope,
): ApplicationCommandJson[] {
  return declarations.map((declaration) => {
    const checked = DeclarationSchema.safeParse(declaration);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(
        `command /${declaration.name} cannot be registered on Discord: ${issue?.path.join(".")} ${issue?.message}; ` +
          "fix its declaration in commands/",
      );
    }
    return {
      type: ApplicationCommandType.ChatInput,
      name: declaration.name,
      description: declaration.description,
      options: declaration.subcommands?.length
        ? declaration.subcommands.map((sub) => ({
            type: ApplicationCommandOptionType.Subcommand,
            name: sub.name,
            description: sub.description,
            options: requiredFirst(sub.options).map(toOption),
          }))
        : requiredFirst(declaration.options).map(toOption),
      ...(scope === "global" ? GLOBAL_CONTEXTS : {}),
    };
  });
}

/** Discord requires required options first. */
function requiredFirst(options: readonly CommandOption[]): CommandOption[] {
  return [...options].sort((a, b) => Number(b.required) - Number(a.required));
}

/**
 * Installed to servers; usable there and in a DM with the bot (the tutor refuses community-only
 * commands in DMs). Discord documents both fields for global commands only: a guild command lives in
 * its server and never in DMs (https://discord.com/developers/docs/interactions/application-commands#application-command-object).
 */
const GLOBAL_CONTEXTS = {
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
};

/** The JSON shape is checked by the translator tests; the union of option types is too wide to spell here. */
function toOption(option: CommandOption): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: option.description,
    required: option.required,
  };
  const choices = option.choices?.length ? { choices: option.choices } : {};
  // Discord rejects `choices` together with `autocomplete: true`.
  const autocomplete = option.autocomplete && !option.choices?.length ? { autocomplete: true } : {};
  if (option.type === "user" || option.type === "role") {
    return { ...base, type: OPTION_TYPES[option.type] } as APIApplicationCommandBasicOption;
  }
  if (option.type === "channel") {
    // Only channels the bot can post a message in.
    const channel_types = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
    return { ...base, type: OPTION_TYPES.channel, channel_types } as APIApplicationCommandBasicOption;
  }
  if (option.type === "string") {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      ...choices,
      ...autocomplete,
      ...(option.min !== undefined ? { min_length: option.min } : {}),
      ...(option.max !== undefined ? { max_length: option.max } : {}),
    } as APIApplicationCommandBasicOption;
  }
  const numericChoices = option.choices?.length
    ? { choices: option.choices.map((choice) => ({ name: choice.name, value: Number(choice.value) })) }
    : {};
  return {
    ...base,
    type: OPTION_TYPES[option.type],
    ...numericChoices,
    ...autocomplete,
    ...(option.min !== undefined ? { min_value: option.min } : {}),
    ...(option.max !== undefined ? { max_value: option.max } : {}),
  } as APIApplicationCommandBasicOption;
}
