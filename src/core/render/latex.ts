import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import type { MathDocument } from "mathjax-full/js/core/MathDocument.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { RenderError } from "./errors.ts";

/**
 * TeX packages left out: noundefined/noerrors would turn mistakes into red text instead of errors,
 * autoload/require need MathJax's browser loader, html/action/bussproofs are not needed here.
 */
const EXCLUDED_PACKAGES = new Set([
  "noundefined",
  "noerrors",
  "autoload",
  "require",
  "html",
  "action",
  "bussproofs",
]);

/** MathJax SVG units: the viewBox is in thousandths of an em. */
const UNITS_PER_EM = 1000;

/** Longest LaTeX accepted (a review sheet line is well under this). */
export const MAX_LATEX_LENGTH = 2000;

/** A typeset formula as a standalone SVG. */
export interface TypesetFormula {
  svg: string;
  widthEm: number;
  heightEm: number;
}

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
// biome-ignore lint/suspicious/noExplicitAny: MathJax's generic document types are not worth spelling out
let document: MathDocument<any, any, any> | undefined;

function mathDocument() {
  document ??= mathjax.document("", {
    InputJax: new TeX({
      packages: AllPackages.filter((name: string) => !EXCLUDED_PACKAGES.has(name)),
      // Throw instead of rendering an merror node, so callers get the message.
      formatError: (_jax: unknown, error: unknown) => {
        throw error;
      },
    }),
    // "local" keeps glyph definitions inside each SVG; "global" would leave them out (blank images).
    OutputJax: new SVG({ fontCache: "local" }),
  });
  return document;
}

/** LaTeX (display style) → SVG. Throws RenderError naming the offending command on bad LaTeX. */
export function typeset(latex: string): TypesetFormula {
  if (latex.trim() === "")
    throw new RenderError("The formula is empty; give some LaTeX, e.g. x^2.", "bad-latex");
  if (latex.length > MAX_LATEX_LENGTH) {
    throw new RenderError(
      `The formula is ${latex.length} characters; keep it under ${MAX_LATEX_LENGTH}.`,
      "bad-latex",
    );
  }
  let node: unknown;
  try {
    node = mathDocument().convert(latex, { display: true });
  } catch (error) {
    // MathJax's TexError is a plain object with a message, not an Error.
    const message = (error as { message?: unknown } | null)?.message;
    const reason = typeof message === "string" ? message : String(error);
    throw new RenderError(`Bad LaTeX: ${reason}`, "bad-latex", { cause: error });
  }
  // biome-ignore lint/suspicious/noExplicitAny: LiteElement
  const svgNode = adaptor.firstChild(node as any) as any;
  const svg = adaptor.outerHTML(svgNode);
  // Belt and braces: any error MathJax still rendered inline carries data-mjx-error.
  const inlineError = /data-mjx-error="([^"]*)"/.exec(svg);
  if (inlineError) throw new RenderError(`Bad LaTeX: ${inlineError[1]}`, "bad-latex");
  const viewBox = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!viewBox) throw new RenderError("MathJax produced an SVG without a viewBox", "internal");
  return {
    svg,
    widthEm: Number(viewBox[3]) / UNITS_PER_EM,
    heightEm: Number(viewBox[4]) / UNITS_PER_EM,
  };
}
