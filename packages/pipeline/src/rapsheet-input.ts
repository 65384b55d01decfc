/**
 * @module rapsheet-input — a rap sheet file's bytes → its text: the text layer of a PDF, or a text file
 * decoded as docs/rapsheet.md says, with the problems found on the way. Shared by `clearance rapsheet`
 * and the web app's rap sheet mode, so both read a file the same way.
 */
import {
  extractPdfText,
  looksLikePdf,
  type PdfText,
  PdfUnreadableError,
  PdfWithoutTextError,
} from "@clearance/sources";
import type { SourceDiagnostic } from "./rapsheet-report.ts";

/** A text file's characters, with warnings about bytes that had to be guessed. */
export interface DecodedText {
  readonly text: string;
  readonly diagnostics: readonly SourceDiagnostic[];
}

/**
 * Decodes a text rap sheet. A byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE. Without one the
 * file is UTF-8, line by line: a line that is not valid UTF-8 is read as Latin-1 (Windows-1252), so a
 * Latin-1 file reads as before and one stray Latin-1 byte no longer turns every other accented letter
 * of a UTF-8 file into mojibake. When the file mixes both (some lines valid UTF-8 with non-ASCII
 * letters, some not), each guessed line gets a warning naming it. Line numbers count LF, CRLF and CR
 * as the parser does.
 * @returns undefined when the file has NUL bytes and no byte-order mark (UTF-16 without a BOM, or not text)
 */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8Lines(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return {
      text: new TextDecoder("utf-16le", { ignoreBOM: true }).decode(bytes.subarray(2)),
      diagnostics: [],
    };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {
      text: new TextDecoder("utf-16be", { ignoreBOM: true }).decode(bytes.subarray(2)),
      diagnostics: [],
    };
  if (bytes.includes(0)) return undefined;
  return decodeUtf8Lines(bytes);
}

function decodeUtf8Lines(bytes: Uint8Array): DecodedText {
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return { text: utf8.decode(bytes), diagnostics: [] };
  } catch {
    // Some line is not UTF-8: decode line by line (CR and LF never occur inside a UTF-8 sequence).
  }
  const latin1 = new TextDecoder("latin1");
  const parts: string[] = [];
  const guessed: number[] = [];
  let utf8NonAscii = false;
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = start;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
    if (bytes[end] === 0x0d && bytes[end + 1] === 0x0a) end += 2;
    else if (end < bytes.length) end += 1;
    const segment = bytes.subarray(start, end);
    try {
      parts.push(utf8.decode(segment));
      if (segment.some((b) => b >= 0x80)) utf8NonAscii = true;
    } catch {
      parts.push(latin1.decode(segment));
      guessed.push(line);
    }
    start = end;
    line++;
  }
  // A file that is Latin-1 throughout is a documented input: warn only when it mixes encodings.
  const diagnostics: SourceDiagnostic[] = utf8NonAscii
    ? guessed.map((n) => ({
        severity: "warning",
        code: "NOT_UTF8",
        line: n,
        message:
          "the line is not valid UTF-8 (the rest of the file is); it was read as Latin-1 (Windows-1252): check its accented letters",
      }))
    : [];
  return { text: parts.join(""), diagnostics };
}

/** The text of a rap sheet file, or why there is none (a message for the user, without the file name). */
export type RapSheetInput =
  | {
      readonly ok: true;
      readonly text: string;
      /** The PDF's text layer and page map, when the file is a PDF. */
      readonly pdf: PdfText | undefined;
      readonly sourceDiagnostics: readonly SourceDiagnostic[];
    }
  | { readonly ok: false; readonly error: string };

/** Reads a rap sheet's bytes: a PDF's text layer (page by page), or text as {@link decodeText} decodes it. */
export async function readRapSheetBytes(bytes: Uint8Array): Promise<RapSheetInput> {
  if (looksLikePdf(bytes)) {
    try {
      const pdf = await extractPdfText(bytes);
      return { ok: true, text: pdf.text, pdf, sourceDiagnostics: pdf.diagnostics };
    } catch (e) {
      if (e instanceof PdfWithoutTextError || e instanceof PdfUnreadableError)
        return { ok: false, error: e.message };
      throw e;
    }
  }
  const decoded = decodeText(bytes);
  if (decoded === undefined)
    return {
      ok: false,
      error:
        "the file has NUL bytes, so it is not a text rap sheet as printed (UTF-16 without a byte-order mark, or not a text file); save it as UTF-8 text, or give the PDF",
    };
  return { ok: true, text: decoded.text, pdf: undefined, sourceDiagnostics: decoded.diagnostics };
}
