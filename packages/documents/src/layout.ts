/**
 * @module layout — page geometry on a grid of 12-point slots.
 *
 * Everything is placed on slots so that text lines up with the pleading line numbers: California
 * Rules of Court 2.108 (numbered lines in the left margin, spacing that matches the numbers), 2.110
 * (footer: page number with the document title below it) and 2.111 (first-page layout). A numbered
 * line is two slots (24 pt, double spacing); numbers and double-spaced text share the odd slots, so
 * single-spaced text (caption, tables) fits two lines per numbered line.
 */
import { toWinAnsi, wrapText } from "./text.ts";

/** Fonts used by the documents: pdfkit's built-in standard fonts, nothing downloaded or embedded. */
export type FontName =
  | "Times-Roman"
  | "Times-Bold"
  | "Times-Italic"
  | "Helvetica"
  | "Helvetica-Bold"
  | "Courier";

const ASCENDER: Record<FontName, number> = {
  "Times-Roman": 683,
  "Times-Bold": 676,
  "Times-Italic": 683,
  Helvetica: 718,
  "Helvetica-Bold": 718,
  Courier: 629,
};

/** Height of one slot in points. */
export const SLOT = 12;
/** Baseline offset inside a slot, so that every font size sits on the same baseline. */
const BASELINE = 9.5;

/** Text style for a line. */
export interface TextStyle {
  readonly font?: FontName;
  readonly size?: number;
  readonly align?: "left" | "center" | "right";
  readonly color?: string;
}

/** A page surface made of slots; documents and tables only talk to this. */
export interface LineSurface {
  readonly doc: PDFKit.PDFDocument;
  /** Left edge of the text area. */
  readonly left: number;
  /** Width of the text area. */
  readonly width: number;
  /** 1-based number of the current page; 0 before the first page. */
  readonly pageNumber: number;
  /** Slots still free on the current page (0 before the first page). */
  slotsLeft(): number;
  /** Slots available on a fresh page. */
  slotsPerPage(): number;
  /** Reserves `n` slots on the current page and returns the top y of the first. Never breaks pages. */
  take(n: number): number;
  /** Starts a new page with its decorations. */
  newPage(): void;
  /** Moves to a slot where double-spaced text lines up with the margin numbers (pleading paper). */
  alignToNumber?(): void;
}

/** Sets font and size on the document, returning a measuring function for that font. */
export function useFont(doc: PDFKit.PDFDocument, font: FontName, size: number): (s: string) => number {
  doc.font(font).fontSize(size);
  return (s: string) => doc.widthOfString(s);
}

/** Draws one line of text in the slot whose top is `y`, within [x, x + width]. Never wraps. */
export function drawText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle = {},
): void {
  const font = style.font ?? "Times-Roman";
  const size = style.size ?? 12;
  const s = toWinAnsi(text);
  doc
    .font(font)
    .fontSize(size)
    .fillColor(style.color ?? "black");
  const w = doc.widthOfString(s);
  const dx = style.align === "center" ? (width - w) / 2 : style.align === "right" ? width - w : 0;
  doc.text(s, x + dx, y + BASELINE - (ASCENDER[font] * size) / 1000, { lineBreak: false });
}

/** Starts the first page if none has been started. */
export function ensurePage(surface: LineSurface): void {
  if (surface.pageNumber === 0) surface.newPage();
}

/**
 * Writes `text` wrapped to the surface: one slot per line (`spacing` 1) or two (`spacing` 2, the
 * text on the numbered slot). Breaks pages between lines.
 */
export function writeParagraph(
  surface: LineSurface,
  text: string,
  style: TextStyle & {
    spacing?: 1 | 2;
    indent?: number;
    firstLineIndent?: number;
    x?: number;
    width?: number;
  } = {},
): void {
  const font = style.font ?? "Times-Roman";
  const size = style.size ?? 12;
  const spacing = style.spacing ?? 2;
  const x = (style.x ?? surface.left) + (style.indent ?? 0);
  const width = (style.width ?? surface.width) - (style.indent ?? 0);
  const first = style.firstLineIndent ?? 0;
  const measure = useFont(surface.doc, font, size);
  // Wrap the first line narrower when it is indented.
  const lines: string[] = [];
  const all = wrapText(measure, toWinAnsi(text), width - first);
  if (first > 0 && all.length > 1) {
    lines.push(all[0]!);
    lines.push(...wrapText(measure, all.slice(1).join(" "), width));
  } else lines.push(...all);
  lines.forEach((line, i) => {
    writeLine(
      surface,
      line,
      { ...style, x: x + (i === 0 ? first : 0), width: width - (i === 0 ? first : 0) },
      spacing,
    );
  });
}

/** Writes one already-fitting line using `spacing` slots; breaks the page first when needed. */
export function writeLine(
  surface: LineSurface,
  text: string,
  style: TextStyle & { x?: number; width?: number } = {},
  spacing: 1 | 2 = 1,
): void {
  if (spacing === 2) surface.alignToNumber?.();
  // A double-spaced line needs only its own slot; the gap after it may fall off the page.
  if (surface.slotsLeft() < 1) surface.newPage();
  const y = surface.take(Math.min(spacing, surface.slotsLeft()));
  drawText(surface.doc, text, style.x ?? surface.left, y, style.width ?? surface.width, style);
}

/** Skips `n` slots, without starting a new page for them. */
export function skipSlots(surface: LineSurface, n: number): void {
  surface.take(Math.min(n, surface.slotsLeft()));
}

