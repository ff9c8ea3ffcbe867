import { activeThisWeek, weekPoints } from "./progress.ts";
import type { ProgressRecord } from "./records.ts";

export type Period = "week" | "all";

/** Rows shown at the top of a board. */
export const LEADERBOARD_SIZE = 10;

export interface BoardRow {
  rank: number;
  userId: string;
  userName: string;
  points: number;
}

/**
 * Ranks a community's records: most points first; equal points share a rank (1, 1, 3).
 * Only students who finished a quiz in the period appear (a score of 0 still counts).
 */
export function rankRecords(records: ProgressRecord[], period: Period, now: Date): BoardRow[] {
  const rows = records
    .filter((record) =>
      period === "week" ? activeThisWeek(record, now) : Object.keys(record.quizzes).length > 0,
    )
    .map((record) => ({
      userId: record.userId,
      userName: record.userName,
      points: period === "week" ? weekPoints(record, now) : record.points,
    }));
  return rankRows(rows);
}

/** Ranks standings: most points first; equal points share a rank (1, 1, 3). */
export function rankRows(standings: Omit<BoardRow, "rank">[]): BoardRow[] {
  const rows = [...standings].sort(
    (a, b) => b.points - a.points || a.userName.localeCompare(b.userName) || a.userId.localeCompare(b.userId),
  );
  let rank = 0;
  return rows.map((row, index) => {
    if (index === 0 || row.points !== rows[index - 1]?.points) rank = index + 1;
    return { rank, ...row };
  });
}

/** The top rows plus the caller's own row when it is further down (or undefined if not ranked). */
export function boardFor(
  rows: BoardRow[],
  userId: string,
  size = LEADERBOARD_SIZE,
): { top: BoardRow[]; own?: BoardRow } {
  const top = rows.slice(0, size);
  const own = rows.find((row) => row.userId === userId);
  return own && !top.includes(own) ? { top, own } : { top };
}
