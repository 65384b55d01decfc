/**
 * @module table — a paginated table drawn row by row: cells wrap (never overflow), the header is
 * repeated on every page, and a row taller than the space left continues on the next page. Rows are
 * drawn as they arrive, so a 10,000-row exhibit never sits in memory.
 */
import { drawText, type FontName, type LineSurface, SLOT, useFont } from "./layout.ts";
import { toWinAnsi, wrapText } from "./text.ts";

/** One column: header text, width in points, and how to get the cell text from a row. */
export interface Column<R> {
  readonly header: string;
  readonly width: number;
  readonly value: (row: R) => string;
}

/** Table fonts. */
export interface TableStyle {
  readonly font: FontName;
  readonly boldFont: FontName;
  readonly size: number;
}

const PAD = 3;

/** Draws rows onto a surface; call `add` per row and `end` once. */
export class TableWriter<R> {
  private headerPage = -1;
  private readonly headerLines: string[][];
  private rows = 0;

  constructor(
    private readonly surface: LineSurface,
    private readonly columns: readonly Column<R>[],
    private readonly style: TableStyle,
    /** Called at the top of every page the table continues onto (e.g. "Exhibit A (continued)"). */
    private readonly onContinuedPage?: () => void,
  ) {
    const measure = useFont(surface.doc, style.boldFont, style.size);
    this.headerLines = columns.map((c) => wrapText(measure, toWinAnsi(c.header), c.width - 2 * PAD));
  }

  /** Number of rows drawn so far. */
  get rowCount(): number {
    return this.rows;
  }

  private headerHeight(): number {
    return Math.max(...this.headerLines.map((l) => l.length));
  }

  private newPage(): void {
    this.surface.newPage();
    this.onContinuedPage?.();
  }

  private drawHeader(): void {
    const s = this.surface;
    const h = this.headerHeight();
    if (s.slotsLeft() < h + 1) this.newPage();
    const y = s.take(h);
    this.drawCells(this.headerLines, 0, h, y, this.style.boldFont);
    this.rule(y + h * SLOT, 0.8);
    this.headerPage = s.pageNumber;
  }

  private rule(y: number, width: number): void {
    const doc = this.surface.doc;
    doc.save();
    doc
      .lineWidth(width)
      .strokeColor(width < 0.5 ? "#999999" : "black")
      .moveTo(this.surface.left, y)
      .lineTo(this.surface.left + this.totalWidth(), y)
      .stroke();
    doc.restore();
  }

  private totalWidth(): number {
    return this.columns.reduce((a, c) => a + c.width, 0);
  }

  private drawCells(cells: string[][], from: number, to: number, y: number, font: FontName): void {
    let x = this.surface.left;
    this.columns.forEach((c, i) => {
      const lines = cells[i] ?? [];
      for (let k = from; k < to && k < lines.length; k++) {
        drawText(this.surface.doc, lines[k]!, x + PAD, y + (k - from) * SLOT, c.width - 2 * PAD, {
          font,
          size: this.style.size,
        });
      }
      x += c.width;
    });
  }

  /** Draws one row, wrapping every cell; continues the row on the next page when it does not fit. */
  add(row: R): void {
    const s = this.surface;
    if (s.pageNumber === 0) s.newPage();
    const measure = useFont(s.doc, this.style.font, this.style.size);
    const cells = this.columns.map((c) => wrapText(measure, toWinAnsi(c.value(row)), c.width - 2 * PAD));
    const h = Math.max(1, ...cells.map((l) => l.length));
    let offset = 0;
    while (offset < h) {
      if (this.headerPage !== s.pageNumber) this.drawHeader();
      const avail = s.slotsLeft();
      const rest = h - offset;
      if (rest <= avail) {
        const y = s.take(rest);
        this.drawCells(cells, offset, h, y, this.style.font);
        this.rule(y + rest * SLOT, 0.3);
        offset = h;
      } else if (offset === 0 && h <= s.slotsPerPage() - this.headerHeight() - 1) {
        // Keep a row that fits on a page together.
        this.newPage();
      } else {
        // A row longer than a page: fill this page and continue.
        if (avail > 0) {
          const y = s.take(avail);
          this.drawCells(cells, offset, offset + avail, y, this.style.font);
          offset += avail;
        }
        this.newPage();
      }
    }
    this.rows++;
  }
}
