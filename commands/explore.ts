import { onButton } from "../src/core/buttons.ts";
import { type CommandContext, defineCommand } from "../src/core/command.ts";
import {
  EXPLORE_KNOBS,
  EXPLORE_STEPS,
  exploreScene,
  knobsLabel,
  markerLabel,
  outcomeOf,
} from "../src/core/render/explore-scene.ts";
import { formatNumber } from "../src/core/render/footer.ts";
import { VISUAL_LIMITS, type VisualSpec } from "../src/core/render/index.ts";
import type { Reply, ReplyButton } from "../src/core/reply.ts";
import {
  DEFAULT_LR,
  type FunctionId,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  type OptimizerId,
  type Point,
  TEST_FUNCTIONS,
} from "../src/core/sim/index.ts";
import { quoteInput } from "../src/core/text.ts";
import type { CommandDeclaration } from "../src/core/tutor-api.ts";
import { UserError } from "../src/core/user-error.ts";
import {
  ACTIONS,
  applyAction,
  BIG_STEP,
  compareOf,
  EXPLORE_ID,
  type ExploreState,
  etaOf,
  etaRung,
  idFor,
  initialState,
  knobRung,
  NO_COMPARE,
  startFits,
  startOf,
} from "./explore/state.ts";
import { FUNCTION_OPTION } from "./race.ts";

export const declaration: CommandDeclaration = {
  name: "explore",
  description: "Turn η and the optimizer's knob with buttons and step through its path, arrows and all",
  options: [
    FUNCTION_OPTION,
    {
      name: "optimizer",
      description: "The optimizer to explore",
      type: "string",
      required: true,
      choices: OPTIMIZER_IDS.map((id) => ({ name: OPTIMIZERS[id].name, value: id })),
    },
    {
      name: "lr",
      description: "The starting learning rate η (default: a good one for this function)",
      type: "number",
      required: false,
      min: VISUAL_LIMITS.minLr,
      max: VISUAL_LIMITS.maxLr,
    },
    {
      name: "start",
      description: "Where to start, as x,y inside the map (default: the function's usual start)",
      type: "string",
      required: false,
    },
  ],
  slow: true,
  private: true,
};

const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const START_PATTERN = new RegExp(String.raw`^\(?\s*${NUMBER}\s*[,;\s]\s*${NUMBER}\s*\)?$`);

/** Reads "x,y" (or "(x, y)") inside the function's map, rounded to hundredths; a UserError otherwise. */
export function parseStart(fn: FunctionId, text: string): Point {
  const { bounds, title } = TEST_FUNCTIONS[fn];
  const window = `x from ${bounds.x[0]} to ${bounds.x[1]}, y from ${bounds.y[0]} to ${bounds.y[1]}`;
  const match = START_PATTERN.exec(text.trim());
  const point: Point | undefined = match ? [Number(match[1]), Number(match[2])] : undefined;
  if (!point || !startFits(fn, point)) {
    throw new UserError(
      `**start** must be two numbers x,y inside the map of ${title} (${window}), e.g. \`${bounds.x[0] / 2},${bounds.y[1] / 2}\`; you gave ${quoteInput(text)}.`,
    );
  }
  return [Math.round(point[0] * 100) / 100, Math.round(point[1] * 100) / 100];
}

function button(
  state: ExploreState,
  label: string,
  action: ExploreState["action"],
  enabled = true,
): ReplyButton {
  return { id: idFor(state, action), label, style: "secondary", ...(enabled ? {} : { disabled: true }) };
}

/** Knobs row, step row, and (after "+ compare…") the optimizers to compare with. */
function buttonRows(state: ExploreState, last: number, picking: boolean): ReplyButton[][] {
  const knob = EXPLORE_KNOBS[state.optimizer];
  const knobs = [
    button(state, "η ÷2", ACTIONS.halve, etaRung(state, -1) !== undefined),
    button(state, "η ×2", ACTIONS.double, etaRung(state, 1) !== undefined),
    ...(knob
      ? [
          button(state, `${knob.symbol} −`, ACTIONS.knobDown, knobRung(state, -1) !== undefined),
          button(state, `${knob.symbol} +`, ACTIONS.knobUp, knobRung(state, 1) !== undefined),
        ]
      : []),
    button(state, "+ compare…", ACTIONS.pickCompare),
  ];
  const steps = [
    button(state, "◀◀", ACTIONS.back10, state.step > 0),
    button(state, "◀", ACTIONS.back1, state.step > 0),
    button(state, "▶", ACTIONS.forward1, state.step < last),
    button(state, "▶▶", ACTIONS.forward10, state.step < last),
    { ...button(state, "reset", ACTIONS.reset), style: "danger" as const },
  ];
  if (!picking) return [knobs, steps];
  const choices: ReplyButton[] = OPTIMIZER_IDS.filter((id) => id !== state.optimizer).map((id) => ({
    id: idFor(state, ACTIONS.setCompare, { compare: id }),
    label: OPTIMIZERS[id].name,
    style: id === state.compare ? "primary" : "secondary",
  }));
  if (compareOf(state)) {
    choices.push({
      id: idFor(state, ACTIONS.setCompare, { compare: NO_COMPARE }),
      label: "no compare",
      style: "secondary",
    });
  }
  return [knobs, steps, choices.slice(0, 4), choices.slice(4)];
}

