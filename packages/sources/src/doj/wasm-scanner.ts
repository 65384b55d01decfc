/**
 * @module doj/wasm-scanner — the scanner's fast path in WebAssembly: one plain record at a time.
 *
 * Almost every DOJ row is "plain": fields unquoted, or quoted without a line break inside, the record
 * ending in a bare LF within the bytes read so far. For such a record this module finds the field
 * boundaries about three times faster than the JavaScript loop; for anything else (a CR, a line break in
 * quotes, a bare quote, text after a closing quote, more than `MAX_FIELDS` fields, a record not yet
 * complete) it answers -1 and the JavaScript scanner (csv-scanner.ts) reads that record as before, with
 * its messages. So the fast path only ever agrees with the slow one (a property test compares them).
 *
 * The module is assembled here from its instructions (no build step, no binary in the repository). Its
 * memory holds the scan buffer at offset 0 (`BUFFER_BYTES`) and, after it, the field starts and ends
 * (i32) and flags (u8) of the record just read, which the scanner's `ScannedRecord` views directly.
 *
 *   scan(pos, len) → next record's start, or -1 (not plain). On success: count at COUNT, flags OR at ANY.
 */

/** Bytes of scan buffer at the start of the module's memory. */
export const BUFFER_BYTES = (2 << 20) + (64 << 10);
/** Most fields a plain record may have. */
export const MAX_FIELDS = 128;
const META = BUFFER_BYTES;
const STARTS = META;
const ENDS = META + 4 * MAX_FIELDS;
const FLAGS = META + 8 * MAX_FIELDS;
const COUNT = META + 9 * MAX_FIELDS;
const ANY = COUNT + 4;
/** Where `dialect` put each field (its raw form, quotes included) in its output, relative to `OUT` (i32). */
const OUT_STARTS = META + 1280;
/** The runs of adjacent fields `pick` copies: their number (i32), then first and last field of each. */
const PICK_COUNT = META + 1792;
const PICKS = PICK_COUNT + 8;
/** Most runs a pick may have. */
export const MAX_PICK_RUNS = 64;
/** Where `dialect` writes a record in the output dialect, and how much room it has. */
const OUT = META + 4096;
const OUT_BYTES = 64 << 10;
/** Where `pick` writes the picked fields of the record `dialect` just wrote. */
const PICKED = OUT + OUT_BYTES;
const PAGES = Math.ceil((PICKED + OUT_BYTES) / 65536);

// Opcodes used (WebAssembly core specification, binary format).
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const RETURN = 0x0f;
const VOID = 0x40;
const GET = 0x20;
const SET = 0x21;
const LOAD8_U = 0x2d;
const STORE = 0x36;
const STORE8 = 0x3a;
const CONST = 0x41;
const EQ = 0x46;
const GE_U = 0x4f;
const ADD = 0x6a;
const SHL = 0x74;
const OR = 0x72;
const AND = 0x71;
const SUB = 0x6b;
const LE_U = 0x4d;
const GT_U = 0x4b;
const LOAD = 0x28;
const ELSE = 0x05;
const LT_U = 0x49;
const MEMORY_COPY = [0xfc, 0x0a, 0x00, 0x00];

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

// Locals: 0 pos, 1 len (parameters); 2 i, 3 n, 4 c, 5 flags, 6 any.
const POS = 0;
const LEN = 1;
const I = 2;
const N = 3;
const C = 4;
const FL = 5;
const AN = 6;

const get = (l: number) => [GET, l];
const set = (l: number) => [SET, l];
const k = (v: number) => [CONST, ...sleb(v)];
const load8 = [LOAD8_U, 0, 0];
/** c = byte at local `at` (+ `plus`). */
const byteAt = (at: number, plus = 0) => [...get(at), ...(plus ? [...k(plus), ADD] : []), ...load8];
const fail = [...k(-1), RETURN];
/** if (cond) return -1 */
const failIf = (cond: number[]) => [...cond, IF, VOID, ...fail, END];
/** Address of element `index` (its instructions) of an array at `base` of 2^`shift`-byte elements. */
const element = (base: number, index: number[], shift = 2) => [...index, ...k(shift), SHL, ...k(base), ADD];
const loadI32 = (addr: number[]) => [...addr, LOAD, 2, 0];
/** Address of the current field's slot (field number n) in a field array of 1- or 4-byte elements. */
const slot = (base: number, size: 1 | 4) =>
  size === 4 ? element(base, get(N)) : [...get(N), ...k(base), ADD];
