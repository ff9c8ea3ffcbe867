import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { openStore } from "../../src/core/store/index.ts";
import { emptyProgress } from "../../src/core/store/progress.ts";
import { runScript } from "./run-script.ts";

const dir = mkdtempSync(path.join(tmpdir(), "descent-export-"));
const env = { ...process.env, DATA_DIR: dir, STORE_URL: "" };
const who = { platform: "slack" as const, userId: "U01", userName: "=cmd|' /C calc'!A0", communityId: "T42" };

beforeAll(async () => {
  // A class of one on the SQLite file the CLI will open: a result and two logged answers.
  const store = await openStore({ dataDir: dir, logger: silentLogger() });
  const at = new Date("2026-03-03T10:00:00Z");
  await store.updateProgress(who, at, (record) => ({
    next: {
      ...emptyProgress(who, at),
      ...record,
      lessonsSeen: ["adam"],
      quizzes: { adam: { best: 3, latest: 1, outOf: 4, attempts: 2, lastAt: "2026-03-03T09:00:00.000Z" } },
    },
    result: undefined,
  }));
  await store.recordAnswers(who, { id: "abcdef012345", quiz: "final" }, [
    {
      index: 0,
      at,
      quizId: "adam",
      questionId: "bias-correction",
      choice: 0,
      correct: false,
      misconception: "m1",
    },
    { index: 1, at, quizId: "gd", questionId: "nope", choice: 1, correct: true },
  ]);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("descent export", () => {
  it("GIVEN a class in the store THEN `export gradebook --out` writes its CSV with the name escaped", async () => {
    const out = path.join(dir, "grades.csv");
    const result = await runScript(
      "src/cli/index.ts",
      ["export", "gradebook", "--community", "T42", "--out", out],
      {
        env,
      },
    );
    expect(result.stderr).toMatch(/Wrote gradebook of 1 students/);
    expect(result.code).toBe(0);
    const [row] = parse(readFileSync(out, "utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(row?.["display name"]).toBe("'=cmd|' /C calc'!A0");
    expect(row?.["platform id"]).toBe("U01");
    expect(row?.["adam best (of 4)"]).toBe("3");
    expect(row?.["adam latest (of 4)"]).toBe("1");
    expect(row?.["last active (UTC)"]).toBe("2026-03-03T10:00:00Z");
  });

  it("GIVEN a class THEN `export answers` prints one row per answer", async () => {
    const result = await runScript("src/cli/index.ts", ["export", "answers", "--community", "T42"], { env });
    const rows = parse(result.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row.quiz, row.question, row.correct, row.misconception])).toEqual([
      ["final", "adam/bias-correction", "no", "m1"],
      ["final", "gd/nope", "yes", ""],
    ]);
  });

  it("GIVEN an unknown community or platform THEN it says so and exits with the usage code", async () => {
    const unknown = await runScript("src/cli/index.ts", ["export", "gradebook", "--community", "T99"], {
      env,
    });
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringMatching(/No students recorded for community "T99"/),
    ]);
    const bad = await runScript(
      "src/cli/index.ts",
      ["export", "answers", "--community", "T42", "--platform", "irc"],
      {
        env,
      },
    );
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--platform must be one of/)]);
  });
});
