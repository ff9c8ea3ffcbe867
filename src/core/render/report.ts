import { type Canvas, createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { ReplyImage } from "../reply.ts";
import { FONT_FAMILY, registerBundledFonts } from "./fonts.ts";
import { CARD } from "./palette.ts";

/** What the class-report picture shows: plain data, so it can cross to a render worker. */
export interface ReportPicture {
  title: string;
  /** Students in the class (the scale of the lesson bars). */
  students: number;
  lessons: Array<{ label: string; seen: number; passed: number }>;
  /** Hardest questions first; share right from 0 to 1. */
  hardest: Array<{ label: string; share: number; answered: number }>;
  misconceptions: Array<{ label: string; count: number }>;
}

/** One size for every report, so one canvas serves them all. */
export const REPORT_SIZE = { width: 1000, height: 600 } as const;
/** Okabe–Ito colours, as in the other pictures: seen, passed, share right, misconception. */
const COLOURS = { seen: "#56B4E9", passed: "#009E73", right: "#0072B2", wrong: "#D55E00" } as const;
const TRACK = "#EEF1F4";
const BAR_HEIGHT = 12;
/** Vertical distance between rows of the right-hand lists. */
const ROW = 44;
/** Longest label drawn before it is cut with "…". */
const LABEL_CHARS = 46;

// One canvas, reused: its pixels live in native memory the garbage collector cannot see, so a
// canvas per report would let memory grow long before a collection frees it.
let shared: Canvas | undefined;

/** Draws the picture on the reused canvas and returns it as a PNG. */
export function drawReport(picture: ReportPicture): ReplyImage {
  registerBundledFonts();
  shared ??= createCanvas(REPORT_SIZE.width, REPORT_SIZE.height);
  const ctx = shared.getContext("2d");
  ctx.fillStyle = CARD.background;
  ctx.fillRect(0, 0, REPORT_SIZE.width, REPORT_SIZE.height);
  ctx.fillStyle = CARD.ink;
  ctx.textBaseline = "middle";
  ctx.font = `bold 20px ${FONT_FAMILY}`;
  ctx.fillText(picture.title, 24, 28);

  const half = REPORT_SIZE.width / 2;
  heading(ctx, "Lessons: students who saw it, and who passed its quiz (≥ 3/4)", 24, 66);
  const rowHeight = Math.min(52, (REPORT_SIZE.height - 100) / Math.max(1, picture.lessons.length));
  picture.lessons.forEach((lesson, i) => {
    const y = 90 + i * rowHeight;
    const scale = picture.students > 0 ? 1 / picture.students : 0;
    label(ctx, lesson.label, 24, y + 8, 150);
    bar(ctx, 180, y, 250, lesson.seen * scale, COLOURS.seen);
    bar(ctx, 180, y + 15, 250, lesson.passed * scale, COLOURS.passed);
    small(ctx, `${lesson.seen} saw · ${lesson.passed} passed`, 180, y + 36);
  });

  heading(ctx, "Hardest questions: share answered right", half + 10, 66);
  rows(ctx, picture.hardest, 90, (item, y) => {
    label(ctx, item.label, half + 10, y, 460);
    bar(ctx, half + 10, y + 16, 340, item.share, COLOURS.right);
    small(ctx, `${Math.round(item.share * 100)}% of ${item.answered}`, half + 360, y + 22);
  });

  heading(ctx, "Most common misconceptions", half + 10, 330);
  const most = Math.max(1, ...picture.misconceptions.map((item) => item.count));
  rows(ctx, picture.misconceptions, 354, (item, y) => {
    label(ctx, item.label, half + 10, y, 460);
    bar(ctx, half + 10, y + 16, 340, item.count / most, COLOURS.wrong);
    small(ctx, `${item.count}×`, half + 360, y + 22);
  });

  const alt = altText(picture);
  return { bytes: shared.toBuffer("image/png"), fileName: "class-report.png", alt, ...REPORT_SIZE };
}

/** The picture in words, for screen readers. */
export function altText(picture: ReportPicture): string {
  const lessons = picture.lessons.map((l) => `${l.label} ${l.seen} saw, ${l.passed} passed`).join("; ");
  const hardest = picture.hardest.map((q) => `${q.label} ${Math.round(q.share * 100)}%`).join("; ");
  const mistakes = picture.misconceptions.map((m) => `${m.label} ${m.count}`).join("; ");
  return `${picture.title}. Lessons: ${lessons || "none"}. Hardest: ${hardest || "none yet"}. Misconceptions: ${mistakes || "none yet"}.`;
}

function rows<T>(ctx: SKRSContext2D, items: T[], top: number, draw: (item: T, y: number) => void): void {
  if (items.length === 0) small(ctx, "No answers recorded yet.", REPORT_SIZE.width / 2 + 10, top + 8);
  items.forEach((item, i) => {
    draw(item, top + i * ROW);
  });
}

function heading(ctx: SKRSContext2D, text: string, x: number, y: number): void {
  ctx.fillStyle = CARD.ink;
  ctx.font = `bold 15px ${FONT_FAMILY}`;
  ctx.fillText(text, x, y);
}

function label(ctx: SKRSContext2D, text: string, x: number, y: number, maxWidth: number): void {
  ctx.fillStyle = CARD.ink;
  ctx.font = `14px ${FONT_FAMILY}`;
  const cut = text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
  ctx.fillText(cut, x, y, maxWidth);
}

function small(ctx: SKRSContext2D, text: string, x: number, y: number): void {
  ctx.fillStyle = CARD.muted;
  ctx.font = `12px ${FONT_FAMILY}`;
  ctx.fillText(text, x, y);
}

/** A bar of `share` (0–1) of `full` pixels, on a light track so an empty bar still reads as 0. */
function bar(ctx: SKRSContext2D, x: number, y: number, full: number, share: number, colour: string): void {
  ctx.fillStyle = TRACK;
  ctx.fillRect(x, y, full, BAR_HEIGHT);
  ctx.fillStyle = colour;
  ctx.fillRect(x, y, full * Math.min(1, Math.max(0, share)), BAR_HEIGHT);
}
