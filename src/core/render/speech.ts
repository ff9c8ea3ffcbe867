/**
 * A plain-words reading of LaTeX for alt text ("θ_{t+1} = θ_t − η g_t" → "theta sub t plus 1 equals
 * theta sub t minus eta g sub t"). It covers the notation of the update rules, not all of TeX.
 */

const WORDS: Record<string, string> = {
  nabla: "the gradient of",
  partial: "partial",
  cdot: "times",
  times: "times",
  odot: "times element-wise",
  leftarrow: "becomes",
  gets: "becomes",
  to: "to",
  rightarrow: "gives",
  approx: "is approximately",
  le: "is at most",
  leq: "is at most",
  ge: "is at least",
  geq: "is at least",
  pm: "plus or minus",
  sum: "the sum of",
  prod: "the product of",
  infty: "infinity",
  varepsilon: "epsilon",
  epsilon: "epsilon",
  ldots: "and so on",
  cdots: "and so on",
  in: "in",
};

/** Commands that vanish (spacing, sizing, fonts that keep the letter). */
const SILENT = new Set([
  ",",
  ";",
  ":",
  "!",
  " ",
  "quad",
  "qquad",
  "left",
  "right",
  "big",
  "Big",
  "bigl",
  "bigr",
  "displaystyle",
  "mathbf",
  "boldsymbol",
  "mathrm",
  "text",
  "textrm",
  "mathit",
  "operatorname",
  "mathcal",
  "mathbb",
]);

/** Accents read after their argument ("m hat"). */
const ACCENTS: Record<string, string> = {
  hat: "hat",
  widehat: "hat",
  bar: "bar",
  overline: "bar",
  tilde: "tilde",
  vec: "vector",
  dot: "dot",
};

const SYMBOLS: Record<string, string> = {
  "=": " equals ",
  "+": " plus ",
  "-": " minus ",
  "−": " minus ",
  "<": " is less than ",
  ">": " is greater than ",
  "/": " divided by ",
  ",": ", ",
  "&": " ",
  "}": "",
};

class Reader {
  private position = 0;
  constructor(private readonly source: string) {}

  get done(): boolean {
    return this.position >= this.source.length;
  }

  /** Reads everything up to the end or a closing brace. */
  readSequence(): string {
    const parts: string[] = [];
    while (!this.done && this.source[this.position] !== "}") parts.push(this.readAtom());
    return parts.join(" ");
  }

  /** Reads one argument: a {group} or a single token. */
  readArgument(): string {
    this.skipSpaces();
    if (this.source[this.position] === "{") {
      this.position++;
      const inner = this.readSequence();
      this.position++; // the closing brace
      return inner;
    }
    return this.readAtom();
  }

  private skipSpaces(): void {
    while (this.source[this.position] === " ") this.position++;
  }

  private readAtom(): string {
    const char = this.source[this.position] ?? "";
    if (char === "{") return this.readArgument();
    this.position++;
    if (char === "\\") return this.readCommand();
    if (char === "^") return this.readPower();
    if (char === "_") return ` sub ${this.readArgument()}`;
    if (char === " ") return "";
    return SYMBOLS[char] ?? char;
  }

  private readPower(): string {
    const exponent = this.readArgument().trim();
    if (exponent === "2") return " squared";
    if (exponent === "T" || exponent === "\\top") return " transposed";
    return ` to the power ${exponent}`;
  }

  private readCommand(): string {
    const match = /^([A-Za-z]+|.)/.exec(this.source.slice(this.position));
    const name = match?.[1] ?? "";
    this.position += name.length;
    if (name === "\\") return "; ";
    if (name === "frac" || name === "dfrac" || name === "tfrac") {
      const numerator = this.readArgument();
      const denominator = this.readArgument();
      return ` ${numerator} over ${denominator} `;
    }
    if (name === "sqrt") return ` the square root of ${this.readArgument()} `;
    if (name in ACCENTS) return ` ${this.readArgument()} ${ACCENTS[name]} `;
    if (name === "begin" || name === "end") {
      this.readArgument(); // environment name
      return " ";
    }
    if (SILENT.has(name)) return " ";
    return ` ${WORDS[name] ?? name} `;
  }
}

/** Reads LaTeX aloud in plain words, for alt text. */
export function latexToWords(latex: string): string {
  const reader = new Reader(latex);
  let words = "";
  // A stray closing brace would stop readSequence; skip it and go on.
  while (!reader.done) words += `${reader.readSequence()} ${reader.readArgument()}`;
  return words
    .replace(/\s+/g, " ")
    .replace(/\s+([,;)])/g, "$1")
    .replace(/\(\s+/g, "(")
    .replace(/([,;])(?:[,;\s]*[,;])+/g, "$1")
    .trim()
    .replace(/[,;]$/, "");
}
