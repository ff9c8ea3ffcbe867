import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.ts";
import { type Catalogue, createCatalogue, loadContent } from "../../src/core/content/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { seededRandom } from "../../src/core/random.ts";
import { createRenderer } from "../../src/core/render/index.ts";
import type { Reply } from "../../src/core/reply.ts";
import { openStore, scopeOfInvoker, type TutorStore } from "../../src/core/store/index.ts";
import { DISPLAY_NAME_MAX } from "../../src/core/text.ts";
import { createTutor } from "../../src/core/tutor.ts";
import type { Invoker, OptionValues, Tutor } from "../../src/core/tutor-api.ts";
import { student } from "./fakes.ts";

/**
 * Bad input, one line per case: every case runs through the real tutor (real content, the real
 * renderer, a SQLite store) and must (a) answer privately, briefly and helpfully, and (b) change
 * nothing in the store. Leaderboard names are cases too: each odd name finishes a quiz alone in its
 * own server, and its board row must not ping, format or break.
 */

const CONTENT_DIR = path.resolve(import.meta.dirname, "../../content");
const NOW = new Date("2026-03-04T12:00:00Z");

/** Ids the cases refer to, filled in by the world before the table runs. */
interface World {
  tutor: Tutor;
  store: TutorStore;
  catalogue: Catalogue;
  /** Alice's quiz in progress (question 1 answered with `openAnswer`). */
  open: string;
  openAnswer: string;
  /** Alice's finished gd quiz and the button she clicked on its last question. */
  finished: string;
  finishedLast: string;
  /** Alice's quiz replaced by a fresh start, and the "start over" button that replaced it. */
  abandoned: string;
  restart: string;
  /** Bob's quiz in progress. */
  bobOpen: string;
  /** Every session and its owner, for the snapshot. */
  sessions: Array<[Invoker, string]>;
}

const alice = student("alice");
const bob = student("bob");
const aliceInDm = student("alice", null);
const aliceElsewhere = student("alice", "guild-2");

type Act = (w: World) => Promise<Reply>;
interface Refusal {
  kind: "refusal";
  label: string;
  /** What the user typed or clicked, so an echo of "NaN" they typed is not mistaken for a bug. */
  input: (w: World) => string;
  act: Act;
  /** The part of the answer that says what to do. */
  says: RegExp;
}
interface OddName {
  kind: "name";
  label: string;
  name: string;
  /** How the name must read on the board. */
  shows: RegExp;
}
type Case = Refusal | OddName;

const show = (value: unknown) => (typeof value === "number" ? String(value) : JSON.stringify(value));
const run =
  (who: Invoker, command: string, options: OptionValues = {}) =>
  (label: string, says: RegExp): Refusal => ({
    kind: "refusal",
    label: `${label} (/${command})`,
    input: () => Object.values(options).map(show).join(" "),
    act: (w) => w.tutor.run(command, options, who),
    says,
  });
const click =
  (who: Invoker, id: (w: World) => string) =>
  (label: string, says: RegExp): Refusal => ({
    kind: "refusal",
    label: `${label} (click)`,
    input: id,
    act: (w) => w.tutor.click(id(w), who),
    says,
  });
const race = (options: OptionValues) => run(alice, "race", { function: "rosenbrock", ...options });
const name = (label: string, raw: string, shows: RegExp): OddName => ({
  kind: "name",
  label,
  name: raw,
  shows,
});

