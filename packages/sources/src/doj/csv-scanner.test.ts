import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_CR, FIELD_QUOTED, type ScannedRecord, type ScanOptions, scanCsvFile } from "./csv-scanner.ts";

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

/** Scans `text` (written to a file), with options; records carry their text and fields, rejects all. */
async function scanText(text: string, options: ScanOptions = {}) {
  const path = join(dir, "text.csv");
  await writeFile(path, text);
  const out: unknown[] = [];
  await scanCsvFile(
    path,
    {
      onRecord: (r) => {
        // Every field lies inside the record (the fast path's dialect copy reads by these offsets).
        for (let i = 0; i < r.count; i++) {
          if (r.starts[i]! < r.start || r.ends[i]! > r.end || r.starts[i]! > r.ends[i]!)
            throw new Error(`field ${i} of line ${r.line} lies outside its record`);
        }
        // The fast path's dialect copy must not be used for a record with a field holding a CR.
        if ((r.anyFlags & FIELD_CR) !== 0) expect(r.inDialect()).toBe(-1);
        else r.inDialect();
        out.push([
          "row",
          r.line,
          r.endLine,
          Array.from({ length: r.count }, (_, i) => [r.field(i), r.flags[i]]),
        ]);
      },
      onReject: (j) => out.push(["reject", j.line, j.endLine, j.reason, j.raw]),
    },
    options,
  );
  return out;
}

describe("scanCsvFile: carriage returns as the original read them", () => {
  it("CR CR LF: the CR before the LF ends the line, the other CR is data of the last field", async () => {
    for (const wasm of [true, false]) {
      expect(await scanText("a,b\r\r\nc,\r\r\nd,e\n", { wasm })).toEqual([
        [
          "row",
          1,
          1,
          [
            ["a", 0],
            ["b\r", FIELD_CR],
          ],
        ],
        [
          "row",
          2,
          2,
          [
            ["c", 0],
            ["\r", FIELD_CR],
          ],
        ],
        [
          "row",
          3,
          3,
          [
            ["d", 0],
            ["e", 0],
          ],
        ],
      ]);
    }
  });

  it("a lone CR inside an unquoted field is data, flagged so that the writer quotes it", async () => {
    expect(await scanText("POSSESS\rMARIJUANA,x\n")).toEqual([
      [
        "row",
        1,
        1,
        [
          ["POSSESS\rMARIJUANA", FIELD_CR],
          ["x", 0],
        ],
      ],
    ]);
  });

  it("drops a CR just before the end of the file, and skips a line of only a CR there", async () => {
    expect(await scanText('a,b\n"c"\r')).toEqual([
      [
        "row",
        1,
        1,
        [
          ["a", 0],
          ["b", 0],
        ],
      ],
      ["row", 2, 2, [["c", FIELD_QUOTED]]],
    ]);
    expect(await scanText("x\na,b\r\r")).toEqual([
      ["row", 1, 1, [["x", 0]]],
      [
        "row",
        2,
        2,
        [
          ["a", 0],
          ["b\r", FIELD_CR],
        ],
      ],
    ]);
    expect(await scanText("x,y\n\r")).toEqual([
      [
        "row",
        1,
        1,
        [
          ["x", 0],
          ["y", 0],
        ],
      ],
    ]);
  });

  it("reads CR LF inside a quoted field as LF (the original's reader did), flagged for the writer", async () => {
    expect(await scanText('"a\r\nb\rc",d\r\n')).toEqual([
      [
        "row",
        1,
        2,
        [
          ["a\nb\rc", FIELD_QUOTED | FIELD_CR],
          ["d", 0],
        ],
      ],
    ]);
  });

  it("reads a file with CR-only line ends (no LF at all) line by line, header skipped", async () => {
    const text = 'h1,h2\ra,b\r\r"c\rd",e\rf,g\r';
    const rows = await scanText(text, { skipFirstLine: true });
    expect(rows).toEqual([
      [
        "row",
        2,
        2,
        [
          ["a", 0],
          ["b", 0],
        ],
      ],
      [
        "row",
        4,
        5,
        [
          ["c\nd", FIELD_QUOTED],
          ["e", 0],
        ],
      ],
      [
        "row",
        6,
        6,
        [
          ["f", 0],
          ["g", 0],
        ],
      ],
    ]);
    for (const chunkSize of [1, 2, 3, 5, 8]) {
      expect(await scanText(text, { skipFirstLine: true, chunkSize })).toEqual(rows);
      expect(await scanText(text, { skipFirstLine: true, chunkSize, wasm: false })).toEqual(rows);
    }
  });

  it("reads the fixture with CR-only line ends as it reads it with LF", async () => {
    const fixture = await readFile(
      new URL("../../../../../shared/fixtures/gogen/configurable_flow_input.csv", import.meta.url),
      "utf8",
    );
    const lf = await scanText(fixture, { skipFirstLine: true });
    expect(lf).toHaveLength(38);
    expect(await scanText(fixture.replaceAll("\n", "\r"), { skipFirstLine: true })).toEqual(lf);
  });
});

