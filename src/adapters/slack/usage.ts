import type { Reply } from "../../core/reply.ts";
import type { CommandDeclaration } from "../../core/tutor-api.ts";

/**
 * How commands are written on Slack: `/quiz <topic> [count]`, or under one umbrella command chosen
 * when the manifest is generated, `/descent quiz <topic>` (Slack has no `topic:<string>` fields;
 * the adapter reads plain words in order, or `name=value`).
 */

/** `<topic> [count]`, `<all|week>`: the words after the command name. */
export function slackArguments(declaration: CommandDeclaration): string {
  if (declaration.subcommands?.length) {
    return declaration.subcommands
      .map((sub) =>
        [sub.name, slackArguments({ ...declaration, options: sub.options, subcommands: undefined })]
          .filter(Boolean)
          .join(" "),
      )
      .join(" | ");
  }
  return declaration.options
    .map((option) => {
      const shape = option.choices ? option.choices.map((choice) => choice.value).join("|") : option.name;
      return option.required ? `<${shape}>` : `[${shape}]`;
    })
    .join(" ");
}

/** The whole usage line, e.g. `/descent quiz <topic>` when typed under the umbrella `descent`. */
export function slackUsage(declaration: CommandDeclaration, umbrella?: string): string {
  const command = umbrella ? `/${umbrella} ${declaration.name}` : `/${declaration.name}`;
  return [command, slackArguments(declaration)].filter(Boolean).join(" ");
}

/** Rewrites `` `/quiz adam` `` hints as `` `/descent quiz adam` `` for a student using the umbrella. */
export function underUmbrella(reply: Reply, umbrella: string, names: readonly string[]): Reply {
  const pattern = new RegExp(`\`/(${names.join("|")})\\b`, "g");
  const rewrite = (text: string) => text.replace(pattern, `\`/${umbrella} $1`);
  return {
    ...reply,
    text: rewrite(reply.text),
    ...(reply.footer && { footer: rewrite(reply.footer) }),
    ...(reply.fields && {
      fields: reply.fields.map((field) => ({ ...field, value: rewrite(field.value) })),
    }),
  };
}
