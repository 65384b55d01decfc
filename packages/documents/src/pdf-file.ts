/**
 * @module pdf-file — a pdfkit document streamed to disk as it is drawn. Pages are flushed as soon as
 * the next one starts (no page buffering), the file is written under a temporary name and renamed
 * when complete, so a reader never sees half a PDF.
 */
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";

// pdfkit is loaded when the first PDF is written, not when the CLI starts (it takes a quarter of a
// second to load, and most commands write no PDF).
let pdfkit: typeof import("pdfkit") | undefined;
async function loadPdfkit(): Promise<typeof import("pdfkit")> {
  pdfkit ??= (await import("pdfkit")).default;
  return pdfkit;
}

/** An open PDF being written to `path`. Call `finish()` once, after the last drawing. */
export interface PdfFile {
  readonly doc: PDFKit.PDFDocument;
  readonly path: string;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/** Document metadata written into the PDF info dictionary. */
export interface PdfMeta {
  readonly title: string;
  readonly author: string;
  readonly subject?: string;
  readonly layout?: "portrait" | "landscape";
}

/**
 * Opens a PDF for streaming output. The creation date is fixed to the document date passed in, so
 * the same run produces the same PDF bytes (no wall clock).
 */
export async function openPdf(path: string, meta: PdfMeta, documentDate: string): Promise<PdfFile> {
  const PDFDocument = await loadPdfkit();
  const tmp = `${path}.partial`;
  const [y, m, d] = documentDate.split("-").map(Number);
  const created = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1));
  const doc = new PDFDocument({
    size: "LETTER",
    layout: meta.layout ?? "portrait",
    autoFirstPage: false,
    bufferPages: false,
    margin: 0,
    compress: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject ?? meta.title,
      Creator: "Clearance",
      Producer: "Clearance (pdfkit)",
      CreationDate: created,
      ModDate: created,
    },
  });
  const out = createWriteStream(tmp);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    doc.on("error", reject);
  });
  doc.pipe(out);
  let finished = false;
  return {
    doc,
    path,
    async finish() {
      if (finished) return;
      finished = true;
      doc.end();
      await done;
      await rename(tmp, path);
    },
    async abort() {
      if (finished) return;
      finished = true;
      doc.end();
      await done.catch(() => undefined);
      await rm(tmp, { force: true });
    },
  };
}

/** Runs `draw` on a fresh PDF at `path`; removes the partial file if drawing fails. */
export async function writePdf<T>(
  path: string,
  meta: PdfMeta,
  documentDate: string,
  draw: (doc: PDFKit.PDFDocument) => Promise<T> | T,
): Promise<T> {
  const pdf = await openPdf(path, meta, documentDate);
  try {
    const result = await draw(pdf.doc);
    await pdf.finish();
    return result;
  } catch (err) {
    await pdf.abort();
    throw err;
  }
}
