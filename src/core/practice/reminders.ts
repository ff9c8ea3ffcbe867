import type { Catalogue } from "../content/types.ts";
import type { Logger } from "../logger.ts";
import { type Reply, textReply } from "../reply.ts";
import type { ProgressRecord } from "../store/records.ts";
import type { TutorStore } from "../store/store.ts";
import { plural } from "../text.ts";
import type { Invoker, Platform } from "../tutor-api.ts";
import { summarise } from "./plan.ts";

/** A reminder is looked at once a day per student. */
export const REMINDER_PERIOD_MS = 86_400_000;
/** How often a running bot sweeps for reminders that are due (their time is kept in the store). */
export const REMINDER_SWEEP_MS = 15 * 60_000;
/** Days in a row a refused direct message is tried before the reminder stops itself. */
export const REMINDER_REFUSALS_MAX = 3;

/** What the platform did with a direct message. */
export type DirectOutcome = "sent" | "refused";

/**
 * The outbound capability a reminder needs: send a private direct message to one student. Each
 * adapter implements it with its platform's calls; "refused" means the platform said this user
 * cannot be messaged (DMs closed, app blocked). Anything else passing (a network error) throws.
 */
export interface DirectMessenger {
  send(who: Invoker, reply: Reply): Promise<DirectOutcome>;
}

/** The record with the reminder on (first look a day from now) or off. */
export function withReminder(record: ProgressRecord, who: Invoker, on: boolean, now: Date): ProgressRecord {
  const { remind: _old, ...rest } = record;
  if (!on) return rest;
  const nextAt = new Date(now.getTime() + REMINDER_PERIOD_MS).toISOString();
  return { ...rest, remind: { platform: who.platform, communityId: who.communityId, nextAt, refused: 0 } };
}

export interface ReminderOptions {
  store: TutorStore;
  catalogue: () => Catalogue;
  clock: () => Date;
  logger: Logger;
  /** The platforms this process can send direct messages on. */
  messengers: Partial<Record<Platform, DirectMessenger>>;
}

/** What one sweep did (for logs and tests). */
export interface SweepResult {
  sent: number;
  refused: number;
  failed: number;
}

/**
 * The daily /practice reminder. Its time lives in each student's record (`remind.nextAt`), not in a
 * timer: a sweep at start-up and every REMINDER_SWEEP_MS looks for reminders whose time has come,
 * and a compare-and-swap that moves `nextAt` a day on decides which process sends, so a restart or a
 * second process never sends twice in a day. A student with nothing due gets no message that day.
 */
export class Reminders {
  constructor(private readonly options: ReminderOptions) {}

  /** Sends every reminder whose time has come. */
  async sweep(): Promise<SweepResult> {
    const { store, clock, messengers } = this.options;
    const result: SweepResult = { sent: 0, refused: 0, failed: 0 };
    const now = clock();
    for (const record of await store.listReminders()) {
      const remind = record.remind;
      if (!remind || Date.parse(remind.nextAt) > now.getTime()) continue;
      const messenger = messengers[remind.platform];
      if (!messenger) continue;
      const who: Invoker = {
        platform: remind.platform,
        communityId: remind.communityId,
        userId: record.userId,
        userName: record.userName,
      };
      const outcome = await this.#remind(who, remind.nextAt, messenger, now);
      if (outcome) result[outcome]++;
    }
    return result;
  }

  /** Sweeps now (what start-up re-arms), then every REMINDER_SWEEP_MS; returns the stop function. */
  start(): () => void {
    const run = () =>
      void this.sweep().then(
        (result) => {
          if (result.sent + result.refused + result.failed > 0)
            this.options.logger.info(result, "practice reminders sent");
        },
        (error: unknown) => this.options.logger.warn({ err: error }, "practice reminder sweep failed"),
      );
    run();
    const timer = setInterval(run, REMINDER_SWEEP_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #remind(
    who: Invoker,
    seenNextAt: string,
    messenger: DirectMessenger,
    now: Date,
  ): Promise<keyof SweepResult | undefined> {
    const { store, catalogue, logger } = this.options;
    const nextAt = new Date(now.getTime() + REMINDER_PERIOD_MS).toISOString();
    // Claim today's reminder: only the process whose swap moves `nextAt` on sends it.
    const claimed = await store.updateProgress(who, now, (record) => {
      if (!record.remind || record.remind.stopped || record.remind.nextAt !== seenNextAt)
        return { result: undefined };
      const next = { ...record, remind: { ...record.remind, nextAt } };
      return { next, result: next };
    });
    if (!claimed) return undefined;
    const due = summarise(catalogue(), claimed, now).due;
    if (due === 0) return undefined;
    let outcome: DirectOutcome;
    try {
      outcome = await messenger.send(who, reminderReply(due));
    } catch (error) {
      // Claimed but not sent (network, platform outage): tomorrow's sweep tries again.
      logger.warn({ err: error, platform: who.platform }, "practice reminder could not be sent");
      return "failed";
    }
    await store.updateProgress(who, now, (record) => {
      if (!record.remind) return { result: undefined };
      const refused = outcome === "refused" ? record.remind.refused + 1 : 0;
      if (refused === record.remind.refused) return { result: undefined };
      const stopped = refused >= REMINDER_REFUSALS_MAX ? { stopped: true as const } : {};
      return { next: { ...record, remind: { ...record.remind, refused, ...stopped } }, result: undefined };
    });
    return outcome === "sent" ? "sent" : "refused";
  }
}

/** The reminder itself: private, no buttons (a click in a DM would act outside the student's community). */
export function reminderReply(due: number): Reply {
  return textReply(
    `🔁 ${plural(due, "review")} due today. Type \`/practice\` where you study to go through ${due === 1 ? "it" : "them"}.\n` +
      "_You asked for this daily reminder; `/practice remind off` stops it._",
    { title: "Practice reminder" },
  );
}
