import { onButton } from "../src/core/buttons.ts";
import { type CommandContext, defineCommand } from "../src/core/command.ts";
import { requireInstructor } from "../src/core/instructors.ts";
import { lessonChoices, lessonOrSuggest } from "../src/core/lessons.ts";
import { LIVE_ANSWER } from "../src/core/live/ids.ts";
import { sessionKeyOf } from "../src/core/live/keys.ts";
import type { LiveSession } from "../src/core/live/records.ts";
import { OutboundRefusedError } from "../src/core/outbound.ts";
import { FINAL_QUIZ_ID } from "../src/core/quiz/draw.ts";
import { textReply } from "../src/core/reply.ts";
import { escapeName } from "../src/core/text.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { UserError } from "../src/core/user-error.ts";

export const SECONDS = { min: 10, max: 120, default: 20 } as const;
export const QUESTIONS = { min: 1, max: 20, default: 5 } as const;

export const declaration: CommandDeclaration = {
  name: "live",
  description: "A live round for the whole channel: one question, everyone answers (instructors)",
  options: [],
  subcommands: [
    {
      name: "start",
      description: "Start a live session in this channel",
      options: [
        {
          name: "quiz",
          description: 'A lesson (adam, momentum, …) or "final"',
          type: "string",
          required: true,
          autocomplete: true,
        },
        {
          name: "seconds",
          description: `Seconds per question (${SECONDS.min}–${SECONDS.max}, default ${SECONDS.default})`,
          type: "integer",
          required: false,
          min: SECONDS.min,
          max: SECONDS.max,
        },
        {
          name: "questions",
          description: `How many questions (${QUESTIONS.min}–${QUESTIONS.max}, default ${QUESTIONS.default})`,
          type: "integer",
          required: false,
          min: QUESTIONS.min,
          max: QUESTIONS.max,
        },
      ],
    },
    { name: "next", description: "Close the question now and post the next one", options: [] },
    { name: "stop", description: "End the session: final standings and how each question went", options: [] },
  ],
  communityOnly: true,
  private: true,
  slow: true,
};

const NONE_RUNNING = "No live session is running in this channel. Start one with `/live start adam`.";

/** The channel's session key, or a friendly refusal where there is no channel. */
function keyOf({ who }: CommandContext): string {
  if (who.communityId === null || !who.channelId) {
    throw new UserError("Live rounds run in a server or workspace channel, not in a direct message.");
  }
  return sessionKeyOf(who.platform, who.communityId, who.channelId);
}

function quizIdFor(topic: string, { services }: CommandContext): string {
  if (topic.trim().toLowerCase() === FINAL_QUIZ_ID) return FINAL_QUIZ_ID;
  const lesson = lessonOrSuggest(services.catalogue, topic, "live start");
  if (!services.quiz.exists(lesson.quiz))
    throw new UserError(`**${lesson.title}** has no quiz yet. Try \`/live start final\`.`);
  return lesson.quiz;
}

async function start(options: Record<string, unknown>, context: CommandContext) {
  const { who, services } = context;
  const key = keyOf(context);
  const quizId = quizIdFor(String(options.quiz), context);
  const seconds = Number(options.seconds ?? SECONDS.default);
  const count = Number(options.questions ?? QUESTIONS.default);
  const live = services.live;
  if (!live.outbound(who.platform)) throw new Error(`no outbound for ${who.platform}`);
  const draft = live.draft(
    { ...who, communityId: who.communityId ?? "", channelId: who.channelId ?? "" },
    quizId,
    seconds,
    count,
  );
  if (!draft) throw new UserError("That quiz has no questions yet. Try `/live start final`.");
  const running = await live.create(key, draft);
  if (running) {
    throw new UserError(
      `A live session is already running here, started by ${escapeName(running.startedBy.userName)}. ` +
        "`/live next` moves it on; `/live stop` ends it.",
    );
  }
  try {
    await live.postQuestion(key, draft);
  } catch (error) {
    await live.end(key, draft.id, false);
    if (error instanceof OutboundRefusedError) throw new UserError(error.message);
    throw error;
  }
  const asked = draft.questions.length;
  return textReply(
    `Live session started: ${asked} ${asked === 1 ? "question" : "questions"} from **${live.title(draft)}**, ${seconds} s each. ` +
      "Question 1 is up. Each closes by itself at its deadline; `/live next` closes it early and posts the next; `/live stop` ends the session.",
  );
}

async function current(context: CommandContext): Promise<{ key: string; session: LiveSession }> {
  const key = keyOf(context);
  const session = await context.services.live.read(key);
  if (!session || session.state === "ended") throw new UserError(NONE_RUNNING);
  return { key, session };
}

async function next(context: CommandContext) {
  const live = context.services.live;
  const { key, session } = await current(context);
  if (session.state === "open" || session.state === "closing")
    await live.close(key, session.id, session.index);
  const advanced = await live.advance(key, session.id, session.index);
  if (advanced === "ended") return textReply("That was the last question: the final standings are posted.");
  if (advanced === "lost")
    throw new UserError("Someone else moved the session on at the same moment; nothing more changed.");
  await live.postQuestion(key, advanced);
  return textReply(`Question ${advanced.index + 1}/${advanced.questions.length} is up.`);
}

async function stop(context: CommandContext) {
  const live = context.services.live;
  const { key, session } = await current(context);
  if (session.state === "open" || session.state === "closing")
    await live.close(key, session.id, session.index);
  await live.end(key, session.id);
  return textReply("Live session ended: the final standings are posted.");
}

export default defineCommand({
  declaration,
  async execute(options, context) {
    await requireInstructor(context.who, context.services, "run live rounds");
    if (options.subcommand === "start") return start(options, context);
    if (options.subcommand === "next") return next(context);
    return stop(context);
  },
  autocomplete(_option, partial, { services }) {
    const final = FINAL_QUIZ_ID.includes(partial.trim().toLowerCase())
      ? [{ name: "Final (questions from every lesson)", value: FINAL_QUIZ_ID }]
      : [];
    return [
      ...lessonChoices(services.catalogue, partial).filter((choice) => services.quiz.exists(choice.value)),
      ...final,
    ];
  },
  buttons: [onButton(LIVE_ANSWER, (click, { who, services }) => services.live.answer(who, click))],
});