const storeI32 = (addr: number[], value: number[]) => [...addr, ...value, STORE, 2, 0];
const storeU8 = (addr: number[], value: number[]) => [...addr, ...value, STORE8, 0, 0];
const is = (local: number, ch: string) => [...get(local), ...k(ch.charCodeAt(0)), EQ];
const inc = (local: number, by = 1) => [...get(local), ...k(by), ADD, ...set(local)];
/** The record ends at i (a LF): store count and flags, return i + 1. */
const finish = [...storeI32(k(COUNT), get(N)), ...storeI32(k(ANY), get(AN)), ...get(I), ...k(1), ADD, RETURN];

// Block depths below: $field is the outer loop; inner loops are nested inside it.
const body = [
  ...get(POS),
  ...set(I),
  LOOP,
  VOID, // $field
  ...failIf([...get(N), ...k(MAX_FIELDS), GE_U]),
  ...failIf([...get(I), ...get(LEN), GE_U]),
  ...byteAt(I),
  ...set(C),
  ...is(C, '"'),
  IF,
  VOID,
  // Quoted field: content from i + 1 to the closing quote; "" is an escaped quote.
  ...k(1),
  ...set(FL),
  ...inc(I),
  ...storeI32(slot(STARTS, 4), get(I)),
  BLOCK,
  VOID, // $closed
  LOOP,
  VOID, // $q
  ...failIf([...get(I), ...get(LEN), GE_U]),
  ...byteAt(I),
  ...set(C),
  ...failIf(is(C, "\n")),
  ...is(C, '"'),
  IF,
  VOID,
  ...failIf([...get(I), ...k(1), ADD, ...get(LEN), GE_U]),
  ...byteAt(I, 1),
  ...k(34),
  EQ,
  IF,
  VOID,
  ...k(3),
  ...set(FL),
  ...inc(I, 2),
  BR,
  2, // continue $q
  END,
  BR,
  2, // closing quote: out of $closed
  END,
  ...inc(I),
  BR,
  0, // continue $q
  END, // $q
  END, // $closed
  ...storeI32(slot(ENDS, 4), get(I)),
  ...storeU8(slot(FLAGS, 1), get(FL)),
  ...get(AN),
  ...get(FL),
  OR,
  ...set(AN),
  ...inc(N),
  ...inc(I),
  ...failIf([...get(I), ...get(LEN), GE_U]),
  ...byteAt(I),
  ...set(C),
  ...is(C, ","),
  IF,
  VOID,
  ...inc(I),
  BR,
  2, // next field ($field, outside this if and the quoted-field if)
  END,
  ...is(C, "\n"),
  IF,
  VOID,
  ...finish,
  END,
  ...fail,
  END, // quoted
  // Unquoted field: up to , LF " or CR (the scan buffer has a LF just after the data: a sentinel).
  ...storeI32(slot(STARTS, 4), get(I)),
  BLOCK,
  VOID, // $stop
  LOOP,
  VOID, // $u
  ...byteAt(I),
  ...set(C),
  ...is(C, ","),
  BR_IF,
  1,
  ...is(C, "\n"),
  BR_IF,
  1,
  ...is(C, '"'),
  BR_IF,
  1,
  ...is(C, "\r"),
  BR_IF,
  1,
  ...inc(I),
  BR,
  0,
  END, // $u
  END, // $stop
  ...failIf([...get(I), ...get(LEN), GE_U]),
  ...failIf(is(C, '"')),
  ...failIf(is(C, "\r")),
  ...storeI32(slot(ENDS, 4), get(I)),
  ...storeU8(slot(FLAGS, 1), k(0)),
  ...inc(N),
  ...is(C, ","),
  IF,
  VOID,
  ...inc(I),
  BR,
  1, // next field
  END,
  ...finish,
  END, // $field
  ...fail,
];

