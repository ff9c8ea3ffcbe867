/** One thing wrong in a content file: where, what, and how to fix it. */
export interface ContentProblem {
  /** Path relative to the content folder, e.g. `quizzes/adam.yaml`. */
  file: string;
  /** Dotted path to the field, e.g. `questions[2].choices[1].label`; "" for the whole file. */
  field: string;
  problem: string;
  fix: string;
}

function describe(p: ContentProblem): string {
  const where = p.field ? `${p.file} → ${p.field}` : p.file;
  return `${where}: ${p.problem} Fix: ${p.fix}`;
}

/** Content that failed validation. The message lists every problem found, one per line. */
export class ContentError extends Error {
  override readonly name = "ContentError";
  /** The first problem's file and field, for callers that show only one. */
  readonly file: string;
  readonly field: string;

  constructor(readonly problems: ContentProblem[]) {
    const [first] = problems;
    if (!first) throw new TypeError("ContentError needs at least one problem");
    const more = problems.length > 1 ? `${problems.length} problems in content:\n` : "";
    super(more + problems.map(describe).join("\n"));
    this.file = first.file;
    this.field = first.field;
  }
}

/** Collects problems while loading, so one run reports them all. */
export class ProblemList {
  readonly items: ContentProblem[] = [];

  add(file: string, field: string, problem: string, fix: string): void {
    this.items.push({ file, field, problem, fix });
  }

  /** Throws a ContentError if anything was added. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new ContentError(this.items);
  }
}

/** `["questions", 2, "label"]` → `questions[2].label`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    return out ? `${out}.${name}` : name;
  }, "");
}