const LR = /\*\*lr\*\* must be a number between 0\.000001 and 10; you gave .*\nUsage: `\/race/;
const STEPS = /\*\*steps\*\* must be a whole number between 10 and 1000; you gave /;
const OPTIMIZERS = /Choose from `gd`, `momentum`.*`adam`/;
const UNKNOWN_QUIZ_BUTTON = /no longer valid here.*Start a fresh one with `\/quiz`/;
const UNKNOWN_BUTTON = /isn't one I recognise.*`\/help`/;

const CASES: Case[] = [
  // Unknown topics, with suggestions.
  run(alice, "lesson", { topic: "adamm" })("misspelt topic", /Did you mean \*\*Adam\*\* \(`\/lesson adam`\)/),
  run(alice, "lesson", { topic: "xyzzy" })("unknown topic", /Try one of: `gd`, `momentum`/),
  run(alice, "lesson", { topic: "" })("empty topic lists the lessons", /The course, in order/),
  run(alice, "lesson", { topic: "   " })("blank topic lists the lessons", /The course, in order/),
  run(alice, "lesson", { topic: "x".repeat(5000) })("5,000-character topic", /lesson called `x{39}…`/),
  run(alice, "lesson", { topic: "@everyone <@123> `x`" })(
    "topic with mentions",
    /lesson called `@\u200beveryone/,
  ),
  run(alice, "lesson", { topic: 42 })(
    "lesson number past the end",
    /no lesson `42`: the course has lessons 1 to \d+/,
  ),
  run(alice, "quiz", { topic: "momentun" })("misspelt quiz", /`\/quiz momentum`/),
  run(alice, "quiz", { topic: "" })("empty quiz topic", /Please give \*\*topic\*\*/),
  run(alice, "teleport")("unknown command", /I don't know `\/teleport`.*`\/help`/),
  // Every /race parameter.
  race({ optimizers: "adam", lr: "NaN" })("lr NaN", LR),
  race({ optimizers: "adam", lr: Number.NaN })("lr NaN as a number", LR),
  race({ optimizers: "adam", lr: "Infinity" })("lr Infinity", LR),
  race({ optimizers: "adam", lr: "-Infinity" })("lr -Infinity", LR),
  race({ optimizers: "adam", lr: Number.POSITIVE_INFINITY })("lr Infinity as a number", LR),
  race({ optimizers: "adam", lr: "-1" })("lr negative", LR),
  race({ optimizers: "adam", lr: "0" })("lr zero", LR),
  race({ optimizers: "adam", lr: "1e9" })("lr 1e9", LR),
  race({ optimizers: "adam", lr: "1e400" })("lr beyond floating point", LR),
  race({ optimizers: "adam", lr: "fast" })("lr not a number", LR),
  race({ optimizers: "adam", lr: "0x1" })("lr in hex", LR),
  race({ optimizers: "adam", lr: "1,5" })("lr with a decimal comma", LR),
  race({ optimizers: "adam", lr: true })("lr a boolean", LR),
  race({ optimizers: "adam", steps: "1e9" })("steps 1e9", STEPS),
  race({ optimizers: "adam", steps: "9".repeat(400) })("steps 400 digits", STEPS),
  race({ optimizers: "adam", steps: "10.5" })("steps fractional", STEPS),
  race({ optimizers: "adam", steps: "-1" })("steps negative", STEPS),
  race({ optimizers: "adam", steps: "5" })("steps too few", STEPS),
  race({ optimizers: "adam", steps: "1001" })("steps one too many", STEPS),
  race({ optimizers: "adam", steps: "NaN" })("steps NaN", STEPS),
  race({ optimizers: "adam", steps: "Infinity" })("steps Infinity", STEPS),
  race({ optimizers: "adam", steps: "0b1111111" })("steps in binary", STEPS),
  race({ optimizers: "" })("no optimizers", /Please give \*\*optimizers\*\*/),
  race({ optimizers: ",,;" })("only separators", /1 to 4 optimizers; you gave 0/),
  race({ optimizers: "adam,adam" })("duplicate optimizer", /`adam` names \*\*Adam\*\* a second time/),
  race({ optimizers: "sgd,gd" })(
    "duplicate through an alias",
    /names \*\*Gradient descent\*\* a second time/,
  ),
  race({ optimizers: "gd,momentum,nesterov,adagrad,rmsprop" })(
    "five optimizers",
    /1 to 4 optimizers; you gave 5/,
  ),
  race({ optimizers: "lion" })("unknown optimizer", /I don't know the optimizer `lion`\. .*`adamw`/),
  race({ optimizers: "lion,".repeat(3000) })("a wall of unknown optimizers", OPTIMIZERS),
  race({ optimizers: "a,b,c,d,e,f" })("many unknown optimizers", /`a`, `b`, `c` and 3 more/),
  run(alice, "race", { function: "himmelblau2", optimizers: "adam" })(
    "unknown function",
    /`rastrigin`; you gave `himmelblau2`/,
  ),
  run(alice, "race", { function: "`".repeat(500), optimizers: "adam" })(
    "function of backticks",
    /you gave `ˋ{39}…`/,
  ),
  run(alice, "race", { function: "", optimizers: "adam" })("no function", /Please give \*\*function\*\*/),
  // Malformed, truncated and forged button ids.
  click(alice, () => "")("empty button id", UNKNOWN_BUTTON),
  click(alice, () => "garbage")("garbage button id", UNKNOWN_BUTTON),
  click(alice, () => "x".repeat(500))("500-character button id", UNKNOWN_BUTTON),
  click(alice, (w) => w.openAnswer.slice(0, -3))("truncated answer id", UNKNOWN_BUTTON),
  click(alice, (w) => `${w.openAnswer}:0`)("answer id with an extra field", UNKNOWN_BUTTON),
  click(alice, (w) => `qa:${w.open}:-1:0`)("negative question index", UNKNOWN_BUTTON),
  // A random session id may be all digits (1 in ~280), which has no capitals: then capitalise a letter into it.
  click(alice, (w) => `qa:${/[a-f]/.test(w.open) ? w.open.toUpperCase() : `A${w.open.slice(1)}`}:1:0`)(
    "session id in capitals",
    UNKNOWN_BUTTON,
  ),
  click(alice, () => "qa:0123456789ab:0:0")("well-formed session that never existed", UNKNOWN_QUIZ_BUTTON),
  click(alice, (w) => `qa:${w.open}:1:9`)("choice index out of range", UNKNOWN_QUIZ_BUTTON),
  click(alice, (w) => `qa:${w.open}:9:0`)("question index out of range", UNKNOWN_QUIZ_BUTTON),
  click(alice, (w) => `qa:${w.open}:3:0`)(
    "a later question first",
    /in order: you're on question 2\. Nothing was recorded/,
  ),
  click(aliceElsewhere, (w) => `qa:${w.open}:1:0`)("own session from another server", UNKNOWN_QUIZ_BUTTON),
  click(aliceInDm, (w) => `qa:${w.open}:1:0`)("own session from a DM", UNKNOWN_QUIZ_BUTTON),
  click(alice, () => "qs:nope")("start a quiz that does not exist", /no longer in the course.*`\/quiz`/),
  click(alice, (w) => `qo:${w.open}:nope`)(
    "start over into a quiz that does not exist",
    /no longer in the course/,
  ),
  click(alice, () => "l:nope:alice")("a lesson that does not exist", /no longer in the course.*`\/lesson`/),
  click(alice, () => "rc:zzz")("recommend path of unknown answers", /out of date.*`\/recommend`/),
  click(alice, () => "rc:vsxx")("recommend path too long", /out of date.*`\/recommend`/),
  // Replays, someone else's quiz, ended quizzes.
  click(alice, (w) => w.openAnswer)("replayed answer", /Right|Not quite/),
  click(alice, (w) => `${w.openAnswer.slice(0, -1)}${w.openAnswer.endsWith("0") ? 1 : 0}`)(
    "other answer to an answered question",
    /already answered question 1; your first answer counts/,
  ),
  click(alice, (w) => w.restart)("replayed start over", /started that quiz over.*newer quiz/),
  click(alice, (w) => `qa:${w.abandoned}:1:0`)("answer on a replaced quiz", /started that quiz over/),
  click(alice, (w) => `qr:${w.abandoned}`)("resume a replaced quiz", /started that quiz over/),
  click(alice, (w) => w.finishedLast)("replayed last answer of an ended quiz", /Your score: \d\/4/),
  click(alice, (w) => `qa:${w.finished}:0:${w.finishedLast.split(":")[3]}`)(
    "replayed first answer of an ended quiz",
    /Right|Not quite/,
  ),
  click(alice, (w) => `qa:${w.finished}:0:${w.finishedLast.endsWith(":0") ? 1 : 0}`)(
    "new answer on an ended quiz",
    /already answered question 1/,
  ),
  click(alice, (w) => `qn:${w.finished}:3`)("next on an ended quiz", /Your score: \d\/4/),
  click(alice, (w) => `qo:${w.finished}:gd`)(
    "start over an ended quiz while another is open",
    /in progress.*one quiz can be open at a time/,
  ),
  click(alice, (w) => `qa:${w.bobOpen}:0:0`)(
    "answer on bob's quiz",
    /someone else's quiz, so your click changed nothing/,
  ),
  click(bob, (w) => `qn:${w.open}:1`)("next on alice's quiz", /someone else's quiz/),
  click(bob, (w) => `qr:${w.open}`)("resume alice's quiz", /someone else's quiz/),
  click(bob, (w) => `qo:${w.open}:adam`)("start alice's quiz over", /someone else's quiz/),
  // Commands in a DM where a server is expected.
  run(aliceInDm, "leaderboard")(
    "leaderboard in a DM",
    /works in a server or workspace channel, not in a direct message/,
  ),
  run(aliceInDm, "leaderboard", { period: "all" })("all-time leaderboard in a DM", /not in a direct message/),
  run(alice, "leaderboard", { period: "forever" })(
    "unknown period",
    /\*\*period\*\* can be `week`, `all`; you gave `forever`/,
  ),
  // Odd names on the leaderboard.
  name("@everyone", "@everyone", /^@\u200beveryone$/),
  name("@here with text", "hi @here", /^hi @\u200bhere$/),
  name("Discord user mention", "<@123456789012345678>", /^‹@\u200b123456789012345678›$/),
  name("Discord role mention", "<@&42>", /^‹@\u200b&42›$/),
  name("Slack broadcast", "<!here>", /^‹!here›$/),
  name("Slack channel broadcast", "<!channel|everyone>", /^‹!channelǀeveryone›$/),
  name("Markdown bold", "**boss**", /^∗∗boss∗∗$/),
  name("Markdown link", "[nitro](https://x.example)", /^⁅nitro⁆\(https∶\/\/x․example\)$/),
  name("a URL", "https://evil.example/login", /^https∶\/\/evil․example\/login$/),
  name("a bare domain", "free-nitro.example", /^free-nitro․example$/),
  name("code span and spoiler", "`x` ||y||", /^ˋxˋ ǀǀyǀǀ$/),
  name("RTL override", "abc\u202Edef", /^abc def$/),
  name("zero-width only", "\u200b\u200c\u200d\u2060\ufeff", /^someone$/),
  name("zero-width inside", "ad\u200bmin", /^ad min$/),
  name("newlines", "line1\nline2\r\n**3.** fake row", /^line1 line2 ∗∗3․∗∗ fake row$/),
  name("500 characters", "w".repeat(500), new RegExp(`^w{${DISPLAY_NAME_MAX - 1}}…$`)),
  name("stacked combining marks", `Z${"\u0301".repeat(60)}ed`, /^Z\u0301\u0301ed$/),
  name("emoji and CJK", "学生 🎓", /^学生 🎓$/),
];

/** A store snapshot by its public reads: every community's records and every known session. */
async function snapshot(w: World, communities: Invoker[]): Promise<string> {
  const progress = await Promise.all(communities.map((who) => w.store.listProgress(scopeOfInvoker(who))));
  const sessions = await Promise.all(w.sessions.map(([who, id]) => w.store.getSession(who, id)));
  const sorted = progress.map((records) => [...records].sort((a, b) => a.userId.localeCompare(b.userId)));
  return JSON.stringify({ progress: sorted, sessions });
}

/** Starts a quiz and clicks the first choice of every question; returns the session and last click. */
async function finishQuiz(tutor: Tutor, who: Invoker, topic: string): Promise<{ id: string; last: string }> {
  let reply = await tutor.run("quiz", { topic }, who);
  let last = "";
  for (;;) {
    const choice = reply.buttons.flat().find((button) => button.id.startsWith("qa:"));
    if (!choice) break;
    last = choice.id;
    reply = await tutor.click(choice.id, who);
    const next = reply.buttons.flat().find((button) => button.id.startsWith("qn:"));
    if (next) reply = await tutor.click(next.id, who);
  }
  if (!/Your score/.test(reply.text)) throw new Error(`quiz did not finish: ${reply.text}`);
  return { id: sessionOf(last), last };
}

function sessionOf(buttonId: string): string {
  const id = buttonId.split(":")[1];
  if (!id) throw new Error(`no session in ${buttonId}`);
  return id;
}

function firstChoice(reply: Reply): string {
  const id = reply.buttons.flat().find((button) => button.id.startsWith("qa:"))?.id;
  if (!id) throw new Error(`no choices on: ${reply.text}`);
  return id;
}

const nameCases = CASES.filter((row): row is OddName => row.kind === "name");
const nameOwner = (index: number) => ({
  ...student(`n${index}`, `names-${index}`),
  userName: nameCases[index]?.name ?? "",
});

let dir: string;
let w: World;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "descent-bad-input-"));
  const logger = silentLogger();
  const catalogue = await loadContent(CONTENT_DIR);
  const store = await openStore({ dataDir: dir, logger });
  const renderer = createRenderer({ cacheDir: path.join(dir, "cache"), logger });
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue,
    renderer,
    store,
    logger,
    clock: () => NOW,
    random: seededRandom(11),
  });
  const finished = await finishQuiz(tutor, alice, "gd");
  const replaced = await tutor.run("quiz", { topic: "adam" }, alice);
  const offer = await tutor.run("quiz", { topic: "momentum" }, alice);
  const restart = offer.buttons.flat().find((button) => button.id.startsWith("qo:"))?.id ?? "";
  const fresh = await tutor.click(restart, alice);
  const openAnswer = firstChoice(fresh);
  const feedback = await tutor.click(openAnswer, alice);
  const next = feedback.buttons.flat().find((button) => button.id.startsWith("qn:"))?.id ?? "";
  await tutor.click(next, alice);
  const bobStart = await tutor.run("quiz", { topic: "nesterov" }, bob);
  for (const [index] of nameCases.entries()) await finishQuiz(tutor, nameOwner(index), "gd");
  w = {
    tutor,
    store,
    catalogue,
    open: sessionOf(openAnswer),
    openAnswer,
    finished: finished.id,
    finishedLast: finished.last,
    abandoned: sessionOf(firstChoice(replaced)),
    restart,
    bobOpen: sessionOf(firstChoice(bobStart)),
    sessions: [],
  };
  w.sessions = [w.open, w.finished, w.abandoned].map((id) => [alice, id] as [Invoker, string]);
  w.sessions.push([bob, w.bobOpen]);
}, 60_000);

