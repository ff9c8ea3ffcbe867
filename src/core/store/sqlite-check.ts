import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import type KeyvSqlite from "@keyv/sqlite";
import { StoreStartError } from "./unavailable.ts";

/** Makes sure the SQLite file's folder exists and is writable (the file and its WAL live there). */
export function prepareDataDir(file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new StoreStartError(dataDirProblem(dir, (error as NodeJS.ErrnoException).code));
  }
}

function dataDirProblem(dir: string, code: string | undefined): string {
  if (code === "ENOTDIR" || code === "EEXIST") {
    return `DATA_DIR ${dir} cannot be a folder: it or a folder above it is a regular file; set DATA_DIR to a folder (or move that file away) and start again.`;
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return `DATA_DIR ${dir} is not writable (${code === "EROFS" ? "read-only file system" : "permission denied"}); make it writable by this user or set DATA_DIR to a writable folder, then start again.`;
  }
  return `DATA_DIR ${dir} cannot be used (${code ?? "unknown error"}); set DATA_DIR to a writable folder and start again.`;
}

/**
 * Runs the first statements on the file and a `PRAGMA quick_check` (reads every page once), so a
 * file that is not a database, cannot be written or is damaged stops start-up with what to do,
 * instead of every student later being told "try again in a moment".
 */
export async function checkSqliteFile(file: string, adapter: KeyvSqlite, pragmas: string[]): Promise<void> {
  let problems: string[];
  try {
    for (const pragma of pragmas) await adapter.query(pragma);
    const rows = (await adapter.query("PRAGMA quick_check(3)")) as { quick_check: string }[];
    problems = rows.map((row) => row.quick_check).filter((result) => result !== "ok");
  } catch (error) {
    throw new StoreStartError(sqliteProblem(file, error as NodeJS.ErrnoException));
  }
  if (problems.length > 0) throw new StoreStartError(damaged(file, problems.join("; ")));
}

function sqliteProblem(file: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "SQLITE_NOTADB":
      return `${file} is not a SQLite database; move it away (Descent then starts with a fresh file) or set DATA_DIR to the folder that holds the right one.`;
    case "SQLITE_CORRUPT":
      return damaged(file, error.message.replace(/^SQLITE_CORRUPT: /, ""));
    case "SQLITE_READONLY":
    case "SQLITE_CANTOPEN":
    case "SQLITE_PERM":
      return `${file} cannot be opened for writing (${error.code}); make the file and its folder writable by this user, or set DATA_DIR to a writable folder.`;
    default:
      return `${file} cannot be opened (${error.code ?? error.message}); check the file and its folder, or set DATA_DIR to another folder.`;
  }
}

function damaged(file: string, problem: string): string {
  // quick_check starts with "*** in database main ***" and may span lines: one short line here.
  const found = problem
    .replace(/\*\*\* in database \w+ \*\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return `${file} is damaged (PRAGMA quick_check: ${found.slice(0, 160) || "not ok"}); stop the bot, restore the file from a backup (or run "sqlite3 ${file} .recover"), or move it away to start with no scores.`;
}
