/**
 * @module record-store — the eligibility cells of every decided conviction, kept between the passes as
 * UTF-8 bytes in blocks of one megabyte (a few bytes of bookkeeping each), keyed by data-row index. Strings
 * built cell by cell would cost the JavaScript heap many times their length.
 */

/** Size of one block of the record bytes. */
const BLOCK = 1 << 20;

/** Pre-encoded eligibility cells around "Possible Other P64 Charges", by row index. */
export class RecordStore {
  /** The record bytes, in blocks of `BLOCK` bytes (a record never spans two): no copying as they grow. */
  private readonly blocks: Buffer[] = [];
  private used = BLOCK; // bytes used in the last block (full: the first record opens a block)
  private rows: Int32Array = new Int32Array(1024);
  private blockOf: Int32Array = new Int32Array(1024);
  private starts: Int32Array = new Int32Array(1024);
  private beforeLens: Int32Array = new Int32Array(1024);
  private afterLens: Int32Array = new Int32Array(1024);
  private count = 0;

  /** Stores the CSV-encoded cells before and after "Possible Other P64 Charges" for a row. */
  set(rowIndex: number, before: string, after: string): void {
    const need = Buffer.byteLength(before) + Buffer.byteLength(after);
    if (this.used + need > BLOCK) {
      this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK, need)));
      this.used = 0;
    }
    if (this.count === this.starts.length) this.grow(this.count * 2);
    const block = this.blocks[this.blocks.length - 1]!;
    const k = this.count++;
    this.rows[k] = rowIndex;
    this.blockOf[k] = this.blocks.length - 1;
    this.starts[k] = this.used;
    this.beforeLens[k] = block.write(before, this.used, "utf8");
    this.used += this.beforeLens[k]!;
    this.afterLens[k] = block.write(after, this.used, "utf8");
    this.used += this.afterLens[k]!;
  }

  private grow(n: number): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.rows = grow(this.rows);
    this.blockOf = grow(this.blockOf);
    this.starts = grow(this.starts);
    this.beforeLens = grow(this.beforeLens);
    this.afterLens = grow(this.afterLens);
  }

  /** The buffer holding record `k`'s bytes (offsets below are into it). */
  buffer(k: number): Buffer {
    return this.blocks[this.blockOf[k]!]!;
  }

  /** Start of the cells before "Possible Other P64 Charges" of record `k`. */
  beforeStart(k: number): number {
    return this.starts[k]!;
  }

  /** End of the cells before (and start of the cells after) "Possible Other P64 Charges". */
  beforeEnd(k: number): number {
    return this.starts[k]! + this.beforeLens[k]!;
  }

  /** End of the cells after "Possible Other P64 Charges". */
  afterEnd(k: number): number {
    return this.starts[k]! + this.beforeLens[k]! + this.afterLens[k]!;
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