// dialect(start, end, count) → length of the record written at OUT in the output dialect, or -1.
// It mirrors writeRecord (outputs/record-writer.ts): a field is copied as it is unless the dialect writes
// it differently: an unquoted field starting with white space gets quotes, a quoted one that needs none
// loses them ("" becomes empty). Anything that needs the general encoder (a first byte of 0x80 or more, a
// field that is exactly \., non-ASCII bytes in a field to unquote) answers -1.
const D_START = 0;
const D_END = 1;
const D_COUNT = 2;
const D_I = 3;
const D_S = 4;
const D_E = 5;
const D_F = 6;
const D_C = 7;
const D_RUN = 8;
const D_O = 9;
const D_K = 10;
/** Copies bytes [from, to) to o and advances o. */
const copyTo = (from: number[], to: number[]) => [
  ...get(D_O),
  ...from,
  ...to,
  ...from,
  SUB,
  ...MEMORY_COPY,
  ...get(D_O),
  ...to,
  ...from,
  SUB,
  ADD,
  ...set(D_O),
];
const putByte = (ch: string) => [...get(D_O), ...k(ch.charCodeAt(0)), STORE8, 0, 0, ...inc(D_O)];
/** c is ASCII white space (space, or tab to carriage return). */
const isSpace = (c: number) => [...is(c, " "), ...get(c), ...k(9), SUB, ...k(4), LE_U, OR];
/** Field i is exactly the two bytes \. */
const isBackslashDot = [
  ...get(D_E),
  ...get(D_S),
  SUB,
  ...k(2),
  EQ,
  ...byteAt(D_S),
  ...k(0x5c),
  EQ,
  AND,
  ...byteAt(D_S, 1),
  ...k(0x2e),
  EQ,
  AND,
];
const dialectBody = [
  // Room for the record plus two quotes a field.
  ...failIf([...get(D_END), ...get(D_START), SUB, ...get(D_COUNT), ...k(1), SHL, ADD, ...k(OUT_BYTES), GT_U]),
  ...k(OUT),
  ...set(D_O),
  ...get(D_START),
  ...set(D_RUN),
  BLOCK,
  VOID, // $done
  LOOP,
  VOID, // $fields: depth 0 here, $done 1
  ...get(D_I),
  ...get(D_COUNT),
  GE_U,
  BR_IF,
  1,
  ...loadI32(element(STARTS, get(D_I))),
  ...set(D_S),
  ...loadI32(element(ENDS, get(D_I))),
  ...set(D_E),
  ...get(D_I),
  ...k(FLAGS),
  ADD,
  ...load8,
  ...set(D_F),
  // Where the field's raw form (quotes included) starts in the output: o - OUT + raw start - run.
  ...storeI32(element(OUT_STARTS, get(D_I)), [
    ...get(D_O),
    ...k(OUT),
    SUB,
    ...get(D_S),
    ADD,
    ...get(D_F),
    ...k(1),
    AND,
    SUB,
    ...get(D_RUN),
    SUB,
  ]),
  ...inc(D_I),
  ...get(D_F),
  ...k(1),
  AND,
  IF,
  VOID, // quoted: depth 0 here, $fields 1
  ...get(D_S),
  ...get(D_E),
  EQ,
  IF,
  VOID, // "" becomes empty: $fields 2
  ...copyTo(get(D_RUN), [...get(D_S), ...k(1), SUB]),
  ...get(D_E),
  ...k(1),
  ADD,
  ...set(D_RUN),
  BR,
  2,
  END,
  ...byteAt(D_S),
  ...set(D_C),
  ...failIf([...get(D_C), ...k(0x80), GE_U]),
  ...isSpace(D_C),
  BR_IF,
  1, // quoted either way: as it is
  ...get(D_S),
  ...set(D_K),
  BLOCK,
  VOID, // $plain: depth 0, quoted-if 1, $fields 2
  LOOP,
  VOID, // $k: depth 0, $plain 1, quoted-if 2, $fields 3
  ...get(D_K),
  ...get(D_E),
  GE_U,
  BR_IF,
  1,
  ...byteAt(D_K),
  ...set(D_C),
  ...is(D_C, ","),
  ...is(D_C, '"'),
  OR,
  ...is(D_C, "\r"),
  OR,
  ...is(D_C, "\n"),
  OR,
  BR_IF,
  3, // needs its quotes: as it is
  ...failIf([...get(D_C), ...k(0x80), GE_U]),
  ...inc(D_K),
  BR,
  0,
  END, // $k
  END, // $plain
  ...isBackslashDot,
  BR_IF,
  1, // \. keeps its quotes
  // Unquote: the bytes between the quotes.
  ...copyTo(get(D_RUN), [...get(D_S), ...k(1), SUB]),
  ...copyTo(get(D_S), get(D_E)),
  ...get(D_E),
  ...k(1),
  ADD,
  ...set(D_RUN),
  BR,
  1,
  END, // quoted
  // Unquoted.
  ...get(D_S),
  ...get(D_E),
  EQ,
  BR_IF,
  0, // empty: as it is
  ...byteAt(D_S),
  ...set(D_C),
  ...failIf([...get(D_C), ...k(0x80), GE_U]),
  ...failIf(isBackslashDot),
  ...isSpace(D_C),
  ...k(0),
  EQ,
  BR_IF,
  0, // no leading white space: as it is
  // Leading white space: the same bytes in quotes.
  ...copyTo(get(D_RUN), get(D_S)),
  ...putByte('"'),
  ...copyTo(get(D_S), get(D_E)),
  ...putByte('"'),
  ...get(D_E),
  ...set(D_RUN),
  BR,
  0,
  END, // $fields
  END, // $done
  ...copyTo(get(D_RUN), get(D_END)),
  ...get(D_O),
  ...k(OUT),
  SUB,
];

