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

/** A JSON logger on stderr (stdout stays free for CLI output and terminal mode). */
export function createLogger(
  level = "info",
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino({ level, ...REDACTING }, destination);
}

/** A logger that drops everything, for tests and quiet CLI runs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
