/**
 * @module pdf/extract — the text layer of a PDF, in reading order, one text line per output line.
 *
 * Uses pdfjs-dist. Text items are grouped into lines by their baseline (top to bottom), sorted left to
 * right, and the horizontal gaps between items become spaces (so indentation and column gaps
 * survive roughly as they were printed). A PDF without any text (a scan) is rejected with
 * {@link PdfWithoutTextError}: it needs OCR first. A PDF with some pages without text (a scanned page
 * among printed ones) is read, and each such page becomes a warning in {@link PdfText.diagnostics}. A
 * PDF whose document or pages cannot be read is rejected with {@link PdfUnreadableError}.
 */
import type { getDocument as GetDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// pdfjs-dist is large: load it only when a PDF is actually read (keeps the bulk CLI light).
const loadPdfjs = () => import("pdfjs-dist/legacy/build/pdf.mjs");

/** Thrown when a PDF has no text layer (for example a scanned rap sheet). */
export class PdfWithoutTextError extends Error {
  constructor(readonly pages: number) {
    super(
      `the PDF has no text layer (${pages} page${pages === 1 ? "" : "s"} without any text; it looks scanned). ` +
        "Run OCR first (for example `ocrmypdf in.pdf out.pdf`) or give the rap sheet as a text file.",
    );
    this.name = "PdfWithoutTextError";
  }
}

/** Thrown when the file is not a readable PDF. */
export class PdfUnreadableError extends Error {
  constructor(reason: string) {
    super(`the file could not be read as a PDF (${reason})`);
    this.name = "PdfUnreadableError";
  }
}

/** A page that gave no text: it was not read (a scanned page among text pages). */
export interface PdfPageDiagnostic {
  readonly severity: "warning";
  readonly code: "PDF_PAGE_WITHOUT_TEXT";
  /** 1-based page number. */
  readonly page: number;
  /** The line of the extracted text where the page's text would have been: the next page's first line (the last line when no page with text follows). */
  readonly line: number;
  /** Why, naming the page (never sheet text). */
  readonly message: string;
}

/** Extracted text, with the first text line of each page (1-based) so line numbers can name a page. */
export interface PdfText {
  readonly text: string;
  readonly pageFirstLine: readonly number[];
  /** One warning per page without any text, in page order (empty when every page has text). */
  readonly diagnostics: readonly PdfPageDiagnostic[];
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** True when the bytes start like a PDF (`%PDF-`). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d
  );
}

function pageLines(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    const tol = Math.max(1, (row?.[0]?.height ?? it.height) * 0.4);
    if (row && Math.abs(row[0]!.y - it.y) <= tol) row.push(it);
    else rows.push([it]);
  }
  const charWidths = sorted.filter((i) => i.str.trim().length > 0).map((i) => i.width / i.str.length);
  const cw =
    charWidths.length > 0 ? Math.min(...charWidths.filter((w) => w > 0), Number.POSITIVE_INFINITY) : 5;
  const charW = Number.isFinite(cw) && cw > 0 ? cw : 5;
  const left = Math.min(...sorted.map((i) => i.x));
  const out: string[] = [];
  // Line pitch: the smallest baseline gap between rows; a gap of about two pitches is a blank line.
  const steps = rows.slice(1).map((r, i) => rows[i]![0]!.y - r[0]!.y);
  const minH = Math.min(...rows.map((r) => r[0]!.height || 10));
  const pitch = Math.min(...steps.filter((g) => g >= minH * 0.8), Number.POSITIVE_INFINITY);
  let prevY: number | undefined;
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    const y = row[0]!.y;
    if (prevY !== undefined && Number.isFinite(pitch)) {
      const blanks = Math.round((prevY - y) / pitch) - 1;
      for (let g = 0; g < Math.min(blanks, 20); g++) out.push("");
    }
    prevY = y;
    let line = " ".repeat(Math.max(0, Math.round((row[0]!.x - left) / charW)));
    let end = row[0]!.x;
    for (const it of row) {
      const gap = it.x - end;
      if (line.trim().length > 0 && gap > charW * 0.3)
        line += " ".repeat(Math.max(1, Math.round(gap / charW)));
      // pdfjs folds a run of spaces into one " " item whose width still spans the run.
      line += it.str.trim() === "" ? " ".repeat(Math.max(1, Math.round(it.width / charW))) : it.str;
      end = it.x + it.width;
    }
    out.push(line.replace(/\s+$/, ""));
  }
  return out;
}

/** pdfjs errors sometimes have an empty message; name them by their type then. */
function reasonOf(err: unknown): string {
  const e = err as { message?: unknown; name?: unknown };
  const message = typeof e?.message === "string" ? e.message.trim() : "";
  if (message) return message;
  return typeof e?.name === "string" && e.name ? e.name : String(err);
}

/**
 * Extracts the text layer of a PDF in reading order.
 * @throws PdfWithoutTextError when no page has any text; PdfUnreadableError when it is not a PDF or a
 * page cannot be read (a damaged file)
 */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  const { getDocument, VerbosityLevel } = await loadPdfjs();
  let doc: Awaited<ReturnType<typeof GetDocument>["promise"]>;
  try {
    doc = await getDocument({
      data: new Uint8Array(bytes),
      verbosity: VerbosityLevel.ERRORS,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
    }).promise;
  } catch (err) {
    throw new PdfUnreadableError(reasonOf(err));
  }
  try {
    const lines: string[] = [];
    const pageFirstLine: number[] = [];
    const empty: number[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      let content: Awaited<ReturnType<Awaited<ReturnType<typeof doc.getPage>>["getTextContent"]>>;
      try {
        const page = await doc.getPage(p);
        content = await page.getTextContent();
        page.cleanup();
      } catch (err) {
        throw new PdfUnreadableError(`page ${p}: ${reasonOf(err)}`);
      }
      const items: Item[] = [];
      let hasText = false;
      for (const raw of content.items) {
        if (!("str" in raw)) continue;
        const t = raw.transform as number[];
        items.push({ str: raw.str, x: t[4] ?? 0, y: t[5] ?? 0, width: raw.width, height: raw.height });
        if (raw.str.trim()) hasText = true;
      }
      pageFirstLine.push(lines.length + 1);
      if (!hasText) empty.push(p);
      lines.push(...pageLines(items));
    }
    if (empty.length === doc.numPages) throw new PdfWithoutTextError(doc.numPages);
    const diagnostics = empty.map(
      (page): PdfPageDiagnostic => ({
        severity: "warning",
        code: "PDF_PAGE_WITHOUT_TEXT",
        page,
        line: Math.min(pageFirstLine[page - 1]!, lines.length),
        message:
          `page ${page} of the PDF has no text (it looks scanned) and was not read; ` +
          "run OCR on the PDF (for example `ocrmypdf in.pdf out.pdf`) or check that page by hand",
      }),
    );
    return { text: lines.join("\n"), pageFirstLine, diagnostics };
  } finally {
    await doc.destroy();
  }
}

/** The 1-based page holding a line of the extracted text. */
export function pageOfLine(pdf: PdfText, line: number): number {
  let page = 1;
  pdf.pageFirstLine.forEach((first, i) => {
    if (line >= first) page = i + 1;
  });
  return page;
}
