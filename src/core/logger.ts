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

/**
 * A JSON logger on stderr (stdout stays free for CLI output and terminal mode), or appending to
 * `file` (terminal mode, so the student's screen shows only the tutor). Writes are synchronous, so
 * nothing is lost when the process exits at the end of a pipe.
 */
export function createLogger(level = "info", file?: string): Logger {
  const destination = file ? pino.destination({ dest: file, mkdir: true, sync: true }) : pino.destination(2);
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, destination);
}

/** A logger that drops everything, for tests and quiet CLI runs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
