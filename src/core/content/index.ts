/** Lessons, quizzes and /recommend's data: loading, validation, lookup. */
export { catalogueToJson, createCatalogue, normaliseName, reviewSheet } from "./catalogue.ts";
export { ContentError, type ContentProblem } from "./errors.ts";
export { functionFormula, optimizerFormula } from "./formulas.ts";
export { CONTENT_LIMITS } from "./limits.ts";
export { loadContent } from "./load.ts";
export { MISTAKE_IDS, type MistakeId } from "./mistakes.ts";
export { adviceFor, isRecommendPath } from "./recommend.ts";
export * from "./types.ts";
