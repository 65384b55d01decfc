/**
 * Pass 2's record writing with and without the WebAssembly fast path of the scanner (which also writes
 * plain records in the output dialect): the same bytes, for random records of the shapes DOJ files have.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtomicWriter, writeRecord } from "@clearance/outputs";
import { scanCsvFile } from "@clearance/sources";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "clearance-annotate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rewrite(input: string, wasm: boolean): Promise<string> {
  const out = join(dir, `out-${wasm}.csv`);
  const w = new AtomicWriter(out, 4096);
  await scanCsvFile(
    input,
    {
      onRecord: (rec) => {
        writeRecord(w, rec);
        w.writeByte(0x0a);
      },
      onReject: (rej) => {
        w.write(`reject ${rej.line}\n`);
      },
    },
    { wasm },
  );
  await w.commit();
  return readFile(out, "utf8");
}

describe("writeRecord with the WebAssembly fast path", () => {
  it("writes the same bytes as field by field", async () => {
    const field = fc.constantFrom(
      "",
      "a",
      "10000001",
      "  -  ",
      " x",
      "\tx",
      '"GARCIA,DAVID N"',
      '"plain"',
      '""',
      '" spaced"',
      '"say ""hi"""',
      '"\\."',
      "\\.",
      "é",
      '"é"',
      '"aé"',
      "x\r",
      '"a\nb"',
    );
    const record = fc.array(field, { minLength: 1, maxLength: 12 }).map((f) => f.join(","));
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 20 }), async (records) => {
        const input = join(dir, "in.csv");
        await writeFile(input, `${records.join("\n")}\n`);
        expect(await rewrite(input, true)).toBe(await rewrite(input, false));
      }),
      { numRuns: 400 },
    );
  });

  it("quotes the DOJ fillers and keeps the quoted name", async () => {
    const input = join(dir, "doj.csv");
    await writeFile(input, ',,10000001,  -  ,"GARCIA,DAVID N","plain",""\n');
    expect(await rewrite(input, true)).toBe(',,10000001,"  -  ","GARCIA,DAVID N",plain,\n');
  });
});
