import { type ButtonId, buttonId, FIELD_OF } from "../../src/core/buttons.ts";
import { EXPLORE_KNOBS, EXPLORE_STEPS, knobIndexOf } from "../../src/core/render/explore-scene.ts";
import { VISUAL_LIMITS } from "../../src/core/render/index.ts";
import {
  FUNCTION_IDS,
  type FunctionId,
  OPTIMIZER_IDS,
  type OptimizerId,
  type Point,
  TEST_FUNCTIONS,
} from "../../src/core/sim/index.ts";

/**
 * /explore keeps all its state in its button ids, so it needs no storage and survives restarts:
 * `ex:function:optimizer:lr:eta:knob:step:compare:start:action`. An id is the state the message
 * shows plus the action of the button; a forged one can at worst draw another valid picture.
 */

/** η is the starting lr times 2^eta, eta within ±ETA_RUNGS (and η within the visual limits). */
export const ETA_RUNGS = 10;
/** What a button does to the state it carries. */
export const ACTIONS = {
  open: "o",
  halve: "h",
  double: "d",
  knobDown: "l",
  knobUp: "u",
  pickCompare: "c",
  setCompare: "s",
  reset: "r",
  back10: "b",
  back1: "p",
  forward1: "n",
  forward10: "f",
} as const;
export type Action = (typeof ACTIONS)[keyof typeof ACTIONS];
/** The big step of ◀◀ and ▶▶. */
export const BIG_STEP = 10;

const NO_COMPARE = "-";
const DEFAULT_START = "d";
const coordinate = String.raw`-?\d{1,2}(\.\d{1,2})?`;

const FIELDS = {
  function: FIELD_OF.oneOf(FUNCTION_IDS),
  optimizer: FIELD_OF.oneOf(OPTIMIZER_IDS),
  lr: FIELD_OF.number(/^\d{1,2}(\.\d{1,9})?$/, VISUAL_LIMITS.minLr, VISUAL_LIMITS.maxLr),
  eta: FIELD_OF.number(/^-?\d{1,2}$/, -ETA_RUNGS, ETA_RUNGS),
  knob: FIELD_OF.number(/^\d$/, 0, 9),
  step: FIELD_OF.number(/^\d{1,3}$/, 0, EXPLORE_STEPS),
  compare: FIELD_OF.oneOf([...OPTIMIZER_IDS, NO_COMPARE]),
  start: FIELD_OF.text(new RegExp(`^(${DEFAULT_START}|${coordinate}_${coordinate})$`)),
  action: FIELD_OF.oneOf(Object.values(ACTIONS) as [Action, ...Action[]]),
};

const RAW_ID = buttonId("ex", FIELDS);
/** Everything one explore message shows, as its button ids carry it. */
export type ExploreState = Parameters<typeof RAW_ID.encode>[0];

/** η of a state: the starting rate on the ladder of doublings. */
export function etaOf(state: Pick<ExploreState, "lr" | "eta">): number {
  return state.lr * 2 ** state.eta;
}

/** The start as a point, or undefined for the function's default start. */
export function startOf(state: Pick<ExploreState, "start">): Point | undefined {
  if (state.start === DEFAULT_START) return undefined;
  const [x, y] = state.start.split("_").map(Number);
  return [x as number, y as number];
}

/** The id field for a start point (rounded to hundredths). */
export function startField(start: Point | undefined): string {
  if (!start) return DEFAULT_START;
  const round = (value: number) => Math.round(value * 100) / 100;
  return `${round(start[0])}_${round(start[1])}`;
}

/** A start inside the function's plot window (what the map can show). */
export function startFits(fn: FunctionId, [x, y]: Point): boolean {
  const { bounds } = TEST_FUNCTIONS[fn];
  return x >= bounds.x[0] && x <= bounds.x[1] && y >= bounds.y[0] && y <= bounds.y[1];
}

