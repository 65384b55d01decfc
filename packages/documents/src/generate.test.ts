/**
 * Generates every document for a sample run folder and reads the PDFs back with poppler-utils:
 * names, case numbers, sections and totals against the run's results, the 28 pleading line numbers
 * in text and in a rendered page, wrapping of extreme strings, overrides and the report figures.
 */
import { mkdtemp, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { generateDocuments } from "./generate.ts";
import { PLEADING } from "./layout.ts";
import { loadOfficeProfile, type OfficeProfile } from "./office.ts";
import { inkIn, pdfPages, pdfText, pdfWordBoxes, renderPage } from "./pdf-test-helpers.ts";
import { loadOverrides, RunSummarySchema } from "./run-folder.ts";
import { type SampleResult, sampleResults, summaryFor, writeRunFolder } from "./test-support.ts";

const EXAMPLE = new URL("../../../examples/office.json", import.meta.url).pathname;
let office: OfficeProfile;
let root: string;
let out: string;
const rows = sampleResults();
const summary = summaryFor(rows);

async function tmp(name: string): Promise<string> {
  return mkdtemp(join(root, `${name}-`));
}

beforeAll(async () => {
  const r = await loadOfficeProfile(EXAMPLE);
  if (!r.ok) throw new Error(r.errors.join("; "));
  office = r.value;
  root = await mkdtemp(join(tmpdir(), "clearance-documents-"));
  const run = await tmp("run");
  await writeRunFolder(run, rows, summary);
  out = join(root, "out");
  const result = await generateDocuments({ runDir: run, office, outDir: out, date: "2024-05-01" });
  expect(result.counts).toEqual({ dismissAndSeal: 15, redesignate: 1, people: 10 });
});

const eligible = (d: string) => rows.filter((r) => r.determination === d);

/** Text with line breaks and runs of spaces folded, so wrapped cells still match. */
function flat(s: string): string {
  return s.replace(/\s+/g, " ");
}

/** Body text of pleading paper: layout text without the margin line numbers, folded. */
async function body(path: string): Promise<string> {
  const t = await pdfText(path, { layout: true });
  return flat(t.replace(/^ {0,2}\d{1,2}(?= {2,}|$)/gm, ""));
}

describe("bulk motion", () => {
  test("exhibits list every eligible case with name, case numbers, section; totals match the results", async () => {
    const text = await body(join(out, "motion.pdf"));
    for (const r of [...eligible("Eligible for Dismissal"), ...eligible("Eligible for Reduction")]) {
      expect(text).toContain(r.name);
      for (const c of r.caseNumbers) expect(text).toContain(c);
      expect(text).toContain(r.codeSection.replace(/ /g, " "));
    }
    expect(text).toContain("15 convictions of 10 persons");
    expect(text).toContain("1 conviction of 1 person");
    expect(text).toContain("EXHIBIT A");
    expect(text).toContain("EXHIBIT B");
    expect(text).toContain("Health and Safety Code section 11361.9");
    expect(text).toMatch(/11361\.8, subdivisions \(a\), \(b\), \(e\) and \(f\)/);
    // Not-eligible and hand-review cases are not filed.
    expect(text).not.toContain("MAUL, DARTH");
    expect(text).not.toContain("TROY, CASTOR");
    expect(text).toContain(office.attorney.name);
    expect(text).toContain(`SBN ${office.attorney.barNumber}`);
  });

  test("exhibit rows are numbered 1..N in order and the header repeats on every exhibit page", async () => {
    const layout = await pdfText(join(out, "motion.pdf"), { layout: true });
    const pages = layout.split("\f").filter((p) => /^\s*\d*\s+EXHIBIT [AB]( \(continued\))?\s*$/m.test(p));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(p).toMatch(/No\.\s+Name\s+Date of\s+CII\s+Court case/);
    const a = pages.find((p) => /EXHIBIT A/.test(p))!;
    const nums = [...a.matchAll(/^(?:\s*\d{1,2})?\s+(\d+)\s{2,}[A-Z]+, ?[A-Z]/gm)].map((m) => Number(m[1]));
    expect(nums).toEqual(Array.from({ length: 15 }, (_v, i) => i + 1));
  });

  test("page 1 shows the line numbers 1..28 in the margin (pdftotext -layout)", async () => {
    const page1 = await pdfText(join(out, "motion.pdf"), { layout: true, first: 1, last: 1 });
    const numbers = page1
      .split("\n")
      .map((l) => /^\s*(\d{1,2})(\s|$)/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    expect(numbers).toEqual(Array.from({ length: 28 }, (_v, i) => i + 1));
    expect(page1).toContain("SUPERIOR COURT OF THE STATE OF CALIFORNIA");
    expect(page1).toContain("COUNTY OF SACRAMENTO");
    // Footer: page number and the document title.
    expect(page1).toMatch(/-\s?1\s?-/);
    expect(page1).toMatch(/MOTION FOR BULK DISMISSAL/);
  });

  test("page 1 renders (pdftoppm) with ink at each of the 28 numbered lines and none between them", async () => {
    const dpi = 72;
    const raster = await renderPage(join(out, "motion.pdf"), 1, dpi, await tmp("render"));
    expect(raster.width).toBe(612);
    expect(raster.height).toBe(792);
    const x0 = 20;
    const x1 = PLEADING.numberRight + 1;
    for (let n = 1; n <= 28; n++) {
      const top = PLEADING.top + (2 * n - 1) * 12;
      expect(inkIn(raster, dpi, x0, top, x1, top + 12), `line number ${n}`).toBeGreaterThan(3);
      // The half-slot above each number is blank in the margin.
      expect(inkIn(raster, dpi, x0, top - 11, x1, top - 1), `gap above ${n}`).toBe(0);
    }
    // The body is not blank either.
    expect(inkIn(raster, dpi, PLEADING.textLeft, 72, PLEADING.textRight, 740)).toBeGreaterThan(2000);
  });
});

test("the proposed order has the exhibits, the counts and a judge's signature line", async () => {
  const text = await body(join(out, "proposed-order.pdf"));
  expect(text).toContain("[PROPOSED] ORDER");
  expect(text).toContain("IT IS SO ORDERED");
  expect(text).toContain("JUDGE OF THE SUPERIOR COURT");
  expect(text).toMatch(/Each of the 15 convictions listed in Exhibit A is dismissed and sealed/);
  expect(text).toMatch(/Each of the 1 conviction listed in Exhibit B is redesignated/);
  for (const r of eligible("Eligible for Dismissal")) expect(text).toContain(r.name);
  expect(await pdfPages(join(out, "proposed-order.pdf"))).toBeGreaterThanOrEqual(3);
});

describe("per-person documents", () => {
  test("one petition, one order and one notice per person with relief", async () => {
    const people = new Set(rows.filter((r) => r.determination.startsWith("Eligible")).map((r) => r.personId));
    const petitions = await readdir(join(out, "petitions"));
    const notices = await readdir(join(out, "notices"));
    expect(petitions.filter((f) => f.endsWith("-petition.pdf"))).toHaveLength(people.size);
    expect(petitions.filter((f) => f.endsWith("-order.pdf"))).toHaveLength(people.size);
    expect(notices).toHaveLength(people.size);
    expect(notices.some((f) => f.includes("313456"))).toBe(false); // MAUL: not eligible
  });

  test("petition and order carry CR-400 / CR-403 content for that person's convictions", async () => {
    const count = rows.filter((r) => r.personId === "84734892");
    const pet = await body(join(out, "petitions", "count-count-von-84734892-petition.pdf"));
    expect(pet).toContain("CR-400");
    expect(pet).toContain("COUNT,COUNT VON");
    expect(pet).toContain("11/27/1972");
    expect(pet).toContain("A971951352");
    expect(pet).toContain("[X] Application (Health & Saf. Code, § 11361.8, subd. (e))");
    for (const c of count) {
      expect(pet).toContain(c.codeSection);
      expect(pet).toContain(c.caseNumbers[0]!);
    }
    expect(pet).toContain("Redesignate as misdemeanor");
    const ord = await body(join(out, "petitions", "count-count-von-84734892-order.pdf"));
    expect(ord).toContain("CR-403");
    expect(ord).toContain("dismissed and sealed as legally invalid");
    expect(ord).toContain("redesignated as a misdemeanor or infraction");
    expect(ord).toContain("IT IS SO ORDERED");
    const page1 = await pdfText(join(out, "petitions", "count-count-von-84734892-order.pdf"), {
      layout: true,
      first: 1,
      last: 1,
    });
    expect(page1.split("\n").filter((l) => /^\s*\d{1,2}(\s|$)/.test(l))).toHaveLength(28);
  });

  test("the notice letter is plain language and says what it means for job applications", async () => {
    const t = flat(await pdfText(join(out, "notices", "count-count-von-84734892-notice.pdf")));
    expect(t).toContain("Dear Count Von Count,");
    expect(t).toContain("May 1, 2024");
    expect(t).toContain("Job applications");
    expect(t).toContain("Dismiss and seal");
    expect(t).toContain("Change to a misdemeanor");
    expect(t).toContain("757392");
    expect(t).toContain(office.phone);
  });
});

describe("public defender list", () => {
  test("CSV lists every relevant conviction with its status; challenged cases are marked", async () => {
    const csv = await readFile(join(out, "pd-list.csv"), "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toMatch(/^Name,Date of birth,CII,Court case number\(s\)/);
    const maul = lines.find((l) => l.includes("MAUL, DARTH"))!;
    expect(maul).toContain("Challenged: not in filing");
    const troy = lines.find((l) => l.includes("TROY, CASTOR"))!;
    expect(troy).toContain("Under review: not in filing");
    expect(lines.filter((l) => l.includes("In filing: Exhibit A"))).toHaveLength(15);
  });

  test("PDF lists every name and the totals", async () => {
    const t = flat(await pdfText(join(out, "pd-list.pdf")));
    for (const r of rows) expect(t).toContain(r.name);
    expect(t).toContain(`Total: ${rows.length} convictions of 12 people`);
    expect(t).toContain("Challenged: 1");
    expect(t).toContain("In filing: 16");
    expect(t).toContain("11361.9(c)");
  });
});

describe("impact report", () => {
  test("figures are those of gogen.json and the charts agree with it", async () => {
    const t = await pdfText(join(out, "impact-report.pdf"), { layout: true });
    const value = (label: string) => {
      const m = new RegExp(`${label.replace(/[()]/g, "\\$&")} {2,}(\\S+)`).exec(t);
      return m?.[1];
    };
    const s = RunSummarySchema.parse(summary);
    expect(value("Rows in the DOJ file(s)")).toBe(String(s.lineCount));
    expect(value("People with a Prop 64 conviction in the county")).toBe(
      String(s.subjectsWithProp64ConvictionCountInCounty),
    );
    expect(value("Prop 64 felony convictions")).toBe(String(s.prop64FelonyConvictionsCountInCounty));
    expect(value("Prop 64 non-felony convictions")).toBe(String(s.prop64NonFelonyConvictionsCountInCounty));
    expect(value("People getting some relief")).toBe(String(s.subjectsWithSomeReliefCount));
    for (const [k, v] of Object.entries(
      s.prop64ConvictionsCountInCountyByCodeSection as Record<string, number>,
    )) {
      expect(value(`Convictions under HS ${k}`)).toBe(String(v));
    }
    expect(value("No felony left (office policy)")).toBe("5");
    expect(value("No felony left (dismiss all Prop 64)")).toBe("7");
    expect(value("No conviction left (dismiss all Prop 64)")).toBe("6");
    expect(value("Dismiss all HS 11358")).toBe("5");
    expect(value("57 years or older")).toBe("2");
    expect(t).toContain("Convictions by code section and outcome");
    expect(t).toContain("Convictions by decade of conviction");
    expect(t).toMatch(/Dismissal 15\s+Reduction 1\s+Not eligible 1\s+Review 1/);
    expect(t).not.toContain("do not match the run summary");
  });

  test("a summary that disagrees with the results is reported, not hidden", async () => {
    const run = await tmp("mismatch");
    await writeRunFolder(run, rows, { ...summary, prop64FelonyConvictionsCountInCounty: 99 });
    const o = await tmp("mismatch-out");
    await generateDocuments({ runDir: run, office, outDir: o, kinds: ["report"], date: "2024-05-01" });
    const t = flat(await pdfText(join(o, "impact-report.pdf")));
    expect(t).toContain("do not match the run summary");
    expect(t).toContain("felonies: 14 in results, 99 in gogen.json");
  });
});

test("overrides change what is filed and are marked in the PD list", async () => {
  const run = await tmp("ovr");
  await writeRunFolder(run, rows, summary);
  const o = await tmp("ovr-out");
  const maul = rows.find((r) => r.name === "MAUL, DARTH")!;
  const luke = rows.find((r) => r.name === "SKYWALKER,LUKE S")!;
  const result = await generateDocuments({
    runDir: run,
    office,
    outDir: o,
    kinds: ["motion", "pd-list"],
    date: "2024-05-01",
    overrides: {
      [`${maul.fileIndex}:${maul.line}`]: {
        determination: "Eligible for Dismissal",
        reason: "Reviewed: no super strike",
      },
      [`${luke.fileIndex}:${luke.line}`]: { determination: "Hand Review", reason: "Identity to confirm" },
    },
  });
  expect(result.overridesApplied).toBe(2);
  expect(result.counts.dismissAndSeal).toBe(15);
  const t = flat(await pdfText(join(o, "motion.pdf")));
  expect(t).toContain("MAUL, DARTH");
  expect(t).not.toContain("SKYWALKER");
  const csv = await readFile(join(o, "pd-list.csv"), "utf8");
  expect(csv.split("\r\n").find((l) => l.includes("MAUL"))).toMatch(
    /Reviewed: no super strike,.*,yes,input\.csv:18$/,
  );
  const manifest = JSON.parse(await readFile(join(o, "documents.json"), "utf8"));
  expect(manifest.documents.map((d: { file: string }) => d.file)).toEqual([
    "motion.pdf",
    "pd-list.csv",
    "pd-list.pdf",
  ]);
  expect(manifest.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
});

test("extreme names and case-number lists wrap inside the table and the caption", async () => {
  const longName = `${"WOLFESCHLEGELSTEINHAUSENBERGERDORFF".repeat(4)},HUBERT BLAINE WOLFE ${"ANDERSON-".repeat(12)}JR`;
  const cases = Array.from({ length: 400 }, (_v, i) => `CR-2014-${String(i).padStart(6, "0")}`);
  const base = rows[0]!;
  const extreme: SampleResult[] = [
    { ...base, personId: "X1", name: longName, caseNumbers: cases, line: 100 },
    { ...base, personId: "X2", name: "SHORT,NAME", caseNumbers: ["ONE"], line: 101 },
  ];
  const run = await tmp("extreme");
  await writeRunFolder(run, extreme);
  const o = await tmp("extreme-out");
  await generateDocuments({
    runDir: run,
    office,
    outDir: o,
    kinds: ["motion", "petitions", "pd-list"],
    date: "2024-05-01",
  });
  const petition = (await readdir(join(o, "petitions"))).find((f) => f.endsWith("-x1-petition.pdf"))!;
  expect(petition).toBeDefined();
  for (const file of ["motion.pdf", join("petitions", petition)]) {
    const boxes = await pdfWordBoxes(join(o, file));
    expect(boxes.length).toBeGreaterThan(100);
    // Nothing crosses the margins of the pleading paper (line numbers sit left of the left rule).
    for (const b of boxes) {
      if (/^\d{1,2}$/.test(b.text) && b.xMax <= PLEADING.leftRule) continue;
      expect(b.xMin, `${file} p${b.page} "${b.text}"`).toBeGreaterThanOrEqual(PLEADING.textLeft - 0.5);
      expect(b.xMax, `${file} p${b.page} "${b.text}"`).toBeLessThanOrEqual(PLEADING.textRight + 0.5);
      expect(b.yMax).toBeLessThanOrEqual(792);
    }
    const t = (await pdfText(join(o, file))).replace(/\s+/g, "");
    for (const c of cases) expect(t).toContain(c);
  }
  // The 400-case row spans pages; the next row still follows it.
  const motion = flat(await pdfText(join(o, "motion.pdf")));
  expect(motion).toContain("SHORT,NAME");
  expect(motion).toContain("EXHIBIT A (continued)");
  // PD list (landscape): every word within the page.
  for (const b of await pdfWordBoxes(join(o, "pd-list.pdf"))) {
    expect(b.xMin).toBeGreaterThanOrEqual(35);
    expect(b.xMax).toBeLessThanOrEqual(792 - 35);
  }
});

test("a run folder with a malformed line is rejected with its line number", async () => {
  const run = await tmp("bad");
  await writeRunFolder(run, rows, summary);
  await writeFile(join(run, "results.ndjson"), `${JSON.stringify(rows[0])}\n{"personId": 1}\n`);
  await expect(
    generateDocuments({
      runDir: run,
      office,
      outDir: await tmp("bad-out"),
      kinds: ["motion"],
      date: "2024-05-01",
    }),
  ).rejects.toThrow(/results\.ndjson line 2: fileIndex/);
});

/** A run folder of `rs` (summary derived from them unless given) in a fresh temporary folder. */
async function runOf(
  name: string,
  rs: readonly SampleResult[],
  s?: Record<string, unknown>,
): Promise<string> {
  const run = await tmp(name);
  await writeRunFolder(run, rs, s ?? summaryFor(rs));
  return run;
}

/** Every file under `dir`, relative, `/`-separated, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe("names the standard fonts cannot draw", () => {
  test("are transliterated when they have a Latin form; the rest is a warning naming the person and the documents", async () => {
    const base = rows[0]!;
    const people: SampleResult[] = [
      { ...base, personId: "V1", name: "ĐẶNG,VĂN", line: 200 },
      { ...base, personId: "P1", name: "ŁUKASZ,PIOTR", line: 201 },
      { ...base, personId: "N1", name: "PEN\u0303A,JOSE", line: 202 },
      { ...base, personId: "C1", name: "王,小明", line: 203 },
    ];
    const run = await runOf("unicode", people);
    const o = await tmp("unicode-out");
    const r = await generateDocuments({
      runDir: run,
      office: { ...office, officeName: "Biuro Prokuratora, Łódź" },
      outDir: o,
      kinds: ["motion", "petitions", "notices"],
      date: "2024-05-01",
    });
    const motion = flat(await pdfText(join(o, "motion.pdf")));
    expect(motion).toContain("DANG,VAN");
    expect(motion).toContain("LUKASZ,PIOTR");
    expect(motion).toContain("PEÑA,JOSE");
    expect(motion).toContain("Biuro Prokuratora, Lódz");
    expect(motion).not.toMatch(/\?ANG|\?UKASZ|PEN\?A|\?ódz/);
    const notice = flat(await pdfText(join(o, "notices", "dang-van-v1-notice.pdf")));
    expect(notice).toContain("DANG,VAN");
    // Only the name with no Latin form is reported, with the person and every document that prints it.
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^person C1 "王,小明": .*name \(王 U\+738B, 小 U\+5C0F, 明 U\+660E\)/);
    expect(r.warnings[0]).toContain(
      'printed as "?" in motion.pdf, petitions/x-c1-petition.pdf, petitions/x-c1-order.pdf, notices/x-c1-notice.pdf',
    );
    const manifest = JSON.parse(await readFile(join(o, "documents.json"), "utf8"));
    expect(manifest.warnings).toEqual(r.warnings);
  });

  test("an office profile field with no Latin form is a warning naming the field", async () => {
    const run = await runOf("unicode-office", rows);
    const r = await generateDocuments({
      runDir: run,
      office: { ...office, signatureLine: "王小明, Deputy District Attorney" },
      outDir: await tmp("unicode-office-out"),
      kinds: ["order"],
      date: "2024-05-01",
      sources: { office: "office profile office.json" },
    });
    expect(r.warnings).toEqual([
      expect.stringMatching(/^office profile office\.json field signatureLine: .*王 U\+738B/),
    ]);
  });
});

test("a 200-character name and a long court name wrap within the margins of the notice and the caption", async () => {
  const longName = `${"ABCDEFGHIJ ".repeat(10)}${"KLMNOPQRST".repeat(9)},JO`;
  expect(longName.length).toBeGreaterThanOrEqual(200);
  const run = await runOf("long", [{ ...rows[0]!, personId: "L1", name: longName, line: 300 }]);
  const o = await tmp("long-out");
  const longOffice: OfficeProfile = {
    ...office,
    officeName: `Office of the District Attorney of the ${"Very Long ".repeat(12)}County`,
    court: {
      ...office.court,
      name: `Superior Court of the State of California ${"for the Long Name ".repeat(6)}`,
    },
    phone: "(555) 010-0164 extension 1234567890 or the main line (555) 010-0100",
    email: "prop64-record-clearance-unit-of-the-district-attorney@da.example.org",
  };
  await generateDocuments({
    runDir: run,
    office: longOffice,
    outDir: o,
    kinds: ["motion", "petitions", "notices"],
    date: "2024-05-01",
  });
  const notice = await pdfWordBoxes(join(o, "notices", (await readdir(join(o, "notices")))[0]!));
  expect(notice.length).toBeGreaterThan(50);
  for (const b of notice) {
    expect(b.xMin, `notice p${b.page} "${b.text}"`).toBeGreaterThanOrEqual(64 - 0.5);
    expect(b.xMax, `notice p${b.page} "${b.text}"`).toBeLessThanOrEqual(612 - 64 + 0.5);
  }
  const noticeText = (await pdfText(join(o, "notices", (await readdir(join(o, "notices")))[0]!))).replace(
    /\s+/g,
    "",
  );
  expect(noticeText).toContain(longName.replace(/\s+/g, ""));
  for (const file of ["motion.pdf", join("petitions", (await readdir(join(o, "petitions")))[0]!)]) {
    const boxes = await pdfWordBoxes(join(o, file));
    for (const b of boxes) {
      if (/^\d{1,2}$/.test(b.text) && b.xMax <= PLEADING.leftRule) continue;
      if (b.yMin > PLEADING.footerRule) continue; // footer: page number and title
      expect(b.xMin, `${file} p${b.page} "${b.text}"`).toBeGreaterThanOrEqual(PLEADING.textLeft - 0.5);
      expect(b.xMax, `${file} p${b.page} "${b.text}"`).toBeLessThanOrEqual(PLEADING.textRight + 0.5);
    }
    expect(flat(await pdfText(join(o, file)))).toContain("FOR THE LONG NAME FOR THE LONG NAME");
  }
});

describe("the output folder", () => {
  test("a second run removes the documents of people it no longer files, and the kinds it does not write", async () => {
    const run = await runOf("rerun", rows);
    const o = await tmp("rerun-out");
    await generateDocuments({ runDir: run, office, outDir: o, date: "2024-05-01" });
    const luke = rows.find((r) => r.name === "SKYWALKER,LUKE S")!;
    expect(await filesUnder(o)).toContain("notices/skywalker-luke-s-18675309-notice.pdf");
    const r2 = await generateDocuments({
      runDir: run,
      office,
      outDir: o,
      date: "2024-05-01",
      overrides: { [`${luke.fileIndex}:${luke.line}`]: { determination: "Not eligible" } },
    });
    const after = await filesUnder(o);
    expect(after.filter((f) => f.includes("skywalker"))).toEqual([]);
    expect(after).toEqual([...r2.documents.map((d) => d.file), "documents.json"].sort());
    const r3 = await generateDocuments({
      runDir: run,
      office,
      outDir: o,
      kinds: ["motion"],
      date: "2024-05-01",
    });
    expect(r3.documents.map((d) => d.file)).toEqual(["motion.pdf"]);
    expect(await readdir(o)).toEqual(expect.arrayContaining(["documents.json", "motion.pdf"]));
    expect((await readdir(o)).sort()).toEqual(["documents.json", "motion.pdf"]);
  });

  test("a folder holding files Clearance did not write is refused before anything is written", async () => {
    const run = await runOf("foreign", rows);
    const o = await tmp("foreign-out");
    await writeFile(join(o, "notes.txt"), "mine");
    await expect(
      generateDocuments({ runDir: run, office, outDir: o, kinds: ["motion"], date: "2024-05-01" }),
    ).rejects.toThrow(/foreign-out-\w+ holds files .*\(notes\.txt\)/);
    expect(await readdir(o)).toEqual(["notes.txt"]);
  });
});

describe("inputs are checked before anything is written", () => {
  test("a run of another county than the office profile's is refused", async () => {
    const run = await runOf("kern", rows, summaryFor(rows, "KERN"));
    const o = join(await tmp("kern-out"), "docs");
    await expect(generateDocuments({ runDir: run, office, outDir: o, date: "2024-05-01" })).rejects.toThrow(
      /county "KERN" \(gogen\.json\), but office profile is for county "Sacramento"/,
    );
    await expect(readdir(o)).rejects.toThrow(/ENOENT/);
    // Case and spacing do not matter.
    const la = await runOf("la", rows, summaryFor(rows, "LOS ANGELES"));
    const r = await generateDocuments({
      runDir: la,
      office: { ...office, county: " Los  angeles" },
      outDir: await tmp("la-out"),
      kinds: ["order"],
      date: "2024-05-01",
    });
    expect(r.documents).toHaveLength(1);
  });

  test("a date that is not on the calendar is refused", async () => {
    const run = await runOf("date", rows);
    for (const date of ["2024-13-45", "2024-02-30", "2023-02-29"]) {
      await expect(
        generateDocuments({ runDir: run, office, outDir: await tmp("date-out"), date }),
      ).rejects.toThrow(`got ${date}`);
    }
  });

  test("an override key matching no conviction, or an unknown determination, is refused", async () => {
    const run = await runOf("ovr-bad", rows);
    const o = await tmp("ovr-bad-out");
    const luke = rows.find((r) => r.name === "SKYWALKER,LUKE S")!;
    await expect(
      generateDocuments({
        runDir: run,
        office,
        outDir: o,
        date: "2024-05-01",
        overrides: { "0:9999": { determination: "Not eligible" } },
        sources: { overrides: "overrides o.json" },
      }),
    ).rejects.toThrow(/^overrides o\.json: key "0:9999" matches no conviction of the run/);
    await expect(
      generateDocuments({
        runDir: run,
        office,
        outDir: o,
        date: "2024-05-01",
        overrides: { [`${luke.fileIndex}:${luke.line}`]: { determination: "Elegible for Dismisal" } },
      }),
    ).rejects.toThrow(
      /"0:2": determination "Elegible for Dismisal" is not one of "Eligible for Dismissal", /,
    );
    expect(await readdir(o)).toEqual([]);
    const file = join(o, "..", "overrides-bad.json");
    await writeFile(file, JSON.stringify({ "0:2": { determination: "Elegible for Dismisal" } }));
    await expect(loadOverrides(file)).rejects.toThrow(
      /overrides-bad\.json: "0:2": determination "Elegible for Dismisal" is not one of "Eligible for Dismissal", "Eligible for Reduction", "Not eligible", "Hand Review"/,
    );
  });

  test("a field map that is not JSON or not valid, and a form that is not a PDF, are refused before any filing is drawn", async () => {
    const run = await runOf("form", rows);
    const dir = await tmp("form-files");
    const notJson = join(dir, "map.json");
    await writeFile(notJson, "{ fields: [");
    const invalid = join(dir, "invalid.json");
    await writeFile(invalid, JSON.stringify({ fields: [{ field: "", from: "person.name" }] }));
    const good = join(dir, "good.json");
    await writeFile(good, JSON.stringify({ fields: [{ field: "name", from: "person.name" }] }));
    const readme = join(dir, "README.md");
    await writeFile(readme, "# not a PDF\n");
    const cases: [{ pdf: string; fieldMap: string }, RegExp][] = [
      [{ pdf: readme, fieldMap: notJson }, /^field map .*map\.json is not valid JSON/],
      [{ pdf: readme, fieldMap: invalid }, /^field map .*invalid\.json: fields\.0\.field: /],
      [
        { pdf: readme, fieldMap: good },
        /^form .*README\.md is not a PDF that can be filled: No PDF header found/,
      ],
      [
        { pdf: join(out, "motion.pdf"), fieldMap: good },
        /^field map .*good\.json: no field "name" in the form/,
      ],
    ];
    for (const [form, message] of cases) {
      const o = join(await tmp("form-out"), "docs");
      await expect(
        generateDocuments({ runDir: run, office, outDir: o, date: "2024-05-01", form }),
      ).rejects.toThrow(message);
      await expect(readdir(o)).rejects.toThrow(/ENOENT/);
    }
  });

  test("a run in the pilot format is refused with what to do", async () => {
    const run = await runOf("pilots", rows);
    await rename(join(run, "gogen.json"), join(run, "gogen_pilots.json"));
    await expect(
      generateDocuments({ runDir: run, office, outDir: await tmp("pilots-out"), date: "2024-05-01" }),
    ).rejects.toThrow(/pilot format .*documents need a run in the default gogen format/);
  });
});

test("the caption and the order name the exhibits with capitals", async () => {
  const motion = await body(join(out, "motion.pdf"));
  expect(motion).toContain("each conviction in Exhibits A and B");
  expect(motion).not.toMatch(/exhibits? a\b/);
  const order = await body(join(out, "proposed-order.pdf"));
  expect(order).toContain("the convictions listed in Exhibits A and B, which are attached");
  expect(order).not.toMatch(/Exhibits? a\b|exhibits? a\b/);
  const run = await runOf("one-exhibit", eligible("Eligible for Dismissal"));
  const o = await tmp("one-exhibit-out");
  await generateDocuments({ runDir: run, office, outDir: o, kinds: ["order"], date: "2024-05-01" });
  expect(await body(join(o, "proposed-order.pdf"))).toContain("the convictions listed in Exhibit A, which");
});

test("counts.people is the number of people with relief whatever the kinds", async () => {
  const run = await runOf("people", rows);
  const r = await generateDocuments({
    runDir: run,
    office,
    outDir: await tmp("people-out"),
    kinds: ["motion"],
    date: "2024-05-01",
  });
  expect(r.counts).toEqual({ dismissAndSeal: 15, redesignate: 1, people: 10 });
});

test("a run with nothing to file writes no motion or order and says so", async () => {
  const none = rows.filter((r) => !r.determination.startsWith("Eligible"));
  const run = await runOf("none", none);
  const o = await tmp("none-out");
  const r = await generateDocuments({ runDir: run, office, outDir: o, date: "2024-05-01" });
  expect(r.documents.map((d) => d.file)).toEqual(["pd-list.csv", "pd-list.pdf", "impact-report.pdf"]);
  expect(r.warnings).toEqual([
    expect.stringMatching(/qualifies for relief: the bulk motion and proposed order were not written/),
  ]);
  expect(JSON.parse(await readFile(join(o, "documents.json"), "utf8")).warnings).toEqual(r.warnings);
});

test("the impact report shows no earliest conviction when there is none (gogen.json's placeholder)", async () => {
  const run = await runOf("empty", [], {
    ...summaryFor([]),
    earliestConviction: "2024-05-01T00:00:00Z",
    subjectsWithSomeReliefCount: 0,
  });
  const o = await tmp("empty-out");
  await generateDocuments({ runDir: run, office, outDir: o, kinds: ["report"], date: "2024-05-01" });
  const t = await pdfText(join(o, "impact-report.pdf"), { layout: true });
  expect(t).toMatch(/Earliest Prop 64 conviction {2,}none/);
  expect(t).not.toContain("2024-05-01");
});
