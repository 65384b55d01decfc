/**
 * PDFs generated here (pdfkit, one text line per PDF line, into a temp dir) from the rap sheet
 * fixtures parse to the same result as the texts; a PDF without a text layer is rejected clearly.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convictionsOf } from "../rapsheet/convictions.ts";
import { parseRapSheet } from "../rapsheet/parse.ts";
import type { RapSheet } from "../rapsheet/types.ts";
import { extractPdfText, PdfUnreadableError, PdfWithoutTextError, pageOfLine } from "./extract.ts";

const DIR = fileURLToPath(new URL("../../../../../shared/fixtures/rapsheet/", import.meta.url));
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "clearance-pdf-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Writes `lines` one per PDF line in Courier; `pageLines` lines per page. */
function makePdf(lines: readonly string[], pageLines: number, blankPage = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const lead = 11;
    const doc = new PDFDocument({ size: [612, 72 + pageLines * lead], margin: 36, autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.addPage();
    if (blankPage) {
      doc.rect(100, 100, 200, 200).fill("#777777");
    } else {
      doc.font("Courier").fontSize(9);
      lines.forEach((line, i) => {
        if (i > 0 && i % pageLines === 0) doc.addPage();
        const y = 36 + (i % pageLines) * lead;
        if (line.length > 0) doc.text(line, 36, y, { lineBreak: false });
      });
    }
    doc.end();
  });
}

/** Three pages: text, a drawn rectangle only (like a scan), text; uncompressed so the objects can be edited. */
function threePagesMiddleScanned(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [612, 200], margin: 36, autoFirstPage: false, compress: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.addPage().font("Courier").fontSize(9).text("PAGE ONE TEXT", 36, 36, { lineBreak: false });
    doc.addPage().rect(100, 50, 100, 100).fill("#777777");
    doc.addPage().font("Courier").fontSize(9).text("PAGE THREE TEXT", 36, 36, { lineBreak: false });
    doc.end();
  });
}

function summary(r: RapSheet, withLines: boolean) {
  return {
    personalInfo: r.personalInfo,
    events: r.cycles.map((c) =>
      c.events.map((e) => ({
        type: e.type,
        date: e.date,
        courthouse: e.courthouse,
        line: withLines ? e.line : 0,
        counts: e.counts.map((n) => ({
          codeSection: n.codeSection,
          caseNumber: n.caseNumber,
          flags: n.flags,
          line: withLines ? n.line : 0,
          dispositions: n.dispositions.map((d) => ({
            ...d,
            line: withLines ? d.line : 0,
            sentence: d.sentence?.text,
          })),
        })),
      })),
    ),
    convictions: convictionsOf(r).map((c) => [c.count.codeSection, c.date?.raw, c.severity, c.caseNumber]),
    diagnostics: r.diagnostics.map((d) => [d.code, withLines ? d.line : 0]),
  };
}

/** Lines a PDF cannot carry as text: trailing blank lines and characters outside WinAnsi. */
function pdfable(text: string): string[] {
  const lines = text.split("\n");
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  return lines;
}

describe("PDF input", () => {
  it("every fixture as a one-page PDF parses exactly like its text (line numbers included)", async () => {
    const files = (await readdir(DIR)).filter((f) => f.endsWith(".txt")).sort();
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const f of files) {
      const text = await readFile(DIR + f, "utf8");
      const lines = pdfable(text);
      if (lines.every((l) => l.trim() === "")) continue;
      const path = join(tmp, f.replace(/\.txt$/, ".pdf"));
      await writeFile(path, await makePdf(lines, 200));
      const pdf = await extractPdfText(new Uint8Array(await readFile(path)));
      const fromPdf = parseRapSheet(pdf.text);
      const fromText = parseRapSheet(lines.join("\n"));
      expect(summary(fromPdf, true), f).toEqual(summary(fromText, true));
    }
  });

  it("a multi-page PDF of the full synthetic sheet gives the same convictions and names the page of a line", async () => {
    const lines = pdfable(await readFile(`${DIR}synthetic_full.txt`, "utf8"));
    const bytes = await makePdf(lines, 40);
    const pdf = await extractPdfText(new Uint8Array(bytes));
    expect(pdf.pageFirstLine.length).toBe(Math.ceil(lines.length / 40));
    const a = summary(parseRapSheet(pdf.text), false);
    const b = summary(parseRapSheet(lines.join("\n")), false);
    expect(a.convictions).toEqual(b.convictions);
    expect(a.events).toEqual(b.events);
    expect(a.convictions).toHaveLength(5);
    expect(pageOfLine(pdf, 1)).toBe(1);
    expect(pageOfLine(pdf, pdf.pageFirstLine[1]!)).toBe(2);
  });

  it("rejects a PDF without a text layer with a message saying it looks scanned", async () => {
    const bytes = await makePdf([], 10, true);
    await expect(extractPdfText(new Uint8Array(bytes))).rejects.toThrow(PdfWithoutTextError);
    await expect(extractPdfText(new Uint8Array(bytes))).rejects.toThrow(/no text layer.*scanned/);
  });

  it("warns about each page without text among text pages, naming the page, and keeps the others", async () => {
    const bytes = await threePagesMiddleScanned();
    const pdf = await extractPdfText(new Uint8Array(bytes));
    expect(pdf.text).toContain("PAGE ONE TEXT");
    expect(pdf.text).toContain("PAGE THREE TEXT");
    expect(pdf.pageFirstLine).toHaveLength(3);
    expect(pdf.diagnostics).toEqual([
      {
        severity: "warning",
        code: "PDF_PAGE_WITHOUT_TEXT",
        page: 2,
        line: pdf.pageFirstLine[1],
        message: expect.stringMatching(/^page 2 of the PDF has no text.*not read.*OCR/),
      },
    ]);
    const text = await extractPdfText(new Uint8Array(await makePdf(["ONLY TEXT"], 10)));
    expect(text.diagnostics).toEqual([]);
  });

  it("rejects a damaged PDF whose page tree names a missing object as unreadable, not with a crash", async () => {
    const good = (await threePagesMiddleScanned()).toString("latin1");
    const kids = /\/Kids \[[^\]]*\]/.exec(good)![0];
    const bytes = Buffer.from(good.replace(kids, "/Kids [99 0 R]".padEnd(kids.length)), "latin1");
    await expect(extractPdfText(new Uint8Array(bytes))).rejects.toThrow(PdfUnreadableError);
    await expect(extractPdfText(new Uint8Array(bytes))).rejects.toThrow(
      /could not be read as a PDF \(page 1: /,
    );
  });

  it("rejects bytes that are not a PDF", async () => {
    await expect(extractPdfText(new TextEncoder().encode("not a pdf at all"))).rejects.toThrow(
      PdfUnreadableError,
    );
  });
});