// pick(n, count) → length of the picked fields written at PICKED, comma-separated, or -1. It reads the
// output of the `dialect` call just made (length n, `count` fields): each field written there is followed
// by a comma but the last, so a run of adjacent fields a..b is the bytes from field a's start to the
// comma before field b + 1 (or to the end).
const P_N = 0;
const P_COUNT = 1;
const P_R = 2;
const P_O = 3;
const P_A = 4;
const P_B = 5;
const P_FROM = 6;
const P_TO = 7;
const outStart = (field: number[]) => loadI32(element(OUT_STARTS, field));
const pickBody = [
  ...k(PICKED),
  ...set(P_O),
  BLOCK,
  VOID, // $done
  LOOP,
  VOID, // $runs: depth 0, $done 1
  ...get(P_R),
  ...loadI32(k(PICK_COUNT)),
  GE_U,
  BR_IF,
  1,
  ...loadI32(element(PICKS, get(P_R), 3)),
  ...set(P_A),
  ...loadI32(element(PICKS + 4, get(P_R), 3)),
  ...set(P_B),
  ...failIf([...get(P_B), ...get(P_COUNT), GE_U]),
  ...get(P_R),
  IF,
  VOID,
  ...get(P_O),
  ...k(0x2c),
  STORE8,
  0,
  0,
  ...inc(P_O),
  END,
  ...outStart(get(P_A)),
  ...k(OUT),
  ADD,
  ...set(P_FROM),
  ...get(P_B),
  ...k(1),
  ADD,
  ...get(P_COUNT),
  LT_U,
  IF,
  0x7f, // i32
  ...outStart([...get(P_B), ...k(1), ADD]),
  ...k(OUT - 1),
  ADD,
  ELSE,
  ...get(P_N),
  ...k(OUT),
  ADD,
  END,
  ...set(P_TO),
  ...get(P_O),
  ...get(P_FROM),
  ...get(P_TO),
  ...get(P_FROM),
  SUB,
  ...MEMORY_COPY,
  ...get(P_O),
  ...get(P_TO),
  ...get(P_FROM),
  SUB,
  ADD,
  ...set(P_O),
  ...inc(P_R),
  BR,
  0,
  END, // $runs
  END, // $done
  ...get(P_O),
  ...k(PICKED),
  SUB,
];

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

const name = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

function moduleBytes(): Uint8Array {
  const I32 = 0x7f;
  const locals = [...uleb(1), ...uleb(5), I32]; // 5 locals of i32
  const fn = [...locals, ...body, END];
  const dialectFn = [...uleb(1), ...uleb(8), I32, ...dialectBody, END]; // 8 locals of i32
  const pickFn = [...uleb(1), ...uleb(6), I32, ...pickBody, END]; // 6 locals of i32
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    // Types: 0 is (i32, i32) → i32, 1 is (i32, i32, i32) → i32.
    ...section(1, [
      ...uleb(2),
      0x60,
      ...uleb(2),
      I32,
      I32,
      ...uleb(1),
      I32,
      0x60,
      ...uleb(3),
      I32,
      I32,
      I32,
      ...uleb(1),
      I32,
    ]),
    ...section(3, [...uleb(3), ...uleb(0), ...uleb(1), ...uleb(0)]), // scan and pick type 0, dialect type 1
    ...section(5, [...uleb(1), 0x00, ...uleb(PAGES)]), // one memory, PAGES pages
    ...section(7, [
      ...uleb(4),
      ...name("memory"),
      0x02,
      ...uleb(0),
      ...name("scan"),
      0x00,
      ...uleb(0),
      ...name("dialect"),
      0x00,
      ...uleb(1),
      ...name("pick"),
      0x00,
      ...uleb(2),
    ]),
    ...section(10, [
      ...uleb(3),
      ...uleb(fn.length),
      ...fn,
      ...uleb(dialectFn.length),
      ...dialectFn,
      ...uleb(pickFn.length),
      ...pickFn,
    ]),
  ]);
}

