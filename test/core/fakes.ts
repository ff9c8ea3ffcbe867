import { COMMANDS } from "../../commands/index.ts";
import type { CommandModule } from "../../src/core/command.ts";
import type { Catalogue, Lesson, Question, Quiz } from "../../src/core/content/types.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { seededRandom } from "../../src/core/random.ts";
import { resolveSpec, simulateSpec } from "../../src/core/render/spec.ts";
import type { Renderer } from "../../src/core/render/types.ts";
import type { Reply, ReplyImage } from "../../src/core/reply.ts";
import { createMemoryStore, type TutorStore } from "../../src/core/store/index.ts";
import { createTutor } from "../../src/core/tutor.ts";
import type { Invoker, Tutor } from "../../src/core/tutor-api.ts";

/** A small course: `count` lessons, each with a quiz of `perQuiz` three-choice questions. */
export function fakeCatalogue(count = 3, perQuiz = 5): Catalogue {
  const ids = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
  ];
  const lessons: Lesson[] = ids.slice(0, count).map((id, index) => ({
    id,
    order: index + 1,
    title: `${id[0]?.toUpperCase()}${id.slice(1)} method`,
    aliases: [`${id}-alias`],
    idea: `The idea of ${id}.`,
    formulas: [{ label: id, latex: `\\theta_{${id}}` }],
    body: `• ${id} bullet`,
    visual: { kind: "chart", function: "quadratic", optimizers: ["gd"] },
    quiz: id,
  }));
  const quizzes = new Map<string, Quiz>(
    lessons.map((lesson) => [
      lesson.id,
      {
        id: lesson.id,
        title: lesson.title,
        questions: Array.from(
          { length: perQuiz },
          (_, q): Question => ({
            id: `${lesson.id}-q${q}`,
            kind: "concept",
            prompt: `${lesson.id} question ${q}?`,
            // The right answer is not first in the file, so shuffling is visible.
            choices: [
              { label: `wrong ${lesson.id}-${q}-a` },
              { label: `right ${lesson.id}-${q}`, correct: true },
              { label: `wrong ${lesson.id}-${q}-b` },
            ].map((choice) => ({ correct: false, ...choice })),
            explanation: `Because ${lesson.id} ${q}.`,
          }),
        ),
      },
    ]),
  );
  const find = (query: string) => {
    const q = query.trim().toLowerCase();
    return lessons.find((l) => l.id === q || l.title.toLowerCase() === q || l.aliases.includes(q));
  };
  return {
    lessons,
    quizzes,
    recommend: {
      questions: [
        {
          id: "size",
          text: "How big?",
          answers: [
            { id: "s", label: "Small" },
            { id: "l", label: "Large" },
          ],
        },
      ],
      advice: [
        { when: { size: ["l"] }, optimizer: "Big", lr: "1", reason: "Large.", lesson: lessons[0]?.id ?? "" },
        { when: {}, optimizer: "Small", lr: "2", reason: "Small.", lesson: lessons.at(-1)?.id ?? "" },
      ],
    },
    findLesson: find,
    suggestLessons: (query, limit = 3) =>
      lessons.filter((l) => l.id[0] === query.trim().toLowerCase()[0]).slice(0, limit),
  };
}

function image(fileName: string, alt: string): ReplyImage {
  return { bytes: Buffer.from(`fake ${fileName}`), fileName, alt, width: 10, height: 10 };
}

