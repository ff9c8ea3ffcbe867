// Turns the benchmark report into BENCHMARKS.md: the targets first, then every number measured.

/** A target from the issues, checked against one number of the report (a dotted path). */
interface Target {
  label: string;
  path: string;
  max: number;
  unit: string;
}

/** The targets the issues set for this 2-core machine. */
export const TARGETS: Target[] = [
  {
    label: "10,000 steps × 7 optimizers (warm median)",
    path: "sim.budget.warmMedianMs",
    max: 50,
    unit: "ms",
  },
  { label: "formula, warm median", path: "render.formula.warmMedianMs", max: 15, unit: "ms" },
  { label: "chart, warm median", path: "render.chart.warmMedianMs", max: 50, unit: "ms" },
  { label: "map, warm median", path: "render.map.warmMedianMs", max: 150, unit: "ms" },
  {
    label: "race (3 optimizers, 300 steps, 60 frames), warm median",
    path: "render.race.warmMedianMs",
    max: 400,
    unit: "ms",
  },
  { label: "race GIF size", path: "render.bytes.race", max: 300 * 1024, unit: "bytes" },
  {
    label: "20 races in a row: RSS growth after the first",
    path: "race-memory.memory.growthAfterFirstRaceMiB",
    max: 60,
    unit: "MiB",
  },
  {
    label: "20 races: RSS once the render worker idled out, above the start",
    path: "race-memory.memory.idleAboveBeforeMiB",
    max: 100,
    unit: "MiB",
  },
  {
    label: "quiz click p99 while one student floods /race",
    path: "race-memory.quizDuringRaceFlood.clickLatency.p99Ms",
    max: 150,
    unit: "ms",
  },
  { label: "cached fetch (memory)", path: "render.cachedFetch.memoryMedianMs", max: 1, unit: "ms" },
  { label: "cached fetch (disk)", path: "render.cachedFetch.diskMedianMs", max: 1, unit: "ms" },
  {
    label: "terminal: npm start to the prompt, warm cache",
    path: "startup.warmMedianMs",
    max: 2000,
    unit: "ms",
  },
  { label: "Discord: cached /lesson p99", path: "discord.cachedLesson.p99Ms", max: 50, unit: "ms" },
  { label: "Discord: quiz answer click p99", path: "discord.quizAnswerClick.p99Ms", max: 50, unit: "ms" },
  ...(["burst", "reading"] as const).flatMap((profile) => [
    {
      label: `300 students (${profile}): every reply p99`,
      path: `load.${profile}.allLatency.p99Ms`,
      max: 150,
      unit: "ms",
    },
    {
      label: `300 students (${profile}): students failed`,
      path: `load.${profile}.failedStudents`,
      max: 0,
      unit: "",
    },
    {
      label: `300 students (${profile}): answers past Discord's 3 s (10062)`,
      path: `load.${profile}.expiredInteractions10062`,
      max: 0,
      unit: "",
    },
    {
      label: `300 students (${profile}): bot peak RSS`,
      path: `load.${profile}.botPeakRssMiB`,
      max: 250,
      unit: "MiB",
    },
  ]),
  {
    label: "300 students under 429s: answers past Discord's 3 s (10062)",
    path: "load.rateLimited.expiredInteractions10062",
    max: 0,
    unit: "",
  },
];

export interface Report {
  machine: Record<string, unknown>;
  date: string;
  results: Record<string, Record<string, unknown>>;
}

/** The value at a dotted path, if it is a number. */
function numberAt(root: unknown, path: string): number | undefined {
  let node: unknown = root;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "number" ? node : undefined;
}

/** Every leaf of an object as [dotted path, value], in insertion order. */
function leaves(node: unknown, prefix = ""): Array<[string, unknown]> {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

function cell(value: unknown): string {
  const text = Array.isArray(value) ? value.join(", ") : String(value);
  return text.replaceAll("|", "\\|");
}

/** BENCHMARKS.md for one run. */
export function toMarkdown(report: Report, extraTargets: Target[] = []): string {
  const lines = [
    "# Benchmarks",
    "",
    `Measured ${report.date} by \`npm run bench -- --markdown\` (regenerate with the same command).`,
    "",
    "## Machine",
    "",
    ...Object.entries(report.machine).map(([key, value]) => `- ${key}: ${cell(value)}`),
    "",
    "## Method",
    "",
    "Each benchmark runs in one process, one after another. Timings are medians over repeated runs",
    "after a warm-up (cold = the first call in the process); latencies are percentiles over every",
    "interaction of the run, measured from the emulator sending the event to receiving the reply.",
    "Where a baseline exists (mathjax-node against MathJax 3; rendering inline against the worker pool)",
    "both run side by side in the same process and the ratio is reported. The machine is shared with",
    "whatever else runs on it: read the numbers together with the load average above.",
    "",
    "## Targets",
    "",
    "| what | measured | target | met |",
    "|---|---|---|---|",
  ];
  for (const target of [...TARGETS, ...extraTargets]) {
    const value = numberAt(report.results, target.path);
    const measured = value === undefined ? "not run" : `${value} ${target.unit}`;
    const met = value === undefined ? "–" : value <= target.max ? "yes" : "**no**";
    lines.push(`| ${target.label} | ${measured} | ≤ ${target.max} ${target.unit} | ${met} |`);
  }
  for (const [name, result] of Object.entries(report.results)) {
    lines.push("", `## ${name}`, "", "| metric | value |", "|---|---|");
    for (const [path, value] of leaves(result)) lines.push(`| ${path} | ${cell(value)} |`);
  }
  return `${lines.join("\n")}\n`;
}