/** The fast path's memory and function, with views for the scanner. */
export interface WasmScanner {
  /** The scan buffer. */
  readonly buffer: Buffer;
  /** Where `dialect` writes (its first byte is at `OUT` in the module's memory). */
  readonly out: Buffer;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** Scans one plain record at `pos` (bytes up to `len` valid, a LF at `len`): next start or -1. */
  scan(pos: number, len: number): number;
  /** Fields of the record just scanned. */
  count(): number;
  /** OR of its field flags. */
  anyFlags(): number;
  /**
   * Writes the record [start, end) with `count` fields (in `starts`/`ends`/`flags`) in the output dialect
   * at the start of `out`; returns its length, or -1 when the general encoder must do it.
   */
  dialect(start: number, end: number, count: number): number;
  /** Where `pick` writes. */
  readonly picked: Buffer;
  /**
   * Sets the fields `pick` copies, in their order (runs of adjacent ones are copied in one go). Throws
   * for a field beyond `MAX_FIELDS` or more than `MAX_PICK_RUNS` runs.
   */
  setPicks(fields: readonly number[]): void;
  /** The fields last given to `setPicks`. */
  readonly picks: readonly number[] | undefined;
  /**
   * After `dialect` wrote a record of `count` fields in `n` bytes: writes the picked fields, comma-
   * separated, at the start of `picked`; returns their length, or -1 (a picked field the record lacks).
   */
  pick(n: number, count: number): number;
}

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | undefined;

/** A new instance (each scan of a file has its own memory), or undefined where WebAssembly is missing. */
export function wasmScanner(): WasmScanner | undefined {
  if (!wasmApi) return undefined;
  compiled ??= new wasmApi.Module(moduleBytes());
  const instance = new wasmApi.Instance(compiled, {});
  const memory = instance.exports.memory as { buffer: ArrayBuffer };
  const scan = instance.exports.scan as (pos: number, len: number) => number;
  const dialect = instance.exports.dialect as (start: number, end: number, count: number) => number;
  const pick = instance.exports.pick as (n: number, count: number) => number;
  const i32 = new Int32Array(memory.buffer);
  let picks: readonly number[] | undefined;
  return {
    buffer: Buffer.from(memory.buffer, 0, BUFFER_BYTES),
    out: Buffer.from(memory.buffer, OUT, OUT_BYTES),
    starts: new Int32Array(memory.buffer, STARTS, MAX_FIELDS),
    ends: new Int32Array(memory.buffer, ENDS, MAX_FIELDS),
    flags: new Uint8Array(memory.buffer, FLAGS, MAX_FIELDS),
    scan,
    dialect,
    count: () => i32[COUNT >> 2]!,
    anyFlags: () => i32[ANY >> 2]!,
    picked: Buffer.from(memory.buffer, PICKED, OUT_BYTES),
    setPicks(fields) {
      const runs: [number, number][] = [];
      for (const f of fields) {
        if (!Number.isInteger(f) || f < 0 || f >= MAX_FIELDS)
          throw new RangeError(`pick: field ${f} out of range`);
        const last = runs[runs.length - 1];
        if (last && f === last[1] + 1) last[1] = f;
        else runs.push([f, f]);
      }
      if (runs.length > MAX_PICK_RUNS)
        throw new RangeError(`pick: ${runs.length} runs, at most ${MAX_PICK_RUNS}`);
      runs.forEach(([a, b], r) => {
        i32[(PICKS >> 2) + 2 * r] = a;
        i32[(PICKS >> 2) + 2 * r + 1] = b;
      });
      i32[PICK_COUNT >> 2] = runs.length;
      picks = fields;
    },
    get picks() {
      return picks;
    },
    pick,
  };
}
