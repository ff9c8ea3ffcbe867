import { createHash } from "node:crypto";
import { z } from "zod";
import type { ButtonRoute, CommandContext } from "./command.ts";
import { BUTTON_ID_MAX } from "./layout.ts";
import { SESSION_ID_PATTERN } from "./quiz/engine.ts";
import type { Reply } from "./reply.ts";
import type { Invoker } from "./tutor-api.ts";

/**
 * Button ids: compact strings carrying what a click needs, `tag:field:field…`. Each command declares
 * the ids it answers (a tag and the fields' parsers); a click is first *parsed* into typed data or
 * declined, then *run* by the command that declared it (Sapphire style). The core only routes by tag.
 */

/** A field of a button id: a zod schema from the id's text to the typed value. */
export type ButtonField = z.ZodType<unknown, string>;

/** The id grammar of one kind of button: its tag, and how its data becomes an id and back. */
export interface ButtonId<Data> {
  readonly tag: string;
  /** The button id for `data`. Throws if it would be malformed or too long (a bug, not a user mistake). */
  encode(data: Data): string;
  /** The data of an id with this tag; undefined for anything malformed or forged. */
  parse(id: string): Data | undefined;
}

/** The fields most ids carry. Each refuses `:` and anything longer than the platforms allow. */
export const FIELDS = {
  /** A lesson or quiz id from content/. */
  contentId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  /** A quiz session id. */
  sessionId: z.string().regex(SESSION_ID_PATTERN),
  /** A question or choice position (0–99). */
  smallInt: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number),
  /** Who opened a message (see ownerOf; older messages carry the user id itself). */
  owner: z.string().regex(/^[A-Za-z0-9.~-]{1,40}$/),
  /** A short run of lowercase letters (e.g. the answers of a walk so far). */
  letters: z.string().regex(/^[a-z]{0,8}$/),
} as const;

/** Builders for a command's own fields (so commands declare ids without importing zod). */
export const FIELD_OF = {
  /** One of `values`, exactly as written. */
  oneOf: <const Values extends readonly [string, ...string[]]>(values: Values) => z.enum(values),
  /** Text matching `pattern` (which must exclude `:`). */
  text: (pattern: RegExp) => z.string().regex(pattern),
  /** A number written as `pattern` allows, within [min, max]. */
  number: (pattern: RegExp, min: number, max: number) =>
    z.string().regex(pattern).transform(Number).pipe(z.number().min(min).max(max)),
} as const;

const TAG = /^[a-z]{1,3}$/;

/** Declares a kind of button id: `fields` in the order they appear after the tag. */
export function buttonId<Shape extends Record<string, ButtonField>>(
  tag: string,
  fields: Shape,
): ButtonId<{ [K in keyof Shape]: z.output<Shape[K]> }> {
  type Data = { [K in keyof Shape]: z.output<Shape[K]> };
  if (!TAG.test(tag)) throw new Error(`button tag "${tag}" must match ${TAG}`);
  const names = Object.keys(fields) as Array<keyof Shape & string>;
  const schema = z.object(fields);
  const parse = (id: string): Data | undefined => {
    if (typeof id !== "string" || id.length > BUTTON_ID_MAX) return undefined;
    const [given, ...values] = id.split(":");
    if (given !== tag || values.length !== names.length) return undefined;
    const parsed = schema.safeParse(Object.fromEntries(names.map((name, index) => [name, values[index]])));
    return parsed.success ? (parsed.data as Data) : undefined;
  };
  return {
    tag,
    parse,
    encode(data) {
      const id = [tag, ...names.map((name) => String(data[name]))].join(":");
      if (id.length > BUTTON_ID_MAX || parse(id) === undefined) {
        throw new Error(`button id "${id}" is malformed or longer than ${BUTTON_ID_MAX} characters`);
      }
      return id;
    },
  };
}

/** Pairs an id grammar with the handler that runs its parsed data. */
export function onButton<Data>(
  id: ButtonId<Data>,
  run: (data: Data, context: CommandContext) => Promise<Reply>,
): ButtonRoute {
  return {
    tag: id.tag,
    parse(customId) {
      const data = id.parse(customId);
      return data === undefined ? undefined : (context) => run(data, context);
    },
  };
}

/** The tag of any button id (what the core routes on). */
export function tagOf(id: string): string {
  return id.split(":", 1)[0] ?? "";
}

/**
 * A short, fixed-length mark of who opened a message, for buttons that behave differently for them
 * (paging a lesson in place). Not a secret and not a storage key: a forged one only changes whether
 * the clicker pages in place or gets a private copy.
 */
export function ownerOf(who: Invoker): string {
  return createHash("sha256").update(`${who.platform}\n${who.userId}`).digest("hex").slice(0, 16);
}
