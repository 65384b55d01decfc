/**
 * @module test/helpers — shared helpers for the pipeline tests: paths to ../shared, temp folders,
 * a small RFC 4180 parser for reading outputs back.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of a file under the shared reference folder beside the repository. */
export function shared(rel: string): string {
  return fileURLToPath(new URL(`../../../../../shared/${rel}`, import.meta.url));
}

/** A fresh temporary folder. */
export function tempDir(prefix = "clearance-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Parses CSV text (RFC 4180, LF or CRLF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += c === "\r" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
