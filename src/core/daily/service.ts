import type { Invoker } from "../tutor-api.ts";
import type { DailyPlace, DailySchedule } from "./schedule.ts";

/** The daily question as commands use it (implemented by DailyQuestions). */
export interface DailyService {
  /** The caller's community's schedule, if one was ever set. */
  read(who: Invoker): Promise<DailySchedule | undefined>;
  /** Turns it on (or moves it) at `time` in `timezone`, in the given channel. */
  set(who: Invoker & DailyPlace, time: string, timezone: string): Promise<DailySchedule>;
  /** Turns it off; false if it was off already. */
  off(who: Invoker): Promise<boolean>;
}
