import { type ExecFileOptions, execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, "../..");

/** What a finished script printed, and how it exited. */
export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry point of the repo (`src/cli/index.ts`, `scripts/…`) as the package bin does,
 * `node --import tsx` (npx would only add start-up time), and reports its exit code instead of throwing.
 */
export async function runScript(
  script: string,
  args: string[],
  options: ExecFileOptions = {},
): Promise<ScriptResult> {
  const argv = ["--import", import.meta.resolve("tsx"), path.join(ROOT, script), ...args];
  try {
    const { stdout, stderr } = await run(process.execPath, argv, { cwd: ROOT, ...options, encoding: "utf8" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as ScriptResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
