import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../testing.ts";

const SAMPLE = fileURLToPath(new URL("../../../../examples/rapsheet/sample.txt", import.meta.url));

function pdfOf(lines: readonly string[], blank = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [612, 72 + lines.length * 11], margin: 36 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    if (blank) doc.rect(50, 50, 100, 100).fill("#888888");
    else {
      doc.font("Courier").fontSize(9);
      lines.forEach((l, i) => {
        if (l) doc.text(l, 36, 36 + i * 11, { lineBreak: false });
      });
    }
    doc.end();
  });
}

/** A PDF of `pages`: each a list of lines, or null for a page with only a drawn rectangle (like a scan). */
function pagesPdf(pages: ReadonlyArray<readonly string[] | null>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [612, 792], margin: 36, autoFirstPage: false, compress: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    for (const lines of pages) {
      doc.addPage();
      if (lines === null) doc.rect(100, 100, 200, 200).fill("#777777");
      else {
        doc.font("Courier").fontSize(9);
        lines.forEach((l, i) => {
          if (l) doc.text(l, 36, 36 + i * 11, { lineBreak: false });
        });
      }
    }
    doc.end();
  });
}

const sampleLines = async () => (await readFile(SAMPLE, "utf8")).replace(/\n$/, "").split("\n");
const rowsOf = (stdout: string) =>
  JSON.parse(stdout).convictions.map((c: Record<string, unknown>) => [c.codeSection, c.date, c.outcome]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-rapsheet-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("clearance rapsheet", () => {
  it("prints the JSON document with every required conviction field, and writes it to --out", async () => {
    const out = path.join(dir, "out");
    const r = await cli([
      "rapsheet",
      SAMPLE,
      "--policy",
      "los-angeles",
      "--compute-at",
      "2024-01-15",
      "--json",
      "--out",
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe("clearance.rapsheet/1");
    expect(doc.computeAt).toBe("2024-01-15");
    expect(JSON.parse(await readFile(path.join(out, "rapsheet.json"), "utf8"))).toEqual(doc);
    expect(await readFile(path.join(out, "rapsheet.txt"), "utf8")).toContain("CASC Oakland");
    const rows = doc.convictions.map((c: Record<string, unknown>) => ({
      date: c.date,
      caseNumber: c.caseNumber,
      courthouse: c.courthouse,
      codeSection: c.codeSection,
      severity: c.severity,
      line: c.line,
      outcome: c.outcome,
    }));
    expect(rows).toEqual([
      {
        date: "1999-06-01",
        caseNumber: "H990601",
        courthouse: "CASC Oakland",
        codeSection: "HS 11359",
        severity: "F",
        line: 22,
        outcome: "evaluated",
      },
      {
        date: "2003-10-20",
        caseNumber: "S031020",
        courthouse: "CASC San Francisco",
        codeSection: "HS 11357(b)",
        severity: "M",
        line: 35,
        outcome: "already relieved",
      },
      {
        date: "2003-10-20",
        caseNumber: "S031020",
        courthouse: "CASC San Francisco",
        codeSection: "VC 23152(a)",
        severity: "M",
        line: 42,
        outcome: "not Prop 64",
      },
      {
        date: "2010-06-10",
        caseNumber: "F100610",
        courthouse: "CASC Fresno",
        codeSection: "HS 11360(a)",
        severity: "M",
        line: 55,
        outcome: "already relieved",
      },
    ]);
    const first = doc.convictions[0];
    expect(first.determination).toBe("Eligible for Dismissal");
    expect(first.reason).toBeTruthy();
    expect(first.remedy).toBe("redesignate-misdemeanor");
    expect(first.statuteReason).toContain("H&S 11361.8");
    expect(first.missingFacts).toEqual([]);
    expect(first.dispositions).toEqual([
      { type: "convicted", date: "1999-06-01", text: "*DISPO:CONVICTED", line: 24 },
    ]);
    expect(doc.convictions[1].relief).toMatchObject({
      type: "pc1203_dismissed",
      date: "2008-01-15",
      line: 41,
    });
    expect(doc.convictions[3]).toMatchObject({ attempt: true, originalSeverity: "F", severity: "M" });
    expect(doc.convictions[3].sentence.parts[0]).toEqual({
      kind: "probation",
      amount: 1.5,
      unit: "Y",
      text: "1.5 years probation",
    });
    expect(doc.counts.length).toBe(7);
    expect(doc.evaluation.statute).toBe(true);
    expect(doc.convictions[1]).toMatchObject({ remedy: null, determination: null });
  });

  it("prints a table for a text-layer PDF of the same sheet, with the same convictions", async () => {
    const lines = (await readFile(SAMPLE, "utf8")).replace(/\n$/, "").split("\n");
    const pdf = path.join(dir, "sample.pdf");
    await writeFile(pdf, await pdfOf(lines));
    const a = await cli(["rapsheet", pdf, "--compute-at", "2024-01-15", "--json"]);
    const b = await cli(["rapsheet", SAMPLE, "--compute-at", "2024-01-15", "--json"]);
    expect(a.code, a.stderr).toBe(0);
    const ja = JSON.parse(a.stdout);
    const jb = JSON.parse(b.stdout);
    expect(ja.source.format).toBe("pdf");
    expect(ja.convictions).toEqual(jb.convictions);
    const t = await cli(["rapsheet", pdf, "--compute-at", "2024-01-15"]);
    expect(t.stdout).toMatch(
      /^date\s+court\s+case\s+section\s+lvl\s+disposition\s+outcome \(statute \/ policy\)\s+reason/,
    );
    expect(t.stdout).toContain("already relieved");
  });

  it("says a scanned PDF has no text layer (exit 1)", async () => {
    const pdf = path.join(dir, "scan.pdf");
    await writeFile(pdf, await pdfOf(["x"], true));
    const r = await cli(["rapsheet", pdf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no text layer.*scanned/);
  });

  it("reports unreadable parts with line numbers and no personal data unless --verbose", async () => {
    const f = path.join(dir, "noisy.txt");
    await writeFile(
      f,
      "NAM/01 PRIVATE, PERSON\n* * * *\nCOURT: NAM:01\n20050101 CASC SAN FRANCISCO\nCNT:01 #X1\n  PRIVATE PERSON OWES NOTHING\n*DISPO:CONVICTED\n",
    );
    const quiet = await cli(["rapsheet", f, "--compute-at", "2024-01-15"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain("line 6: a convicted count has no readable code section");
    expect(quiet.stderr).not.toContain("PRIVATE");
    const loud = await cli(["rapsheet", f, "--compute-at", "2024-01-15", "--verbose"]);
    expect(loud.stderr).toContain("PRIVATE PERSON OWES NOTHING");
  });

  it("rejects a bad --compute-at and a bad policy file with a clear message (exit 1)", async () => {
    const r = await cli(["rapsheet", SAMPLE, "--compute-at", "2024-02-30"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--compute-at must be a real date");
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, "{ not json");
    const p = await cli(["rapsheet", SAMPLE, "--policy", bad]);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain("not valid JSON");
  });

  it("warns by default about a PDF page without text (page named) and still reads the other pages", async () => {
    const lines = await sampleLines();
    const pdf = path.join(dir, "one-scanned-page.pdf");
    await writeFile(pdf, await pagesPdf([lines.slice(0, 27), null, lines.slice(27)]));
    const r = await cli(["rapsheet", pdf, "--compute-at", "2024-01-15", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: page 2 of the PDF has no text \(it looks scanned\) and was not read; run OCR.*\[PDF_PAGE_WITHOUT_TEXT\]$/m,
    );
    const doc = JSON.parse(r.stdout);
    expect(doc.convictions).toHaveLength(4);
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "PDF_PAGE_WITHOUT_TEXT", page: 2 }),
    );
    expect(doc.summary.diagnostics.warning).toBe(1);
  });

  it("says a damaged PDF (page tree naming a missing object) cannot be read, naming the file (exit 1)", async () => {
    const good = (await pagesPdf([["CNT:01 #1"], ["CNT:02 #2"]])).toString("latin1");
    const kids = /\/Kids \[[^\]]*\]/.exec(good)![0];
    const pdf = path.join(dir, "damaged.pdf");
    await writeFile(pdf, Buffer.from(good.replace(kids, "/Kids [9 0 R]".padEnd(kids.length)), "latin1"));
    const r = await cli(["rapsheet", pdf, "--compute-at", "2024-01-15"]);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`clearance: ${pdf}: the file could not be read as a PDF (page 1: `);
  });

  it("reads UTF-16 (LE and BE) and UTF-8 with a byte-order mark like plain UTF-8", async () => {
    const text = await readFile(SAMPLE, "utf8");
    const plain = await cli(["rapsheet", SAMPLE, "--compute-at", "2024-01-15", "--json"]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le).swap16();
    const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    for (const [name, bytes] of [
      ["le.txt", le],
      ["be.txt", be],
      ["bom8.txt", utf8Bom],
    ] as const) {
      const f = path.join(dir, name);
      await writeFile(f, bytes);
      const r = await cli(["rapsheet", f, "--compute-at", "2024-01-15", "--json"]);
      expect(r.code, name).toBe(0);
      expect(r.stderr, name).toBe("");
      expect(JSON.parse(r.stdout).convictions, name).toEqual(JSON.parse(plain.stdout).convictions);
      expect(JSON.parse(r.stdout).person, name).toEqual(JSON.parse(plain.stdout).person);
    }
  });

  it("reads a line with a stray Latin-1 byte as Latin-1 and warns naming it, keeping UTF-8 elsewhere", async () => {
    const text = await readFile(SAMPLE, "utf8");
    const f = path.join(dir, "mixed.txt");
    const [before, after] = text.split("    02 EXAMPLE, RIV\n");
    await writeFile(
      f,
      Buffer.concat([
        Buffer.from(before!.replace("NAM/01 EXAMPLE, RIVER", "NAM/01 EXAMPLE, JOSÉ"), "utf8"),
        Buffer.from("    02 EXAMPLE, REN\xc9\n", "latin1"),
        Buffer.from(after!, "utf8"),
      ]),
    );
    const r = await cli(["rapsheet", f, "--compute-at", "2024-01-15", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: line 11: .*not valid UTF-8.*read as Latin-1.*\[NOT_UTF8\]$/m);
    const doc = JSON.parse(r.stdout);
    // The parser folds diacritics; mojibake (`JOSÃ‰`) would not fold to these.
    expect(doc.person.names).toEqual({ "01": "EXAMPLE, JOSE", "02": "EXAMPLE, RENE" });
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "NOT_UTF8", line: 11 }),
    );
    expect(rowsOf(r.stdout)).toHaveLength(4);
  });

  it("says a text file with NUL bytes and no byte-order mark is not readable text (exit 1)", async () => {
    const f = path.join(dir, "utf16-no-bom.txt");
    await writeFile(f, Buffer.from(await readFile(SAMPLE, "utf8"), "utf16le"));
    const r = await cli(["rapsheet", f, "--compute-at", "2024-01-15"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`clearance: ${f}: `);
    expect(r.stderr).toMatch(/NUL bytes.*UTF-16 without a byte-order mark.*save it as UTF-8/);
  });

  it.each([
    [["--la-age", "abc"], /--la-age must be a whole number from 40 to 65 \(default 50\), got "abc"/],
    [["--la-age", "0"], /--la-age must be a whole number from 40 to 65 \(default 50\), got "0"/],
    [["--la-age", "12abc"], /--la-age must be a whole number from 40 to 65 \(default 50\), got "12abc"/],
    [["--la-age", "70"], /--la-age must be a whole number from 40 to 65/],
    [["--la-years", "-3"], /--la-years must be a whole number from 1 to 15 \(default 10\), got "-3"/],
    [["--la-years", "2.5"], /--la-years must be a whole number from 1 to 15/],
  ])("rejects a bad Los Angeles criterion %j naming the option (exit 1)", async (flag, message) => {
    const r = await cli([
      "rapsheet",
      SAMPLE,
      "--policy",
      "los-angeles",
      "--compute-at",
      "2024-01-15",
      ...flag,
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("uses valid Los Angeles criteria, and refuses them without --policy los-angeles (exit 1)", async () => {
    const ok = await cli([
      "rapsheet",
      SAMPLE,
      "--policy",
      "los-angeles",
      "--la-age",
      "40",
      "--la-years",
      "2",
      "--compute-at",
      "2024-01-15",
      "--json",
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).policy).toContain("age 40, 2 conviction-free years");
    for (const policy of [[], ["--policy", "statute"]]) {
      const r = await cli(["rapsheet", SAMPLE, ...policy, "--la-age", "45", "--compute-at", "2024-01-15"]);
      expect(r.code, policy.join(" ")).toBe(1);
      expect(r.stderr).toContain("--la-age and --la-years go with --policy los-angeles");
    }
  });

  it("says which --out path is in the way and what to do, leaving no .partial file (exit 1)", async () => {
    const out = path.join(dir, "o1");
    await mkdir(path.join(out, "rapsheet.json"), { recursive: true });
    const r = await cli(["rapsheet", SAMPLE, "--compute-at", "2024-01-15", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(path.join(out, "rapsheet.json"));
    expect(r.stderr).toContain("it is a folder, not a file (EISDIR)");
    expect(r.stderr).toMatch(/move or remove what is in the way, or choose another --out folder/);
    expect((await readdir(out)).sort()).toEqual(["rapsheet.json"]);

    const file = path.join(dir, "o2");
    await writeFile(file, "a file, not a folder");
    const f = await cli(["rapsheet", SAMPLE, "--compute-at", "2024-01-15", "--out", file]);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain(`cannot create the folder ${file}`);
    expect(f.stderr).toMatch(/choose another --out folder/);
  });

  it("--help lists every --policy form, and statute and policy files work", async () => {
    const h = await cli(["rapsheet", "--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("--policy <file|los-angeles|statute>");
    expect(h.stdout).toContain("clearance-policy/1");
    const statute = await cli([
      "rapsheet",
      SAMPLE,
      "--policy",
      "statute",
      "--compute-at",
      "2024-01-15",
      "--json",
    ]);
    expect(statute.code, statute.stderr).toBe(0);
    expect(JSON.parse(statute.stdout).evaluation.policy).toBe(true);
    const file = fileURLToPath(
      new URL("../../../../examples/policies/los-angeles.policy.json", import.meta.url),
    );
    const custom = await cli(["rapsheet", SAMPLE, "--policy", file, "--compute-at", "2024-01-15", "--json"]);
    expect(custom.code, custom.stderr).toBe(0);
    expect(JSON.parse(custom.stdout).convictions[0].determination).toBe("Eligible for Dismissal");
  });
});
