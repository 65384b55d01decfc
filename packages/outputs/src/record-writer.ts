/**
 * @module record-writer — writes a scanned input record in the output dialect with as few copies as
 * possible: runs of fields whose raw bytes already are in the dialect are copied in one go; only a
 * field the dialect writes differently (a quoted field that needs no quotes, an unquoted one that starts
 * with white space or holds a carriage return, a quoted one with CR LF read as LF) is re-encoded. The
 * output is byte-identical to re-serialising every field.
 */
import { type AtomicWriter, csvField } from "./csv.ts";

/** The shape of a scanned record (see @clearance/sources `ScannedRecord`). */
export interface RawRecord {
  readonly buf: Buffer;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /**
   * Per field: 1 = quoted, 2 = contains `""` escapes, 4 = its value holds a carriage return (an unquoted
   * field with a CR, which the dialect quotes; a quoted one with CR LF inside, which `field` reads as LF).
   */
  readonly flags: Uint8Array;
  field(i: number): string;
  /** The whole record written in the dialect by a faster path: its length in `dialectOut`, or -1. */
  inDialect?(): number;
  readonly dialectOut?: Buffer | undefined;
  /**
   * After `inDialect` returned n ≥ 0: `fields` (the very array the scan was told to pick) in the dialect,
   * in `pickedOut`; or -1.
   */
  pickedInDialect?(n: number, fields: readonly number[]): number;
  readonly pickedOut?: Buffer | undefined;
}

const QUOTED = 1;
/** The scanner's FIELD_CR: set on the rare field holding a CR, so no field's bytes need searching for one. */
const CR_INSIDE = 4;

/** Whether a field's raw bytes differ from how the dialect writes its value. */
function needsRewrite(rec: RawRecord, i: number): boolean {
  const b = rec.buf;
  const s = rec.starts[i]!;
  const e = rec.ends[i]!;
  const f = rec.flags[i]!;
  if ((f & QUOTED) === 0) {
    if (s === e) return false;
    if (f !== 0) return true; // CR_INSIDE: a CR must be quoted
    const c = b[s]!;
    // Leading white space must be quoted; a non-ASCII first byte may be Unicode white space.
    return (
      c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x80 || (c === 0x5c && e - s === 2 && b[s + 1] === 0x2e)
    );
  }
  // Quoted input: the raw bytes are right exactly when the dialect would quote the value too.
  if (s === e) return true; // "" → empty, never quoted
  if ((f & CR_INSIDE) !== 0) return true; // CR LF read as LF: re-encode the value
  const c = b[s]!;
  if (c >= 0x80) return true; // let the general encoder decide about Unicode white space
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return false; // leading white space: quoted either way
  for (let k = s; k < e; k++) {
    const d = b[k];
    if (d === 0x2c || d === 0x22 || d === 0x0d || d === 0x0a) return false;
  }
  return !(c === 0x5c && e - s === 2 && b[s + 1] === 0x2e);
}

/** Raw start of field i (its opening quote for quoted fields). */
function rawStart(rec: RawRecord, i: number): number {
  return (rec.flags[i]! & QUOTED) !== 0 ? rec.starts[i]! - 1 : rec.starts[i]!;
}

/** Raw end of field i (after its closing quote for quoted fields). */
function rawEnd(rec: RawRecord, i: number): number {
  return (rec.flags[i]! & QUOTED) !== 0 ? rec.ends[i]! + 1 : rec.ends[i]!;
}

/** Writes a field that needs rewriting: bytes wrapped in quotes when that suffices, else re-encoded. */
function rewriteField(w: AtomicWriter, rec: RawRecord, i: number): void {
  const s = rec.starts[i]!;
  const e = rec.ends[i]!;
  const c = rec.buf[s];
  // An unquoted field with leading ASCII white space (the DOJ filler "  -  ") or a CR (an unquoted field
  // has no quote, comma or LF): quote its bytes as they are.
  if ((rec.flags[i]! & QUOTED) === 0 && c !== undefined && c < 0x80 && s < e) {
    w.writeByte(0x22);
    w.writeBytes(rec.buf, s, e);
    w.writeByte(0x22);
    return;
  }
  w.write(csvField(rec.field(i)));
}

/**
 * Writes all fields of the record, comma-separated, without a line end. Returns the record's length in
 * the fast path's `dialectOut` when that path wrote it (for `writeRecordFields`, or for writing the same
 * record again: pass that length as `dialectLength`), else -1.
 */
export function writeRecord(w: AtomicWriter, rec: RawRecord, dialectLength?: number): number {
  const n = dialectLength ?? (rec.inDialect ? rec.inDialect() : -1);
  if (n >= 0) {
    w.writeBytes(rec.dialectOut!, 0, n);
    return n;
  }
  let runStart = rec.start; // start of bytes not yet written
  const { starts, ends, flags } = rec;
  for (let i = 0; i < rec.count; i++) {
    // Empty unquoted fields (half of a DOJ row) are always written as they are.
    if (starts[i] === ends[i] && flags[i] === 0) continue;
    if (!needsRewrite(rec, i)) continue;
    const fs = rawStart(rec, i);
    if (fs > runStart) w.writeBytes(rec.buf, runStart, fs);
    rewriteField(w, rec, i);
    runStart = rawEnd(rec, i);
  }
  if (rec.end > runStart) w.writeBytes(rec.buf, runStart, rec.end);
  return -1;
}

/**
 * Writes some fields of a record, comma-separated, in the dialect: from the fast path's copy when
 * `dialectLength` (what `writeRecord` returned for this record) allows, else field by field.
 */
export function writeRecordFields(
  w: AtomicWriter,
  rec: RawRecord,
  fields: readonly number[],
  dialectLength: number,
): void {
  const m = dialectLength >= 0 && rec.pickedInDialect ? rec.pickedInDialect(dialectLength, fields) : -1;
  if (m >= 0) {
    w.writeBytes(rec.pickedOut!, 0, m);
    return;
  }
  for (let c = 0; c < fields.length; c++) {
    if (c > 0) w.writeByte(0x2c);
    writeRecordField(w, rec, fields[c]!);
  }
}

/** Writes one field in the dialect, copying its raw bytes when they already are. */
export function writeRecordField(w: AtomicWriter, rec: RawRecord, i: number): void {
  if (needsRewrite(rec, i)) rewriteField(w, rec, i);
  else {
    const s = rawStart(rec, i);
    const e = rawEnd(rec, i);
    if (e > s) w.writeBytes(rec.buf, s, e);
  }
}
