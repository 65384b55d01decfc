/**
 * @module doj/reader — reads a DOJ research file: header detection, record scanning, field-count check.
 *
 * Header rule (gogen-behaviour.md §1.1): a file whose first bytes are `RECORD_ID` has a header line,
 * discarded without counting its fields (so a header ending in an extra comma is fine). Deviations:
 * a UTF-8 byte-order mark is skipped before the test, and files shorter than 128 bytes are read
 * normally (the original failed them with `EOF`). Every record must have 95 fields; one that does not,
 * that breaks the quoting rules, or whose SUBJECT_ID (or, on a conviction, CNT_ORDER) is blank
 * (subjects.ts `blankKeyProblem`) is reported as a reject with its line and the run goes on. Both passes
 * read through here, so they leave out the same rows.
 */
import { open, stat } from "node:fs/promises";
import { DOJ_FIELD_COUNT } from "./columns.ts";
import { type ScannedRecord, type ScanReject, scanCsvFile } from "./csv-scanner.ts";
import { blankKeyProblem } from "./subjects.ts";

/** A rejected input row: where, why, and the raw text. */
export interface RowReject {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly reason: string;
  readonly raw: string;
}

/** What `readDojFile` calls back with. */
export interface DojHandlers {
  onRow(rec: ScannedRecord): void;
  onReject(rej: RowReject): void;
  afterChunk?(bytesDone: number): Promise<void> | void;
  aborted?(): boolean;
}

/** Facts about a file's start. */
export interface DojFileInfo {
  readonly hasHeader: boolean;
  readonly bom: boolean;
  readonly size: number;
}

/** Looks at the first bytes: BOM and header. */
export async function inspectDojFile(path: string): Promise<DojFileInfo> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(128);
    const { bytesRead } = await fh.read(head, 0, 128, 0);
    const bom = bytesRead >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const text = head.toString("utf8", bom ? 3 : 0, bytesRead);
    const { size } = await stat(path);
    return { hasHeader: text.startsWith("RECORD_ID"), bom, size };
  } finally {
    await fh.close();
  }
}

/**
 * Streams a DOJ file's data rows; resolves with the file facts and bytes read. `pick` names the fields
 * each row's `pickedInDialect` can write (see `ScanOptions.pick`).
 */
export async function readDojFile(
  path: string,
  label: string,
  handlers: DojHandlers,
  options: { readonly pick?: readonly number[] } = {},
): Promise<DojFileInfo> {
  const info = await inspectDojFile(path);
  await scanCsvFile(
    path,
    {
      onRecord(rec) {
        const problem =
          rec.count !== DOJ_FIELD_COUNT
            ? `wrong number of fields: ${rec.count}, expected ${DOJ_FIELD_COUNT}`
            : blankKeyProblem(rec);
        if (problem !== undefined) {
          handlers.onReject({
            file: label,
            line: rec.line,
            endLine: rec.endLine,
            reason: problem,
            raw: rec.buf.toString("utf8", rec.start, rec.end),
          });
          return;
        }
        handlers.onRow(rec);
      },
      onReject(rej: ScanReject) {
        handlers.onReject({ file: label, ...rej });
      },
      ...(handlers.afterChunk ? { afterChunk: handlers.afterChunk } : {}),
      ...(handlers.aborted ? { aborted: handlers.aborted } : {}),
    },
    {
      skipFirstLine: info.hasHeader,
      skipBytes: info.bom ? 3 : 0,
      ...(options.pick ? { pick: options.pick } : {}),
    },
  );
  return info;
}