/** Pleading-paper geometry (points, US Letter portrait). */
export const PLEADING = {
  top: 72,
  lines: 28,
  numberRight: 66,
  leftRule: 76,
  rightRule: 562,
  textLeft: 90,
  textRight: 554,
  footerRule: 748,
} as const;

/**
 * California pleading paper: line numbers 1–28 in the left margin, a double rule left of the text and
 * a single rule right of it, and a footer with the page number and the document's title on every page.
 */
export class PleadingPaper implements LineSurface {
  readonly left = PLEADING.textLeft;
  readonly width = PLEADING.textRight - PLEADING.textLeft;
  pageNumber = 0;
  private slot = 0;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    /** Title printed in every page's footer. */
    readonly footerTitle: string,
  ) {}

  slotsPerPage(): number {
    return PLEADING.lines * 2 - 1;
  }

  slotsLeft(): number {
    return this.pageNumber === 0 ? 0 : PLEADING.lines * 2 - this.slot;
  }

  /** True when the next free slot is a numbered one (odd), where double-spaced text belongs. */
  onNumberedSlot(): boolean {
    return this.slot % 2 === 1;
  }

  /** Moves to the next numbered slot so the following text lines up with a line number. */
  alignToNumber(): void {
    if (this.pageNumber !== 0 && this.slot % 2 === 0 && this.slotsLeft() > 0) this.slot++;
  }

  /** Moves to the slot of line `n` (1–28) on the current page, if it is not already past it. */
  gotoLine(n: number): void {
    this.slot = Math.max(this.slot, 2 * n - 1);
  }

  take(n: number): number {
    const y = PLEADING.top + this.slot * SLOT;
    this.slot += n;
    return y;
  }

  /** Top y of the slot at which the next line will be drawn. */
  get y(): number {
    return PLEADING.top + this.slot * SLOT;
  }

  newPage(): void {
    const doc = this.doc;
    doc.addPage({ size: "LETTER", margin: 0 });
    this.pageNumber++;
    this.slot = 1;
    doc.save();
    doc.lineWidth(0.6).strokeColor("black");
    doc.moveTo(PLEADING.leftRule, 0).lineTo(PLEADING.leftRule, 792).stroke();
    doc
      .moveTo(PLEADING.leftRule + 3, 0)
      .lineTo(PLEADING.leftRule + 3, 792)
      .stroke();
    doc.moveTo(PLEADING.rightRule, 0).lineTo(PLEADING.rightRule, 792).stroke();
    for (let n = 1; n <= PLEADING.lines; n++) {
      drawText(doc, String(n), 20, PLEADING.top + (2 * n - 1) * SLOT, PLEADING.numberRight - 20, {
        align: "right",
      });
    }
    doc
      .lineWidth(0.6)
      .moveTo(PLEADING.textLeft, PLEADING.footerRule)
      .lineTo(PLEADING.textRight, PLEADING.footerRule)
      .stroke();
    drawText(doc, `- ${this.pageNumber} -`, this.left, PLEADING.footerRule + 2, this.width, {
      align: "center",
      size: 10,
    });
    const title =
      wrapText(useFont(doc, "Times-Roman", 8), toWinAnsi(this.footerTitle.toUpperCase()), this.width)[0] ??
      "";
    drawText(doc, title, this.left, PLEADING.footerRule + 14, this.width, { align: "center", size: 8 });
    doc.restore();
  }
}

/** Plain page geometry for reports and lists. */
export interface PlainPaperOptions {
  readonly layout: "portrait" | "landscape";
  readonly footerTitle: string;
  readonly margin?: number;
}

/** A plain page (report, list, letter) with a small footer carrying the title and page number. */
export class PlainPaper implements LineSurface {
  readonly left: number;
  readonly width: number;
  pageNumber = 0;
  private slot = 0;
  private readonly pageW: number;
  private readonly pageH: number;
  private readonly top: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly options: PlainPaperOptions,
  ) {
    const m = options.margin ?? 54;
    this.pageW = options.layout === "landscape" ? 792 : 612;
    this.pageH = options.layout === "landscape" ? 612 : 792;
    this.left = m;
    this.width = this.pageW - 2 * m;
    this.top = m;
  }

  slotsPerPage(): number {
    return Math.floor((this.pageH - this.top - 54) / SLOT);
  }

  slotsLeft(): number {
    return this.pageNumber === 0 ? 0 : this.slotsPerPage() - this.slot;
  }

  take(n: number): number {
    const y = this.top + this.slot * SLOT;
    this.slot += n;
    return y;
  }

  /** Top y of the next free slot. */
  get y(): number {
    return this.top + this.slot * SLOT;
  }

  newPage(): void {
    const doc = this.doc;
    doc.addPage({ size: "LETTER", layout: this.options.layout, margin: 0 });
    this.pageNumber++;
    this.slot = 0;
    const y = this.pageH - 40;
    doc.save();
    doc
      .lineWidth(0.4)
      .strokeColor("#888888")
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .stroke();
    // The title's first line only, clear of the page number (a long office name must not run off).
    const title =
      wrapText(useFont(doc, "Helvetica", 8), toWinAnsi(this.options.footerTitle), this.width - 50)[0] ?? "";
    drawText(doc, title, this.left, y + 2, this.width, {
      font: "Helvetica",
      size: 8,
    });
    drawText(doc, `Page ${this.pageNumber}`, this.left, y + 2, this.width, {
      font: "Helvetica",
      size: 8,
      align: "right",
    });
    doc.restore();
  }
}
