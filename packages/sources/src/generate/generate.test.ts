import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseYmd8 } from "@clearance/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COL, DOJ_COLUMNS } from "../doj/columns.ts";
import { encodeCsvLine } from "./csv-line.ts";
import { generateDojPersons, generateDojRows, writeDojFile } from "./index.ts";

/** A plain RFC-4180 reader, independent of the code under test. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === "") {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quote");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      if (i < text.length && text[i] !== "," && text[i] !== "\n")
        throw new Error(`text after closing quote at ${i}`);
      continue;
    }
    if (ch === '"') throw new Error(`bare quote at ${i}`);
    if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== "" || record.length > 0) throw new Error("last line lacks its newline");
  return records;
}

const sha256 = (b: Buffer | string): string => createHash("sha256").update(b).digest("hex");
const col = (r: readonly string[], c: number): string => r[c] as string;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clearance-generate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeDojFile", () => {
  it("is byte-identical for the same seed and differs for another seed", async () => {
    const a = path.join(dir, "a.csv");
    const b = path.join(dir, "b.csv");
    const c = path.join(dir, "c.csv");
    await writeDojFile({ county: "YOLO", rows: 3000, seed: 42, out: a });
    await writeDojFile({ county: "YOLO", rows: 3000, seed: 42, out: b });
    await writeDojFile({ county: "YOLO", rows: 3000, seed: 43, out: c });
    const [ha, hb, hc] = await Promise.all([a, b, c].map(async (p) => sha256(await readFile(p))));
    expect(ha).toBe(hb);
    expect(hc).not.toBe(ha);
  });

  it("replaces an existing file and leaves no temporary file behind", async () => {
    const sub = await mkdtemp(path.join(dir, "atomic-"));
    const out = path.join(sub, "x.csv");
    await writeDojFile({ county: "YOLO", rows: 50, seed: 1, out });
    const first = await readFile(out, "utf8");
    const r = await writeDojFile({ county: "YOLO", rows: 500, seed: 2, out });
    const second = await readFile(out, "utf8");
    expect(second).not.toBe(first);
    expect(Buffer.byteLength(second)).toBe(r.bytes);
    expect(await readdir(sub)).toEqual(["x.csv"]);
  });

  it("fails without leaving a file when the folder does not exist", async () => {
    const out = path.join(dir, "missing", "x.csv");
    await expect(writeDojFile({ county: "YOLO", rows: 10, seed: 1, out })).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  it("rejects bad options before creating anything", async () => {
    const sub = await mkdtemp(path.join(dir, "bad-"));
    const out = path.join(sub, "x.csv");
    await expect(writeDojFile({ county: "", rows: 10, seed: 1, out })).rejects.toThrow(/county/);
    await expect(writeDojFile({ county: "YOLO", rows: 0, seed: 1, out })).rejects.toThrow(/rows/);
    await expect(writeDojFile({ county: "YOLO", rows: 1.5, seed: 1, out })).rejects.toThrow(/rows/);
    await expect(writeDojFile({ county: "YOLO", rows: 5, seed: 0.5, out })).rejects.toThrow(/seed/);
    expect(await readdir(sub)).toEqual([]);
  });
});

describe("a 20,000-row Los Angeles file (seed 7)", () => {
  const county = "LOS ANGELES";
  let text: string;
  let header: string[];
  let rows: string[][];
  let summary: { rows: number; persons: number };
  let lastPersonRows: number;

  beforeAll(async () => {
    const out = path.join(dir, "la20k.csv");
    const r = await writeDojFile({ county, rows: 20_000, seed: 7, out });
    summary = { rows: r.rows, persons: r.persons };
    text = await readFile(out, "utf8");
    const records = parseCsv(text);
    header = records[0] as string[];
    rows = records.slice(1);
    const lastId = col(rows.at(-1) as string[], COL.SUBJECT_ID);
    lastPersonRows = rows.filter((row) => col(row, COL.SUBJECT_ID) === lastId).length;
  });

  const descrs = (): string[] => rows.map((r) => col(r, COL.OFFENSE_DESCR));

  it("has the DOJ header and 95 fields in every row, with \\n endings and minimal quoting", () => {
    expect(header).toEqual([...DOJ_COLUMNS]);
    for (const r of rows) expect(r.length).toBe(95);
    expect(text.includes("\r")).toBe(false);
    // Re-encoding with "quote only , \" and line breaks" reproduces the file exactly.
    expect(encodeCsvLine(header) + rows.map((r) => encodeCsvLine(r)).join("")).toBe(text);
    expect(text).toMatch(/,"[A-Z' -]+,[A-Z]+ [A-Z]",/); // PRI_NAME "LAST,FIRST X" is quoted
  });

  it("stops at the first whole person that reaches the requested row count", () => {
    expect(rows.length).toBe(summary.rows);
    expect(summary.rows).toBeGreaterThanOrEqual(20_000);
    expect(summary.rows - lastPersonRows).toBeLessThan(20_000);
  });

  it("numbers subjects from 10000001 and keeps each person's rows together", () => {
    const seen = new Set<string>();
    let current = "";
    let expected = 10000001;
    for (const r of rows) {
      const id = col(r, COL.SUBJECT_ID);
      if (id === current) continue;
      expect(seen.has(id)).toBe(false);
      expect(id).toBe(String(expected));
      expected++;
      seen.add(id);
      current = id;
    }
    expect(seen.size).toBe(summary.persons);
  });

  it("writes well-formed CNT_ORDER values: cycles from 101 in order, step 001 arrests then 002 court", () => {
    let person = "";
    let lastCycle = 0;
    for (const r of rows) {
      const cnt = col(r, COL.CNT_ORDER);
      expect(cnt).toMatch(/^\d{3}00[12]\d{3}000$/);
      const cycle = Number(cnt.slice(0, 3));
      const step = cnt.slice(3, 6);
      if (col(r, COL.SUBJECT_ID) !== person) {
        person = col(r, COL.SUBJECT_ID);
        expect(cycle).toBe(101);
      } else {
        expect(cycle === lastCycle || cycle === lastCycle + 1).toBe(true);
      }
      lastCycle = cycle;
      expect(Number(cnt.slice(6, 9))).toBeGreaterThanOrEqual(1);
      expect(col(r, COL.CYC_ORDER)).toBe(cnt.slice(0, 3));
      expect(col(r, COL.STP_ORDER)).toBe(step);
      const type = col(r, COL.STP_TYPE_DESCR);
      if (step === "002") {
        expect(type).toBe("COURT ACTION");
        expect(["CONVICTED", "DISMISSED"]).toContain(col(r, COL.DISP_DESCR));
        expect(col(r, COL.OFN)).toMatch(/^(\d{6,8})?$/);
      } else {
        expect(["ARREST/DETAINED/CITED", "REGISTRATION", "DECEASED"]).toContain(type);
        expect(col(r, COL.DISP_DESCR)).toBe("");
        expect(col(r, COL.OFN)).toBe("");
      }
    }
  });

  it("gives each court row the count number and offence of an arrest row of the same case", () => {
    const arrested = new Map<string, string>();
    let courtRows = 0;
    for (const r of rows) {
      const cnt = col(r, COL.CNT_ORDER);
      const key = `${col(r, COL.SUBJECT_ID)}/${cnt.slice(0, 3)}/${cnt.slice(6, 9)}`;
      if (cnt.slice(3, 6) === "001") arrested.set(key, col(r, COL.OFFENSE_DESCR));
      else {
        courtRows++;
        expect(arrested.get(key)).toBe(col(r, COL.OFFENSE_DESCR));
      }
    }
    expect(courtRows).toBeGreaterThan(rows.length / 3);
  });

  it("fills person fields plausibly", () => {
    for (const r of rows) {
      expect(col(r, COL.CII_NUMBER)).toMatch(/^\d{10}$/);
      expect(col(r, COL.PRI_NAME)).toMatch(/^[A-Z' -]+,[A-Z]+ [A-Z]$/);
      expect(col(r, COL.COMMENT_TEXT)).not.toMatch(/\n/);
    }
    const comments = rows.map((r) => col(r, COL.COMMENT_TEXT));
    const share = comments.filter((c) => c === "THIS IS A COMMENT").length / rows.length;
    expect(share).toBeGreaterThan(0.85);
  });

  it("keeps valid dates within 1945-2002 (births) and 1970-2024 (events), with ~0.2 % malformed", () => {
    let bad = 0;
    for (const r of rows) {
      const dob = col(r, COL.PRI_DOB);
      const event = col(r, COL.STP_EVENT_DATE);
      const badRow = parseYmd8(dob) === undefined || parseYmd8(event) === undefined;
      if (badRow) bad++;
      if (parseYmd8(dob) !== undefined) expect(dob >= "19450101" && dob <= "20021231").toBe(true);
      if (parseYmd8(event) !== undefined) expect(event >= "19700101" && event <= "20241231").toBe(true);
    }
    expect(bad).toBeGreaterThan(0);
    expect(bad / rows.length).toBeLessThan(0.01);
    const events = rows.map((r) => col(r, COL.STP_EVENT_DATE));
    expect(events.some((e) => /^\d{7}$/.test(e))).toBe(true);
  });

  it("spreads cases over the chosen county (~75 %) and others", () => {
    const counties = rows.map((r) => col(r, COL.STP_ORI_CNTY_NAME));
    const share = counties.filter((c) => c === county).length / rows.length;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.85);
    for (const other of ["YOLO", "SAN JOAQUIN", "ALAMEDA"]) expect(counties).toContain(other);
    expect(
      rows
        .filter((r) => col(r, COL.STP_ORI_CNTY_NAME) === county)
        .every((r) => col(r, COL.STP_ORI_CNTY_CODE) === "19"),
    ).toBe(true);
  });

  it("includes all four Prop 64 sections in several spellings", () => {
    const d = new Set(descrs());
    for (const s of [
      "11357 HS-POSSESSION OF MARIJUANA",
      "11360 HS-SELL/TRANSPORT/ETC MARIJUANA/HASH",
      "11360(B) SELL/FURNISH/ETC MARIJUANA/HASH",
    ]) {
      expect(d).toContain(s);
    }
    for (const prefix of [
      "11357(A) HS-",
      "11357(B) HS-",
      "11357(C) HS-",
      "11358 HS-",
      "11359 HS-",
      "11359(B) HS-",
      "11360(A) HS-",
    ]) {
      expect([...d].some((x) => x.startsWith(prefix))).toBe(true);
    }
  });

  it("includes related and other charges, felonies and misdemeanours", () => {
    const d = descrs();
    for (const prefix of [
      "11364 HS-",
      "4060 BP-",
      "647(F) PC-",
      "32 PC-ACCESSORY",
      "459 PC-",
      "23152(A) VC-",
      "211 PC-ROBBERY",
    ]) {
      expect(d.some((x) => x.startsWith(prefix))).toBe(true);
    }
    const convicted = rows.filter((r) => col(r, COL.DISP_DESCR) === "CONVICTED");
    const stats = new Set(convicted.map((r) => col(r, COL.CONV_STAT_DESCR)));
    expect(stats).toEqual(new Set(["FELONY", "MISDEMEANOR", ""]));
    expect(new Set(rows.map((r) => col(r, COL.OFFENSE_TOC)))).toEqual(new Set(["F", "M"]));
    expect(rows.some((r) => col(r, COL.DISP_DESCR) === "DISMISSED")).toBe(true);
  });

  it("includes attempts, conspiracies, super strikes and comment-only charges", () => {
    const d = descrs();
    expect(d.some((x) => /^664-1135[789]/.test(x))).toBe(true);
    expect(d.some((x) => /^664\/11357/.test(x))).toBe(true);
    const conspiracies = rows.filter((r) => col(r, COL.OFFENSE_DESCR) === "182(A)(1) PC-CONSPIRACY");
    expect(conspiracies.length).toBeGreaterThan(0);
    expect(conspiracies.some((r) => col(r, COL.COMMENT_TEXT).includes("11359 HS"))).toBe(true);
    for (const s of ["187 PC-MURDER:SECOND DEGREE", "245(D)(3) PC-", "288(A) PC-LEWD OR LASCIV ACTS"]) {
      expect(d.some((x) => x.startsWith(s))).toBe(true);
    }
    const seeComment = rows.filter((r) => col(r, COL.OFFENSE_DESCR) === "SEE COMMENT FOR CHARGE");
    expect(seeComment.length).toBeGreaterThan(0);
    expect(seeComment.every((r) => /^\S+ [A-Z]{2}/.test(col(r, COL.COMMENT_TEXT)))).toBe(true);
  });

  it("includes PC 290 registrations and deceased steps that are not convictions", () => {
    const reg = rows.filter((r) => col(r, COL.STP_TYPE_DESCR) === "REGISTRATION");
    expect(reg.length).toBeGreaterThan(0);
    for (const r of reg) {
      expect(col(r, COL.OFFENSE_DESCR)).toBe("290 PC-REGISTRATION OF SEX OFFENDER");
      expect(col(r, COL.DISP_DESCR)).toBe("");
    }
    const dead = rows.filter((r) => col(r, COL.STP_TYPE_DESCR) === "DECEASED");
    expect(dead.length).toBeGreaterThan(0);
    const deadPersons = new Set(dead.map((r) => col(r, COL.SUBJECT_ID)));
    expect(deadPersons.size / summary.persons).toBeLessThan(0.1);
    // The death is the person's last row.
    for (let i = 0; i < rows.length - 1; i++) {
      if (col(rows[i] as string[], COL.STP_TYPE_DESCR) === "DECEASED") {
        expect(col(rows[i + 1] as string[], COL.SUBJECT_ID)).not.toBe(
          col(rows[i] as string[], COL.SUBJECT_ID),
        );
      }
    }
  });

  it("repeats a convicted count's court row once per sentence part", () => {
    let multi = 0;
    for (const r of rows) {
      if (col(r, COL.DISP_DESCR) === "CONVICTED") {
        expect(["JAIL", "PROBATION", "PRISON"]).toContain(col(r, COL.SENT_LOC_DESCR));
        expect(["D", "M", "Y"]).toContain(col(r, COL.SENT_TIME_CODE));
        expect(col(r, COL.SENT_LENGTH)).toMatch(/^[1-9]\d*$/);
      } else {
        expect(col(r, COL.SENT_LENGTH)).toBe("");
      }
    }
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1] as string[];
      const b = rows[i] as string[];
      if (
        col(a, COL.SUBJECT_ID) === col(b, COL.SUBJECT_ID) &&
        col(a, COL.CNT_ORDER) === col(b, COL.CNT_ORDER) &&
        col(b, COL.DISP_DESCR) === "CONVICTED"
      ) {
        expect(Number(col(b, COL.SENT_ORDER))).toBe(Number(col(a, COL.SENT_ORDER)) + 1);
        multi++;
      }
    }
    expect(multi).toBeGreaterThan(0);
    // Apart from sentence parts, no CNT_ORDER repeats within a person.
    const keys = rows.filter((r) => col(r, COL.SENT_ORDER) === "" || col(r, COL.SENT_ORDER) === "001");
    const unique = new Set(keys.map((r) => col(r, COL.SUBJECT_ID) + "/" + col(r, COL.CNT_ORDER)));
    expect(unique.size).toBe(keys.length);
  });
});

describe("generateDojRows", () => {
  it("yields the same rows as generateDojPersons, and returns the summary", () => {
    const options = { county: "ALAMEDA", rows: 300, seed: -12 };
    const flat: string[][] = [];
    const it = generateDojRows(options);
    let r = it.next();
    for (; !r.done; r = it.next()) flat.push(r.value);
    const byPerson = [...generateDojPersons(options)].flat();
    expect(flat).toEqual(byPerson);
    expect(r.value).toEqual({ rows: flat.length, persons: new Set(flat.map((x) => x[COL.SUBJECT_ID])).size });
  });

  it("honours a one-row request with one whole person", () => {
    const rows = [...generateDojRows({ county: "YOLO", rows: 1, seed: 5 })];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(new Set(rows.map((x) => x[COL.SUBJECT_ID]))).toEqual(new Set(["10000001"]));
  });
});
