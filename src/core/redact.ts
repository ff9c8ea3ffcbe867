/**
 * Secrets that must never reach a log line, at any level: platform tokens, the Discord interaction
 * token inside REST URLs (a 15-minute credential to answer as the bot), Slack's response_url (30
 * minutes of posting into the channel) and signing secrets. Used by the shared logger on every
 * message, field and error, so adapters and libraries (Bolt at debug logs whole payloads) need no care.
 */

export const REDACTED = "[redacted]";

/** Keys whose value is a secret whatever it looks like. */
const SECRET_KEY = /^(?:[a-z_]*token|response_url|[a-z_]*secret|authorization|password)$/i;

const SECRET_TEXT: Array<[RegExp, string]> = [
  // Discord: /interactions/{id}/{token}/callback and /webhooks/{application}/{token}/messages/…
  [/(\/(?:interactions|webhooks)\/\d+\/)[\w.-]+/g, `$1${REDACTED}`],
  // Slack response_url (and incoming webhooks): the whole path is the credential.
  [/(https?:(?:\\?\/){2}hooks\.slack\.com(?:\\?\/))[^\s"'<>]+/g, `$1${REDACTED}`],
  // Slack tokens: bot, user, app-level, configuration and refresh tokens.
  [/\bx(?:ox[abeoprs]|app)-[\w-]+/g, REDACTED],
  // Secrets as fields of JSON logged as text, e.g. Bolt's debug dump of a payload.
  [/("(?:[a-z_]*token|response_url|[a-z_]*secret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${REDACTED}"`],
  // …and of form-encoded or query strings.
  [/\b((?:[a-z_]*token|response_url|[a-z_]*secret)=)[^&\s"]+/gi, `$1${REDACTED}`],
];

/** `text` with every secret it contains replaced. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_TEXT) result = result.replace(pattern, replacement);
  return result;
}

/** Error fields worth logging; others (an HTTP client's request and config) hold URLs and headers. */
const ERROR_FIELDS = ["code", "status", "method", "url", "errno", "syscall", "path", "rawError"];
const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to log: secret keys blanked, secrets in text replaced, errors reduced to
 * type, message, stack, a few known fields and their causes. Plain objects and arrays are walked;
 * other class instances are logged by name only, since their insides are nobody's contract.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return redactText(value.href);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null)
    return `[${prototype?.constructor?.name ?? "object"}]`;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) && item !== undefined ? REDACTED : redactValue(item, depth + 1);
  }
  return copy;
}

function redactError(error: Error, depth: number): Record<string, unknown> {
  const fields = error as unknown as Record<string, unknown>;
  const copy: Record<string, unknown> = {
    type: error.constructor?.name ?? error.name,
    message: redactText(error.message),
    ...(error.stack && { stack: redactText(error.stack) }),
  };
  for (const key of ERROR_FIELDS) {
    if (fields[key] !== undefined) copy[key] = redactValue(fields[key], depth + 1);
  }
  if (error.cause !== undefined) copy.cause = redactValue(error.cause, depth + 1);
  if (error instanceof AggregateError) copy.errors = redactValue(error.errors, depth + 1);
  return copy;
}
