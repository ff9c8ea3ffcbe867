import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The platform-neutral scenario list. Every platform suite (discord.e2e.test.ts, slack.e2e.test.ts)
 * runs these same scenarios through its own `PlatformDriver`, which drives the real SDK against a
 * local emulator. Drivers translate; scenarios hold the expectations.
 */

/** A student on the emulated platform. */
export interface TestUser {
  id: string;
  name: string;
}

export interface PostedImage {
  fileName: string;
  /** Alt text as the platform received it (Discord attachment description, Slack alt_text). */
  alt: string;
  /** Size of the uploaded file in bytes. */
  size: number;
}

export interface PostedButton {
  id: string;
  label: string;
  disabled: boolean;
}

/** A message as the platform shows it now (after every edit the bot made). */
export interface PostedMessage {
  /** Platform message id, stable across edits. */
  id: string;
  title?: string;
  /** Everything readable: title, body, fields and footer, joined by newlines. */
  text: string;
  images: PostedImage[];
  buttons: PostedButton[][];
  /** Only the user who caused it can see it. */
  private: boolean;
  /** The user whose command or click produced it. */
  forUserId: string;
  /** The bot first acknowledged (Discord defer, Slack ack) and filled the message in later. */
  deferred: boolean;
  /** Times the bot edited this message after first posting it. */
  edits: number;
}

/** A failure the emulated platform API returns to the bot's next requests. */
export type ApiFault =
  | { kind: "rate-limit"; count: number; retryAfterMs: number }
  | { kind: "server-error"; count: number };

/** What a suite needs from a platform: act as users, read what the bot posted, break things. */
export interface PlatformDriver {
  readonly platform: string;
  /** Starts the emulator and the bot; resolves when the bot is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the bot process (client) and starts a new one on the same store; resolves when ready again. */
  restartBot(): Promise<void>;
  /** Names of the commands the bot registered with the platform. */
  registeredCommands(): Promise<string[]>;
  /**
   * Sends a slash command as `user` (with `subcommand`: `/live start …`, as the platform sends one);
   * resolves with the bot's answer in its final state.
   */
  command(
    user: TestUser,
    name: string,
    options?: Record<string, string | number>,
    subcommand?: string,
  ): Promise<PostedMessage>;
  /**
   * Starts a second bot process on the same store that gets no events (as another shard would): it
   * re-arms the open live rounds from the store and races the first to close them. Stops with the driver.
   */
  startSecondProcess(): Promise<void>;
  /** Every bot process closes the live rounds whose deadline passed, at once (as their timers would). */
  closeDueRounds(): Promise<void>;
  /** The bot's own posts in the class channel (live rounds; not answers to a command or click), oldest first. */
  channelMessages(): PostedMessage[];
  /**
   * Clicks the first button on `message` whose label matches; resolves with the bot's answer:
   * the same message updated in place, or a new (often private) message.
   */
  click(user: TestUser, message: PostedMessage, label: string | RegExp): Promise<PostedMessage>;
  /** Clicks a button by its id (e.g. twice at once for a double click). */
  clickId(user: TestUser, message: PostedMessage, buttonId: string): Promise<PostedMessage>;
  /** The current state of a message posted earlier. */
  current(message: PostedMessage): PostedMessage;
  /** Suggestions while typing `partial` into an autocomplete option. */
  autocomplete(user: TestUser, command: string, option: string, partial: string): Promise<string[]>;
  /** The bot's next API calls fail this way (the SDK is expected to retry). */
  injectFault(fault: ApiFault): void;
  /** API requests the bot made that the emulator answered with an error status. */
  faultsServed(): number;
  /**
   * Sends a command whose response window closes before the bot can answer (the platform clock
   * jumps past the first-response deadline). Resolves once the platform rejected the bot's reply.
   */
  commandTooLate(user: TestUser, name: string, options?: Record<string, string | number>): Promise<void>;
  /** Log lines (messages) the bot wrote at warn level or above. */
  warnings(): string[];
}

