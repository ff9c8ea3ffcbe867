import pino from "pino";
import { redactValue } from "./redact.ts";

/** The structured logger injected into every service and adapter. */
export type Logger = pino.Logger;

/**
 * Every log line passes through redaction (see redact.ts) at every level: the message once formatted,
 * and every field, errors included (reduced to their useful fields in `formatters.log`, which runs
 * before serializers, so pino's own error serializer has nothing left to do).
 */
const REDACTING: pino.LoggerOptions = {
  formatters: {
    log: (object) => {
      const safe = redactValue(object);
      return typeof safe === "object" && safe !== null && !Array.isArray(safe)
        ? (safe as Record<string, unknown>)
        : { value: safe };
    },
  },
  serializers: { msg: (message: unknown) => redactValue(message), err: (error: unknown) => error },
};

/**
 * A JSON logger on stderr (stdout stays free for CLI output and terminal mode), or appending to a
 * file (terminal mode, so the student's screen shows only the tutor). File writes are synchronous,
 * so nothing is lost when the process exits at the end of a pipe.
 */
export function createLogger(
  level = "info",
  to: string | pino.DestinationStream = pino.destination(2),
): Logger {
  const destination = typeof to === "string" ? pino.destination({ dest: to, mkdir: true, sync: true }) : to;
  return pino({ level, ...REDACTING }, destination);
}

/** A logger that drops everything, for tests and quiet CLI runs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
