/**
 * @module record-store — the eligibility cells of every decided conviction, kept between the passes as
 * UTF-8 bytes in blocks of one megabyte (a few bytes of bookkeeping each, the endings most records share
 * kept once), keyed by data-row index. Strings built cell by cell would cost the JavaScript heap many
 * times their length.
 */

import type { AtomicWriter } from "@clearance/outputs";

/** Size of one block of the record bytes. */
const BLOCK = 1 << 20;
/** Most distinct record endings kept once and shared (beyond it, endings are stored with each record). */
const MAX_ENDINGS = 4096;
/** A length too large for two bytes: the real one is in `longLengths`. */
const LONG = 0xffff;
/** No shared ending: the record's bytes hold all of its cells. */
const NO_ENDING = 0xffff;

/** A typed array twice as long, with the old values. */
function grown<T extends Int32Array | Uint16Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Pre-encoded eligibility cells around "Possible Other P64 Charges", by row index. The last two cells
 * (the determination and its reason in both layouts) repeat across most records, so each distinct ending
 * is kept once and records point to it; about 14 bytes of bookkeeping a record.
 */
export class RecordStore {
  /** The record bytes, in blocks of `BLOCK` bytes (a record never spans two; a longer one has its own). */
  private readonly blocks: Buffer[] = [];
  private used = 0; // bytes used in the last block
  private rows = new Int32Array(1024);
  /** Block number × BLOCK + offset of each record's first byte. */
  private starts = new Int32Array(1024);
  private beforeLens = new Uint16Array(1024);
  private afterLens = new Uint16Array(1024);
  private endingOf = new Uint16Array(1024);
  private readonly longLengths = new Map<number, number>(); // (k * 2 + 0|1) → before | after length
  private readonly endings: Buffer[] = [];
  private readonly endingIds = new Map<string, number>();
  private count = 0;

  /** Stores the CSV-encoded cells before and after "Possible Other P64 Charges" for a row. */
  set(rowIndex: number, before: string, after: string): void {
    if (this.count === this.rows.length) this.grow(this.count * 2);
    const k = this.count++;
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
    const last = this.blocks[this.blocks.length - 1];
    if (last === undefined || this.used + nBefore + nAfter > last.length) {
      this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK, nBefore + nAfter)));
      this.used = 0;
    }
    const b = this.blocks.length - 1;
    const block = this.blocks[b]!;
    this.rows[k] = rowIndex;
    this.starts[k] = b * BLOCK + this.used;
    this.used += block.write(before, this.used, "utf8");
    this.used += block.write(own, this.used, "utf8");
    this.beforeLens[k] = Math.min(nBefore, LONG);
    if (nBefore >= LONG) this.longLengths.set(k * 2, nBefore);
    this.afterLens[k] = Math.min(nAfter, LONG);
    if (nAfter >= LONG) this.longLengths.set(k * 2 + 1, nAfter);
    this.endingOf[k] = ending;
  }

  private grow(n: number): void {
    this.rows = grown(this.rows, n);
    this.starts = grown(this.starts, n);
    this.beforeLens = grown(this.beforeLens, n);
    this.afterLens = grown(this.afterLens, n);
    this.endingOf = grown(this.endingOf, n);
  }

  private lengths(k: number): [number, number] {
    const b = this.beforeLens[k]!;
    const a = this.afterLens[k]!;
    return [b === LONG ? this.longLengths.get(k * 2)! : b, a === LONG ? this.longLengths.get(k * 2 + 1)! : a];
  }

  /** Writes record `k`'s cells before "Possible Other P64 Charges". */
  writeBefore(w: AtomicWriter, k: number): void {
    const at = this.starts[k]!;
    const offset = at % BLOCK;
    const [nBefore] = this.lengths(k);
    w.writeBytes(this.blocks[(at - offset) / BLOCK]!, offset, offset + nBefore);
  }

  /** Writes record `k`'s cells after "Possible Other P64 Charges". */
  writeAfter(w: AtomicWriter, k: number): void {
    const at = this.starts[k]!;
    const offset = at % BLOCK;
    const [nBefore, nAfter] = this.lengths(k);
    w.writeBytes(this.blocks[(at - offset) / BLOCK]!, offset + nBefore, offset + nBefore + nAfter);
    const ending = this.endingOf[k]!;
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
    const order = new Int32Array(this.count);
    for (let k = 0; k < this.count; k++) order[k] = k;
    const rows = this.rows;
    return order.sort((a, b) => rows[a]! - rows[b]!);
  }

  /** Row index of record `k`. */
  rowOf(k: number): number {
    return this.rows[k]!;
  }
}

/** Walks the records of a store in row order while rows are visited in order. */
export class RowCursor {
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
