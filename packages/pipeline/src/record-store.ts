/**
 * @module record-store — the eligibility cells of every decided conviction, kept between the passes as
 * UTF-8 bytes in one growing buffer (a few bytes of bookkeeping each), keyed by data-row index. Strings
 * built cell by cell would cost the JavaScript heap many times their length.
 */

/** Pre-encoded eligibility cells around "Possible Other P64 Charges", by row index. */
export class RecordStore {
  private arena = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private readonly slot = new Map<number, number>();
  private starts = new Int32Array(1024);
  private beforeLens = new Int32Array(1024);
  private afterLens = new Int32Array(1024);
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
    if (this.count === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.beforeLens = grow(this.beforeLens);
      this.afterLens = grow(this.afterLens);
    }
    const k = this.count++;
    this.starts[k] = this.used;
    this.beforeLens[k] = this.arena.write(before, this.used, "utf8");
    this.used += this.beforeLens[k]!;
    this.afterLens[k] = this.arena.write(after, this.used, "utf8");
    this.used += this.afterLens[k]!;
    this.slot.set(rowIndex, k);
  }

  /** Whether the row has a record. */
  has(rowIndex: number): boolean {
    return this.slot.has(rowIndex);
  }

  /**
   * Calls `write(buffer, start, end)` for the bytes before and after the "Possible Other P64 Charges"
   * cell of a row. Returns false when the row has no record.
   */
  parts(rowIndex: number): { buf: Buffer; before: [number, number]; after: [number, number] } | undefined {
    const k = this.slot.get(rowIndex);
    if (k === undefined) return undefined;
    const s = this.starts[k]!;
    const b = s + this.beforeLens[k]!;
    return { buf: this.arena, before: [s, b], after: [b, b + this.afterLens[k]!] };
  }

  /** The decoded cells (for tests and tools). */
  get(rowIndex: number): { before: string; after: string } | undefined {
    const p = this.parts(rowIndex);
    if (!p) return undefined;
    return {
      before: p.buf.toString("utf8", p.before[0], p.before[1]),
      after: p.buf.toString("utf8", p.after[0], p.after[1]),
    };
  }
}
