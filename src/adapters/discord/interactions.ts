import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import type { Logger } from "../../core/logger.ts";
import { type Reply, textReply } from "../../core/reply.ts";
import { truncate } from "../../core/text.ts";
import type { Invoker, OptionValues, Tutor } from "../../core/tutor-api.ts";
import { isExpiredInteraction } from "./errors.ts";
import {
  AUTOCOMPLETE_CHOICES_MAX,
  CHOICE_NAME_MAX,
  CHOICE_VALUE_MAX,
  DEFER_AFTER_MS,
  SLOW_GRACE_MS,
} from "./limits.ts";
import { toDiscordMessage } from "./message.ts";

/** What the student sees when something broke on our side (the details go to the log). */
export const GENERIC_FAILURE = "Sorry, something went wrong on my side. Please try again in a moment.";
/** What the channel sees in place of a public placeholder whose answer turned out private. */
export const ANSWERED_PRIVATELY = "Answered privately: only the person who asked can see the reply.";
/** What the asker sees in place of a private placeholder whose answer turned out public. */
export const ANSWERED_PUBLICLY = "Answered in the channel, for everyone to see.";

export interface InteractionContext {
  tutor: Tutor;
  logger: Logger;
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/** Routes one interaction to the tutor and answers it; never throws (failures are logged). */
export async function handleInteraction(
  interaction: Interaction,
  context: InteractionContext,
): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await onCommand(interaction, context);
    else if (interaction.isButton()) await onButton(interaction, context);
    else if (interaction.isAutocomplete()) await onAutocomplete(interaction, context);
  } catch (error) {
    await reportFailure(interaction, error, context.logger);
  }
}

/** The platform-neutral "who is asking". */
export function invokerOf(interaction: Interaction): Invoker {
  return {
    platform: "discord",
    userId: interaction.user.id,
    userName: interaction.user.displayName,
    communityId: interaction.guildId,
    ...(interaction.channelId && { channelId: interaction.channelId }),
    // Discord sends the member's permissions and roles with every interaction: no extra API call.
    canManageCommunity: async () =>
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    roleIds: roleIdsOf(interaction),
  };
}

/** The member's role ids (a cached member's role manager, or the raw list of an uncached one). */
function roleIdsOf(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

async function onCommand(interaction: ChatInputCommandInteraction, { tutor }: InteractionContext) {
  const declaration = tutor.commands.find((command) => command.name === interaction.commandName);
  const options: OptionValues = {};
  for (const option of interaction.options.data) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      options.subcommand = option.name;
      for (const inner of option.options ?? []) options[inner.name] = inner.value;
    } else options[option.name] = option.value;
  }
  const work = tutor.run(interaction.commandName, options, invokerOf(interaction));
  // Answer directly when the reply is ready in time (cached images); otherwise defer, then edit.
  const reply = await within(work, declaration?.slow ? SLOW_GRACE_MS : DEFER_AFTER_MS);
  if (reply) {
    await interaction.reply({ ...toDiscordMessage(reply), flags: privateFlag(reply) });
    return;
  }
  // Visibility is fixed by the deferral, so it is decided now from what is known: a command declared
  // private is acknowledged privately; any other reply (quick refusals included) came within the grace.
  await interaction.deferReply({ flags: declaration?.private ? MessageFlags.Ephemeral : undefined });
  await finishDeferred(interaction, await work);
}

async function onButton(interaction: ButtonInteraction, { tutor }: InteractionContext) {
  const work = tutor.click(interaction.customId, invokerOf(interaction));
  const reply = await within(work, DEFER_AFTER_MS);
  if (reply) {
    if (reply.replaceOriginal) await interaction.update(toDiscordMessage(reply));
    else await interaction.reply({ ...toDiscordMessage(reply), flags: privateFlag(reply) });
    return;
  }
  // Acknowledge without changing the message, then edit it in place or answer separately.
  await interaction.deferUpdate();
  const late = await work;
  if (late.replaceOriginal) await interaction.editReply(toDiscordMessage(late));
  else await interaction.followUp({ ...toDiscordMessage(late), flags: privateFlag(late) });
}

async function onAutocomplete(interaction: AutocompleteInteraction, { tutor }: InteractionContext) {
  const focused = interaction.options.getFocused(true);
  const choices = await tutor.autocomplete(
    interaction.commandName,
    focused.name,
    String(focused.value),
    invokerOf(interaction),
  );
  await interaction.respond(
    choices.slice(0, AUTOCOMPLETE_CHOICES_MAX).map((choice) => ({
      name: truncate(choice.name, CHOICE_NAME_MAX),
      value: choice.value.slice(0, CHOICE_VALUE_MAX),
    })),
  );
}

/**
 * Replaces the "thinking" placeholder with the answer: one edit when the placeholder is as visible as
 * the answer. A placeholder's visibility cannot change, and Discord turns the first follow-up after a
 * deferral into an edit of it that ignores the ephemeral flag
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message);
 * so otherwise the placeholder gets a harmless note in its own visibility, and the answer follows as a
 * second message, which is a real new one with its own visibility.
 */
async function finishDeferred(interaction: ChatInputCommandInteraction, reply: Reply) {
  const deferredPrivately = interaction.ephemeral === true;
  if (reply.private === deferredPrivately) {
    await interaction.editReply(toDiscordMessage(reply));
    return;
  }
  const note = textReply(deferredPrivately ? ANSWERED_PUBLICLY : ANSWERED_PRIVATELY, {
    private: deferredPrivately,
  });
  await interaction.editReply(toDiscordMessage(note));
  await interaction.followUp({ ...toDiscordMessage(reply), flags: privateFlag(reply) });
}

function privateFlag(reply: Reply): MessageFlags.Ephemeral | undefined {
  return reply.private ? MessageFlags.Ephemeral : undefined;
}

/** The work's result if it settles within `ms`, else undefined (the work keeps running). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function reportFailure(interaction: Interaction, error: unknown, logger: Logger) {
  const context = describe(interaction);
  if (isExpiredInteraction(error)) {
    logger.warn(
      { ...context, code: error.code },
      "Discord refused the answer: the interaction expired (3 s) or its token is older than 15 minutes",
    );
    return;
  }
  logger.error({ ...context, err: error }, "failed to answer a Discord interaction");
  if (interaction.isAutocomplete()) return;
  await tellUser(interaction as Answerable).catch((secondError: unknown) => {
    logger.warn({ ...context, err: secondError }, "could not tell the student about the failure either");
  });
}

/** Says sorry privately, in whichever way the interaction can still be answered. */
async function tellUser(interaction: Answerable) {
  const sorry = textReply(GENERIC_FAILURE);
  const message = { ...toDiscordMessage(sorry), flags: privateFlag(sorry) };
  if (!interaction.deferred && !interaction.replied) await interaction.reply(message);
  // A command's placeholder still waiting: a follow-up would fill it in, keeping its visibility.
  else if (interaction.isChatInputCommand() && !interaction.replied) await finishDeferred(interaction, sorry);
  // The placeholder was filled in, or a click was acknowledged silently: follow-ups are new messages.
  else await interaction.followUp(message);
}

function describe(interaction: Interaction) {
  return {
    interactionId: interaction.id,
    guildId: interaction.guildId,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isButton() ? interaction.customId : undefined,
  };
}
