import type { Catalogue, Quiz } from "../../../src/core/content/types.ts";
import { type DiscordEmulator, ErrorCode, type InteractionHandle } from "../discord/emulator.ts";
import type { EmulatedUser } from "../discord/payloads.ts";
import { parseQuizButton } from "./quiz-buttons.ts";

/** Questions in a lesson quiz (src/core/quiz/draw.ts QUESTIONS_PER_QUIZ), as a student counts them. */
export const QUIZ_LENGTH = 4;
/** Longest a student waits for one answer before giving up on it (real time). */
const ANSWER_WAIT_MS = 10_000;
/** Times a student clicks again after a failed click: a bound against looping, not a speed target. */
const MAX_RETRIES = 8;

export interface PlayOptions {
  /** Each student waits up to this long (uniformly random) before /quiz and before each click. */
  thinkMs?: number;
  /**
   * Click again after this long without an answer, or at once when Discord refused the bot's late
   * answer ("This interaction failed"); without it, either fails the run.
   */
  retryAfterMs?: number;
}
const QUESTION_TITLE = /^(.+) quiz · question (\d+)\/(\d+)$/;
const SCORE = /Your score: (\d+)\/(\d+)/;
const CHOICE_LINE = /^\*\*([A-J])\.\*\* (.*)$/;

/** A simulated student: who, in which server, which quiz, and which questions they will get right. */
export interface Student {
  user: EmulatedUser;
  guildId: string;
  quizId: string;
  /** plan[i]: answer question i correctly (true) or pick a wrong choice on purpose (false). */
  plan: boolean[];
  /** The quiz message (ephemeral), once the bot posted it. */
  messageId?: string;
  /** Verdicts the student saw, by question index. */
  seen: Map<number, "right" | "wrong">;
  /** The score the final message showed. */
  finalScore?: number;
}

/** Deterministic students: names sort like their numbers; the plan cycles through 0–4 right answers. */
export function makeStudents(count: number, guildIds: string[], quizIds: string[]): Student[] {
  return Array.from({ length: count }, (_, index) => {
    const rights = index % (QUIZ_LENGTH + 1);
    return {
      user: {
        id: String(300_000_000_000_000_000n + BigInt(index)),
        name: `student${String(index).padStart(3, "0")}`,
      },
      guildId: guildIds[index % guildIds.length] ?? "",
      quizId: quizIds[index % quizIds.length] ?? "",
      // Rights first for some, last for others, so right and wrong clicks interleave.
      plan: Array.from({ length: QUIZ_LENGTH }, (_, question) =>
        index % 2 === 0 ? question < rights : question >= QUIZ_LENGTH - rights,
      ),
      seen: new Map(),
    };
  });
}

/** The score a student's clicks imply. */
export function expectedScore(student: Student): number {
  return student.plan.filter(Boolean).length;
}

/** What a quiz message shows now, read from the emulator's copy of it. */
export type QuizState =
  | { kind: "question"; index: number; buttons: { id: string; choice: number }[]; correct: number }
  | { kind: "feedback"; nextId: string }
  | { kind: "open"; resumeId: string }
  | { kind: "done"; score: number };

/** Answers a student's quiz by reading each message as a person would and clicking. */
export class QuizPlayer {
  private readonly quizzesByTitle = new Map<string, Quiz>();
  /** Set when the bot process is gone: students stop at their next step. */
  private halted = false;

  constructor(
    private readonly emulator: DiscordEmulator,
    catalogue: Catalogue,
  ) {
    for (const quiz of catalogue.quizzes.values()) this.quizzesByTitle.set(quiz.title, quiz);
  }

  /** Students stop clicking (their in-flight clicks are abandoned). */
  halt(): void {
    this.halted = true;
  }

  resume(): void {
    this.halted = false;
  }

  /**
   * /quiz, then every answer and "Next question" until the score shows (or the player halts).
   * With `retryAfterMs`, a click left unanswered that long is clicked again, as a student does after
   * Discord's "This interaction failed"; without it, no answer within 10 s fails the run.
   */
  async play(student: Student, options: PlayOptions = {}): Promise<void> {
    const { thinkMs = 0, retryAfterMs } = options;
    let retriesLeft = MAX_RETRIES;
    const retry = () => {
      if (retryAfterMs === undefined || retriesLeft-- <= 0)
        throw new Error(`${student.user.name}: the bot never answered in time`);
    };
    // Students type /quiz over the same spread of time as they read before clicking.
    if (!student.messageId && thinkMs > 0) await sleep(Math.random() * thinkMs);
    while (!student.messageId && !this.halted) {
      const posted = await this.send(
        () =>
          this.emulator.command({
            user: student.user,
            name: "quiz",
            options: { topic: student.quizId },
            guildId: student.guildId,
          }),
        retryAfterMs,
      );
      const buttons = posted ? this.emulator.messages.get(posted)?.api.components.length : 0;
      // No buttons: the bot's "something went wrong" notice instead of a quiz; ask again.
      if (posted === "failed" || (posted && !buttons)) retry();
      else if (posted) student.messageId = posted;
    }
    for (let step = 0; step < 4 * QUIZ_LENGTH + MAX_RETRIES && !this.halted; step++) {
      const state = this.look(student);
      if (state.kind === "done") {
        student.finalScore = state.score;
        return;
      }
      if (thinkMs > 0) await sleep(Math.random() * thinkMs);
      const clicked = await this.send(() => this.emulator.click(this.clickFor(student, state)), retryAfterMs);
      if (clicked === "failed") retry();
      // A new message is a refusal or the bot's "something went wrong" notice: with retries on,
      // the student reads it and clicks again; otherwise it is a failure.
      else if (clicked && clicked !== student.messageId) {
        if (retryAfterMs === undefined)
          throw new Error(`${student.user.name}: the bot answered in a new message`);
        retry();
      }
    }
    if (!this.halted) throw new Error(`${student.user.name}: the quiz did not end`);
  }

