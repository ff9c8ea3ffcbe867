import { createCanvas } from "@napi-rs/canvas";
import { Resvg } from "@resvg/resvg-js";
import type { ReplyImage } from "../reply.ts";
import { FONT_FAMILY, FONT_FILES, registerBundledFonts } from "./fonts.ts";
import { typeset } from "./latex.ts";
import { CARD } from "./palette.ts";
import { latexToWords } from "./speech.ts";
import type { LabelledFormula } from "./types.ts";

/** Pixels per em of formula text: crisp on high-DPI screens without huge files. */
export const PX_PER_EM = 40;
/** Space around the formula inside the card. */
const PADDING = 24;
const CORNER_RADIUS = 14;
/** Review sheet layout. */
const SHEET = { titleSize: 30, labelSize: 22, rowGap: 18, labelGap: 6, indent: 16 } as const;
/** Discord accepts at most 1024 characters of attachment description; stay under it. */
export const ALT_TEXT_MAX = 1000;

/** Trims alt text to the platforms' limit. */
export function clampAlt(text: string): string {
  return text.length <= ALT_TEXT_MAX ? text : `${text.slice(0, ALT_TEXT_MAX - 1)}…`;
}

const measuring = createCanvas(1, 1).getContext("2d");

/** Width in pixels of a bold label in the bundled font. */
function boldTextWidth(text: string, size: number): number {
  registerBundledFonts();
  measuring.font = `bold ${size}px ${FONT_FAMILY}`;
  return measuring.measureText(text).width;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Places MathJax's standalone SVG at (x, y) with an explicit pixel size. */
function placeMath(svg: string, x: number, y: number, width: number, height: number): string {
  return svg.replace(
    /^<svg([^>]*)>/,
    (_all, attributes: string) =>
      `<svg${attributes
        .replace(/\s(width|height|style)="[^"]*"/g, "")
        .replace(
          /\srole="img"/,
          "",
        )} x="${x}" y="${y}" width="${width}" height="${height}" color="${CARD.ink}">`,
  );
}

function card(width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="${CORNER_RADIUS}" fill="${CARD.background}" stroke="${CARD.border}"/>` +
    `${body}</svg>`
  );
}

function toPng(svg: string): { bytes: Buffer; width: number; height: number } {
  const image = new Resvg(svg, {
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
  }).render();
  return { bytes: image.asPng(), width: image.width, height: image.height };
}

/** One formula on a light rounded card. */
export function renderFormula(latex: string): ReplyImage {
  const math = typeset(latex);
  const mathWidth = Math.ceil(math.widthEm * PX_PER_EM);
  const mathHeight = Math.ceil(math.heightEm * PX_PER_EM);
  const png = toPng(
    card(
      mathWidth + 2 * PADDING,
      mathHeight + 2 * PADDING,
      placeMath(math.svg, PADDING, PADDING, mathWidth, mathHeight),
    ),
  );
  return {
    ...png,
    fileName: "formula.png",
    alt: clampAlt(`Formula ${latex} — read as: ${latexToWords(latex)}.`),
  };
}

/** Several labelled formulas stacked on one card, with an optional title (the review sheet). */
export function renderFormulaSheet(formulas: LabelledFormula[], title?: string): ReplyImage {
  const rows = formulas.map((formula) => ({ ...formula, math: typeset(formula.latex) }));
  const parts: string[] = [];
  let y = PADDING;
  let width = 0;
  if (title) {
    y += SHEET.titleSize;
    parts.push(
      `<text x="${PADDING}" y="${y}" font-family="${FONT_FAMILY}" font-weight="bold" font-size="${SHEET.titleSize}" fill="${CARD.ink}">${escapeXml(title)}</text>`,
    );
    width = Math.max(width, boldTextWidth(title, SHEET.titleSize));
    y += SHEET.rowGap;
  }
  for (const row of rows) {
    // A lesson's single rule is labelled with the lesson's own name: the title already says it.
    if (row.label !== title) {
      y += SHEET.labelSize;
      parts.push(
        `<text x="${PADDING}" y="${y}" font-family="${FONT_FAMILY}" font-weight="bold" font-size="${SHEET.labelSize}" fill="${CARD.muted}">${escapeXml(row.label)}</text>`,
      );
      width = Math.max(width, boldTextWidth(row.label, SHEET.labelSize));
      y += SHEET.labelGap;
    }
    const mathWidth = Math.ceil(row.math.widthEm * PX_PER_EM);
    const mathHeight = Math.ceil(row.math.heightEm * PX_PER_EM);
    parts.push(placeMath(row.math.svg, PADDING + SHEET.indent, y, mathWidth, mathHeight));
    width = Math.max(width, SHEET.indent + mathWidth);
    y += mathHeight + SHEET.rowGap;
  }
  const png = toPng(
    card(Math.ceil(width) + 2 * PADDING, Math.ceil(y - SHEET.rowGap + PADDING), parts.join("")),
  );
  const reading = rows.map((row) => `${row.label}: ${latexToWords(row.latex)}`).join("; ");
  return {
    ...png,
    fileName: "formulas.png",
    alt: clampAlt(
      `${title ? `${title}: ` : ""}${rows.length} update rule${rows.length === 1 ? "" : "s"}. ${reading}.`,
    ),
  };
}
