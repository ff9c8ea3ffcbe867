import type { CommandContext } from "../../src/core/command.ts";
import type { PracticeSummary } from "../../src/core/services.ts";
import { plural } from "../../src/core/text.ts";

/** How /practice, /progress, /lesson and the end of a quiz speak about due reviews. */

const DAY_MS = 86_400_000;

/** "tomorrow", "Friday" within the week, else "Friday 11 December" (UTC days, as reviews fall due). */
export function describeDay(day: Date, now: Date): string {
  const midnight = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const days = Math.round((midnight(day) - midnight(now)) / DAY_MS);
  if (days <= 0) return "today";
  if (days === 1) return "tomorrow";
  const format: Intl.DateTimeFormatOptions =
    days < 7
      ? { weekday: "long", timeZone: "UTC" }
      : { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" };
  return day.toLocaleDateString("en-GB", format);
}

/** "3 reviews due today, next on Friday" (or when the next one is, with none due). */
export function dueLine(summary: PracticeSummary, now: Date): string {
  const next = summary.next ? `next on ${describeDay(summary.next, now)}` : "";
  if (summary.due === 0) return next ? `No reviews due today, ${next}.` : "No reviews scheduled yet.";
  return `${plural(summary.due, "review")} due today${next ? `, ${next}` : ""}.`;
}

/** A line suggesting /practice when reviews are due; nothing if none are (or the store cannot say). */
export async function practiceHint({ who, services }: CommandContext): Promise<string | undefined> {
  try {
    const summary = await services.practice.summary(who);
    if (summary.due === 0) return undefined;
    return `🔁 ${plural(summary.due, "review")} due: \`/practice\``;
  } catch (error) {
    services.logger.warn({ err: error }, "could not read the practice summary; no suggestion shown");
    return undefined;
  }
}