  private clickFor(student: Student, state: Exclude<QuizState, { kind: "done" }>) {
    const target = { user: student.user, messageId: student.messageId ?? "" };
    switch (state.kind) {
      case "open":
        return { ...target, customId: state.resumeId };
      case "feedback":
        return { ...target, customId: state.nextId };
      case "question": {
        const wantRight = student.plan[state.index] ?? true;
        const button = state.buttons.find((candidate) => (candidate.choice === state.correct) === wantRight);
        if (!button)
          throw new Error(`${student.user.name}: no ${wantRight ? "right" : "wrong"} choice to click`);
        return { ...target, customId: button.id };
      }
    }
  }

  /**
   * Dispatches an interaction and waits for its answer: the answer's message id, "failed" (no answer
   * within `waitMs`, or Discord refused it as too late), or undefined if halted.
   */
  private async send(
    dispatch: () => InteractionHandle,
    waitMs = ANSWER_WAIT_MS,
  ): Promise<string | "failed" | undefined> {
    if (this.halted) return undefined;
    const handle = dispatch();
    const outcome = await Promise.race([handle.outcome, this.haltedOrTimeout(waitMs)]);
    if (outcome === "halted") return undefined;
    if (outcome === "timeout") return "failed";
    if (outcome.kind === "rejected" && outcome.code === ErrorCode.UnknownInteraction) return "failed";
    if (outcome.kind !== "message") throw new Error(`the bot's answer was ${JSON.stringify(outcome)}`);
    return outcome.messageId;
  }

  private async haltedOrTimeout(waitMs: number): Promise<"halted" | "timeout"> {
    const until = Date.now() + waitMs;
    while (!this.halted) {
      if (Date.now() > until) return "timeout";
      await sleep(20);
    }
    return "halted";
  }

  /**
   * Reads the quiz message the way the student does (title, choices, verdict, buttons) and notes the
   * verdict it shows. Whoever clicks for a student reads first, or that verdict goes unseen.
   */
  look(student: Student): QuizState {
    const message = this.emulator.messages.get(student.messageId ?? "");
    if (!message) throw new Error(`${student.user.name}: the quiz message is gone`);
    const embed = message.api.embeds[0];
    const description = embed?.description ?? message.api.content;
    const buttons = message.api.components
      .flatMap((row) => row.components)
      .flatMap((component) => ("custom_id" in component ? [component.custom_id] : []));
    const actions = buttons.map((id) => ({ id, action: parseQuizButton(id) }));
    const score = SCORE.exec(description);
    if (score) {
      this.noteVerdict(student, embed?.title ?? "", description);
      return { kind: "done", score: Number(score[1]) };
    }
    const next = actions.find(({ action }) => action?.kind === "next");
    if (next) {
      this.noteVerdict(student, embed?.title ?? "", description);
      return { kind: "feedback", nextId: next.id };
    }
    const resume = actions.find(({ action }) => action?.kind === "resume");
    if (resume) return { kind: "open", resumeId: resume.id };
    const answers = actions.flatMap(({ id, action }) =>
      action?.kind === "answer" ? [{ id, choice: action.choice, index: action.question }] : [],
    );
    const title = QUESTION_TITLE.exec(embed?.title ?? "");
    if (!title || answers.length === 0)
      throw new Error(`${student.user.name}: cannot read "${description.slice(0, 120)}"`);
    return {
      kind: "question",
      index: Number(title[2]) - 1,
      buttons: answers,
      correct: this.correctChoice(title[1] ?? "", description),
    };
  }

  /** The shown position of the right answer, found in the content the way the test author knows it. */
  private correctChoice(quizTitle: string, description: string): number {
    const quiz = this.quizzesByTitle.get(quizTitle);
    const choicesAt = description.indexOf("\n\n**A.** ");
    const prompt = description.slice(0, choicesAt);
    const question = quiz?.questions.find((candidate) => candidate.prompt === prompt);
    const right = question?.choices.find((choice) => choice.correct)?.label;
    const shown = description
      .slice(choicesAt + 2)
      .split("\n")
      .map((line) => CHOICE_LINE.exec(line)?.[2]);
    const position = right === undefined ? -1 : shown.indexOf(right);
    if (choicesAt < 0 || position < 0)
      throw new Error(`no catalogue answer for "${quizTitle}": "${prompt.slice(0, 80)}"`);
    return position;
  }

  private noteVerdict(student: Student, title: string, description: string): void {
    const index = Number(QUESTION_TITLE.exec(title)?.[2] ?? 0) - 1;
    if (index < 0) return;
    student.seen.set(index, description.startsWith("✅") ? "right" : "wrong");
  }
}

/** p50/p99 etc. of latencies in ms. */
export function latencySummary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    count: sorted.length,
    p50Ms: round(at(0.5)),
    p90Ms: round(at(0.9)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
