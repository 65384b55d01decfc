/**
 * @module doj/csv-scanner — a streaming, byte-level RFC 4180 record scanner.
 *
 * DOJ research files run to millions of rows, so the scanner never holds more than one read chunk
 * (plus one partial record) in memory, and never decodes a field until a consumer asks for it.
 * It reports every record with its physical line numbers, and every malformed record as a reject
 * (with the reason and the raw line range) before carrying on at the next line: one bad row never
 * stops the file.
 *
 * Dialect (the DOJ file's, as the original reader accepted it): comma separator, fields optionally in
 * double quotes with `""` as an escaped quote, LF or CRLF line ends, empty lines skipped, a bare `"`
 * inside an unquoted field is an error, leading spaces are kept. Carriage returns as the original's
 * reader (Go's encoding/csv) took them: a CR just before a LF (also inside quotes) or just before the end
 * of the file is dropped, any other CR is data (`FIELD_CR`). Deviations: a file with no LF in its first
 * 64 KiB but CRs (CR-only, "classic Mac" line ends) is read with each such CR as a line end, where the
 * original read the whole file as one line; a quote that never closes rejects the record only up to the
 * end of the line where it opened, and reading goes on at the next line (the original failed the file).
 *
 * Plain records (no CR, no line break in quotes, nothing malformed) are split by a WebAssembly fast path
 * (wasm-scanner.ts); every other record is read by `scanRecord` below, which has the last word.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { type WasmScanner, wasmScanner } from "./wasm-scanner.ts";

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Flags per field. */
export const FIELD_QUOTED = 1;
/** The quoted field contains `""` escapes that must be unescaped when decoded. */
export const FIELD_ESCAPED = 2;
/**
 * The field's value holds a carriage return its raw bytes cannot simply be copied for: an unquoted field
 * with a CR in it (the output dialect quotes it), or a quoted field with CR LF inside (read as LF).
 */
export const FIELD_CR = 4;

/**
 * One scanned record. The object is reused between callbacks: copy what you need to keep.
 * Byte offsets refer to `buf`, valid only during the callback.
 */
export class ScannedRecord {
  /** Buffer holding the record bytes. */
  buf: Buffer = Buffer.alloc(0);
  /** 1-based physical line where the record starts / ends. */
  line = 0;
  endLine = 0;
  /** Byte range of the record (without its line terminator). */
  start = 0;
  end = 0;
  /** Number of fields. */
  count = 0;
  /** Per field: content start/end (inside quotes for quoted fields) and flags. */
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  /** Bitwise OR of all field flags (0 means no field was quoted). */
  anyFlags = 0;
  /** The WebAssembly fast path whose memory holds this record, if any (scanCsvFile sets it). */
  fast: WasmScanner | undefined;

