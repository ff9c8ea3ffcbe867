import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  ExternalSelectAction,
  SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import { parseCommandText } from "../../core/command-line.ts";
import type { Logger } from "../../core/logger.ts";
import { type Reply, textReply } from "../../core/reply.ts";
import { truncate } from "../../core/text.ts";
import type { CommandDeclaration, Invoker, OptionValues, Tutor } from "../../core/tutor-api.ts";
import { WorkspaceAdmins } from "./admins.ts";
import { ACTION_ID_PATTERN, homeView } from "./blocks.ts";
import { type DeliveryTarget, deliver } from "./deliver.ts";
import { DmChannels } from "./dm.ts";
import { OPTION_TEXT_MAX, OPTION_VALUE_MAX } from "./limits.ts";
import { escapeSlackText } from "./mrkdwn.ts";
import {
  missingPickable,
  PICKER_ACTION_PATTERN,
  parsePickerActionId,
  pickerMessage,
  typedOptionsFromBlockId,
} from "./picker.ts";
import { slackUsage, underUmbrella } from "./usage.ts";

/**
 * Bolt listeners: each acks at once (Slack's 3-second deadline), then asks the tutor and delivers
 * the Reply. No tutoring decisions here.
 */

const GENERIC_FAILURE = "Something went wrong on our side. It has been logged; please try again in a minute.";
/** Commands whose replies fill the App Home tab, in order, when the tutor declares them. */
const HOME_COMMANDS = ["progress", "leaderboard"];
/** Suggestions Slack shows in an external_select (Tutor.autocomplete returns at most this many). */
const SUGGESTIONS_MAX = 25;

export interface ListenerDeps {
  tutor: Tutor;
  logger: Logger;
}

/** What every listener shares once registered. */
interface Shared extends ListenerDeps {
  dms: DmChannels;
  admins: WorkspaceAdmins;
}

/** The tutor's answer, or a short apology if the tutor threw (a bug, logged with context). */
async function ask(
  deps: Shared,
  context: Record<string, unknown>,
  call: () => Promise<Reply>,
): Promise<Reply> {
  try {
    return await call();
  } catch (error) {
    deps.logger.error({ err: error, ...context }, "tutor failed on a Slack request");
    return textReply(GENERIC_FAILURE);
  }
}

async function deliverOrLog(reply: Reply, target: DeliveryTarget): Promise<void> {
  try {
    await deliver(reply, target);
  } catch (error) {
    target.logger.error(
      { err: error, channel: target.channelId, user: target.userId },
      "Slack reply was lost",
    );
  }
}

type SlashArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Runs one tutor command from a typed line; `umbrella` is set when typed as `/descent <name> …`. */
async function runTyped(
  deps: Shared,
  declaration: CommandDeclaration,
  text: string,
  { command, respond, client }: SlashArgs,
  umbrella?: string,
): Promise<void> {
  const target = {
    client,
    respond,
    channelId: command.channel_id,
    userId: command.user_id,
    logger: deps.logger,
    dms: deps.dms,
  };
  const names = deps.tutor.commands.map((declared) => declared.name);
  const hinted = (reply: Reply) => (umbrella ? underUmbrella(reply, umbrella, names) : reply);
  const parsed = parseCommandText(declaration, text);
  if (!parsed.ok) {
    const hint = textReply(`${parsed.error}\nUsage: \`${slackUsage(declaration, umbrella)}\``);
    await deliverOrLog(hint, target);
    return;
  }
  const pickable = missingPickable(declaration, parsed.options);
  const typedAs = umbrella ? `/${umbrella} ${declaration.name}` : `/${declaration.name}`;
  const picker = pickable && pickerMessage(declaration, pickable, parsed.options, typedAs);
  if (picker) {
    await respond({ ...picker, response_type: "ephemeral" }).catch((error: unknown) =>
      deps.logger.warn({ err: error }, "Slack refused the option picker"),
    );
    return;
  }
  const who: Invoker = {
    platform: "slack",
    userId: command.user_id,
    userName: command.user_name,
    // A Slack DM still belongs to the workspace, so the workspace leaderboard applies there too.
    communityId: command.team_id,
    channelId: command.channel_id,
    canManageCommunity: () => deps.admins.check(client, command.user_id),
  };
  const reply = await ask(deps, { command: declaration.name, user: who.userId }, () =>
    deps.tutor.run(declaration.name, parsed.options, who),
  );
  await deliverOrLog(hinted(reply), target);
}

function registerCommand(app: App, deps: Shared, declaration: CommandDeclaration): void {
  app.command(`/${declaration.name}`, async (args) => {
    await args.ack();
    await runTyped(deps, declaration, args.command.text, args);
  });
}

/**
 * Any other slash command the manifest declares is the umbrella (`npm run slack:manifest --
 * --single descent`): its first word names the tutor command, e.g. `/descent quiz final`.
 */
