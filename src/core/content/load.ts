import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import type { LabelledFormula } from "../render/types.ts";
import { createCatalogue, normaliseName } from "./catalogue.ts";
import { ProblemList } from "./errors.ts";
import { resolveFormula } from "./formulas.ts";
import { describeIssue } from "./issues.ts";
import { CONTENT_LIMITS as L } from "./limits.ts";
import { buildQuestion } from "./questions.ts";
import { buildRecommend, RECOMMEND_FILE } from "./recommend.ts";
import { lessonFrontMatterSchema, quizFileSchema, recommendFileSchema } from "./schema.ts";
import type { Catalogue, Lesson, Quiz, Recommend } from "./types.ts";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const BULLET = /^\s*[-*•]\s+/;

/** Files in `dir/sub` with extension `ext`; other files are reported, a missing folder too. */
async function listFiles(dir: string, sub: string, ext: string, problems: ProblemList): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, sub));
  } catch {
    problems.add(
      sub,
      "",
      `the folder is missing under ${dir}.`,
      `create ${join(dir, sub)} (see the README).`,
    );
    return [];
  }
  for (const name of names) {
    if (extname(name) !== ext && !name.startsWith(".") && name !== "README.md") {
      problems.add(
        `${sub}/${name}`,
        "",
        `is not a ${ext} file, so it is ignored.`,
        `rename it to ${basename(name, extname(name))}${ext} or move it out.`,
      );
    }
  }
  return names.filter((name) => extname(name) === ext).sort();
}

/** Parses YAML, reporting syntax errors with their line. */
function yaml(text: string, file: string, problems: ProblemList): unknown {
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : "";
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    problems.add(
      file,
      "",
      `is not valid YAML${where}: ${reason}`,
      "check indentation and quote text containing ': ' or '#'.",
    );
    return undefined;
  }
}

function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
  problems: ProblemList,
): T | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const { field, problem, fix } = describeIssue(issue);
    problems.add(file, field, problem, fix);
  }
  return undefined;
}

/** Body lines as "• " bullets (Markdown "- " and "* " are accepted and converted). */
function bullets(body: string, file: string, problems: ProblemList): string {
  const lines = body.split(/\r?\n/).filter((line) => line.trim() !== "");
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!BULLET.test(line)) {
      problems.add(
        file,
        `body line ${i + 1}`,
        "is not a bullet.",
        "start every body line with '- ' (the idea goes in front-matter).",
      );
      return;
    }
    const text = line.replace(BULLET, "").trim();
    if (text.length > L.bullet)
      problems.add(
        file,
        `body line ${i + 1}`,
        `is ${text.length} characters.`,
        `keep each bullet under ${L.bullet}.`,
      );
    out.push(`• ${text}`);
  });
  if (out.length < L.minBullets || out.length > L.maxBullets) {
    problems.add(
      file,
      "body",
      `has ${out.length} bullets.`,
      `write ${L.minBullets}–${L.maxBullets} short bullets.`,
    );
  }
  return out.join("\n");
}

async function loadLesson(dir: string, name: string, problems: ProblemList): Promise<Lesson | undefined> {
  const file = `lessons/${name}`;
  const text = await readFile(join(dir, file), "utf8");
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    problems.add(
      file,
      "",
      "has no front-matter.",
      "start the file with a '---' line, the YAML fields, and another '---' line.",
    );
    return undefined;
  }
  const front = validate(lessonFrontMatterSchema, yaml(match[1] ?? "", file, problems), file, problems);
  const body = bullets(match[2] ?? "", file, problems);
  if (!front) return undefined;
  const id = basename(name, ".md");
  if (front.id !== id)
    problems.add(
      file,
      "id",
      `is "${front.id}" but the file is ${name}.`,
      `set id: ${id} or rename the file to ${front.id}.md.`,
    );
  const formulas: LabelledFormula[] = [];
  front.formulas.forEach((entry, i) => {
    const resolved = resolveFormula(entry);
    if ("problem" in resolved) problems.add(file, `formulas[${i}]`, resolved.problem, resolved.fix);
    else formulas.push(resolved);
  });
  const words = `${front.idea} ${body}`.split(/\s+/).filter((w) => /\w/.test(w)).length;
  if (words > L.lessonWords)
    problems.add(
      file,
      "body",
      `has ${words} words.`,
      `cut it to ${L.lessonWords} so it reads in under a minute.`,
    );
  if (front.idea.length + body.length + 2 > L.lessonText) {
    problems.add(
      file,
      "body",
      "idea and bullets are too long for one Slack section.",
      `keep them under ${L.lessonText} characters together.`,
    );
  }
  return {
    id: front.id,
    order: front.order,
    title: front.title,
    aliases: front.aliases.map(normaliseName),
    idea: front.idea,
    formulas,
    body,
    visual: front.visual,
    quiz: front.id,
    ...(front.claims ? { claims: front.claims } : {}),
  };
}

