import { type Reply, textReply } from "../../../src/core/reply.ts";
import type { CommandDeclaration, Invoker, OptionValues, Tutor } from "../../../src/core/tutor-api.ts";

/**
 * A small stand-in for the tutor core, enough to exercise every path of the Slack adapter: public
 * and private replies, images, a two-question quiz with owner-checked buttons, a slow race with a
 * GIF, progress and a leaderboard. Its state lives in `state`, so a "restarted" app can share it.
 */

export interface FakeTutorState {
  quizzes: Map<string, { owner: string; step: number; score: number }>;
  scores: Map<string, { name: string; points: number }>;
  runs: Array<{ command: string; options: OptionValues; who: Invoker }>;
}

export const newFakeState = (): FakeTutorState => ({ quizzes: new Map(), scores: new Map(), runs: [] });

const TOPICS = ["adam", "adagrad", "adadelta", "sgd", "momentum"];
const QUESTIONS = ["Which optimizer keeps a moving average of squared gradients?", "What does lr stand for?"];
/** Long enough that Bolt would answer 404 had the adapter not acked first. */
export const RACE_DELAY_MS = 3200;

const png = (alt: string) => ({
  bytes: Buffer.alloc(200, 1),
  fileName: "rule.png",
  alt,
  width: 10,
  height: 10,
});

const declarations: CommandDeclaration[] = [
  {
    name: "lesson",
    description: "Open a lesson",
    options: [
      { name: "topic", description: "Optimizer", type: "string", required: true, autocomplete: true },
    ],
  },
  {
    name: "quiz",
    description: "Take a quiz",
    options: [{ name: "topic", description: "Optimizer", type: "string", required: false }],
  },
  { name: "review", description: "Review mistakes", options: [] },
  // Shown on the App Home, like the real /progress and /leaderboard.
  { name: "progress", description: "Your progress", options: [], home: true },
  { name: "leaderboard", description: "Top students", options: [], communityOnly: true, home: true },
  {
    name: "race",
    description: "Race optimizers",
    slow: true,
    options: [
      { name: "function", description: "Test function", type: "string", required: true },
      { name: "optimizers", description: "Comma-separated", type: "string", required: true },
    ],
  },
  { name: "recommend", description: "What next", options: [] },
  { name: "help", description: "Help", options: [] },
];

function question(quizId: string, step: number): Reply {
  return {
    title: `Question ${step + 1}/${QUESTIONS.length}`,
    text: QUESTIONS[step] ?? "",
    images: [],
    buttons: [
      ["right", "wrong"].map((answer) => ({
        id: `q:${quizId}:${step}:${answer}`,
        label: answer === "right" ? "RMSprop" : "SGD",
        style: "secondary" as const,
      })),
    ],
    private: true,
    replaceOriginal: true,
  };
}

export function createFakeTutor(state: FakeTutorState = newFakeState()): Tutor {
  let quizCounter = state.quizzes.size;
  return {
    commands: declarations,
    async run(command, options, who) {
      state.runs.push({ command, options, who });
      switch (command) {
        case "lesson": {
          const topic = String(options.topic ?? "");
          if (!TOPICS.includes(topic)) return textReply(`I have no lesson on "${topic}".`);
          return {
            title: `Lesson: ${topic}`,
            text: `**${topic}** in one picture.`,
            images: [png(`The ${topic} update rule, drawn as a formula`)],
            buttons: [[{ id: `quiz:${topic}`, label: "Quiz me", style: "primary" }]],
            private: false,
          };
        }
        case "quiz": {
          quizCounter += 1;
          const quizId = `z${quizCounter}`;
          state.quizzes.set(quizId, { owner: who.userId, step: 0, score: 0 });
          return question(quizId, 0);
        }
        case "race":
          await new Promise((resolve) => setTimeout(resolve, RACE_DELAY_MS));
          return {
            title: `Race on ${options.function}`,
            text: `${options.optimizers} raced.`,
            images: [
              {
                bytes: Buffer.alloc(3000, 7),
                fileName: "race.gif",
                alt: "Animated race of the optimizers",
                width: 1,
                height: 1,
              },
            ],
            buttons: [],
            private: false,
          };
        case "progress":
          return {
            title: "Your progress",
            text: `${state.scores.get(who.userId)?.points ?? 0} points`,
            images: [],
            buttons: [],
            private: true,
          };
        case "leaderboard": {
          const rows = [...state.scores.values()].sort((a, b) => b.points - a.points);
          return {
            title: "Leaderboard",
            text: rows.map((row) => `• ${row.name}: ${row.points}`).join("\n") || "Nobody yet.",
            images: [],
            buttons: [],
            private: false,
          };
        }
        default:
          return textReply(`${command}: ok`);
      }
    },
    async click(buttonId, who) {
      const [kind, quizId = "", stepText, answer] = buttonId.split(":");
      if (kind === "quiz") return this.run("quiz", { topic: quizId }, who);
      const quiz = state.quizzes.get(quizId);
      if (kind !== "q" || !quiz) return textReply("That button has expired.");
      if (quiz.owner !== who.userId)
        return textReply("This quiz belongs to someone else; start your own with /quiz.");
      if (Number(stepText) !== quiz.step) return textReply("You already answered that one.");
      quiz.step += 1;
      if (answer === "right") quiz.score += 1;
      if (quiz.step < QUESTIONS.length) return question(quizId, quiz.step);
      const entry = state.scores.get(who.userId) ?? { name: who.userName, points: 0 };
      state.scores.set(who.userId, { ...entry, points: entry.points + quiz.score });
      return {
        title: "Done",
        text: `Score ${quiz.score}/${QUESTIONS.length}`,
        images: [],
        buttons: [],
        private: true,
        replaceOriginal: true,
      };
    },
    async autocomplete(_command, _option, partial) {
      return TOPICS.filter((topic) => topic.startsWith(partial)).map((topic) => ({
        name: topic,
        value: topic,
      }));
    },
  };
}