describe("scanCsvFile: an unterminated quote", () => {
  it("rejects only its own line, says so, and reads on at the next line", async () => {
    const text = 'a,b\nc,"d,e\nf,g\nh,i\n';
    expect(await scanText(text)).toEqual([
      [
        "row",
        1,
        1,
        [
          ["a", 0],
          ["b", 0],
        ],
      ],
      [
        "reject",
        2,
        2,
        'unterminated quoted field: the " opening field 2 on line 2 never closes (no closing " up to the end of the file, line 4); line 2 is rejected and reading goes on at line 3',
        'c,"d,e',
      ],
      [
        "row",
        3,
        3,
        [
          ["f", 0],
          ["g", 0],
        ],
      ],
      [
        "row",
        4,
        4,
        [
          ["h", 0],
          ["i", 0],
        ],
      ],
    ]);
  });

  it("on the last line: the end line is that line, also when the file ends with a line end", async () => {
    for (const end of ["", "\n", "\r\n"]) {
      expect(await scanText(`a\n"b,c${end}`)).toEqual([
        ["row", 1, 1, [["a", 0]]],
        [
          "reject",
          2,
          2,
          'unterminated quoted field: the " opening field 1 on line 2 never closes (no closing " up to the end of the file, line 2)',
          '"b,c',
        ],
      ]);
    }
  });

  it("opening on a later line of a record: rejected from the record's first line to that line", async () => {
    expect(await scanText('"x\ny","z\nw,v\n')).toEqual([
      [
        "reject",
        1,
        2,
        'unterminated quoted field: the " opening field 2 on line 2 never closes (no closing " up to the end of the file, line 3); lines 1-2 are rejected and reading goes on at line 3',
        '"x\ny","z',
      ],
      [
        "row",
        3,
        3,
        [
          ["w", 0],
          ["v", 0],
        ],
      ],
    ]);
  });
});

/**
 * The original's reading (Go's encoding/csv) of a well-formed file with LF in it, as a model: every CR
 * just before a LF goes, so does a CR at the very end; then LF-only RFC 4180, other CRs being data, empty
 * lines skipped.
 */
function goRead(text: string): string[][] {
  const t = text.replaceAll("\r\n", "\n").replace(/\r$/, "");
  const records: string[][] = [];
  let i = 0;
  while (i < t.length) {
    if (t[i] === "\n") {
      i++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let v = "";
      if (t[i] === '"') {
        i++;
        for (;;) {
          if (t[i] === '"' && t[i + 1] === '"') {
            v += '"';
            i += 2;
          } else if (t[i] === '"') {
            i++;
            break;
          } else v += t[i++];
        }
      } else while (i < t.length && t[i] !== "," && t[i] !== "\n") v += t[i++];
      fields.push(v);
      if (t[i] === ",") i++;
      else break;
    }
    i++; // the LF (or the end)
    records.push(fields);
  }
  return records;
}

describe("scanCsvFile reads well-formed files as the original did", () => {
  it("field values, whatever CRs, quotes and line ends they hold, with and without the fast path", async () => {
    const value = fc
      .array(fc.constantFrom("a", " ", ",", '"', "\r", "\n", "\r\n", "é", "\r\r"), { maxLength: 4 })
      .map((p) => p.join(""));
    const field = fc.tuple(value, fc.boolean()).map(([v, quote]) => {
      const mustQuote = /[,"\n]/.test(v) || v.startsWith('"');
      return mustQuote || quote ? `"${v.replaceAll('"', '""')}"` : v;
    });
    const record = fc.array(field, { minLength: 2, maxLength: 5 }).map((f) => f.join(","));
    const lineEnd = fc.constantFrom("\n", "\r\n");
    const file = fc
      .tuple(fc.array(fc.tuple(record, lineEnd), { minLength: 1, maxLength: 8 }), fc.boolean())
      // A first line with a LF (no CR-only line ends); the last line end there or not.
      .map(
        ([recs, last]) =>
          `h,h\n${recs.map(([r, e], k) => (k < recs.length - 1 || last ? r + e : r)).join("")}`,
      );
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 64 }), fc.boolean(), async (text, chunkSize, wasm) => {
        const rows = await scanText(text, { chunkSize, wasm });
        expect(
          rows.map((r) => (r as [string, number, number, [string, number][]])[3].map(([v]) => v)),
        ).toEqual(goRead(text));
      }),
      { numRuns: 500 },
    );
  });
});
