/**
 * @module generate/csv-line — RFC-4180 encoding of one record, as the DOJ research file uses it.
 */

const NEEDS_QUOTES = /[",\n\r]/;
const QUOTE = /"/g;

/** Quotes a field only when it holds a comma, a double quote or a line break (quotes are doubled). */
export function encodeCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

/**
 * Encodes one record as a line ending in `\n`.
 * @example encodeCsvLine(["1", "SMITH,JOHN A"]) // '1,"SMITH,JOHN A"\n'
 */
export function encodeCsvLine(fields: readonly string[]): string {
  let line = "";
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    const e = f.length === 0 ? f : encodeCsvField(f);
    line += i === 0 ? e : "," + e;
  }
  return line + "\n";
}
