/**
 * @module record-store — the eligibility cells of every decided conviction, kept between the passes as
 * UTF-8 bytes in blocks of one megabyte (a few bytes of bookkeeping each, the endings most records share
 * kept once), keyed by data-row index. Strings built cell by cell would cost the JavaScript heap many
 * times their length.
 */

import type { AtomicWriter } from "@clearance/outputs";
import { ByteBlocks, int32Column, numberColumn } from "@clearance/sources";

/** Most distinct record endings kept once and shared (beyond it, endings are stored with each record). */
const MAX_ENDINGS = 4096;
/** No shared ending: the record's bytes hold all of its cells. */
const NO_ENDING = MAX_ENDINGS;

/**
 * Pre-encoded eligibility cells around "Possible Other P64 Charges", by row index. The last two cells
 * (the determination and its reason in both layouts) repeat across most records, so each distinct ending
 * is kept once and records point to it; about 14 bytes of bookkeeping a record.
 */
export class RecordStore {
  private readonly bytes = new ByteBlocks();
  private readonly rows = int32Column();
  /** Place of each record's first byte in `bytes`. */
  private readonly starts = int32Column();
  private readonly beforeLens = numberColumn();
  private readonly afterLens = numberColumn();
  private readonly endingOf = numberColumn();
  private readonly endings: Buffer[] = [];
  private readonly endingIds = new Map<string, number>();

  /** Stores the CSV-encoded cells before and after "Possible Other P64 Charges" for a row. */
  set(rowIndex: number, before: string, after: string): void {
    // The shared ending: from the second-last comma (a split anywhere joins back to the same bytes).
    const cut = after.lastIndexOf(",", after.lastIndexOf(",") - 1);
    let ending = NO_ENDING;
    let own = after;
    if (cut >= 0) {
      const text = after.slice(cut);
      const known = this.endingIds.get(text);
      if (known !== undefined) ending = known;
      else if (this.endings.length < MAX_ENDINGS) {
        ending = this.endings.push(Buffer.from(text, "utf8")) - 1;
        this.endingIds.set(text, ending);
      }
      if (ending !== NO_ENDING) own = after.slice(0, cut);
    }
    const nBefore = Buffer.byteLength(before);
    const nAfter = Buffer.byteLength(own);
    const at = this.bytes.reserve(nBefore + nAfter);
    this.bytes.write(at, before);
    this.bytes.write(at, own, nBefore);
    this.rows.push(rowIndex);
    this.starts.push(at);
    this.beforeLens.push(nBefore);
    this.afterLens.push(nAfter);
    this.endingOf.push(ending);
  }

  /** Writes record `k`'s cells before "Possible Other P64 Charges". */
  writeBefore(w: AtomicWriter, k: number): void {
    const at = this.starts.data[k]!;
    const offset = this.bytes.offset(at);
    w.writeBytes(this.bytes.block(at), offset, offset + this.beforeLens.data[k]!);
  }

  /** Writes record `k`'s cells after "Possible Other P64 Charges". */
  writeAfter(w: AtomicWriter, k: number): void {
    const at = this.starts.data[k]!;
    const offset = this.bytes.offset(at) + this.beforeLens.data[k]!;
    w.writeBytes(this.bytes.block(at), offset, offset + this.afterLens.data[k]!);
    const ending = this.endingOf.data[k]!;
    if (ending !== NO_ENDING) {
      const e = this.endings[ending]!;
      w.writeBytes(e, 0, e.length);
    }
  }

  /**
   * Record numbers in row order, for a pass that visits rows in order (`RowCursor`): one comparison per
   * row instead of a lookup.
   */
  inRowOrder(): Int32Array {
    const order = new Int32Array(this.rows.length);
    for (let k = 0; k < order.length; k++) order[k] = k;
    const rows = this.rows.data;
    return order.sort((a, b) => rows[a]! - rows[b]!);
  }

  /** Number of records. */
  get size(): number {
    return this.rows.length;
  }

  /** Row index of record `k`. */
  rowOf(k: number): number {
    return this.rows.data[k]!;
  }
}

/** Finds the record of each row, rows asked in increasing order. */
export interface RowSlots {
  /** The record number of `rowIndex`, or -1 when it has none. */
  slot(rowIndex: number): number;
}

/** Walks the records of a store in row order while rows are visited in order. */
export class RowCursor implements RowSlots {
  private readonly order: Int32Array;
  private i = 0;

  constructor(private readonly store: RecordStore) {
    this.order = store.inRowOrder();
  }

  /** The record number of `rowIndex` (rows asked in increasing order), or -1 when it has none. */
  slot(rowIndex: number): number {
    const order = this.order;
    while (this.i < order.length && this.store.rowOf(order[this.i]!) < rowIndex) this.i++;
    return this.i < order.length && this.store.rowOf(order[this.i]!) === rowIndex ? order[this.i]! : -1;
  }
}
