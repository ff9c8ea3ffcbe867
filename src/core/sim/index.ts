/** The optimizer simulator: update rules, test surfaces, default learning rates and runs. */
export { runBatchComparison } from "./batch.ts";
export { TEST_FUNCTIONS } from "./functions.ts";
export { DEFAULT_LR } from "./learning-rates.ts";
export { OPTIMIZER_ALIASES, optimizerIdOf, optimizerNamesHint } from "./names.ts";
export { createState, OPTIMIZERS } from "./optimizers.ts";
export { runScheduleComparison, SCHEDULE_DEFAULTS } from "./schedule-comparison.ts";
export { type LearningRateSchedule, learningRateAt } from "./schedules.ts";
export { resolveHyperparameters, SIM_LIMITS, simulate, usedHyperparameters } from "./simulate.ts";
export * from "./types.ts";
