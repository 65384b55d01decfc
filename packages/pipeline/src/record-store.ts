/**
 * @module record-store — the eligibility cells of every decided conviction, kept between the passes as
 * UTF-8 bytes in one growing buffer (a few bytes of bookkeeping each), keyed by data-row index. Strings
 * built cell by cell would cost the JavaScript heap many times their length. The store moves to a
 * worker thread as plain buffers (`data()` / `fromData()`).
 */

/** A record store as plain transferable buffers. */
export interface RecordStoreData {
  readonly arena: Uint8Array;
  readonly rows: Int32Array;
  readonly starts: Int32Array;
  readonly beforeLens: Int32Array;
  readonly afterLens: Int32Array;
}

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

  /** The records of rows at or after `fromRow`, as fresh buffers to transfer to another thread. */
  data(fromRow = 0): RecordStoreData {
    const keep: number[] = [];
    let bytes = 0;
    for (let k = 0; k < this.count; k++)
      if (this.rows[k]! >= fromRow) {
        keep.push(k);
        bytes += this.beforeLens[k]! + this.afterLens[k]!;
      }
    const arena = new Uint8Array(bytes);
    const out = {
      arena,
      rows: new Int32Array(keep.length),
      starts: new Int32Array(keep.length),
      beforeLens: new Int32Array(keep.length),
      afterLens: new Int32Array(keep.length),
    };
    let at = 0;
    keep.forEach((k, j) => {
      const len = this.beforeLens[k]! + this.afterLens[k]!;
      arena.set(this.arena.subarray(this.starts[k]!, this.starts[k]! + len), at);
      out.rows[j] = this.rows[k]!;
      out.starts[j] = at;
      out.beforeLens[j] = this.beforeLens[k]!;
      out.afterLens[j] = this.afterLens[k]!;
      at += len;
    });
    return out;
  }

  /** The buffers of `data` to transfer. */
  static transfer(data: RecordStoreData): ArrayBuffer[] {
    return [data.arena, data.rows, data.starts, data.beforeLens, data.afterLens].map(
      (a) => a.buffer as ArrayBuffer,
    );
  }

  /** A store from `data()` (on the receiving thread). */
  static fromData(data: RecordStoreData): RecordStore {
    const store = new RecordStore();
    store.arena = Buffer.from(data.arena.buffer, data.arena.byteOffset, data.arena.length);
    store.used = data.arena.length;
    store.rows = data.rows;
    store.starts = data.starts;
    store.beforeLens = data.beforeLens;
    store.afterLens = data.afterLens;
    store.count = data.rows.length;
    for (let k = 0; k < store.count; k++) store.slots.set(store.rows[k]!, k);
    return store;
  }
}
