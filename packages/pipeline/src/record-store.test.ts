/**
 * The record store gives back every record's cells byte for byte, however they are kept: shared endings,
 * more distinct endings than it shares, cells longer than two bytes of length, several blocks, non-ASCII.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtomicWriter } from "@clearance/outputs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordStore, RowCursor } from "./record-store.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "clearance-records-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes each record as `before|after` lines, in row order through a cursor, and reads the file back. */
async function written(store: RecordStore, rows: number): Promise<string> {
  const path = join(dir, "records.txt");
  const w = new AtomicWriter(path, 1 << 16);
  const cursor = new RowCursor(store);
  for (let row = 0; row < rows; row++) {
    const k = cursor.slot(row);
    if (k < 0) continue;
    w.write(`${row}:`);
    store.writeBefore(w, k);
    w.writeByte(0x7c);
    store.writeAfter(w, k);
    w.writeByte(0x0a);
  }
  await w.commit();
  return readFile(path, "utf8");
}

describe("RecordStore", () => {
  it("gives back every record's cells exactly, set in any row order", async () => {
    const store = new RecordStore();
    const expected = new Map<number, string>();
    const determinations = [
      "Eligible for Dismissal",
      "Not eligible",
      "Hand Review",
      "Eligible for Reduction",
    ];
    const rows = 30_000;
    for (let i = 0; i < rows; i++) {
      const row = (i * 7919) % rows; // every row once, out of order
      if (row % 3 === 0) continue; // rows without a record
      const before = `${100_000 + row},${row % 9}`;
      const ending =
        row % 5 === 0
          ? `,Unique ending ${row},reason ${row}` // 6,000 distinct: more than are shared
          : `,${determinations[row % 4]},Misdemeanor or Infraction`;
      // Row 7: cells longer than two bytes of length; row 8: 1.2 MB, longer than a block.
      const big = row === 7 ? "x".repeat(70_000) : row === 8 ? "é".repeat(600_000) : "";
      const after = `N,-,-,-,12/19/1973,${big},${(row % 50) + 0.5},20.0,2,0,0,1,1,-${row === 4 ? ",ÉÑ☃" : ""}${ending}`;
      store.set(row, before + big, after);
      expected.set(row, `${row}:${before + big}|${after}`);
    }
    const want = [...expected.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, line]) => `${line}\n`)
      .join("");
    expect(await written(store, rows)).toBe(want);
  });

  it("keeps cells with no comma, one comma or a leading comma", async () => {
    const store = new RecordStore();
    const cases = ["", "x", ",", "a,b", ",a", "a,", ",,", "a,b,c"];
    for (const [row, after] of cases.entries()) store.set(row, `b${row}`, after);
    const want = cases.map((after, row) => `${row}:b${row}|${after}\n`).join("");
    expect(await written(store, cases.length)).toBe(want);
  });
});
