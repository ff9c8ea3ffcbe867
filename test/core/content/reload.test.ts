import { rm } from "node:fs/promises";
import { join } from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { loadCheckedContent } from "../../../src/core/content/check-formulas.ts";
import { ContentError } from "../../../src/core/content/index.ts";
import { ContentHolder } from "../../../src/core/content/reload.ts";
import { watchContent } from "../../../src/core/content/watch.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createMemoryStore } from "../../../src/core/store/index.ts";
import { createTutor } from "../../../src/core/tutor.ts";
import { fakeRenderer, student } from "../fakes.ts";
import { copyRealContent, editContent } from "./content-copy.ts";

/** Adam's hand-written rule in a quiz image: the one formula content authors type as LaTeX. */
const ADAM_FRACTION = "\\frac{\\eta\\, m}";

let dir: string;
beforeEach(async () => {
  dir = await copyRealContent("descent-reload-");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Replaces `from` with `to` in one file of this test's content copy. */
const edit = (file: string, from: string, to: string) => editContent(dir, file, from, to);

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

async function running() {
  const { logger, lines } = capturingLogger();
  const holder = new ContentHolder({ dir, initial: await loadCheckedContent(dir), logger });
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue: () => holder.current,
    renderer: fakeRenderer(),
    store: createMemoryStore(silentLogger()),
    logger: silentLogger(),
  });
  return { holder, tutor, lines };
}

const alice = student("alice");

describe("GIVEN a running bot whose content is edited", () => {
  it("WHEN the edit breaks the YAML THEN the reload is refused with the file named and the old content still served; fixing it swaps the new content in", async () => {
    const { holder, tutor, lines } = await running();
    await edit("lessons/adam.md", "title: Adam", "title: Adam, step by step");
    await edit("quizzes/adam.yaml", "title: Adam", "title: [Adam");

    const refused = await holder.reload();
    expect(refused.swapped).toBe(false);
    const logged = lines.find((line) => line.msg?.toString().includes("reload refused"));
    expect(logged?.reason).toMatch(/quizzes\/adam\.yaml: is not valid YAML at line \d+/);
    expect((await tutor.run("lesson", { topic: "adam" }, alice)).title).toBe("Adam");
    expect((await tutor.run("quiz", { topic: "adam" }, alice)).title).toMatch(/^Adam quiz · question 1\/4/);

    await edit("quizzes/adam.yaml", "title: [Adam", "title: Adam");
    expect(await holder.reload()).toMatchObject({ swapped: true, lessons: 9 });
    expect((await tutor.run("lesson", { topic: "adam" }, alice)).title).toBe("Adam, step by step");
  });

  it("WHEN a formula stops rendering THEN the reload names the file and field and keeps the last good content", async () => {
    const { holder, tutor, lines } = await running();
    await edit("lessons/gd.md", "title: Gradient descent", "title: Plain gradient descent");
    await edit("quizzes/adam.yaml", ADAM_FRACTION, "\\frca{\\eta\\, m}");

    const refused = await holder.reload();
    expect(refused.swapped).toBe(false);
    if (refused.swapped) return;
    expect(refused.error).toBeInstanceOf(ContentError);
    expect((refused.error as ContentError).problems).toEqual([
      expect.objectContaining({
        file: "quizzes/adam.yaml",
        field: expect.stringMatching(/^questions\[\d+\] \([a-z-]+\)\.image\.formulas\[\d+\]\.latex$/),
        problem: expect.stringContaining("\\frca"),
      }),
    ]);
    expect(lines.some((line) => String(line.reason).includes("quizzes/adam.yaml →"))).toBe(true);
    expect((await tutor.run("lesson", { topic: "gd" }, alice)).title).toBe("Gradient descent");

    await edit("quizzes/adam.yaml", "\\frca{\\eta\\, m}", ADAM_FRACTION);
    expect((await holder.reload()).swapped).toBe(true);
    expect((await tutor.run("lesson", { topic: "gd" }, alice)).title).toBe("Plain gradient descent");
  });

  it("WHEN a lesson is removed THEN its old buttons answer politely and /lesson suggests others", async () => {
    const { holder, tutor } = await running();
    const schedules = await tutor.run("lesson", { topic: "schedules" }, alice);
    const toChoosing = schedules.buttons.flat().find((button) => button.label.startsWith("Choosing"));
    if (!toChoosing) throw new Error("the schedules lesson should lead on to Choosing");
    await rm(join(dir, "lessons/choosing.md"));
    await rm(join(dir, "quizzes/choosing.yaml"));
    // /recommend points to the lesson too, and the loader refuses a link to a missing lesson.
    for (let k = 0; k < 2; k++) await editContent(dir, "recommend.yaml", "lesson: choosing", "lesson: adam");
    expect((await holder.reload()).swapped).toBe(true);
    expect(holder.current.lessons.map((lesson) => lesson.id)).not.toContain("choosing");
    const gone = await tutor.run("lesson", { topic: "choosing" }, alice);
    expect(gone.private).toBe(true);
    expect(gone.text).toMatch(/I don't know a lesson called `choosing`/);
    const stale = await tutor.click(toChoosing.id, alice);
    expect(stale).toMatchObject({ private: true, text: expect.stringMatching(/no longer in the course/) });
  });
});

describe("watchContent", () => {
  it("GIVEN several quick writes THEN one reload after the folder is quiet", async () => {
    const onChange = vi.fn();
    const watch = watchContent(dir, onChange, { logger: silentLogger(), debounceMs: 100 });
    try {
      for (const word of ["one", "two", "three"]) {
        await edit("quizzes/gd.yaml", "title: Gradient descent", `title: Gradient descent ${word}`);
        await edit("quizzes/gd.yaml", `title: Gradient descent ${word}`, "title: Gradient descent");
      }
      await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 3_000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(onChange).toHaveBeenCalledTimes(1);
    } finally {
      watch.close();
    }
  });
});
