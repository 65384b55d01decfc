import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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
});