  constructor(capacity = 128) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** The decoded text of field `i` (empty string when the record has fewer fields). */
  field(i: number): string {
    if (i >= this.count) return "";
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === e) return "";
    const text = this.buf.toString("utf8", s, e);
    const f = this.flags[i]!;
    if ((f & (FIELD_ESCAPED | FIELD_CR)) === 0) return text;
    const unescaped = (f & FIELD_ESCAPED) !== 0 ? text.replaceAll('""', '"') : text;
    // The original's reader dropped the CR of each CR LF inside a quoted field (none is in an unquoted one).
    return (f & FIELD_CR) !== 0 ? unescaped.replaceAll("\r\n", "\n") : unescaped;
  }

  /** Whether field `i` starts with the given ASCII bytes (no decoding). */
  startsWith(i: number, prefix: Uint8Array): boolean {
    if (i >= this.count) return prefix.length === 0;
    const s = this.starts[i]!;
    if (this.ends[i]! - s < prefix.length) return false;
    for (let k = 0; k < prefix.length; k++) if (this.buf[s + k] !== prefix[k]) return false;
    return true;
  }

  /** Whether field `i` is exactly the given ASCII bytes (no decoding; not for escaped fields). */
  equals(i: number, bytes: Uint8Array): boolean {
    if (i >= this.count) return bytes.length === 0;
    return this.ends[i]! - this.starts[i]! === bytes.length && this.startsWith(i, bytes);
  }

  /** Byte length of field `i`'s content. */
  length(i: number): number {
    return i >= this.count ? 0 : this.ends[i]! - this.starts[i]!;
  }

  /** Whether field `i` contains one of the Prop 64 numbers 11357–11360 (bytes, no decoding). */
  hasProp64Number(i: number): boolean {
    if (i >= this.count) return false;
    const b = this.buf;
    const e = this.ends[i]! - 4;
    for (let k = this.starts[i]!; k < e; k++) {
      if (b[k] !== 0x31 || b[k + 1] !== 0x31) continue;
      const c3 = b[k + 2];
      const c4 = b[k + 3];
      const c5 = b[k + 4];
      if (
        (c3 === 0x33 && c4 === 0x35 && c5! >= 0x37 && c5! <= 0x39) ||
        (c3 === 0x33 && c4 === 0x36 && c5 === 0x30)
      )
        return true;
    }
    return false;
  }

  /**
   * Writes the record in the output dialect with the WebAssembly fast path: returns its length at the
   * start of `dialectOut`, or -1 when the caller must write it field by field (outputs/record-writer.ts).
   */
  inDialect(): number {
    const f = this.fast;
    if (f === undefined || this.buf !== f.buffer || this.starts !== f.starts) return -1;
    // A field with a CR (only ever read by the JavaScript scanner) is for the general writer.
    if ((this.anyFlags & FIELD_CR) !== 0) return -1;
    return f.dialect(this.start, this.end, this.count);
  }

  /** Where `inDialect` wrote. */
  get dialectOut(): Buffer | undefined {
    return this.fast?.out;
  }

  /**
   * Right after `inDialect` returned `n` (≥ 0) for this record: writes `fields`, which must be the very
   * array given as the scan's `pick` option, in the output dialect and comma-separated, at the start of
   * `pickedOut`; returns their length, or -1 when the caller must write them field by field (another
   * array, no `pick` option, no fast path).
   */
  pickedInDialect(n: number, fields: readonly number[]): number {
    const f = this.fast;
    if (f === undefined || f.picks !== fields) return -1;
    return f.pick(n, this.count);
  }

  /** Where `pickedInDialect` wrote. */
  get pickedOut(): Buffer | undefined {
    return this.fast?.picked;
  }

  /** Grows the per-field arrays. */
  grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }
}

/** A record that could not be read, with its line range, reason and raw text. */
export interface ScanReject {
  readonly line: number;
  readonly endLine: number;
  readonly reason: string;
  readonly raw: string;
}

/** What the scanner calls back with. */
export interface ScanHandlers {
  /** Called for each well-formed record, in file order. */
  onRecord(rec: ScannedRecord): void;
  /** Called for each malformed record. */
  onReject(rej: ScanReject): void;
  /** Called with bytes consumed so far after each chunk; may return a promise to pause (backpressure). */
  afterChunk?(bytesDone: number): Promise<void> | void;
  /** Stop early when this returns true (checked after each chunk). */
  aborted?(): boolean;
}

/** Options of a scan. */
export interface ScanOptions {
  /** Skip the first physical line without parsing it (a header line). */
  skipFirstLine?: boolean;
  /** Bytes to skip at the very start (a UTF-8 byte-order mark). */
  skipBytes?: number;
  /** Read size; default 1 MiB. */
  chunkSize?: number;
  /** Use the WebAssembly fast path for plain records (default true; false for comparison in tests). */
  wasm?: boolean;
  /** Fields `ScannedRecord.pickedInDialect` writes (pass 2's condensed columns), in their order. */
  pick?: readonly number[];
}

/** Bytes that end an unquoted field or signal something to check: , \n " \r. */
const SPECIAL = new Uint8Array(256);
SPECIAL[COMMA] = 1;
SPECIAL[LF] = 1;
SPECIAL[QUOTE] = 1;
SPECIAL[CR] = 1;

/** How far into a file to look for a LF before taking it for one with CR-only line ends. */
const CR_ONLY_PROBE = 64 << 10;

type Step = { kind: "ok"; next: number } | { kind: "more" } | { kind: "error"; at: number; reason: string };
// The common results are shared objects: scanning allocates nothing per record.
const MORE: Step = { kind: "more" };
const OK: { kind: "ok"; next: number } = { kind: "ok", next: 0 };