/** A renderer that draws nothing but says what it was asked for. */
export function fakeRenderer(calls: string[] = []): Renderer {
  return {
    async formula(latex) {
      calls.push(`formula ${latex}`);
      return image("formula.png", latex);
    },
    async formulaSheet(formulas, title) {
      calls.push(`sheet ${title ?? ""} ${formulas.length}`);
      return image("sheet.png", `sheet of ${formulas.length}`);
    },
    async visual(spec) {
      calls.push(
        `visual ${spec.kind} ${spec.function} ${spec.optimizers.join(",")} ${spec.lr ?? "-"} ${spec.steps ?? "-"}`,
      );
      return image(
        spec.kind === "race" ? "race.gif" : `${spec.kind}.png`,
        `a ${spec.kind} of ${spec.optimizers.join(" and ")}`,
      );
    },
    async race(spec) {
      calls.push(`race ${spec.function} ${spec.optimizers.join(",")} ${spec.lr ?? "-"} ${spec.steps ?? "-"}`);
      const of = spec.optimizers.join(" and ");
      return {
        animation: image("race.gif", `a race of ${of}`),
        chart: image("chart.png", `a chart of ${of}`),
        // The real simulator: the standings are computed from these.
        runs: simulateSpec(resolveSpec({ ...spec, kind: "race" })),
      };
    },
    async classReport(picture) {
      calls.push(`report ${picture.title}`);
      return image("class-report.png", `report ${picture.title}`);
    },
    async explore(spec) {
      calls.push(`explore ${spec.function} ${spec.optimizer} ${spec.lr} ${spec.marker}`);
      return image("explore.png", `explore ${spec.optimizer} on ${spec.function}`);
    },
    async warm() {
      return { done: 0, failed: 0 };
    },
    stats() {
      return { rendered: 0, memoryHits: 0, diskHits: 0, joined: 0 };
    },
  } as Renderer;
}

export function student(
  userId: string,
  communityId: string | null = "guild-1",
  platform: Invoker["platform"] = "discord",
): Invoker {
  return { platform, userId, userName: userId, communityId };
}

export interface Harness {
  tutor: Tutor;
  store: TutorStore;
  catalogue: Catalogue;
  now: { value: Date };
}

/** A tutor on fakes and an in-memory store, with a settable clock and a seeded draw. */
export function harness(
  options: {
    store?: TutorStore;
    catalogue?: Catalogue;
    seed?: number;
    now?: Date;
    commands?: readonly CommandModule[];
  } = {},
): Harness {
  const logger = silentLogger();
  const store = options.store ?? createMemoryStore(logger);
  const catalogue = options.catalogue ?? fakeCatalogue();
  const now = { value: options.now ?? new Date("2026-03-04T12:00:00Z") };
  const tutor = createTutor({
    commands: options.commands ?? COMMANDS,
    catalogue,
    renderer: fakeRenderer(),
    store,
    logger,
    clock: () => now.value,
    random: seededRandom(options.seed ?? 7),
  });
  return { tutor, store, catalogue, now };
}

/** The choice buttons of a question reply (ids starting with qa:). */
export function choiceButtons(reply: Reply) {
  return reply.buttons.flat().filter((button) => button.id.startsWith("qa:"));
}

/** The button whose label names the right answer in the fake catalogue. */
export function rightButton(reply: Reply) {
  const button = choiceButtons(reply).find((candidate) => candidate.label.includes("right"));
  if (!button) throw new Error(`no right answer on: ${reply.text}`);
  return button;
}

export function wrongButton(reply: Reply) {
  const button = choiceButtons(reply).find((candidate) => candidate.label.includes("wrong"));
  if (!button) throw new Error(`no wrong answer on: ${reply.text}`);
  return button;
}

export function nextButton(reply: Reply) {
  return reply.buttons.flat().find((button) => button.id.startsWith("qn:"));
}

/** Answers a whole quiz, right on the first `rightCount` questions; returns the last reply. */
export async function playQuiz(tutor: Tutor, who: Invoker, start: Reply, rightCount: number): Promise<Reply> {
  let reply = start;
  for (let index = 0; choiceButtons(reply).length > 0; index++) {
    const button = index < rightCount ? rightButton(reply) : wrongButton(reply);
    reply = await tutor.click(button.id, who);
    const next = nextButton(reply);
    if (next) reply = await tutor.click(next.id, who);
  }
  return reply;
}