/** The tutor's clock in a suite: real time plus an offset a scenario moves forward (spaced practice). */
export class ScenarioClock {
  #offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.#offsetMs);
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}

/**
 * The one user each driver makes an instructor (Discord: Manage Server, which everyone else lacks;
 * Slack: a workspace admin, as users.info reports).
 */
export const INSTRUCTOR: TestUser = { id: "100000000000000009", name: "teacher" };
const alice: TestUser = { id: "100000000000000001", name: "alice" };
const bob: TestUser = { id: "100000000000000002", name: "bob" };
const carol: TestUser = { id: "100000000000000003", name: "carol" };
const dave: TestUser = { id: "100000000000000004", name: "dave" };

const SCORE = /score[^0-9]*(\d+)\s*\/\s*(\d+)/i;
const QUESTION = /question (\d+)\s*\/\s*(\d+)/i;
const RIGHT = /✅/;
const WRONG = /❌/;
const ANSWERS_GIVEN = /Answers given:?\s*(\d+)/;
const NEXT = /next|continue|finish|result|score/i;
const MAX_QUIZ_CLICKS = 40;

function allButtons(message: PostedMessage) {
  return message.buttons.flat().filter((button) => !button.disabled);
}

/** The button that answers the current question: the first enabled one that is not navigation. */
function firstChoice(message: PostedMessage) {
  return allButtons(message).find((button) => !NEXT.test(button.label) && !/quit|stop/i.test(button.label));
}

/** What a student saw while answering: the question numbers answered, and each verdict (true: right). */
interface QuizLog {
  answered: number[];
  verdicts: boolean[];
}

/** The verdict a reply shows, if any. */
function verdictOf(message: PostedMessage): boolean | undefined {
  if (RIGHT.test(message.text)) return true;
  return WRONG.test(message.text) ? false : undefined;
}

/**
 * Answers with the first choice and moves on until the score appears; returns the final message.
 * With `log`, notes each question number answered and the verdict shown for it.
 */
async function playQuiz(driver: PlatformDriver, user: TestUser, start: PostedMessage, log?: QuizLog) {
  let message = start;
  for (let step = 0; step < MAX_QUIZ_CLICKS && !SCORE.test(message.text); step++) {
    const next = allButtons(message).find((button) => NEXT.test(button.label));
    const choice = firstChoice(message);
    const target = choice ?? next;
    if (!target) throw new Error(`quiz stuck: no button to click on "${message.text.slice(0, 200)}"`);
    const question = Number(QUESTION.exec(message.text)?.[1]);
    message = await driver.clickId(user, message, target.id);
    if (log && choice) {
      const verdict = verdictOf(message);
      if (verdict === undefined)
        throw new Error(`no verdict after an answer: "${message.text.slice(0, 200)}"`);
      log.answered.push(question);
      log.verdicts.push(verdict);
    }
  }
  return message;
}

/** Longest a scenario waits for something the bot does on its own (a safety net, not a target). */
const EVENTUALLY_MS = 60_000;