/**
 * Scans a whole file, calling back per record. Resolves with the number of bytes read.
 * Memory: one chunk plus the longest record.
 */
export async function scanCsvFile(
  path: string,
  handlers: ScanHandlers,
  options: ScanOptions = {},
): Promise<number> {
  // Chunks are read straight into the scan buffer: no per-chunk allocation and no copy. The reads are
  // synchronous because the thread has nothing else to do meanwhile; the kernel reads ahead on its own.
  const fd = openSync(path, "r");
  try {
    const chunkSize = options.chunkSize ?? 1 << 20;
    // Plain records are read by the WebAssembly fast path (wasm-scanner.ts) while the scan buffer is its
    // memory and the record's field arrays are its views; a record it declines is read here.
    const fast = options.wasm === false ? undefined : wasmScanner();
    if (fast && options.pick) fast.setPicks(options.pick);
    let buf = fast && fast.buffer.length > chunkSize * 2 ? fast.buffer : Buffer.allocUnsafe(chunkSize * 2);
    let len = 0; // valid bytes in buf
    let pos = 0; // start of the unconsumed part
    let bytesRead = 0;
    let eof = false;
    let line = 1; // physical line at `pos`
    let skipLine = options.skipFirstLine ?? false;
    let skipBytes = options.skipBytes ?? 0;
    // Whether the file has CR-only line ends (decided from its first bytes; see crLineEnds).
    let crOnly: boolean | undefined;
    const rec = new ScannedRecord();
    if (fast) {
      rec.fast = fast;
      rec.starts = fast.starts;
      rec.ends = fast.ends;
      rec.flags = fast.flags;
    }

    while (!eof || pos < len) {
      if (!eof) {
        // Compact and refill.
        if (pos > 0) {
          buf.copy(buf, 0, pos, len);
          len -= pos;
          pos = 0;
        }
        // Room for a chunk plus the sentinel byte after the data.
        if (buf.length - len <= chunkSize) {
          const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, len + chunkSize + 1));
          buf.copy(bigger, 0, 0, len);
          buf = bigger;
        }
        // A CR left last by the previous read is decided now that its next byte is known.
        const from = len > 0 ? len - 1 : 0;
        const n = readSync(fd, buf, len, chunkSize, null);
        if (n === 0) eof = true;
        len += n;
        bytesRead += n;
        // A line end after the data stops the unquoted-field loop of scanRecord without a bounds test.
        buf[len] = LF;
        if (crOnly) crLineEnds(buf, from, len, eof);
      }
      if (crOnly === undefined) {
        // No LF in the first bytes but a CR: CR-only line ends (rare; normal files decide on their first line).
        const head = buf.subarray(pos, len);
        if (head.indexOf(LF) >= 0) crOnly = false;
        else if (!eof && len - pos < CR_ONLY_PROBE) continue;
        else {
          crOnly = head.indexOf(CR) >= 0;
          if (crOnly) crLineEnds(buf, pos, len, eof);
        }
      }
      if (skipBytes > 0) {
        const k = Math.min(skipBytes, len - pos);
        pos += k;
        skipBytes -= k;
      }
      if (skipLine) {
        const nl = buf.indexOf(LF, pos);
        if (nl < 0 || nl >= len) {
          if (!eof) continue;
          pos = len;
          skipLine = false;
          break;
        }
        pos = nl + 1;
        line++;
        skipLine = false;
      }
      rec.buf = buf;
      // Records in this chunk.
      for (;;) {
        if (pos >= len) break;
        // Skip empty lines.
        const c = buf[pos]!;
        if (c === LF) {
          pos++;
          line++;
          continue;
        }
        if (c === CR && pos + 1 < len && buf[pos + 1] === LF) {
          pos += 2;
          line++;
          continue;
        }
        if (c === CR && pos + 1 >= len && eof) {
          // A last line of only a CR: the original dropped a CR before the end of the file, then the line.
          pos++;
          continue;
        }
        if (fast !== undefined && buf === fast.buffer && rec.starts === fast.starts) {
          const next = fast.scan(pos, len);
          if (next >= 0) {
            rec.start = pos;
            rec.end = next - 1;
            rec.line = line;
            rec.endLine = line;
            rec.count = fast.count();
            rec.anyFlags = fast.anyFlags();
            handlers.onRecord(rec);
            line++;
            pos = next;
            continue;
          }
        }
        const step = scanRecord(buf, pos, len, eof, rec, line);
        if (step.kind === "more") break;
        if (step.kind === "ok") {
          handlers.onRecord(rec);
          line = rec.endLine + 1;
          pos = step.next;
          continue;
        }
        // Error: reject up to the end of the physical line where it was found.
        let nl = buf.indexOf(LF, step.at);
        if (nl < 0 || nl >= len) {
          if (!eof) break; // need the rest of the line first
          nl = len;
        }
        const endLine = line + countLf(buf, pos, step.at);
        let rawEnd = nl;
        if (rawEnd > pos && buf[rawEnd - 1] === CR) rawEnd--;
        handlers.onReject({ line, endLine, reason: step.reason, raw: buf.toString("utf8", pos, rawEnd) });
        pos = nl + 1;
        line = endLine + 1;
      }
      if (handlers.afterChunk) {
        const p = handlers.afterChunk(bytesRead - (len - pos));
        if (p) await p;
      }
      // Let the event loop run (write completions, a server's requests, cancellation) between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (handlers.aborted?.()) break;
      if (eof && pos >= len) break;
    }
    return bytesRead;
  } finally {
    closeSync(fd);
  }
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(LF, from);
  while (i >= 0 && i < to) {
    n++;
    i = buf.indexOf(LF, i + 1);
  }
  return n;
}

