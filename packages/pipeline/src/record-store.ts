/**
 * @module record-store — the eligibility cells of every decided conviction, kept between the passes as
 * UTF-8 bytes in one growing buffer (a few bytes of bookkeeping each), keyed by data-row index. Strings
 * built cell by cell would cost the JavaScript heap many times their length.
 */

/** Pre-encoded eligibility cells around "Possible Other P64 Charges", by row index. */
export class RecordStore {
  /** The bytes of every record. */
  arena: Buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private readonly slots = new Map<number, number>();
  private rows: Int32Array = new Int32Array(1024);
  private starts: Int32Array = new Int32Array(1024);
  private beforeLens: Int32Array = new Int32Array(1024);
  private afterLens: Int32Array = new Int32Array(1024);
  private count = 0;

  /** Number of records. */
  get size(): number {
    return this.count;
  }

  /** Stores the CSV-encoded cells before and after "Possible Other P64 Charges" for a row. */
  set(rowIndex: number, before: string, after: string): void {
    const need = Buffer.byteLength(before) + Buffer.byteLength(after);
    if (this.used + need > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + need));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    if (this.count === this.starts.length) this.grow(Math.max(1024, this.count * 2));
    const k = this.count++;
    this.rows[k] = rowIndex;
    this.starts[k] = this.used;
    this.beforeLens[k] = this.arena.write(before, this.used, "utf8");
    this.used += this.beforeLens[k]!;
    this.afterLens[k] = this.arena.write(after, this.used, "utf8");
    this.used += this.afterLens[k]!;
    this.slots.set(rowIndex, k);
  }

  private grow(n: number): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a.subarray(0, Math.min(a.length, n)));
      return b;
    };
    this.rows = grow(this.rows);
    this.starts = grow(this.starts);
    this.beforeLens = grow(this.beforeLens);
    this.afterLens = grow(this.afterLens);
  }

  /** The record number of a row, or -1 when the row has none. */
  slot(rowIndex: number): number {
    return this.slots.get(rowIndex) ?? -1;
  }

  /** Start in `arena` of the cells before "Possible Other P64 Charges" of record `k`. */
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

  /** The decoded cells (for tests and tools). */
  get(rowIndex: number): { before: string; after: string } | undefined {
    const k = this.slot(rowIndex);
    if (k < 0) return undefined;
    return {
      before: this.arena.toString("utf8", this.beforeStart(k), this.beforeEnd(k)),
      after: this.arena.toString("utf8", this.beforeEnd(k), this.afterEnd(k)),
    };
  }

  /**
   * Record numbers in row order, for a pass that visits rows in order (`RowCursor`): one comparison per
   * row instead of a map lookup.
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
