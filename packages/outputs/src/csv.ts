/**
 * @module csv — the original tool's CSV writer dialect, and buffered atomic file writers.
 *
 * Dialect (gogen-behaviour.md §5.2): comma, `\n` line ends; a field is quoted iff it contains `,`,
 * `"`, `\r` or `\n`, begins with a white-space character, or equals `\.`; quotes are doubled; empty
 * fields are never quoted.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";

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
 * A file written in large chunks to a temporary name and renamed into place by `commit()`,
 * so a reader never sees a half-written output (architecture decision 7).
 */
export class AtomicWriter {
  private parts: (string | Buffer)[] = [];
  private size = 0;
  private readonly stream: WriteStream;
  private readonly tmp: string;
  private failed: Error | undefined;
  bytes = 0;

  constructor(
    readonly path: string,
    private readonly flushAt = 1 << 20,
  ) {
    this.tmp = `${path}.partial`;
    this.stream = createWriteStream(this.tmp);
    this.stream.on("error", (e) => {
      this.failed = e;
    });
  }

  /** Appends text. */
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.flushAt) this.flush();
  }

  /** Appends raw bytes (copied, so the caller may reuse its buffer). */
  writeBytes(buf: Buffer, start: number, end: number): void {
    const copy = Buffer.from(buf.subarray(start, end));
    this.parts.push(copy);
    this.size += copy.length;
    if (this.size >= this.flushAt) this.flush();
  }

  /** Hands buffered data to the stream. */
  flush(): void {
    if (this.parts.length === 0) return;
    const chunk = this.parts.every((p) => typeof p === "string")
      ? Buffer.from((this.parts as string[]).join(""), "utf8")
      : Buffer.concat(this.parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)));
    this.parts = [];
    this.size = 0;
    this.bytes += chunk.length;
    this.stream.write(chunk);
  }

  /** Resolves when the stream has room again (backpressure). */
  drained(): Promise<void> | undefined {
    if (this.failed) return Promise.reject(this.failed);
    if (!this.stream.writableNeedDrain) return undefined;
    return new Promise((resolve) => this.stream.once("drain", resolve));
  }

  /** Flushes, closes and renames into place. */
  async commit(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
    await rename(this.tmp, this.path);
  }

  /** Closes and deletes the temporary file. */
  async abort(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    await rm(this.tmp, { force: true });
  }
}