/** The explore message for a state: picture, readout and buttons. */
async function exploreReply(asked: ExploreState, { services }: CommandContext): Promise<Reply> {
  const state = applyAction(asked);
  const compare = compareOf(state);
  const spec = {
    function: state.function,
    optimizer: state.optimizer,
    lr: etaOf(state),
    knob: EXPLORE_KNOBS[state.optimizer]?.ladder[state.knob],
    ...(compare ? { compare } : {}),
    ...(startOf(state) ? { start: startOf(state) } : {}),
    marker: state.step,
  };
  // The same scene the picture draws (deterministic, well under a millisecond): the marker is clamped
  // to where the path ends, so ▶ stops there.
  const [scene, image] = await Promise.all([exploreScene(spec), services.renderer.explore(spec)]);
  const shown: ExploreState = { ...state, step: scene.marker };
  const last = scene.path.points.length - 1;
  const picking = state.action === ACTIONS.pickCompare;
  const lines = [
    `**${OPTIMIZERS[state.optimizer].name}** · ${knobsLabel(spec)} — ${outcomeOf(scene.path)}`,
    ...(scene.comparePath
      ? [
          `**${OPTIMIZERS[scene.comparePath.optimizer].name}** (compare, its default η ${formatNumber(scene.comparePath.hyperparameters.lr)}) — ${outcomeOf(scene.comparePath)}`,
        ]
      : []),
    `Marker: ${markerLabel(scene)}.`,
    ...(picking ? ["", "Pick an optimizer to draw beside it, at its own default η:"] : []),
  ];
  return {
    title: `Explore: ${OPTIMIZERS[state.optimizer].name} on ${TEST_FUNCTIONS[state.function].title}`,
    text: lines.join("\n"),
    images: [image],
    buttons: buttonRows(shown, last, picking),
    footer: `Only you see this. η and knob buttons re-run the ${EXPLORE_STEPS} steps; ◀ ▶ move the marker (◀◀ ▶▶ by ${BIG_STEP}); reset returns to the defaults at your starting η.`,
    private: true,
    replaceOriginal: state.action !== ACTIONS.open,
  };
}

/**
 * "Explore this" under a lesson's map: opens /explore on the map's function and optimizer (the
 * lesson's own optimizer when the map draws it, else its last), at the map's η and γ.
 */
export function exploreButtonFor(visual: VisualSpec, lessonId: string): ReplyButton | undefined {
  if (visual.kind !== "map") return undefined;
  const optimizer: OptimizerId | undefined =
    visual.optimizers.find((id) => id === lessonId) ?? visual.optimizers.at(-1);
  if (!optimizer) return undefined;
  const lr = typeof visual.lr === "object" ? visual.lr[optimizer] : visual.lr;
  const knob = EXPLORE_KNOBS[optimizer]?.key === "momentum" ? visual.momentum : undefined;
  const start = visual.start && startFits(visual.function, visual.start) ? visual.start : undefined;
  const state = initialState({
    function: visual.function,
    optimizer,
    lr: lr ?? DEFAULT_LR[visual.function][optimizer],
    ...(knob === undefined ? {} : { knob }),
    ...(start ? { start } : {}),
  });
  return { id: EXPLORE_ID.encode(state), label: "Explore this", style: "primary" };
}

export default defineCommand({
  declaration,
  async execute(options, context) {
    const fn = String(options.function) as FunctionId;
    const optimizer = String(options.optimizer) as OptimizerId;
    // Three significant digits keep the id short; η is shown that way anyway.
    const lr = typeof options.lr === "number" ? Number(options.lr.toPrecision(3)) : DEFAULT_LR[fn][optimizer];
    const start = typeof options.start === "string" ? parseStart(fn, options.start) : undefined;
    const state = initialState({ function: fn, optimizer, lr, ...(start ? { start } : {}) });
    return exploreReply(state, context);
  },
  buttons: [onButton(EXPLORE_ID, exploreReply)],
});