/**
 * In a file with CR-only line ends: turns each CR of `buf[from, to)` that is not just before a LF into a
 * LF. A CR at `to - 1` stays until its next byte is read (the next call starts there), unless at the end
 * of the file. Calling it again over bytes it has seen changes nothing.
 */
function crLineEnds(buf: Buffer, from: number, to: number, eof: boolean): void {
  const view = buf.subarray(0, to);
  for (let j = view.indexOf(CR, from); j >= 0; j = view.indexOf(CR, j + 1)) {
    if (j + 1 < to) {
      if (buf[j + 1] !== LF) buf[j] = LF;
    } else if (eof) buf[j] = LF;
  }
}

/** Whether `buf[from, to)` has a CR just before a LF. */
function hasCrLf(buf: Buffer, from: number, to: number): boolean {
  for (let i = buf.indexOf(LF, from + 1); i >= 0 && i < to; i = buf.indexOf(LF, i + 1))
    if (buf[i - 1] === CR) return true;
  return false;
}

/** Scans one record starting at `pos`. Fills `rec` on success. */
function scanRecord(
  buf: Buffer,
  pos: number,
  len: number,
  eof: boolean,
  rec: ScannedRecord,
  line: number,
): Step {
  let i = pos;
  let n = 0;
  let any = 0;
  let lines = 0;
  let starts = rec.starts;
  let ends = rec.ends;
  let flagsOf = rec.flags;
  let cap = starts.length;
  rec.start = pos;
  rec.line = line;
  for (;;) {
    if (n >= cap) {
      rec.grow();
      starts = rec.starts;
      ends = rec.ends;
      flagsOf = rec.flags;
      cap = starts.length;
    }
    const first = i < len ? buf[i]! : -1;
    if (first === COMMA) {
      // Empty field (half the fields of a DOJ row): the common case first.
      starts[n] = i;
      ends[n] = i;
      flagsOf[n] = 0;
      n++;
      i++;
      if (i < len) continue;
      if (!eof) return MORE;
      // Trailing comma at end of file: one more empty field.
      if (n >= cap) {
        rec.grow();
        starts = rec.starts;
        ends = rec.ends;
        flagsOf = rec.flags;
      }
      starts[n] = i;
      ends[n] = i;
      flagsOf[n] = 0;
      n++;
      rec.end = i;
      break;
    }
    if (first === QUOTE) {
      // Quoted field.
      let j = i + 1;
      let flags = FIELD_QUOTED;
      for (;;) {
        const q = buf.indexOf(QUOTE, j);
        if (q < 0 || q >= len) {
          if (!eof) return MORE;
          // Rejected only up to the end of the line where the quote opened (scanCsvFile), not to the end of
          // the file: the lines after it are read on their own.
          const quoteLine = line + lines;
          const lastLine = quoteLine + countLf(buf, i, len) - (buf[len - 1] === LF ? 1 : 0);
          const rejected = quoteLine > line ? `lines ${line}-${quoteLine} are` : `line ${line} is`;
          return {
            kind: "error",
            at: i,
            reason:
              `unterminated quoted field: the " opening field ${n + 1} on line ${quoteLine} never closes ` +
              `(no closing " up to the end of the file, line ${lastLine})` +
              (lastLine > quoteLine
                ? `; ${rejected} rejected and reading goes on at line ${quoteLine + 1}`
                : ""),
          };
        }
        if (q + 1 >= len && !eof) return MORE;
        if (q + 1 < len && buf[q + 1] === QUOTE) {
          flags |= FIELD_ESCAPED;
          j = q + 2;
          continue;
        }
        const lf = countLf(buf, i + 1, q);
        if (lf > 0) {
          lines += lf;
          if (hasCrLf(buf, i + 1, q)) flags |= FIELD_CR;
        }
        starts[n] = i + 1;
        ends[n] = q;
        flagsOf[n] = flags;
        any |= flags;
        n++;
        i = q + 1;
        break;
      }
      // After the closing quote: separator, line end or end of file.
      if (i >= len) {
        if (!eof) return MORE;
        rec.end = i;
        break;
      }
      const c = buf[i]!;
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === LF) {
        rec.end = i;
        i++;
        break;
      }
      if (c === CR && i + 1 < len && buf[i + 1] === LF) {
        rec.end = i;
        i += 2;
        break;
      }
      if (c === CR && i + 1 >= len) {
        if (!eof) return MORE;
        // A CR just before the end of the file is dropped.
        rec.end = i;
        i++;
        break;
      }
      return {
        kind: "error",
        at: i,
        reason: `text after a closing quote in field ${n} (extraneous or missing ")`,
      };
    }
    // Unquoted field.
    const s = i;
    let c = 0;
    // buf[len] is a sentinel line end (scanCsvFile), so this loop needs no bounds test.
    while (SPECIAL[buf[i]!] === 0) i++;
    if (i < len) c = buf[i]!;
    if (i >= len) {
      i = len;
      if (!eof) return MORE;
      starts[n] = s;
      ends[n] = i;
      flagsOf[n] = 0;
      n++;
      rec.end = i;
      break;
    }
    if (c === QUOTE) return { kind: "error", at: i, reason: `bare " in unquoted field ${n + 1}` };
    let e = i; // end of the field's value
    let crFlag = 0;
    if (c === CR) {
      if (i + 1 >= len && !eof) return MORE;
      if (i + 1 < len && buf[i + 1] === LF) {
        starts[n] = s;
        ends[n] = i;
        flagsOf[n] = 0;
        n++;
        rec.end = i;
        i += 2;
        break;
      }
      // A lone CR is data, but for one just before a LF or the end of the file, which is dropped.
      const cr = i;
      i++;
      while (i < len) {
        c = buf[i]!;
        if (c === COMMA || c === LF || c === QUOTE) break;
        i++;
      }
      if (i >= len) {
        if (!eof) return MORE;
      } else if (c === QUOTE) return { kind: "error", at: i, reason: `bare " in unquoted field ${n + 1}` };
      e = (i >= len || c === LF) && buf[i - 1] === CR ? i - 1 : i;
      if (e > cr) {
        crFlag = FIELD_CR;
        any |= FIELD_CR;
      }
    }
    starts[n] = s;
    ends[n] = e;
    flagsOf[n] = crFlag;
    n++;
    if (i >= len) {
      rec.end = e;
      break;
    }
    if (c === COMMA) {
      i++;
      if (i >= len) {
        if (!eof) return MORE;
        // Trailing comma at end of file: one more empty field.
        if (n >= cap) rec.grow();
        rec.starts[n] = i;
        rec.ends[n] = i;
        rec.flags[n] = 0;
        n++;
        rec.end = i;
        break;
      }
      continue;
    }
    // LF
    rec.end = e;
    i++;
    break;
  }
  rec.count = n;
  rec.anyFlags = any;
  rec.endLine = line + lines;
  OK.next = i;
  return OK;
}
