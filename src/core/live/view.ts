import type { Choice } from "../content/types.ts";
import { BUTTON_LABEL_MAX } from "../layout.ts";
import type { ShownQuestion } from "../quiz/draw.ts";
import type { Reply, ReplyImage } from "../reply.ts";
import { escapeName, plural, truncate } from "../text.ts";
import { LIVE_ANSWER } from "./ids.ts";
import type { LiveResult, LiveSession } from "./records.ts";
import { drawSplit, share } from "./split-chart.ts";

/** Rows shown under a closed question, and in the final standings. */
export const TOP_AFTER_QUESTION = 5;
export const TOP_AT_END = 10;

const LETTERS = "ABCDEFGHIJ";
export const letter = (index: number) => LETTERS[index] ?? String(index + 1);

/** A standing: equal points share a rank. */
export interface Standing {
  rank: number;
  userId: string;
  name: string;
  points: number;
  correct: number;
}

export function standings(session: LiveSession): Standing[] {
  const rows = Object.entries(session.scores)
    .map(([userId, score]) => ({ userId, ...score }))
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
  return rows.map((row) => ({ ...row, rank: 1 + rows.filter((other) => other.points > row.points).length }));
}

function standingLines(session: LiveSession, top: number): string {
  const rows = standings(session).slice(0, top);
  if (rows.length === 0) return "Nobody has scored yet.";
  return rows
    .map((row) => `**${row.rank}.** ${escapeName(row.name)}: ${plural(row.points, "point")}`)
    .join("\n");
}

function heading(session: LiveSession, title: string): string {
  if (session.kind === "daily") return `Daily question · ${title}`;
  return `Live · ${title} · question ${session.index + 1}/${session.questions.length}`;
}

/** The public round message: the question, a button per choice, the countdown and the tally. */
export function questionMessage(
  session: LiveSession,
  shown: ShownQuestion,
  title: string,
  answered: number,
  image: ReplyImage | undefined,
): Reply {
  const choices = shown.choices.map((choice, position) => `**${letter(position)}.** ${choice.label}`);
  return {
    title: heading(session, title),
    text: `${shown.question.prompt}\n\n${choices.join("\n")}`,
    images: image ? [image] : [],
    buttons: [
      shown.choices.map((choice, position) => ({
        id: LIVE_ANSWER.encode({ sessionId: session.id, question: session.index, choice: position }),
        label: truncate(`${letter(position)}. ${choice.label}`, BUTTON_LABEL_MAX),
        style: "secondary" as const,
      })),
    ],
    closesAt: new Date(session.deadline),
    footer: `${plural(answered, "answer")} so far · everyone answers once; your first click counts`,
    private: false,
  };
}

/** Why a wrong choice is wrong: its line in the explanation ("• Adagrad: the rate only shrinks"). */
export function whyWrong(shown: ShownQuestion, choice: Choice): string | undefined {
  const prefix = `• ${choice.label}:`;
  const line = shown.question.explanation.split("\n").find((candidate) => candidate.startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

/** The round message once closed: the answer, why, the split as a picture, the top five so far. */
export function resultsMessage(
  session: LiveSession,
  shown: ShownQuestion,
  title: string,
  result: LiveResult,
): Reply {
  const bars = shown.choices.map((choice, position) => ({
    label: `${letter(position)}. ${choice.label}`,
    count: result.counts[position] ?? 0,
    correct: position === shown.correct,
  }));
  const total = result.voters.length;
  const right = shown.choices[shown.correct];
  return {
    title: `${heading(session, title)} · closed`,
    text: [
      shown.question.prompt,
      `**Answer: ${letter(shown.correct)}. ${right?.label ?? ""}** · ${share(result.counts[shown.correct] ?? 0, total)} right`,
      shown.question.explanation,
      `**Top ${TOP_AFTER_QUESTION} so far**\n${standingLines(session, TOP_AFTER_QUESTION)}`,
    ].join("\n\n"),
    images: [drawSplit(bars, `Question ${session.index + 1}: ${plural(total, "answer")}`)],
    buttons: [],
    footer: "Faster correct answers score more.",
    private: false,
  };
}

/** One line per question: the most common wrong answer and why it is wrong. */
export function questionLine(
  number: number,
  shown: ShownQuestion | undefined,
  result: LiveResult | undefined,
): string {
  if (!shown || !result) return `Q${number}: not played.`;
  const total = result.voters.length;
  if (total === 0) return `Q${number}: nobody answered.`;
  const wrong = shown.choices
    .map((choice, position) => ({ choice, count: result.counts[position] ?? 0, position }))
    .filter((entry) => entry.position !== shown.correct && entry.count > 0)
    .sort((a, b) => b.count - a.count)[0];
  const right = `${Math.round((100 * (result.counts[shown.correct] ?? 0)) / total)}% right`;
  if (!wrong) return `Q${number}: ${right}, nobody chose a wrong answer.`;
  const why = whyWrong(shown, wrong.choice);
  const percent = Math.round((100 * wrong.count) / total);
  return `Q${number}: ${right}; ${percent}% chose ${wrong.choice.label}${why ? ` — ${why}` : ""}`;
}

/** The message that ends a session: final standings and a line per question. */
export function finalMessage(session: LiveSession, title: string, lines: string[]): Reply {
  return {
    title: `Live · ${title} · final standings`,
    text: `${standingLines(session, TOP_AT_END)}\n\n${lines.join("\n")}`,
    images: [],
    buttons: [],
    footer: `Session points are separate from /leaderboard. Started by ${escapeName(session.startedBy.userName)}.`,
    private: false,
  };
}
