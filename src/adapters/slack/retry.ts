import type { webApi } from "@slack/bolt";

/**
 * Retry policies for the Web API client. Its default retries 5xx for about 30 minutes, far longer
 * than a student waits; 429s always wait for Retry-After on top of these.
 */

/** Production: 4 retries over about 15 seconds, then the error reaches the log and the student. */
export const PRODUCTION_RETRY: webApi.RetryOptions = {
  retries: 4,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 8000,
};

/** Tests: the same number of attempts in milliseconds, so fault scenarios stay fast. */
export const TEST_RETRY: webApi.RetryOptions = { retries: 4, factor: 1, minTimeout: 10, maxTimeout: 20 };

/** One Web API request may take this long before it counts as failed (and is retried). */
export const WEB_API_TIMEOUT_MS = 15_000;