async function loadQuiz(dir: string, name: string, problems: ProblemList): Promise<Quiz | undefined> {
  const file = `quizzes/${name}`;
  const data = yaml(await readFile(join(dir, file), "utf8"), file, problems);
  const quiz = validate(quizFileSchema, data, file, problems);
  if (!quiz) return undefined;
  const id = basename(name, ".yaml");
  if (quiz.id !== id)
    problems.add(file, "id", `is "${quiz.id}" but the file is ${name}.`, `set id: ${id} or rename the file.`);
  const seen = new Set<string>();
  const questions = quiz.questions.map((input, i) => {
    const at = `questions[${i}]`;
    if (seen.has(input.id))
      problems.add(file, `${at}.id`, `repeats "${input.id}".`, "give every question in a quiz its own id.");
    seen.add(input.id);
    return buildQuestion(input, (field, problem, fix) =>
      problems.add(file, `${at} (${input.id}).${field}`, problem, fix),
    );
  });
  return { id: quiz.id, title: quiz.title, questions };
}

/** content/recommend.yaml, checked against the lessons it points to. */
async function loadRecommend(
  dir: string,
  lessons: Lesson[],
  problems: ProblemList,
): Promise<Recommend | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RECOMMEND_FILE), "utf8");
  } catch {
    problems.add(
      RECOMMEND_FILE,
      "",
      `is missing under ${dir}.`,
      "add it (see the README's /recommend section).",
    );
    return undefined;
  }
  const file = validate(recommendFileSchema, yaml(text, RECOMMEND_FILE, problems), RECOMMEND_FILE, problems);
  return file && buildRecommend(file, new Set(lessons.map((l) => l.id)), problems);
}

/** Cross-file rules: every lesson has its quiz and back, orders run 1..n, names are unambiguous. */
function checkCatalogue(lessons: Lesson[], quizzes: Map<string, Quiz>, problems: ProblemList): void {
  const lessonIds = new Set(lessons.map((l) => l.id));
  for (const lesson of lessons) {
    if (!quizzes.has(lesson.quiz))
      problems.add(`lessons/${lesson.id}.md`, "quiz", `has no quiz file.`, `add quizzes/${lesson.id}.yaml.`);
  }
  for (const id of quizzes.keys()) {
    if (!lessonIds.has(id))
      problems.add(
        `quizzes/${id}.yaml`,
        "id",
        "has no lesson.",
        `add lessons/${id}.md or rename the quiz to a lesson's id.`,
      );
  }
  const orders = lessons.map((l) => l.order).sort((a, b) => a - b);
  if (orders.some((order, i) => order !== i + 1)) {
    problems.add(
      "lessons",
      "order",
      `orders are ${orders.join(", ")}.`,
      `number the lessons 1 to ${lessons.length} without gaps or repeats.`,
    );
  }
  const owner = new Map<string, string>();
  for (const lesson of lessons) {
    for (const name of new Set([lesson.id, ...lesson.aliases, normaliseName(lesson.title)])) {
      const other = owner.get(name);
      if (other && other !== lesson.id) {
        problems.add(
          `lessons/${lesson.id}.md`,
          "aliases",
          `"${name}" also names ${other}.`,
          "give each alias to one lesson only.",
        );
      }
      owner.set(name, lesson.id);
    }
  }
}

/**
 * Loads and validates content/ (lessons/*.md, quizzes/*.yaml, recommend.yaml). Numeric questions are computed by
 * the simulator here. Throws a ContentError listing every problem, each with file, field and fix.
 */
export async function loadContent(dir: string): Promise<Catalogue> {
  const problems = new ProblemList();
  const lessonFiles = await listFiles(dir, "lessons", ".md", problems);
  const quizFiles = await listFiles(dir, "quizzes", ".yaml", problems);
  const lessons = (await Promise.all(lessonFiles.map((name) => loadLesson(dir, name, problems)))).filter(
    (lesson) => lesson !== undefined,
  );
  const quizList = (await Promise.all(quizFiles.map((name) => loadQuiz(dir, name, problems)))).filter(
    (quiz) => quiz !== undefined,
  );
  lessons.sort((a, b) => a.order - b.order);
  const quizzes = new Map(
    lessons.flatMap((l) => quizList.filter((q) => q.id === l.id)).map((q) => [q.id, q]),
  );
  for (const quiz of quizList) if (!quizzes.has(quiz.id)) quizzes.set(quiz.id, quiz);
  if (lessons.length === 0 && lessonFiles.length === 0)
    problems.add("lessons", "", "holds no lessons.", "add at least one lessons/<id>.md.");
  checkCatalogue(lessons, quizzes, problems);
  const recommend = await loadRecommend(dir, lessons, problems);
  problems.throwIfAny();
  if (!recommend) throw new Error("unreachable: recommend.yaml failed without a reported problem");
  return createCatalogue(lessons, quizzes, recommend);
}
