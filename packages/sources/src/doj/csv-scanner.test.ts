import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScannedRecord, scanCsvFile } from "./csv-scanner.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "clearance-scanner-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Everything a scan reports, as plain values. */
async function scan(path: string, chunkSize?: number, wasm = true) {
  const out: unknown[] = [];
  const fields = (r: ScannedRecord) => Array.from({ length: r.count }, (_, i) => [r.field(i), r.flags[i]]);
  await scanCsvFile(
    path,
    {
      onRecord: (r) =>
        out.push(["row", r.line, r.endLine, r.buf.toString("utf8", r.start, r.end), fields(r)]),
      onReject: (j) => out.push(["reject", j.line, j.endLine, j.reason, j.raw]),
    },
    { ...(chunkSize ? { chunkSize } : {}), wasm },
  );
  return out;
}

describe("scanCsvFile", () => {
  it("reads fields, empty fields, quotes, escapes, CRLF and a trailing comma at the end of the file", async () => {
    const path = join(dir, "basic.csv");
    await writeFile(path, 'a,,"b,c",""""\r\n\n, d ,"x\ny",\r\nlast,');
    const rows = await scan(path);
    expect(rows).toEqual([
      [
        "row",
        1,
        1,
        'a,,"b,c",""""',
        [
          ["a", 0],
          ["", 0],
          ["b,c", 1],
          ['"', 3],
        ],
      ],
      [
        "row",
        3,
        4,
        ', d ,"x\ny",',
        [
          ["", 0],
          [" d ", 0],
          ["x\ny", 1],
          ["", 0],
        ],
      ],
      [
        "row",
        5,
        5,
        "last,",
        [
          ["last", 0],
          ["", 0],
        ],
      ],
    ]);
  });

  it("gives the same records and rejects whatever the read size (chunk boundaries anywhere)", async () => {
    const piece = fc.constantFrom("a", "bc", ",", ",,", '"', '""', "\n", "\r\n", "\r", " ", "é", "x,y");
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        async (parts, chunk) => {
          const path = join(dir, "prop.csv");
          await writeFile(path, parts.join(""));
          expect(await scan(path, chunk)).toEqual(await scan(path));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads the same with and without the WebAssembly fast path", async () => {
    const piece = fc.constantFrom(
      "a",
      "bc",
      ",",
      ",,",
      '"',
      '""',
      '"x,y"',
      "\n",
      "\r\n",
      "\r",
      " ",
      "é",
      "  -  ",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 1, max: 64 }),
        async (parts, chunk) => {
          const path = join(dir, "fast.csv");
          await writeFile(path, parts.join(""));
          expect(await scan(path, chunk, true)).toEqual(await scan(path, chunk, false));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads records of more fields than the fast path holds, and the rows after them", async () => {
    const path = join(dir, "wide.csv");
    const wide = Array.from({ length: 300 }, (_, i) => `f${i}`).join(",");
    await writeFile(path, `a,b\n${wide}\n"q",r\n`);
    const fast = await scan(path);
    expect(fast).toEqual(await scan(path, undefined, false));
    expect(fast.map((r) => ((r as unknown[])[4] as unknown[]).length)).toEqual([2, 300, 2]);
  });
});
