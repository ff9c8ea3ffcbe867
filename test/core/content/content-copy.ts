import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REAL_CONTENT = join(import.meta.dirname, "../../../content");

/** A fresh temporary copy of the real content/ folder, for tests that break or edit it. */
export async function copyRealContent(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await cp(REAL_CONTENT, dir, { recursive: true });
  return dir;
}

/** Replaces `from` with `to` in one file of a content copy (the text must be there). */
export async function editContent(dir: string, file: string, from: string, to: string): Promise<void> {
  const path = join(dir, file);
  const text = await readFile(path, "utf8");
  if (!text.includes(from)) throw new Error(`fixture text not found in ${file}: ${from}`);
  await writeFile(path, text.replace(from, to));
}
