import pino from "pino";

/** The structured logger injected into every service and adapter. */
export type Logger = pino.Logger;

/** Secrets that must never reach a log line, whatever object they sit in. */
const REDACTED_PATHS = [
  "token",
  "*.token",
  "secret",
  "*.secret",
  "headers.authorization",
  "*.headers.authorization",
];

/** A JSON logger on stderr (stdout stays free for CLI output and terminal mode). */
export function createLogger(level = "info"): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, pino.destination(2));
}

/** A logger that drops everything, for tests and quiet CLI runs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
