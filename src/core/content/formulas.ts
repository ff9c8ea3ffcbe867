import type { LabelledFormula } from "../render/types.ts";
import { OPTIMIZERS, TEST_FUNCTIONS } from "../sim/index.ts";
import { FUNCTION_IDS, type FunctionId, OPTIMIZER_IDS, type OptimizerId } from "../sim/types.ts";
import type { QuizFormulaInput } from "./schema.ts";

/** An optimizer's update rule, one statement per line, exactly the simulator's LaTeX. */
export function optimizerFormula(id: OptimizerId, label = OPTIMIZERS[id].name): LabelledFormula {
  const lines = OPTIMIZERS[id].latex;
  const latex =
    lines.length === 1 ? (lines[0] ?? "") : `\\begin{gathered}${lines.join(" \\\\ ")}\\end{gathered}`;
  return { label, latex };
}

/** A test function's definition, exactly the simulator's LaTeX. */
export function functionFormula(id: FunctionId, label = TEST_FUNCTIONS[id].title): LabelledFormula {
  return { label, latex: TEST_FUNCTIONS[id].latex };
}

/** The optimizer a formula entry refers to, if it is an `optimizer:<id>` reference. */
export function referencedOptimizer(entry: QuizFormulaInput): OptimizerId | undefined {
  const ref = typeof entry === "string" ? entry : "ref" in entry ? entry.ref : undefined;
  const id = ref?.startsWith("optimizer:") ? ref.slice("optimizer:".length) : undefined;
  return OPTIMIZER_IDS.find((known) => known === id);
}

/** Resolves one formula entry, or returns a problem and its fix. */
export function resolveFormula(entry: QuizFormulaInput): LabelledFormula | { problem: string; fix: string } {
  if (typeof entry !== "string" && "latex" in entry) return { label: entry.label, latex: entry.latex };
  const ref = typeof entry === "string" ? entry : entry.ref;
  const label = typeof entry === "string" ? undefined : entry.label;
  const [kind, id] = ref.split(":") as [string, string];
  if (kind === "optimizer") {
    const optimizer = OPTIMIZER_IDS.find((known) => known === id);
    if (optimizer) return optimizerFormula(optimizer, label);
    return { problem: `unknown optimizer "${id}".`, fix: `use one of: ${OPTIMIZER_IDS.join(", ")}.` };
  }
  const fn = FUNCTION_IDS.find((known) => known === id);
  if (fn) return functionFormula(fn, label);
  return { problem: `unknown function "${id}".`, fix: `use one of: ${FUNCTION_IDS.join(", ")}.` };
}