afterAll(async () => {
  await w?.store.close();
  await rm(dir, { recursive: true, force: true });
});

const COMMUNITIES = [alice, aliceInDm, aliceElsewhere, ...nameCases.map((_, index) => nameOwner(index))];
/** Text that betrays a bug rather than a message written for a person. */
const LEAKS = ["undefined", "null", "NaN", "Infinity", "[object", "Error:", "    at "];
const OUR_FAULT = /something went wrong on my side/;

describe("bad input: each gets a clear private message and changes nothing", () => {
  it.each(CASES.map((row) => [row.label, row] as const))("%s", async (_label, row) => {
    const before = await snapshot(w, COMMUNITIES);
    if (row.kind === "refusal") {
      const reply = await row.act(w);
      expect(reply.private).toBe(true);
      expect(reply.images).toHaveLength(0);
      expect(reply.text).toMatch(row.says);
      expect(reply.text).not.toMatch(OUR_FAULT);
      expect(reply.text.length).toBeLessThan(1000);
      // Typed input is quoted inert: no live mention survives into the reply.
      expect(reply.text).not.toMatch(/@(everyone|here)|<[@#!]/);
      const typed = row.input(w);
      for (const leak of LEAKS) if (!typed.includes(leak)) expect(reply.text).not.toContain(leak);
    } else {
      const owner = nameOwner(nameCases.indexOf(row));
      const reply = await w.tutor.run("leaderboard", { period: "all" }, owner);
      const lines = reply.text.split("\n");
      // One row only: a name cannot add lines or fake other rows.
      expect(lines).toHaveLength(1);
      const match = /^\*\*1\.\*\* (.*): \d+ points? ← you$/u.exec(lines[0] ?? "");
      expect(match, reply.text).not.toBeNull();
      const shown = match?.[1] ?? "";
      expect(shown).toMatch(row.shows);
      expect([...shown].length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
      expect(shown).not.toMatch(/[<>*_`~|[\]\n\r\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
      expect(shown).not.toMatch(/@(everyone|here)/);
    }
    expect(await snapshot(w, COMMUNITIES)).toBe(before);
  });
});

describe("content edited under a running quiz", () => {
  /** The catalogue without one question of one quiz, as if a teacher deleted it from the YAML. */
  function without(catalogue: Catalogue, quizId: string, questionId: string): Catalogue {
    const quizzes = new Map(catalogue.quizzes);
    const quiz = quizzes.get(quizId);
    if (!quiz) throw new Error(`no quiz ${quizId}`);
    quizzes.set(quizId, {
      ...quiz,
      questions: quiz.questions.filter((question) => question.id !== questionId),
    });
    return createCatalogue(catalogue.lessons, quizzes, catalogue.recommend);
  }

  it("GIVEN a question removed since the quiz started THEN a polite message, the attempt is closed, nothing recorded is lost, and /quiz starts afresh", async () => {
    const carol = student("carol");
    const logger = silentLogger();
    const tutor = (catalogue: Catalogue) =>
      createTutor({
        commands: COMMANDS,
        catalogue,
        renderer: createRenderer({ cacheDir: path.join(dir, "cache"), logger }),
        store: w.store,
        logger,
        clock: () => NOW,
        random: seededRandom(3),
      });
    const before = tutor(w.catalogue);
    await finishQuiz(before, carol, "gd");
    const first = await before.run("quiz", { topic: "rmsprop" }, carol);
    const answer = firstChoice(first);
    await before.click(answer, carol);
    const session = await w.store.getSession(carol, sessionOf(answer));
    const current = session?.questions[1];
    if (!current) throw new Error("no second question");
    const progressBefore = await w.store.getProgress(carol, NOW);

    const after = tutor(without(w.catalogue, current.quizId, current.questionId));
    const refused = await after.click(`qa:${sessionOf(answer)}:1:0`, carol);
    expect(refused.private).toBe(true);
    expect(refused.text).toMatch(
      /edited since you started it.*closed that attempt.*scores you already have are kept/,
    );
    // Nothing recorded is lost: the finished gd quiz, the answers counted, the points.
    const progressAfter = await w.store.getProgress(carol, NOW);
    expect(progressAfter.quizzes).toEqual(progressBefore.quizzes);
    expect(progressAfter.points).toBe(progressBefore.points);
    expect(progressAfter.answered).toBe(progressBefore.answered);
    // Closed cleanly: its buttons now say so, and /quiz starts a fresh attempt instead of offering it.
    expect((await after.click(`qr:${sessionOf(answer)}`, carol)).text).toMatch(/started that quiz over/);
    const fresh = await after.run("quiz", { topic: "rmsprop" }, carol);
    expect(fresh.title).toMatch(/question 1\/4/);
    expect(sessionOf(firstChoice(fresh))).not.toBe(sessionOf(answer));
  });

  it("GIVEN a question removed from a quiz in progress THEN resuming it closes it too", async () => {
    const dave = student("dave");
    const logger = silentLogger();
    const renderer = createRenderer({ cacheDir: path.join(dir, "cache"), logger });
    const make = (catalogue: Catalogue) =>
      createTutor({ commands: COMMANDS, catalogue, renderer, store: w.store, logger, clock: () => NOW });
    const start = await make(w.catalogue).run("quiz", { topic: "adagrad" }, dave);
    const id = sessionOf(firstChoice(start));
    const drawn = (await w.store.getSession(dave, id))?.questions[3];
    if (!drawn) throw new Error("no fourth question");
    const edited = make(without(w.catalogue, drawn.quizId, drawn.questionId));
    expect((await edited.click(`qr:${id}`, dave)).text).toMatch(/edited since you started it/);
    expect((await w.store.getSession(dave, id))?.abandoned).toBe(true);
  });
});

describe("a race at the very edge of every limit", () => {
  it("GIVEN the largest lr and steps on a diverging run THEN the real renderer draws it and no text reads NaN", async () => {
    const reply = await w.tutor.run(
      "race",
      { function: "rosenbrock", optimizers: "gd,adam,momentum,adagrad", lr: "10", steps: "1000" },
      alice,
    );
    expect(reply.images.map((image) => image.fileName)).toEqual([
      "rosenbrock-race.gif",
      "rosenbrock-chart.png",
    ]);
    const words = [reply.text, ...reply.images.map((image) => image.alt)].join(" ");
    expect(words).toMatch(/diverged/);
    for (const leak of LEAKS) expect(words).not.toContain(leak);
  }, 60_000);
});
