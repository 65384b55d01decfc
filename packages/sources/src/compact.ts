/**
 * @module compact — storage for what a bulk run keeps between its passes (people's facts in pass 1, the
 * decided records for pass 2), a few bytes an item instead of JavaScript objects and strings: growable
 * typed columns, and text as UTF-8 bytes in blocks of a megabyte.
 */

/** A growable typed column; a column of two-byte numbers widens to four bytes when a number needs it. */
export class Column<T extends Int32Array | Float64Array | Uint8Array | Uint16Array> {
  data: T;
  length = 0;
  constructor(private make: (n: number) => T) {
    this.data = make(1024);
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    if (v > 0xffff && this.data instanceof Uint16Array) this.widen();
    this.data[this.length] = v;
    return this.length++;
  }
  /** A number column of two-byte numbers becomes a four-byte one when a number needs it. */
  private widen(): void {
    const wide = new Int32Array(this.data.length);
    wide.set(this.data);
    this.data = wide as T;
    this.make = (n) => new Int32Array(n) as T;
  }
  /** Gives back the room kept for growth (after the last push). */
  trim(): void {
    if (this.length < this.data.length) this.data = this.data.slice(0, Math.max(this.length, 1)) as T;
  }
  /** Empties the column and gives its memory back. */
  reset(): void {
    this.data = this.make(1024);
    this.length = 0;
  }
}

export const int32Column = () => new Column((n) => new Int32Array(n));
/** Non-negative numbers, two bytes each while they are small (almost always), else four. */
export const numberColumn = () => new Column<Uint16Array | Int32Array>((n) => new Uint16Array(n));
export const uint8Column = () => new Column((n) => new Uint8Array(n));

/**
 * Text as UTF-8 bytes in blocks of a megabyte. A JavaScript string costs the heap a header and, in an
 * array, a slot; here a piece costs its bytes, and its place is one number. A piece never spans two
 * blocks; one longer than a block gets a block of its own. A place is `block number × BLOCK + offset`,
 * which fits four bytes up to 2 GB of text.
 */

/** Size of one block. */
const BLOCK = 1 << 20;
export class ByteBlocks {
  private readonly blocks: Buffer[] = [];
  private used = 0; // bytes used in the last block

  /** Room for `n` bytes in one block: returns its place (fill it with `write`). */
  reserve(n: number): number {
    const last = this.blocks[this.blocks.length - 1];
    if (last === undefined || this.used + n > last.length) {
      this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK, n)));
      this.used = 0;
    }
    const at = (this.blocks.length - 1) * BLOCK + this.used;
    this.used += n;
    return at;
  }

  /**
   * Writes `text` as UTF-8 into reserved room, `into` bytes after place `at` (a place plus a length is
   * not a place: a piece longer than a block runs past the next block's number). Returns bytes written.
   */
  write(at: number, text: string, into = 0): number {
    return this.block(at).write(text, this.offset(at) + into, "utf8");
  }

  /** The block holding place `at`. */
  block(at: number): Buffer {
    return this.blocks[Math.floor(at / BLOCK)]!;
  }

  /** The offset of place `at` in its block. */
  offset(at: number): number {
    return at % BLOCK;
  }

  /** The text of the `n` bytes at place `at`. */
  text(at: number, n: number): string {
    const offset = this.offset(at);
    return this.block(at).toString("utf8", offset, offset + n);
  }
}