function registerUmbrella(app: App, deps: Shared): void {
  const names = deps.tutor.commands.map((declaration) => declaration.name);
  const notATutorCommand = new RegExp(`^/(?!(?:${names.join("|")})$).+$`);
  app.command(notATutorCommand, async (args) => {
    await args.ack();
    const umbrella = args.command.command.replace(/^\//, "");
    const [first = "", ...rest] = args.command.text.trim().split(/\s+/);
    const declaration = deps.tutor.commands.find((declared) => declared.name === first.toLowerCase());
    if (!declaration) {
      const list = names.map((name) => `\`/${umbrella} ${name}\``).join(", ");
      const unknown = first ? `I don't know \`${escapeSlackText(first)}\`. ` : "";
      await deliverOrLog(textReply(`${unknown}Try one of: ${list}.`), {
        client: args.client,
        respond: args.respond,
        channelId: args.command.channel_id,
        userId: args.command.user_id,
        logger: deps.logger,
        dms: deps.dms,
      });
      return;
    }
    await runTyped(deps, declaration, rest.join(" "), args, umbrella);
  });
}

function invokerFromAction(body: BlockAction, client: DeliveryTarget["client"], deps: Shared): Invoker {
  return {
    canManageCommunity: () => deps.admins.check(client, body.user.id),
    platform: "slack",
    userId: body.user.id,
    userName: body.user.username ?? body.user.name ?? body.user.id,
    communityId: body.team?.id ?? body.user.team_id ?? null,
    channelId: body.container.channel_id ?? body.channel?.id,
  };
}

function targetFromAction(
  body: BlockAction,
  respond: DeliveryTarget["respond"],
  client: DeliveryTarget["client"],
  { logger, dms }: Shared,
): DeliveryTarget {
  return {
    client,
    respond,
    channelId: body.container.channel_id ?? body.channel?.id ?? "",
    userId: body.user.id,
    clickedMessageTs: body.container.message_ts,
    clickedLastingMessage: body.container.is_ephemeral !== true,
    logger,
    dms,
  };
}

function registerButtons(app: App, deps: Shared): void {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: ACTION_ID_PATTERN },
    async (args) => {
      await args.ack();
      const who = invokerFromAction(args.body, args.client, deps);
      const buttonId = args.action.value ?? "";
      const reply = await ask(deps, { buttonId, user: who.userId }, () => deps.tutor.click(buttonId, who));
      await deliverOrLog(reply, targetFromAction(args.body, args.respond, args.client, deps));
    },
  );
}

/**
 * Choices as Slack menu options: text cut to Slack's limit; a choice whose value would not fit is
 * left out (a cut value would pick something else).
 */
export function suggestionOptions(choices: readonly { name: string; value: string }[]) {
  return choices
    .filter((choice) => choice.value.length <= OPTION_VALUE_MAX)
    .slice(0, SUGGESTIONS_MAX)
    .map((choice) => ({
      text: { type: "plain_text" as const, text: truncate(choice.name, OPTION_TEXT_MAX) },
      value: choice.value,
    }));
}

function registerPickers(app: App, deps: Shared): void {
  app.options<"block_suggestion">({ action_id: PICKER_ACTION_PATTERN }, async ({ ack, body, payload }) => {
    const picked = parsePickerActionId(payload.action_id);
    const who: Invoker = {
      platform: "slack",
      userId: body.user.id,
      userName: body.user.name ?? body.user.id,
      communityId: body.team?.id ?? null,
    };
    const choices = picked
      ? await deps.tutor
          .autocomplete(picked.command, picked.option, payload.value, who)
          .catch((error: unknown) => {
            deps.logger.error({ err: error, ...picked }, "tutor autocomplete failed");
            return [];
          })
      : [];
    await ack({ options: suggestionOptions(choices) });
  });

  app.action<BlockAction<ExternalSelectAction>>(
    { type: "block_actions", action_id: PICKER_ACTION_PATTERN },
    async (args) => {
      await args.ack();
      const picked = parsePickerActionId(args.action.action_id);
      const value = args.action.selected_option?.value;
      if (!picked || value === undefined) return;
      const options: OptionValues = {
        ...typedOptionsFromBlockId(args.action.block_id),
        [picked.option]: value,
      };
      const who = invokerFromAction(args.body, args.client, deps);
      const reply = await ask(deps, { command: picked.command, user: who.userId }, () =>
        deps.tutor.run(picked.command, options, who),
      );
      // The picker has done its job: the answer takes its place when private, else appears beside it.
      const target = targetFromAction(args.body, args.respond, args.client, deps);
      await deliverOrLog({ ...reply, replaceOriginal: reply.private }, target);
    },
  );
}

function registerHome(app: App, deps: Shared): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const who: Invoker = {
      platform: "slack",
      userId: event.user,
      userName: event.user,
      communityId: body.team_id,
    };
    const names = HOME_COMMANDS.filter((name) =>
      deps.tutor.commands.some((command) => command.name === name),
    );
    const sections = await Promise.all(
      names.map((name) =>
        ask(deps, { command: name, user: event.user }, () => deps.tutor.run(name, {}, who)),
      ),
    );
    try {
      await client.views.publish({ user_id: event.user, view: homeView(sections) });
    } catch (error) {
      deps.logger.error({ err: error, user: event.user }, "Slack refused the App Home view");
    }
  });
}

/** Wires every tutor command, Descent's buttons and pickers, and the App Home into a Bolt app. */
export function registerListeners(app: App, listenerDeps: ListenerDeps): void {
  const deps: Shared = {
    ...listenerDeps,
    dms: new DmChannels(),
    admins: new WorkspaceAdmins(listenerDeps.logger),
  };
  for (const declaration of deps.tutor.commands) registerCommand(app, deps, declaration);
  registerUmbrella(app, deps);
  registerButtons(app, deps);
  registerPickers(app, deps);
  registerHome(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error }, "Slack request failed inside Bolt");
  });
}
