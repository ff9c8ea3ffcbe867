import { buttonId, FIELDS, onButton, ownerOf } from "../src/core/buttons.ts";
import { type CommandContext, defineCommand } from "../src/core/command.ts";
import type { Lesson } from "../src/core/content/types.ts";
import { lessonChoices, lessonList, lessonOrSuggest } from "../src/core/lessons.ts";
import type { Reply, ReplyButton, ReplyImage } from "../src/core/reply.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { exploreButtonFor } from "./explore.ts";
import { practiceHint } from "./practice/summary.ts";
import { QUIZ_BUTTONS } from "./quiz/view.ts";

export const declaration: CommandDeclaration = {
  name: "lesson",
  description: "A short visual lesson on one optimizer; alone, the list of lessons",
  options: [
    {
      name: "topic",
      description: "The optimizer or idea (adam, momentum, sgd) or its number in the course",
      type: "string",
      required: false,
      autocomplete: true,
    },
  ],
  slow: true,
};

/** Show a lesson; its `owner` (ownerOf) pages in place, anyone else gets a private copy. */
export const LESSON_BUTTON = buttonId("l", { lessonId: FIELDS.contentId, owner: FIELDS.owner });

/** The lesson message: idea, bullets, the update rule and a picture, with previous / next / quiz buttons. */
export async function lessonReply(lesson: Lesson, context: CommandContext): Promise<Reply> {
  const { catalogue } = context.services;
  const index = catalogue.lessons.findIndex((candidate) => candidate.id === lesson.id);
  const owner = ownerOf(context.who);
  const previous = catalogue.lessons[index - 1];
  const next = catalogue.lessons[index + 1];
  const buttons: ReplyButton[] = [];
  if (previous) {
    buttons.push({
      id: LESSON_BUTTON.encode({ lessonId: previous.id, owner }),
      label: `← ${previous.title}`,
      style: "secondary",
    });
  }
  if (next) {
    buttons.push({
      id: LESSON_BUTTON.encode({ lessonId: next.id, owner }),
      label: `${next.title} →`,
      style: "secondary",
    });
  }
  if (context.services.quiz.exists(lesson.quiz)) {
    buttons.push({
      id: QUIZ_BUTTONS.start.encode({ quizId: lesson.quiz }),
      label: "Take the quiz",
      style: "primary",
    });
  }
  const explore = exploreButtonFor(lesson.visual, lesson.id);
  if (explore) buttons.push(explore);
  const [images, , hint] = await Promise.all([
    lessonImages(lesson, context),
    recordSeen(lesson, context),
    practiceHint(context),
  ]);
  return {
    title: `${lesson.title}`,
    text: `_${lesson.idea}_\n\n${lesson.body.trim()}`,
    images,
    buttons: [buttons],
    // The lesson may be public: the hint says reviews are waiting, not how many.
    footer: `Lesson ${index + 1}/${catalogue.lessons.length} · test yourself with /quiz ${lesson.quiz}${hint ? " · you have reviews due: /practice" : ""}`,
    private: false,
  };
}

async function lessonImages(lesson: Lesson, { services }: CommandContext): Promise<ReplyImage[]> {
  const jobs: Array<Promise<ReplyImage>> = [];
  if (lesson.formulas.length > 0) jobs.push(services.renderer.formulaSheet(lesson.formulas, lesson.title));
  jobs.push(services.renderer.visual(lesson.visual));
  const settled = await Promise.allSettled(jobs);
  const images: ReplyImage[] = [];
  for (const result of settled) {
    if (result.status === "fulfilled") images.push(result.value);
    // The lesson still teaches without one picture; the failure is ours to fix, not the student's.
    else services.logger.error({ err: result.reason, lesson: lesson.id }, "lesson image failed to render");
  }
  return images;
}

/** Marks the lesson seen, best effort: with the store down the lesson still shows, unmarked. */
async function recordSeen(lesson: Lesson, { who, services }: CommandContext): Promise<void> {
  try {
    await services.progress.markLessonSeen(who, lesson.id);
  } catch (error) {
    services.logger.warn(
      { err: error, lesson: lesson.id },
      "could not record the lesson as seen; it was shown anyway",
    );
  }
}

export default defineCommand({
  declaration,
  async execute(options, context) {
    const { catalogue } = context.services;
    if (options.topic === undefined || String(options.topic).trim() === "")
      return {
        title: "Lessons",
        text: lessonList(catalogue, "lesson"),
        images: [],
        buttons: [],
        private: true,
      };
    const lesson = lessonOrSuggest(catalogue, String(options.topic), "lesson");
    return lessonReply(lesson, context);
  },
  autocomplete(_option, partial, { services }) {
    return lessonChoices(services.catalogue, partial);
  },
  buttons: [
    onButton(LESSON_BUTTON, async (action, context) => {
      const lesson = context.services.catalogue.findLesson(action.lessonId);
      if (!lesson) {
        return {
          text: "That lesson is no longer in the course. Type `/lesson` to pick another.",
          images: [],
          buttons: [],
          private: true,
        };
      }
      const reply = await lessonReply(lesson, context);
      // The student who opened the lesson pages through it in place; anyone else gets a private copy.
      const isOwner = action.owner === ownerOf(context.who);
      return isOwner ? { ...reply, replaceOriginal: true } : { ...reply, private: true };
    }),
  ],
});
