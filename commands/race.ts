import { defineCommand } from "../src/core/command.ts";
import { formatNumber } from "../src/core/render/footer.ts";
import { VISUAL_LIMITS } from "../src/core/render/index.ts";
import { rateLabel } from "../src/core/render/series.ts";
import type { VisualSpec } from "../src/core/render/types.ts";
import {
  FUNCTION_IDS,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  type OptimizerId,
  optimizerIdOf,
  TEST_FUNCTIONS,
  type Trajectory,
} from "../src/core/sim/index.ts";
import { quoteInput } from "../src/core/text.ts";
import type { CommandDeclaration, CommandOption } from "../src/core/tutor-api.ts";
import { UserError } from "../src/core/user-error.ts";

/** A race's bounds: the renderer's one set of image limits (it checks the spec against them too). */
const RACE_LIMITS = {
  ...VISUAL_LIMITS.race,
  minLr: VISUAL_LIMITS.minLr,
  maxLr: VISUAL_LIMITS.maxLr,
  defaultSteps: VISUAL_LIMITS.defaultSteps,
} as const;

/** The test function to run on, as /race and /explore ask for it. */
export const FUNCTION_OPTION: CommandOption = {
  name: "function",
  description: "The landscape to descend",
  type: "string",
  required: true,
  choices: FUNCTION_IDS.map((id) => ({ name: TEST_FUNCTIONS[id].title, value: id })),
};

export const declaration: CommandDeclaration = {
  name: "race",
  description: "Race optimizers on a test function: an animation and a loss chart",
  options: [
    FUNCTION_OPTION,
    {
      name: "optimizers",
      description: `${RACE_LIMITS.minOptimizers}–${RACE_LIMITS.maxOptimizers} of ${OPTIMIZER_IDS.join(", ")} (or sgd), comma-separated`,
      type: "string",
      required: true,
    },
    {
      name: "lr",
      description: "One learning rate for all (default: a good one for each)",
      type: "number",
      required: false,
      min: RACE_LIMITS.minLr,
      max: RACE_LIMITS.maxLr,
    },
    {
      name: "steps",
      description: `Steps to run (default ${RACE_LIMITS.defaultSteps})`,
      type: "integer",
      required: false,
      min: RACE_LIMITS.minSteps,
      max: RACE_LIMITS.maxSteps,
    },
  ],
  slow: true,
};

/** Unknown names quoted back in a refusal; a pasted wall of text gets "and N more". */
const UNKNOWN_NAMES_SHOWN = 3;

/** Reads "sgd, adam momentum" into optimizer ids; a UserError naming the allowed ones otherwise. */
export function parseOptimizers(list: string): OptimizerId[] {
  const names = list
    .toLowerCase()
    .split(/[\s,;+]+/)
    .filter(Boolean);
  const ids: OptimizerId[] = [];
  const unknown = new Set<string>();
  let repeated: { name: string; id: OptimizerId } | undefined;
  for (const name of names) {
    const id = optimizerIdOf(name);
    if (!id) unknown.add(name);
    else if (ids.includes(id)) repeated ??= { name, id };
    else ids.push(id);
  }
  const allowed = `Choose from ${OPTIMIZER_IDS.map((id) => `\`${id}\``).join(", ")} (\`sgd\` means \`gd\`).`;
  if (unknown.size > 0) {
    const shown = [...unknown].slice(0, UNKNOWN_NAMES_SHOWN).map(quoteInput).join(", ");
    const more = unknown.size > UNKNOWN_NAMES_SHOWN ? ` and ${unknown.size - UNKNOWN_NAMES_SHOWN} more` : "";
    throw new UserError(`I don't know the optimizer ${shown}${more}. ${allowed}`);
  }
  if (ids.length < RACE_LIMITS.minOptimizers || ids.length > RACE_LIMITS.maxOptimizers) {
    throw new UserError(
      `A race takes ${RACE_LIMITS.minOptimizers} to ${RACE_LIMITS.maxOptimizers} optimizers; you gave ${ids.length}. ${allowed}`,
    );
  }
  if (repeated) {
    // Silently dropping the repeat would race fewer optimizers than the student thinks they asked for.
    throw new UserError(
      `${quoteInput(repeated.name)} names **${OPTIMIZERS[repeated.id].name}** a second time; each optimizer runs once in a race. ${allowed}`,
    );
  }
  return ids;
}

const MEDALS = ["🥇", "🥈", "🥉"];

/**
 * One line per optimizer, best first: lowest final loss wins (a run that fell off the unbounded
 * saddle ranks first: it escaped fastest), runs that diverged come last and say what to change.
 */
export function standings(trajectories: Trajectory[]): string[] {
  const finalLoss = (t: Trajectory) => (t.diverged ? Number.POSITIVE_INFINITY : (t.loss.at(-1) ?? 0));
  const ranked = [...trajectories].sort((a, b) => finalLoss(a) - finalLoss(b));
  return ranked.map((t, place) => {
    const name = `**${OPTIMIZERS[t.optimizer].name}** (${rateLabel(t)})`;
    if (t.diverged) return `💥 ${name}: diverged at step ${t.stopped?.step} — try a smaller \`lr\`.`;
    const medal = MEDALS[place] ?? "•";
    if (t.stopped?.reason === "unbounded")
      return `${medal} ${name}: ran off downhill past f = −1e6 at step ${t.stopped.step} (this function has no minimum).`;
    return `${medal} ${name}: loss ${formatNumber(t.loss.at(-1) ?? 0)} after ${t.points.length - 1} steps.`;
  });
}

export default defineCommand({
  declaration,
  async execute(options, { services, who }) {
    const fn = String(options.function) as VisualSpec["function"];
    const optimizers = parseOptimizers(String(options.optimizers));
    const steps = typeof options.steps === "number" ? options.steps : RACE_LIMITS.defaultSteps;
    const lr = typeof options.lr === "number" ? options.lr : undefined;
    const spec = { function: fn, optimizers, steps, ...(lr !== undefined && { lr }) };
    // One student, one race at a time (across platforms a user id is only unique per platform).
    const { animation, chart, runs } = await services.renderer.race(spec, {
      owner: `${who.platform}:${who.userId}`,
    });
    const names = optimizers.map((id) => `**${OPTIMIZERS[id].name}**`).join(" vs ");
    // Default rates differ per optimizer and are not tuned for speed: say so, or students read the order as a verdict.
    const rate =
      lr === undefined
        ? "each at its own default η for this function (in brackets). These defaults are picked to show each method's character, not tuned for speed here, so the order is no verdict on the methods: race them at one `lr:` for an equal-η comparison, or see `/lesson momentum` for a tuned one"
        : `the same η = ${lr} for all`;
    return {
      title: `Race on ${TEST_FUNCTIONS[fn].title}`,
      text: `${names}, ${steps} steps, ${rate}.\n\n${standings(runs).join("\n")}\n\nThe animation shows each path on the contour map; the chart shows the loss per step.`,
      footer: "Try another learning rate with lr:, or more steps with steps:.",
      images: [animation, chart],
      buttons: [],
      private: false,
    };
  },
});
