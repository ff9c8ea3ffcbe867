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
const SHEET = {
  titleSize: 30,
  labelSize: 22,
  rowGap: 18,
  labelGap: 6,
  indent: 16,
  columnGap: 48,
  /** Sheets with this many formulas or more are laid out in two columns. */
  twoColumnsFrom: 5,
} as const;
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

/** One labelled formula laid out at the origin: its SVG parts, given where the block starts. */
interface SheetBlock {
  width: number;
  height: number;
  draw(x: number, y: number): string;
}

function sheetBlock(formula: LabelledFormula, math: ReturnType<typeof typeset>, title?: string): SheetBlock {
  // A lesson's single rule is labelled with the lesson's own name: the title already says it.
  const labelled = formula.label !== title;
  const labelHeight = labelled ? SHEET.labelSize + SHEET.labelGap : 0;
  const mathWidth = Math.ceil(math.widthEm * PX_PER_EM);
  const mathHeight = Math.ceil(math.heightEm * PX_PER_EM);
  return {
    width: Math.max(labelled ? boldTextWidth(formula.label, SHEET.labelSize) : 0, SHEET.indent + mathWidth),
    height: labelHeight + mathHeight,
    draw: (x, y) =>
      (labelled
        ? `<text x="${x}" y="${y + SHEET.labelSize}" font-family="${FONT_FAMILY}" font-weight="bold" font-size="${SHEET.labelSize}" fill="${CARD.muted}">${escapeXml(formula.label)}</text>`
        : "") + placeMath(math.svg, x + SHEET.indent, y + labelHeight, mathWidth, mathHeight),
  };
}

/** Height of blocks stacked with the row gap between them. */
function stackHeight(blocks: SheetBlock[]): number {
  return blocks.reduce((sum, block) => sum + block.height, 0) + SHEET.rowGap * Math.max(0, blocks.length - 1);
}

/**
 * Splits long sheets into two columns of about equal height, so the review sheet reads as a
 * landscape card in a chat window instead of a thin strip.
 */
function columns(blocks: SheetBlock[]): SheetBlock[][] {
  if (blocks.length < SHEET.twoColumnsFrom) return [blocks];
  let best = 1;
  for (let split = 1; split < blocks.length; split++) {
    const worse = (k: number) => Math.max(stackHeight(blocks.slice(0, k)), stackHeight(blocks.slice(k)));
    if (worse(split) < worse(best)) best = split;
  }
  return [blocks.slice(0, best), blocks.slice(best)];
}

/** Several labelled formulas on one card, with an optional title (the review sheet). */
export function renderFormulaSheet(formulas: LabelledFormula[], title?: string): ReplyImage {
  const rows = formulas.map((formula) => ({ ...formula, math: typeset(formula.latex) }));
  const parts: string[] = [];
  let top = PADDING;
  let width = 0;
  if (title) {
    top += SHEET.titleSize;
    parts.push(
      `<text x="${PADDING}" y="${top}" font-family="${FONT_FAMILY}" font-weight="bold" font-size="${SHEET.titleSize}" fill="${CARD.ink}">${escapeXml(title)}</text>`,
    );
    width = boldTextWidth(title, SHEET.titleSize);
    top += SHEET.rowGap;
  }
  let x = PADDING;
  let bottom = top;
  for (const column of columns(rows.map((row) => sheetBlock(row, row.math, title)))) {
    let y = top;
    for (const block of column) {
      parts.push(block.draw(x, y));
      y += block.height + SHEET.rowGap;
    }
    bottom = Math.max(bottom, y - SHEET.rowGap);
    x += Math.max(...column.map((block) => block.width)) + SHEET.columnGap;
  }
  width = Math.max(width, x - SHEET.columnGap - PADDING);
  const png = toPng(card(Math.ceil(width) + 2 * PADDING, Math.ceil(bottom + PADDING), parts.join("")));
  const reading = rows.map((row) => `${row.label}: ${latexToWords(row.latex)}`).join("; ");
  return {
    ...png,
    fileName: "formulas.png",
    alt: clampAlt(
      `${title ? `${title}: ` : ""}${rows.length} update rule${rows.length === 1 ? "" : "s"}. ${reading}.`,
    ),
  };
}