/** Polls `probe` until it returns something (the bot acts on a timer, not in answer to a request). */
async function eventually<T>(probe: () => T | undefined, what: string): Promise<T> {
  const until = Date.now() + EVENTUALLY_MS;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Registers the shared scenarios for one platform; call it at the top level of a test file. */
export function describeScenarios(makeDriver: () => PlatformDriver, clock: ScenarioClock): void {
  const driver = makeDriver();

  describe(`${driver.platform}: shared scenarios`, () => {
    beforeAll(() => driver.start());
    afterAll(() => driver.stop());

    it("GIVEN the bot started THEN it registered every tutor command", async () => {
      const names = await driver.registeredCommands();
      for (const name of ["lesson", "quiz", "leaderboard", "race", "help"]) expect(names).toContain(name);
    });

    it("GIVEN /lesson adam THEN a public message with titled text, images with alt text and buttons", async () => {
      const message = await driver.command(alice, "lesson", { topic: "adam" });
      expect(message.private).toBe(false);
      expect(message.text).toMatch(/adam/i);
      expect(message.images.length).toBeGreaterThan(0);
      for (const image of message.images) {
        expect(image.alt.length).toBeGreaterThan(10);
        expect(image.size).toBeGreaterThan(100);
      }
      expect(allButtons(message).some((button) => /quiz/i.test(button.label))).toBe(true);
    });

    it("GIVEN a partial topic THEN autocomplete suggests the matching lessons", async () => {
      const suggestions = await driver.autocomplete(alice, "lesson", "topic", "ada");
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(25);
      expect(suggestions.join(" ")).toMatch(/adam|adagrad|adadelta/i);
    });

    it("GIVEN /quiz adam answered by clicks THEN it ends with the score, private to the student", async () => {
      const start = await driver.command(alice, "quiz", { topic: "adam" });
      expect(start.private).toBe(true);
      const end = await playQuiz(driver, alice, start);
      const [, got, total] = SCORE.exec(end.text) ?? [];
      expect(Number(total)).toBeGreaterThan(0);
      expect(Number(got)).toBeLessThanOrEqual(Number(total));
    });

    it("GIVEN bob clicks alice's quiz THEN he is refused privately and her quiz is unchanged", async () => {
      const quiz = await driver.command(alice, "quiz", { topic: "sgd" });
      const before = driver.current(quiz);
      const choice = firstChoice(quiz);
      if (!choice) throw new Error("quiz has no choice buttons");
      const refusal = await driver.clickId(bob, quiz, choice.id);
      expect(refusal.id).not.toBe(quiz.id);
      expect(refusal.private).toBe(true);
      expect(refusal.forUserId).toBe(bob.id);
      expect(driver.current(quiz).text).toBe(before.text);
      expect(driver.current(quiz).edits).toBe(before.edits);
      // Alice can still answer her own question.
      const answered = await driver.clickId(alice, quiz, choice.id);
      expect(answered.text).not.toBe(before.text);
    });

    it("GIVEN a double click on one choice THEN the answer counts once and the quiz does not skip", async () => {
      const quiz = await driver.command(carol, "quiz", { topic: "momentum" });
      const choice = firstChoice(quiz);
      if (!choice) throw new Error("quiz has no choice buttons");
      const [first, second] = await Promise.all([
        driver.clickId(carol, quiz, choice.id),
        driver.clickId(carol, quiz, choice.id),
      ]);
      // Both clicks are answered with question 1's verdict: the same one, as there was one answer.
      const verdict = verdictOf(first);
      expect(verdict, first.text).toBeDefined();
      expect(verdictOf(second), second.text).toBe(verdict);
      const log: QuizLog = { answered: [1], verdicts: [verdict as boolean] };
      const end = await playQuiz(driver, carol, driver.current(quiz), log);
      const [, got, total] = SCORE.exec(end.text) ?? [];
      // Not skipped: the questions after the double click came in order, each answered once.
      expect(log.answered).toEqual(Array.from({ length: Number(total) }, (_, index) => index + 1));
      // Not doubled: the score is the right answers shown, and the record holds one answer per question.
      expect(Number(got)).toBe(log.verdicts.filter(Boolean).length);
      const progress = await driver.command(carol, "progress");
      expect(ANSWERS_GIVEN.exec(progress.text)?.[1], progress.text).toBe(total);
    });

    it("GIVEN the bot restarts mid-quiz THEN the old buttons still work", async () => {
      const quiz = await driver.command(bob, "quiz", { topic: "adam" });
      const choice = firstChoice(quiz);
      if (!choice) throw new Error("quiz has no choice buttons");
      const afterFirst = await driver.clickId(bob, quiz, choice.id);
      await driver.restartBot();
      const end = await playQuiz(driver, bob, driver.current(afterFirst));
      expect(end.text).toMatch(SCORE);
    });

    it("GIVEN several students finished quizzes THEN /leaderboard lists them publicly", async () => {
      const board = await driver.command(carol, "leaderboard", { period: "all" });
      expect(board.private).toBe(false);
      expect(board.text).toMatch(/alice/);
      expect(board.text).toMatch(/bob/);
    });

    it("GIVEN /race THEN a public answer with an animated GIF", async () => {
      const race = await driver.command(alice, "race", { function: "rosenbrock", optimizers: "sgd,adam" });
      // Deferred first or not depends on how fast the GIF is drawn (it may beat the adapter's grace).
      expect(race.private).toBe(false);
      const gif = race.images.find((image) => image.fileName.endsWith(".gif"));
      expect(gif?.alt.length ?? 0).toBeGreaterThan(10);
      expect(gif?.size ?? 0).toBeGreaterThan(1000);
    });

    it("GIVEN the API answers 429 with Retry-After THEN the bot retries and the student gets the lesson", async () => {
      const before = driver.faultsServed();
      driver.injectFault({ kind: "rate-limit", count: 1, retryAfterMs: 200 });
      const message = await driver.command(alice, "lesson", { topic: "sgd" });
      expect(driver.faultsServed()).toBe(before + 1);
      expect(message.text).toMatch(/sgd|gradient/i);
    });

    it("GIVEN the API answers 500 twice THEN the bot retries and the student gets the lesson", async () => {
      const before = driver.faultsServed();
      driver.injectFault({ kind: "server-error", count: 2 });
      const message = await driver.command(bob, "lesson", { topic: "rmsprop" });
      expect(driver.faultsServed()).toBe(before + 2);
      expect(message.text).toMatch(/rmsprop/i);
    });

    it("GIVEN a reply after the platform's deadline THEN the bot logs it and keeps serving", async () => {
      const warningsBefore = driver.warnings().length;
      await driver.commandTooLate(alice, "lesson", { topic: "adagrad" });
      expect(driver.warnings().length).toBeGreaterThan(warningsBefore);
      const next = await driver.command(alice, "lesson", { topic: "adagrad" });
      expect(next.text).toMatch(/adagrad/i);
    });

    it("GIVEN a live round THEN only the instructor runs it, clicks lock in once privately, a late click is refused, a restart mid-round closes it at its stored deadline with every answer, and each answer counts in the student's progress", async () => {
      const isRound = (message: PostedMessage) => /question 1\/2/.test(message.title ?? "");
      const refused = await driver.command(bob, "live", { quiz: "adam" }, "start");
      expect(refused.private).toBe(true);
      expect(refused.text).toContain("Only instructors can run live rounds");
      expect(driver.channelMessages().some(isRound)).toBe(false);

      const answersBefore = Number(ANSWERS_GIVEN.exec((await driver.command(carol, "progress")).text)?.[1]);
      const started = await driver.command(
        INSTRUCTOR,
        "live",
        { quiz: "adam", seconds: 120, questions: 2 },
        "start",
      );
      expect(started.private).toBe(true);
      expect(started.text).toContain("Live session started: 2 questions");
      const round = driver.channelMessages().find(isRound);
      if (!round) throw new Error("no round posted in the channel");
      expect(round.private).toBe(false);
      const [first, second] = round.buttons.flat();
      if (!first || !second) throw new Error("the round has fewer than two choices");

      const locked = await driver.clickId(alice, round, first.id);
      expect(locked.private).toBe(true);
      expect(locked.forUserId).toBe(alice.id);
      expect(locked.text).toMatch(/^Locked in: \**A/);
      expect(locked.text).not.toMatch(/right|wrong|correct/i);
      // A second click keeps the first answer.
      expect((await driver.clickId(alice, round, second.id)).text).toMatch(/A\** stays locked in/);
      expect((await driver.clickId(carol, round, second.id)).text).toMatch(/^Locked in: \**B/);

      // Past the deadline, before the bot's timer closed the round (its wait is real time, 120 s):
      // a late click is told the question has closed and is not counted.
      clock.advance(180_000);
      const late = await driver.clickId(bob, round, first.id);
      expect(late.private).toBe(true);
      expect(late.text).toContain("This question has closed");
      // The bot restarts; the deadline passed, so the new process closes the round at once.
      await driver.restartBot();
      const closed = await eventually(() => {
        const now = driver.current(round);
        return /closed/.test(now.title ?? "") ? now : undefined;
      }, "the round to close after the restart");
      expect(closed.buttons.flat()).toHaveLength(0);
      expect(closed.text).toMatch(/Answer:/);
      expect(closed.images[0]?.alt).toMatch(/How the class answered, 2 answers/);
      const progress = await driver.command(carol, "progress");
      expect(ANSWERS_GIVEN.exec(progress.text)?.[1]).toBe(String(answersBefore + 1));

      const next = await driver.command(INSTRUCTOR, "live", {}, "next");
      expect(next.text).toBe("Question 2/2 is up.");
      expect(driver.channelMessages().some((message) => /question 2\/2/.test(message.title ?? ""))).toBe(
        true,
      );
      await driver.command(INSTRUCTOR, "live", {}, "stop");
      const standings = await eventually(
        () => driver.channelMessages().find((message) => /final standings/.test(message.title ?? "")),
        "the final standings",
      );
      expect(standings.text).toMatch(/1\.\** (alice|carol)/);
      expect(standings.text).toMatch(/Q1: \d+% right/);
    });

    it("GIVEN two bot processes on one store reach a round's deadline together THEN it closes once and each answer counts once", async () => {
      const finals = () =>
        driver.channelMessages().filter((message) => /final standings/.test(message.title ?? "")).length;
      const finalsBefore = finals();
      const answersBefore = Number(ANSWERS_GIVEN.exec((await driver.command(alice, "progress")).text)?.[1]);
      await driver.command(INSTRUCTOR, "live", { quiz: "momentum", seconds: 120, questions: 1 }, "start");
      const round = driver.channelMessages().findLast((message) => /question 1\/1/.test(message.title ?? ""));
      if (!round) throw new Error("no round posted in the channel");
      // The second process comes up after the round started: it knows the round from the store only.
      await driver.startSecondProcess();
      const [first, second] = round.buttons.flat();
      if (!first || !second) throw new Error("the round has fewer than two choices");
      await driver.clickId(alice, round, first.id);
      await driver.clickId(bob, round, second.id);
      clock.advance(180_000);
      await driver.closeDueRounds();
      const closed = driver.current(round);
      expect(closed.title).toMatch(/closed/);
      expect(closed.images[0]?.alt).toMatch(/How the class answered, 2 answers/);
      // The session (one question) ended once: one more standings post, not two.
      expect(finals()).toBe(finalsBefore + 1);
      const progress = await driver.command(alice, "progress");
      expect(ANSWERS_GIVEN.exec(progress.text)?.[1]).toBe(String(answersBefore + 1));
    });

    // Last: it moves the tutor's clock forward a month.
    it("GIVEN a quiz answered THEN /practice has nothing due that day, and brings the questions back once due", async () => {
      const quiz = await driver.command(dave, "quiz", { topic: "gd" });
      const [, , total] = SCORE.exec((await playQuiz(driver, dave, quiz)).text) ?? [];
      const today = await driver.command(dave, "practice");
      expect(today.private).toBe(true);
      expect(today.text).toMatch(/nothing to review/i);
      expect(today.text).toMatch(/next on tomorrow|next on \w+day/);
      expect(allButtons(today).some((button) => /new set/i.test(button.label))).toBe(true);

      clock.advance(30 * 86_400_000);
      const progress = await driver.command(dave, "progress");
      expect(progress.text).toContain(`${total} reviews due today`);
      const back = await driver.command(dave, "practice");
      expect(back.private).toBe(true);
      expect(back.text).toMatch(new RegExp(`Practice quiz · question 1/${total}`));
      const end = await playQuiz(driver, dave, back);
      expect(end.text).toMatch(new RegExp(`score[^0-9]*\\d+\\s*/\\s*${total}`, "i"));
      expect((await driver.command(dave, "progress")).text).toMatch(/No reviews due today, next on/);
    });
  });
}
