/**
 * @module clean — normalises rap sheet text line by line, keeping line numbers.
 *
 * Does what the original cleaner did (docs/rap-sheet-format.md §1.2) and what it recommended but did
 * not do: CRLF and CR line endings, Unicode NFKD with diacritics stripped (so `ÁPPLICANT:` and
 * `TÓC:M` are read), every dash variant mapped to `-`, NBSP and tabs to spaces. The words the
 * original corrupted are left alone (`HASH RESIN`, `COURIER`): `RESIN`→`RESTN` is applied only inside
 * sentence text, and `COURI` is fixed only where it is an event header.
 */

/** One line of the document: its 1-based number in the original text and its cleaned text. */
export interface Line {
  readonly no: number;
  readonly text: string;
}

/** Splits text into lines on LF, CRLF or CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Cleans one line: upper case, no diacritics, OCR fixes. Never changes the number of lines. */
export function cleanLine(raw: string): string {
  let s = raw
    .replace(/\f/g, "")
    .replace(/[\u00A0\u2007\u202F\t]/g, " ")
    .replace(DASHES, "-")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[\u200B\uFEFF]/g, "");
  s = s
    .replace(/\bC(?:HT|NI)\s*:/g, "CNT:")
    .replace(/TNFRACTION/g, "INFRACTION")
    .replace(/COMVICT/g, "CONVICT")
    .replace(/CONV STATIS./g, "CONV STATUS:")
    .replace(/FINESS/g, "FINE SS")
    .replace(/[\u25AF]RR\s*\/\s*(?:DET|PET)\s*\/\s*CITE/g, "ARR/DET/CITE")
    .replace(/ARR\s*\/\s*PET\s*\/\s*CITE/g, "ARR/DET/CITE")
    .replace(/^([\s.*'·•]*)(?:COURI|\u25AFOURT|\u25AFOURI)(?=\s*[:;])/, "$1COURT");
  return s;
}

/** Cleans a whole document into numbered lines (line numbers refer to the input text). */
export function cleanText(text: string): Line[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return splitLines(src).map((raw, i) => ({ no: i + 1, text: cleanLine(raw) }));
}
