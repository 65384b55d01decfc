/**
 * Pass 2's record writing with and without the WebAssembly fast path of the scanner (which also writes
 * plain records in the output dialect): the same bytes, for random records of the shapes DOJ files have.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtomicWriter, writeRecord, writeRecordFields } from "@clearance/outputs";
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

/** Each record in the dialect; with `pick`, a `|` and those fields (as pass 2 writes the condensed file). */
async function rewrite(input: string, wasm: boolean, pick?: readonly number[]): Promise<string> {
  const out = join(dir, `out-${wasm}.csv`);
  const w = new AtomicWriter(out, 4096);
  await scanCsvFile(
    input,
    {
      onRecord: (rec) => {
        const n = writeRecord(w, rec);
        if (pick) {
          w.writeByte(0x7c);
          writeRecordFields(w, rec, pick, n);
        }
        w.writeByte(0x0a);
      },
      onReject: (rej) => {
        w.write(`reject ${rej.line}\n`);
      },
    },
    pick ? { wasm, pick } : { wasm },
  );
  await w.commit();
  return readFile(out, "utf8");
}

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

describe("writeRecord with the WebAssembly fast path", () => {
  it("writes the same bytes as field by field", async () => {
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

  it("writes picked fields (the condensed columns) the same as field by field", async () => {
    // Records of at least eight fields; picks of fields 0-7 in any order, adjacent runs among them.
    const record = fc.array(field, { minLength: 8, maxLength: 12 }).map((f) => f.join(","));
    const pick = fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 20 }), pick, async (records, fields) => {
        const input = join(dir, "in-pick.csv");
        await writeFile(input, `${records.join("\n")}\n`);
        expect(await rewrite(input, true, fields)).toBe(await rewrite(input, false, fields));
      }),
      { numRuns: 400 },
    );
  });

  it("picks runs of adjacent fields and single ones, in the order asked", async () => {
    const input = join(dir, "pick.csv");
    await writeFile(input, 'a,"b",  -  ,"",e,"f,g",h\n');
    expect(await rewrite(input, true, [6, 0, 1, 2, 3, 5])).toBe(
      'a,b,"  -  ",,e,"f,g",h|h,a,b,"  -  ",,"f,g"\n',
    );
  });
});
