/**
 * Writing a scanned record in the dialect (gogen-behaviour.md §5.2) from its raw bytes: the output must be
 * what re-encoding every field's value would give (`csvRow`), including fields holding a carriage return.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AtomicWriter, csvRow } from "./csv.ts";
import { type RawRecord, writeRecord, writeRecordField, writeRecordFields } from "./record-writer.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "clearance-record-writer-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A field as the scanner reports it: its raw text in the input, its value, its flags. */
interface Spec {
  readonly raw: string;
  readonly value: string;
  readonly flags: number;
}
const QUOTED = 1;
const CR_INSIDE = 4;

/** A record as the scanner reports it (no fast path), fields comma-separated in `buf`. */
function record(fields: readonly Spec[]): RawRecord {
  const buf = Buffer.from(fields.map((f) => f.raw).join(","), "utf8");
  const starts = new Int32Array(fields.length);
  const ends = new Int32Array(fields.length);
  const flags = new Uint8Array(fields.length);
  let at = 0;
  fields.forEach((f, i) => {
    const len = Buffer.byteLength(f.raw);
    const q = (f.flags & QUOTED) !== 0 ? 1 : 0;
    starts[i] = at + q;
    ends[i] = at + len - q;
    flags[i] = f.flags;
    at += len + 1;
  });
  return {
    buf,
    start: 0,
    end: buf.length,
    count: fields.length,
    starts,
    ends,
    flags,
    field: (i) => fields[i]!.value,
  };
}

let n = 0;
async function written(write: (w: AtomicWriter) => void): Promise<string> {
  const path = join(dir, `out-${n++}.csv`);
  const w = new AtomicWriter(path, 64);
  write(w);
  await w.commit();
  return readFile(path, "utf8");
}

describe("writeRecord: fields holding a carriage return", () => {
  const fields: Spec[] = [
    { raw: "x", value: "x", flags: 0 },
    // An unquoted field with a CR inside (`POSSESS\rMARIJUANA`) or at its end (`#\r` before CR LF).
    { raw: "POSSESS\rMARIJUANA", value: "POSSESS\rMARIJUANA", flags: CR_INSIDE },
    { raw: "#\r", value: "#\r", flags: CR_INSIDE },
    { raw: "\r", value: "\r", flags: CR_INSIDE },
    // A quoted field whose CR LF the original's reader read as LF.
    { raw: '"a\r\nb"', value: "a\nb", flags: QUOTED | CR_INSIDE },
    { raw: "", value: "", flags: 0 },
  ];
  const expected = csvRow(fields.map((f) => f.value));

  it("quotes them, as the original's writer did", async () => {
    expect(expected).toBe('x,"POSSESS\rMARIJUANA","#\r","\r","a\nb",');
    expect(await written((w) => writeRecord(w, record(fields)))).toBe(expected);
  });

  it("field by field too (the condensed columns)", async () => {
    const rec = record(fields);
    const all = fields.map((_, i) => i);
    expect(await written((w) => writeRecordFields(w, rec, all, -1))).toBe(expected);
    expect(await written((w) => writeRecordField(w, rec, 1))).toBe('"POSSESS\rMARIJUANA"');
    expect(await written((w) => writeRecordField(w, rec, 4))).toBe('"a\nb"');
  });
});
