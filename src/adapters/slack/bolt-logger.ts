import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";

/** Bolt's logger interface on top of the injected pino logger, so Bolt's own lines share one stream. */
export function boltLogger(logger: Logger): BoltLogger {
  let current = logger.child({ component: "bolt" });
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : String(part))).join(" ");
  return {
    debug: (...parts) => current.debug(text(parts)),
    info: (...parts) => current.info(text(parts)),
    warn: (...parts) => current.warn({ err: parts.find((part) => part instanceof Error) }, text(parts)),
    error: (...parts) => current.error({ err: parts.find((part) => part instanceof Error) }, text(parts)),
    setName: (name) => {
      current = logger.child({ component: name });
    },
    // pino's level stays the one from LOG_LEVEL; Bolt only asks so it can skip work.
    setLevel: () => {},
    getLevel: () => {
      const level = logger.level;
      if (level === "trace" || level === "debug") return LogLevel.DEBUG;
      if (level === "info") return LogLevel.INFO;
      if (level === "warn") return LogLevel.WARN;
      return LogLevel.ERROR;
    },
  };
}
