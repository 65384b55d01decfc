/**
 * The original tool's CSV writer dialect (gogen-behaviour.md §5.2): a field is quoted iff it contains
 * `,` `"` CR or LF, begins with a white-space character (Go's unicode.IsSpace), or equals `\.`;
 * quotes are doubled; empty fields are never quoted. Plus the atomic file writer.
 */
import { existsSync, symlinkSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AtomicWriter, csvField, csvRow, needsQuote, spreadsheetSafe } from "./csv.ts";

describe("csvField (§5.2 dialect)", () => {
  it.each([
    ["", ""], // empty is never quoted
    ["11358 HS-CULTIVATE", "11358 HS-CULTIVATE"],
    [" 148 PC - RESISTING", '" 148 PC - RESISTING"'], // leading space
    ["  -  ", '"  -  "'], // DOJ filler
    ["4149 BP ", "4149 BP "], // trailing space is fine
    ["\tTAB", '"\tTAB"'],
    ["\u00a0NBSP", '"\u00a0NBSP"'], // U+00A0 is a space for Go
    ["\u3000IDEOGRAPHIC", '"\u3000IDEOGRAPHIC"'],
    ["\u2028LS", '"\u2028LS"'],
    ["\ufeffBOM", "\ufeffBOM"], // U+FEFF is not (JS \s would say it is)
    ["\u200bZWSP", "\u200bZWSP"], // zero-width space is not a space either
    ["\\.", '"\\."'],
    ["\\.x", "\\.x"],
    ["x\\.", "x\\."],
    ["a,b", '"a,b"'],
    ["LECTER, HANNIBAL", '"LECTER, HANNIBAL"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["line\nbreak", '"line\nbreak"'],
    ["cr\rhere", '"cr\rhere"'],
    ["NULL  ", "NULL  "],
    ["140194; 140195", "140194; 140195"],
    ["38.6", "38.6"],
    ["-", "-"],
  ])("%j → %j", (field, expected) => {
    expect(csvField(field)).toBe(expected);
    expect(needsQuote(field)).toBe(expected !== field);
  });
});

describe("csvRow", () => {
  it("joins fields with commas and no line end", () => {
    expect(csvRow(["a", "", " b", "c,d", ""])).toBe('a,," b","c,d",');
    expect(csvRow([])).toBe("");
    expect(csvRow([""])).toBe("");
    expect(csvRow(["", ""])).toBe(",");
  });
});

describe("spreadsheetSafe", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-1.0", "'-1.0"],
    ["@x", "'@x"],
    ["11357 HS", "11357 HS"],
    ["", ""],
  ])("%j → %j", (cell, expected) => {
    expect(spreadsheetSafe(cell)).toBe(expected);
  });
});

describe("AtomicWriter", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "clearance-csv-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes to a .partial name and renames on commit", async () => {
    const path = join(dir, "out.csv");
    const w = new AtomicWriter(path, 8);
    w.write("a,b\n");
    w.writeBytes(Buffer.from("xx1,2\nyy"), 2, 6);
    w.write("é\n");
    expect(existsSync(path)).toBe(false);
    await w.commit();
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(await readFile(path, "utf8")).toBe("a,b\n1,2\né\n");
    expect(w.bytes).toBe(Buffer.byteLength("a,b\n1,2\né\n"));
  });

  it("leaves nothing behind on abort", async () => {
    const path = join(dir, "aborted.csv");
    const w = new AtomicWriter(path);
    w.write("partial");
    await w.abort();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  describe("on a full disk (its partial file a link to /dev/full, where every write fails with ENOSPC)", () => {
    const full = (name: string) => {
      const path = join(dir, name);
      symlinkSync("/dev/full", `${path}.partial`);
      return path;
    };
    const failure = (path: string) => ({
      code: "ENOSPC",
      syscall: "write",
      path,
      message: `cannot write ${path}: ENOSPC: no space left on device, write`,
    });

    it("settles a wait for room with the error naming the output, instead of waiting forever", async () => {
      const path = full("waiting.csv");
      const w = new AtomicWriter(path, 1 << 16);
      // Several chunks queued at once: the stream asks the writer to wait for room before the first
      // write has failed; that wait must end when it fails.
      for (let i = 0; i < 8; i++) w.write("x".repeat(1 << 16));
      const wait = w.drained();
      expect(wait).toBeInstanceOf(Promise);
      await expect(wait).rejects.toMatchObject(failure(path));
      // Later waits and the commit fail the same way; abort removes the partial file.
      await expect(w.drained()).rejects.toMatchObject(failure(path));
      await expect(w.commit()).rejects.toMatchObject(failure(path));
      await w.abort();
      expect(existsSync(`${path}.partial`)).toBe(false);
    });

    it("fails the commit of a small file with the same error", async () => {
      const path = full("small.csv");
      const w = new AtomicWriter(path);
      w.write("a,b\n");
      await expect(w.commit()).rejects.toMatchObject(failure(path));
      await w.abort();
      expect(existsSync(path)).toBe(false);
    });
  });
});
