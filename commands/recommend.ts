import { buttonId, FIELDS, onButton, ownerOf } from "../src/core/buttons.ts";
import { type CommandContext, defineCommand } from "../src/core/command.ts";
import { type Reply, type ReplyButton, textReply } from "../src/core/reply.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { LESSON_BUTTON } from "./lesson.ts";

export const declaration: CommandDeclaration = {
  name: "recommend",
  description: "Three quick questions, then the optimizer and learning rate to start with",
  options: [],
  private: true,
};

interface Step {
  question: string;
  answers: Array<{ letter: string; label: string }>;
}

/** The guided choice: each answer is one letter of the path carried in the button id. */
const STEPS: Step[] = [
  {
    question: "What are you training?",
    answers: [
      { letter: "v", label: "Images (CNN)" },
      { letter: "t", label: "Text (Transformer)" },
      { letter: "r", label: "Sequences (RNN/LSTM)" },
      { letter: "m", label: "Small or tabular net" },
    ],
  },
  {
    question:
      "Are the inputs **sparse** (embeddings, word counts, rare features) or **dense** (pixels, measurements)?",
    answers: [
      { letter: "s", label: "Sparse" },
      { letter: "d", label: "Dense" },
    ],
  },
  {
    question: "How much time do you have to tune it?",
    answers: [
      { letter: "l", label: "Little: it should just work" },
      { letter: "p", label: "Plenty: I'll tune a schedule" },
    ],
  },
];

export interface Recommendation {
  optimizer: string;
  lr: string;
  reason: string;
  /** The lesson to read next. */
  lessonId: string;
}

/** The recommendation for a full path (model, sparsity, tuning time). */
export function recommend(path: string): Recommendation {
  const [model, data, time] = path;
  if (model === "t") {
    return {
      optimizer: "AdamW",
      lr: "3e-4 with a short warm-up",
      reason:
        "Transformers train reliably with Adam's per-parameter step sizes; AdamW's decoupled weight decay regularises without fighting the adaptive step.",
      lessonId: "adam",
    };
  }
  if (data === "s") {
    return time === "p"
      ? {
          optimizer: "Adagrad",
          lr: "0.01",
          reason:
            "It was built for sparse features: rare features keep large steps while frequent ones slow down. Watch for its rate shrinking too far on long runs.",
          lessonId: "adagrad",
        }
      : {
          optimizer: "Adam",
          lr: "1e-3",
          reason:
            "Per-parameter rates give rare features bigger steps, like Adagrad, but its moving averages stop the rate from dying out. It rarely needs tuning.",
          lessonId: "adam",
        };
  }
  if (model === "v" && time === "p") {
    return {
      optimizer: "SGD with Nesterov momentum 0.9",
      lr: "0.1 (batch 256) with a cosine or step decay",
      reason:
        "With a tuned schedule, momentum SGD often ends with better test accuracy on image models than adaptive methods.",
      lessonId: "nesterov",
    };
  }
  if (model === "r") {
    return {
      optimizer: time === "p" ? "RMSprop" : "Adam",
      lr: "1e-3, with gradient clipping at norm 1",
      reason:
        "Recurrent nets see gradients of wildly different sizes; dividing by a running RMS keeps the steps steady, and clipping stops rare explosions.",
      lessonId: time === "p" ? "rmsprop" : "adam",
    };
  }
  return {
    optimizer: "Adam",
    lr: "1e-3",
    reason:
      "The robust default: bias-corrected momentum plus per-parameter scaling works across most dense problems with the default rate.",
    lessonId: "adam",
  };
}

/** The walk so far: one letter per answer given. */
const RECOMMEND_BUTTON = buttonId("rc", { path: FIELDS.letters });

function stepReply(path: string): Reply {
  const step = STEPS[path.length];
  if (!step) throw new Error(`no recommend step for path "${path}"`);
  const buttons: ReplyButton[] = step.answers.map((answer) => ({
    id: RECOMMEND_BUTTON.encode({ path: `${path}${answer.letter}` }),
    label: answer.label,
    style: "secondary",
  }));
  return textReply(step.question, {
    title: `Which optimizer? (${path.length + 1}/${STEPS.length})`,
    buttons: [buttons],
  });
}

function resultReply(path: string, context: CommandContext): Reply {
  const pick = recommend(path);
  const lesson = context.services.catalogue.findLesson(pick.lessonId);
  const choosing = context.services.catalogue.findLesson("choosing");
  const owner = ownerOf(context.who);
  const buttons: ReplyButton[] = [];
  if (lesson)
    buttons.push({
      id: LESSON_BUTTON.encode({ lessonId: lesson.id, owner }),
      label: `Read: ${lesson.title}`,
      style: "primary",
    });
  if (choosing && choosing.id !== lesson?.id) {
    buttons.push({
      id: LESSON_BUTTON.encode({ lessonId: choosing.id, owner }),
      label: `Read: ${choosing.title}`,
      style: "secondary",
    });
  }
  buttons.push({
    id: RECOMMEND_BUTTON.encode({ path: "" }),
    label: "Start over",
    style: "secondary",
  });
  const read = lesson ? `\n\nTo understand why, read \`/lesson ${lesson.id}\`.` : "";
  return textReply(
    `Start with **${pick.optimizer}**, learning rate **${pick.lr}**.\n\n_Why:_ ${pick.reason}${read}`,
    {
      title: "My recommendation",
      footer: "Then tune the learning rate first: try ×3 and ÷3 and keep the best.",
      buttons: [buttons],
    },
  );
}

/** Whether a path is a valid walk through the steps so far. */
function validPath(path: string): boolean {
  return [...path].every((letter, index) => STEPS[index]?.answers.some((answer) => answer.letter === letter));
}

export default defineCommand({
  declaration,
  async execute() {
    return stepReply("");
  },
  buttons: [
    onButton(RECOMMEND_BUTTON, async (action, context) => {
      if (!validPath(action.path)) return textReply("That button is out of date. Run `/recommend` again.");
      const reply =
        action.path.length < STEPS.length ? stepReply(action.path) : resultReply(action.path, context);
      return { ...reply, replaceOriginal: true };
    }),
  ],
});