/** Checks what the fields alone cannot: the knob's rung exists, η in range, compare differs, start on the map. */
function consistent(state: ExploreState): boolean {
  const rungs = EXPLORE_KNOBS[state.optimizer]?.ladder.length ?? 1;
  const eta = etaOf(state);
  const start = startOf(state);
  return (
    state.knob < rungs &&
    eta >= VISUAL_LIMITS.minLr &&
    eta <= VISUAL_LIMITS.maxLr &&
    state.compare !== state.optimizer &&
    (start === undefined || startFits(state.function, start))
  );
}

/** The explore button id grammar: RAW_ID's fields plus the cross-field checks. */
export const EXPLORE_ID: ButtonId<ExploreState> = {
  tag: RAW_ID.tag,
  encode: RAW_ID.encode,
  parse(id) {
    const state = RAW_ID.parse(id);
    return state && consistent(state) ? state : undefined;
  },
};

/** The state a fresh explore starts in: η the given rate, the optimizer's default knob, marker at the start. */
export function initialState(options: {
  function: FunctionId;
  optimizer: OptimizerId;
  lr: number;
  knob?: number;
  start?: Point;
}): ExploreState {
  return {
    function: options.function,
    optimizer: options.optimizer,
    lr: options.lr,
    eta: 0,
    knob: knobIndexOf(options.optimizer, options.knob),
    step: 0,
    compare: NO_COMPARE,
    start: startField(options.start),
    action: ACTIONS.open,
  };
}

/** η one rung down or up, if that stays within the ladder and the visual limits. */
export function etaRung(state: ExploreState, by: -1 | 1): number | undefined {
  const eta = state.eta + by;
  const value = etaOf({ lr: state.lr, eta });
  const fits = Math.abs(eta) <= ETA_RUNGS && value >= VISUAL_LIMITS.minLr && value <= VISUAL_LIMITS.maxLr;
  return fits ? eta : undefined;
}

/** The knob one rung down or up, if the ladder has it. */
export function knobRung(state: ExploreState, by: -1 | 1): number | undefined {
  const rungs = EXPLORE_KNOBS[state.optimizer]?.ladder.length ?? 0;
  const knob = state.knob + by;
  return knob >= 0 && knob < rungs ? knob : undefined;
}

/** The state after the button's action (the marker is clamped again once the path is known). */
export function applyAction(state: ExploreState): ExploreState {
  const move = (by: number) => ({ ...state, step: Math.min(EXPLORE_STEPS, Math.max(0, state.step + by)) });
  switch (state.action) {
    case ACTIONS.halve:
      return { ...state, eta: etaRung(state, -1) ?? state.eta };
    case ACTIONS.double:
      return { ...state, eta: etaRung(state, 1) ?? state.eta };
    case ACTIONS.knobDown:
      return { ...state, knob: knobRung(state, -1) ?? state.knob };
    case ACTIONS.knobUp:
      return { ...state, knob: knobRung(state, 1) ?? state.knob };
    case ACTIONS.reset:
      return {
        ...initialState({
          function: state.function,
          optimizer: state.optimizer,
          lr: state.lr,
          start: startOf(state),
        }),
        action: ACTIONS.reset,
      };
    case ACTIONS.back10:
      return move(-BIG_STEP);
    case ACTIONS.back1:
      return move(-1);
    case ACTIONS.forward1:
      return move(1);
    case ACTIONS.forward10:
      return move(BIG_STEP);
    default:
      return state;
  }
}

/** The compare optimizer of a state, if any. */
export function compareOf(state: ExploreState): OptimizerId | undefined {
  return state.compare === NO_COMPARE ? undefined : state.compare;
}

/** The id of a button that applies `action` to `state` (with any field changes it needs). */
export function idFor(state: ExploreState, action: Action, changes: Partial<ExploreState> = {}): string {
  return EXPLORE_ID.encode({ ...state, ...changes, action });
}

export { NO_COMPARE };
