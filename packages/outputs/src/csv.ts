/**
 * @module csv — the original tool's CSV writer dialect, and buffered atomic file writers.
 *
 * Dialect (gogen-behaviour.md §5.2): comma, `\n` line ends; a field is quoted iff it contains `,`,
 * `"`, `\r` or `\n`, begins with a white-space character, or equals `\.`; quotes are doubled; empty
 * fields are never quoted.
 */
import { createHash } from "node:crypto";
import { createWriteStream, openSync, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import type { Digest, DigestWorker, FollowedFile } from "./digests.ts";

// Go's unicode.IsSpace set (not JS's \s, which also matches U+FEFF).
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const NEEDS_QUOTE = /[,"\r\n]/;

/** Whether the dialect quotes this field. */
export function needsQuote(field: string): boolean {
  if (field === "") return false;
  return NEEDS_QUOTE.test(field) || LEADING_SPACE.test(field) || field === "\\.";
}

/** One field in the dialect. */
export function csvField(field: string): string {
  return needsQuote(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** One record (without the line end). */
export function csvRow(fields: readonly string[]): string {
  let out = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ",";
    out += csvField(fields[i]!);
  }
  return out;
}

/** Neutralises a cell for human-facing spreadsheets (architecture decision 9): `=`, `+`, `-`, `@` get a leading `'`. */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * A failed write (a full disk, a lost permission) as an error that names the output: the stream's own
 * error says only "ENOSPC: no space left on device, write". Keeps `code` and `syscall`, with `path`.
 */
function writeError(path: string, e: NodeJS.ErrnoException): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`cannot write ${path}: ${e.message}`, { cause: e });
  if (e.code !== undefined) err.code = e.code;
  err.syscall = e.syscall ?? "write";
  err.path = path;
  return err;
}

/** Most written chunk buffers an `AtomicWriter` keeps for reuse. */
const MAX_SPARE = 4;

/**
 * A file written in large chunks to a temporary name and renamed into place by `commit()`,
 * so a reader never sees a half-written output (architecture decision 7). Text and bytes are encoded
 * straight into a large buffer (no per-row garbage); the SHA-256 of the content is computed on the way,
 * on this thread or, given a `DigestWorker`, on that worker's thread from the written file.
 */
export class AtomicWriter {
  private buf: Buffer;
  private used = 0;
  /**
   * Written chunks' buffers, ready for reuse (bounds the memory outside the JS heap). Up to `MAX_SPARE`
   * are kept: as many as are usually in flight, so a slow disk does not turn buffers into garbage that
   * waits for a collection (on a thread with a small heap, such as pass 2's, collections are rare).
   */
  private readonly spare: Buffer[] = [];
  private readonly stream: WriteStream;
  private readonly tmp: string;
  private readonly hash;
  private readonly followed: FollowedFile | undefined;
  private failed: Error | undefined;
  private result: Promise<Digest> | undefined;
  /** Bytes handed to the file so far. */
  bytes = 0;

  constructor(
    readonly path: string,
    private readonly chunkSize = 1 << 20,
    /** Hash on this worker's thread instead of this one. */
    digests?: DigestWorker,
  ) {
    this.tmp = `${path}.partial`;
    this.buf = Buffer.allocUnsafe(chunkSize);
    // Opened now, so a bad folder fails here with the path, and the digest worker finds the file.
    const fd = openSync(this.tmp, "w");
    // A deep queue lets the disk write one chunk while the next is being encoded.
    this.stream = createWriteStream(this.tmp, { fd, highWaterMark: 2 * chunkSize });
    this.stream.on("error", (e) => {
      this.failed ??= writeError(path, e);
    });
    this.followed = digests?.follow(this.tmp, path);
    this.hash = this.followed ? undefined : createHash("sha256");
  }

  /** Appends text (UTF-8). */
  write(text: string): void {
    // Worst case 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        this.push(Buffer.from(text, "utf8"));
        return;
      }
    }
    this.used += this.buf.write(text, this.used, "utf8");
  }

  /** Appends raw bytes (copied, so the caller may reuse its buffer). */
  writeBytes(src: Buffer, start: number, end: number): void {
    const n = end - start;
    if (this.used + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.push(Buffer.from(src.subarray(start, end)));
        return;
      }
    }
    if (n < 48) {
      // Short copies: a plain loop beats Buffer.copy's per-call setup.
      const dst = this.buf;
      let u = this.used;
      for (let k = start; k < end; k++) dst[u++] = src[k]!;
      this.used = u;
    } else {
      src.copy(this.buf, this.used, start, end);
      this.used += n;
    }
  }

  /** Appends one byte (e.g. a separator). */
  writeByte(b: number): void {
    if (this.used >= this.buf.length) this.flush();
    this.buf[this.used++] = b;
  }

  /** Hands buffered data to the stream; the buffer is reused once the stream has written it. */
  flush(): void {
    if (this.used === 0) return;
    const full = this.buf;
    const chunk = full.subarray(0, this.used);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(this.chunkSize);
    this.used = 0;
    this.push(chunk, () => {
      if (this.spare.length < MAX_SPARE) this.spare.push(full);
    });
  }

  private push(chunk: Buffer, written?: () => void): void {
    this.hash?.update(chunk);
    this.bytes += chunk.length;
    const followed = this.followed;
    if (!followed) this.stream.write(chunk, written);
    else {
      const upTo = this.bytes;
      this.stream.write(chunk, () => {
        followed.advance(upTo);
        written?.();
      });
    }
  }

  /** Resolves when the stream has room again (backpressure); undefined when it already has. */
  drained(): Promise<void> | undefined {
    if (this.failed) return Promise.reject(this.failed);
    if (!this.stream.writableNeedDrain) return undefined;
    // A write that fails (a full disk) ends the stream without a "drain": settle on either.
    return new Promise((resolve, reject) => {
      const onDrain = () => {
        this.stream.off("error", onError);
        resolve();
      };
      const onError = (e: Error) => {
        this.stream.off("drain", onDrain);
        reject(this.failed ?? writeError(this.path, e));
      };
      this.stream.once("drain", onDrain);
      this.stream.once("error", onError);
    });
  }

  /** Flushes, closes and renames into place. */
  async commit(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) =>
        err ? reject(this.failed ?? writeError(this.path, err)) : resolve(),
      );
    });
    if (this.failed) throw this.failed;
    this.result = this.followed
      ? this.followed.end(this.bytes)
      : Promise.resolve({ sha256: this.hash!.digest("hex"), bytes: this.bytes });
    // Settled by whoever awaits `digest()`; never an unhandled rejection meanwhile.
    this.result.catch(() => {});
    await rename(this.tmp, this.path);
  }

  /** The SHA-256 and length of the committed content (after `commit()`). */
  digest(): Promise<Digest> {
    if (!this.result) return Promise.reject(new Error(`internal: ${this.path} is not committed`));
    return this.result;
  }

  /** Closes and deletes the temporary file. */
  async abort(): Promise<void> {
    this.followed?.cancel();
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    await rm(this.tmp, { force: true });
  }
}
