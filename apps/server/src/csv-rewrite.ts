/**
 * @module csv-rewrite — streams a gogen-dialect CSV and replaces the eligibility cells of chosen data rows,
 * copying every other record byte for byte. Used by the export so the bundle reflects overrides without
 * reading a whole file into memory.
 */
import { Transform, type TransformCallback } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** The new values for one data row. */
export interface CellPatch {
  readonly determination: string;
  readonly reason: string;
}

/** Splits one CSV record (no trailing newline) into fields (RFC 4180 quoting). */
export function splitRecord(record: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i]!;
    if (quoted) {
      if (ch === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** Writes one field in the gogen writer dialect (quoted iff needed; see gogen-behaviour §5.2). */
export function formatField(v: string): string {
  if (v === "") return v;
  if (/[",\r\n]/.test(v) || /^\s/.test(v) || v === "\\.") return `"${v.replaceAll('"', '""')}"`;
  return v;
}

/** Neutralises a human-written cell so a spreadsheet does not run it as a formula. */
export function spreadsheetSafe(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * A Transform from CSV text to CSV text. `patchFor(dataRowIndex)` (0-based, header excluded) returns the
 * cells to write, or undefined to copy the record unchanged. The header must hold the columns
 * `Eligibility Determination` and `Eligibility Reason`.
 */
export function rewriteEligibility(patchFor: (dataRow: number) => CellPatch | undefined): Transform {
  const decoder = new StringDecoder("utf8");
  let buf = "";
  let scanFrom = 0;
  let quoted = false;
  let row = -1; // -1 = header
  let detCol = -1;
  let reasonCol = -1;
  const emit = (t: Transform, record: string) => {
    if (row === -1) {
      const header = splitRecord(record.replace(/\r$/, ""));
      detCol = header.indexOf("Eligibility Determination");
      reasonCol = header.indexOf("Eligibility Reason");
      if (detCol < 0 || reasonCol < 0) throw new Error("CSV has no eligibility columns");
      t.push(`${record}\n`);
    } else {
      const patch = patchFor(row);
      if (patch) {
        const cr = record.endsWith("\r");
        const fields = splitRecord(cr ? record.slice(0, -1) : record);
        fields[detCol] = spreadsheetSafe(patch.determination);
        fields[reasonCol] = spreadsheetSafe(patch.reason);
        t.push(`${fields.map(formatField).join(",")}${cr ? "\r" : ""}\n`);
      } else t.push(`${record}\n`);
    }
    row++;
  };
  return new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _enc, cb: TransformCallback) {
      try {
        buf += typeof chunk === "string" ? chunk : decoder.write(chunk);
        let start = 0;
        for (let i = scanFrom; i < buf.length; i++) {
          const ch = buf.charCodeAt(i);
          if (ch === 34) quoted = !quoted;
          else if (ch === 10 && !quoted) {
            emit(this, buf.slice(start, i));
            start = i + 1;
          }
        }
        buf = buf.slice(start);
        scanFrom = buf.length;
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        buf += decoder.end();
        if (buf.length > 0) emit(this, buf);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
  });
}
