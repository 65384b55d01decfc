/**
 * Damaged or unusual sheets (OCR damage, a lost delimiter or trailer, a denied motion): the parser
 * must read what it can and say, with the line, what it could not — never misread silently.
 * Most cases start from the bundled sample sheet (examples/rapsheet/sample.txt) with one line changed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { convictionsOf } from "./convictions.ts";
import { parseCharge, parseRapSheet } from "./parse.ts";
import type { RapSheet } from "./types.ts";

const SAMPLE = readFileSync(
  fileURLToPath(new URL("../../../../examples/rapsheet/sample.txt", import.meta.url)),
  "utf8",
);
const LINES = SAMPLE.replace(/\n$/, "").split("\n");

/** The sample with 1-based line `no` (which must read `old`) replaced by `text`, or removed when null. */
function sampleWith(no: number, old: string, text: string | null): string {
  expect(LINES[no - 1], `sample line ${no}`).toBe(old);
  const lines = [...LINES];
  if (text === null) lines.splice(no - 1, 1);
  else lines[no - 1] = text;
  return `${lines.join("\n")}\n`;
}

function rows(r: RapSheet) {
  return convictionsOf(r).map((c) => ({
    codeSection: c.count.codeSection,
    severity: c.severity,
    dispositions: c.count.dispositions.map((d) => d.type),
    relief: c.relief?.type,
  }));
}

const SAMPLE_ROWS = [
  { codeSection: "HS 11359", severity: "F", dispositions: ["convicted"], relief: undefined },
  {
    codeSection: "HS 11357(b)",
    severity: "M",
    dispositions: ["convicted", "pc1203_dismissed"],
    relief: "pc1203_dismissed",
  },
  { codeSection: "VC 23152(a)", severity: "M", dispositions: ["convicted"], relief: undefined },
  {
    codeSection: "HS 11360(a)",
    severity: "M",
    dispositions: ["convicted", "reduced_17b"],
    relief: "reduced_17b",
  },
];

function warnings(r: RapSheet) {
  return r.diagnostics.filter((d) => d.severity !== "info");
}

describe("bug 1: an OCR-damaged count tag", () => {
  it.each([
    ["CNT:O2", 2],
    ["CNT:XX", 2],
    ["CNT:", 2],
    ["CNT: 0Z", 2],
  ])("%s starts a new count (number %d), with a warning naming the line", (tag, number) => {
    const r = parseRapSheet(sampleWith(42, "CNT:02", tag));
    expect(rows(r)).toEqual(SAMPLE_ROWS);
    const dui = convictionsOf(r)[2]!.count;
    expect(dui.number).toBe(number);
    expect(dui.line).toBe(42);
    expect(warnings(r)).toEqual([
      expect.objectContaining({ severity: "warning", code: "DAMAGED_COUNT_TAG", line: 42 }),
    ]);
  });

  it("reads a count number on the line after a bare CNT: (the format allows it) without a warning", () => {
    const r = parseRapSheet(sampleWith(42, "CNT:02", "CNT:\n02"));
    expect(rows(r)).toEqual(SAMPLE_ROWS);
    expect(convictionsOf(r)[2]!.count.number).toBe(2);
    expect(warnings(r)).toEqual([]);
  });

  it("warns when one count gets a second CONVICTED disposition, but not for a dated re-conviction", () => {
    const r = parseRapSheet(sampleWith(42, "CNT:02", null)); // CNT:02 gone: the DUI lines fall into count 01
    const dup = r.diagnostics.find((d) => d.code === "SECOND_CONVICTION");
    expect(dup).toMatchObject({ severity: "warning", line: 43 });
    expect(dup!.message).toMatch(/second CONVICTED/);
    // A dated update that re-convicts as a misdemeanour is how a PC 17(b) reduction is printed: no warning.
    const reduced = sampleWith(61, "   DISPO:REDUCED TO MISDEMEANOR", "   DISPO:CONVICTED").replace(
      "   COM: PER 17(B) PC\n",
      "   CONV STATUS:MISDEMEANOR\n",
    );
    const r2 = parseRapSheet(reduced);
    expect(convictionsOf(r2)[3]).toMatchObject({ originalSeverity: "F", severity: "M" });
    expect(warnings(r2)).toEqual([]);
  });
});

describe("bug 2: events before the first cycle delimiter", () => {
  it("ends the header at the first event header and reads the events, with a warning", () => {
    const r = parseRapSheet(sampleWith(13, "* * * *", null));
    expect(rows(r)).toEqual(SAMPLE_ROWS);
    expect(r.cycles.map((c) => c.events.map((e) => e.type))).toEqual([
      ["arrest", "court"],
      ["arrest", "court"],
      ["arrest", "court"],
    ]);
    expect(r.personalInfo).toMatchObject({ cii: "A00000042", names: { "01": "EXAMPLE, RIVER" } });
    expect(warnings(r)).toEqual([
      expect.objectContaining({ severity: "warning", code: "EVENT_IN_HEADER", line: 13 }),
    ]);
  });

  it("also stops the header at a count line whose event header is unreadable", () => {
    const r = parseRapSheet(
      sampleWith(13, "* * * *", null).replace("ARR/DET/CITE: NAM:01 DOB", "ARB/DEF/CIRE: NAM:01 DOB"),
    );
    expect(rows(r)).toEqual(SAMPLE_ROWS);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "EVENT_IN_HEADER", line: 15 }),
    );
  });
});

describe("bug 3: a DISPO line outside any count", () => {
  it("is a warning naming the line when the count tag is damaged (CMT:01)", () => {
    const r = parseRapSheet(sampleWith(22, "CNT:01     #H990601", "CMT:01 #H990601"));
    expect(rows(r)).toEqual(SAMPLE_ROWS.slice(1));
    expect(warnings(r)).toEqual([
      expect.objectContaining({ severity: "warning", code: "DISPOSITION_IGNORED", line: 24 }),
    ]);
  });
});

describe("bug 4: a denied motion or petition is not relief", () => {
  it.each([
    "MOTION PER 1203.4 PC DENIED",
    "PETITION TO DISMISS PER 1203.4 PC DENIED",
    "1203.4 PC MOTION DENY",
    "PETITION PER 11361.8 HS REJECTED",
    "MOTION TO SET ASIDE PER 1203.4A PC NOT GRANTED",
    "MOTION PER 17(B) PC DENIED",
  ])("DISPO:%s leaves the conviction unrelieved, with a note", (dispo) => {
    const r = parseRapSheet(
      sampleWith(41, "   DISPO:CONV SET ASIDE & DISM PER 1203.4 PC", `   DISPO:${dispo}`),
    );
    const c = convictionsOf(r)[1]!;
    expect(c.relief).toBeUndefined();
    expect(c.count.dispositions.map((d) => d.type)).toEqual(["convicted", "other_disposition_type"]);
    expect(c.severity).toBe("M");
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "info", code: "RELIEF_DENIED", line: 41 }),
    );
  });

  it("a COM: saying a 17(b) motion was denied does not reduce the felony", () => {
    const text = sampleWith(61, "   DISPO:REDUCED TO MISDEMEANOR", "   DISPO:SENTENCE MODIFIED").replace(
      "   COM: PER 17(B) PC",
      "   COM: DEFT MOTION PER 17(B) PC DENIED",
    );
    const r = parseRapSheet(text);
    const c = convictionsOf(r)[3]!;
    expect(c.relief).toBeUndefined();
    expect(c).toMatchObject({ originalSeverity: "F", severity: "F" });
    expect(c.count.dispositions.map((d) => d.mentions17b)).toEqual([false, false]);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "info", code: "RELIEF_DENIED", line: 62 }),
    );
  });
});

describe("bug 5: text after END OF MESSAGE", () => {
  const more =
    "COURT: NAM:01\n20150101 CASC FRESNO\nCNT:01 #F150101\n  11359 HS-POSSESS MARIJUANA FOR SALE\n*DISPO:CONVICTED\n";

  it("is a warning naming the line when it holds an event or a count", () => {
    const r = parseRapSheet(`${SAMPLE}${more}`);
    expect(rows(r)).toEqual(SAMPLE_ROWS);
    expect(warnings(r)).toEqual([
      expect.objectContaining({ severity: "warning", code: "TEXT_AFTER_END", line: 64, endLine: 68 }),
    ]);
  });

  it("stays info for plain trailing text, and for plain text before the event", () => {
    const plain = parseRapSheet(`${SAMPLE}PRINTED BY CLERK 01\n`);
    expect(plain.diagnostics.filter((d) => d.code === "TEXT_AFTER_END")).toEqual([
      expect.objectContaining({ severity: "info", line: 64 }),
    ]);
    const r = parseRapSheet(`${SAMPLE}PRINTED BY CLERK\n${more.replace("COURT: NAM:01\n", "")}`);
    expect(r.diagnostics.filter((d) => d.code === "TEXT_AFTER_END")).toEqual([
      expect.objectContaining({ severity: "info", line: 64, endLine: 65 }),
      expect.objectContaining({ severity: "warning", line: 66, endLine: 68 }),
    ]);
  });
});

describe("bug 6: a sheet without its END OF MESSAGE trailer", () => {
  it("warns that it may be cut short, naming the last line (not for the whole sheet or an empty text)", () => {
    const r = parseRapSheet(sampleWith(63, "* * * END OF MESSAGE * * *", null));
    expect(rows(r)).toEqual(SAMPLE_ROWS);
    expect(warnings(r)).toEqual([
      expect.objectContaining({ severity: "warning", code: "NO_END_OF_MESSAGE", line: 62 }),
    ]);
    expect(warnings(r)[0]!.message).toMatch(/no END OF MESSAGE line: it may be cut short/);
    expect(warnings(parseRapSheet(SAMPLE))).toEqual([]);
    expect(parseRapSheet("\n\n").diagnostics.map((d) => d.code)).not.toContain("NO_END_OF_MESSAGE");
  });

  it("of the fixtures, fires only on the three grammar-spec fragments that have no trailer", () => {
    const dir = fileURLToPath(new URL("../../../../../shared/fixtures/rapsheet/", import.meta.url));
    const flagged = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .filter((f) =>
        parseRapSheet(readFileSync(dir + f, "utf8")).diagnostics.some((d) => d.code === "NO_END_OF_MESSAGE"),
      );
    expect(flagged).toEqual([
      "39_rap_sheet_grammar_parser_spec_L100.txt",
      "43_rap_sheet_grammar_parser_spec_L179.txt",
      "44_rap_sheet_grammar_parser_spec_L193.txt",
    ]);
  });
});

describe("bug 7: an impossible date of birth", () => {
  it("is kept unreadable (null) with a warning naming the line and the DOB field", () => {
    const r = parseRapSheet(SAMPLE.replace("DOB/19800704", "DOB/19800230"));
    expect(r.personalInfo.dob).toEqual({ raw: "19800230", value: undefined });
    const w = warnings(r);
    expect(w).toEqual([expect.objectContaining({ severity: "warning", code: "INVALID_DATE", line: 8 })]);
    expect(w[0]!.message).toMatch(/DOB/);
  });
});

describe("bug 8: very long runs of spaces or dots in a charge line", () => {
  const spaces = " ".repeat(80_000);
  const dots = ".".repeat(80_000);

  it("reads a line with no code as no code section (in linear time)", () => {
    expect(parseCharge(`  1${spaces}Z`)).toBeUndefined();
    expect(parseCharge(`  1${dots}Z`)).toBeUndefined();
    expect(parseCharge(`  1${spaces}5 HS${dots}X`)).toBeUndefined();
  });

  it("still reads a code section separated from its section by a long gap", () => {
    expect(parseCharge(`  11357(B)${spaces}HS-POSSESS MARIJUANA${spaces}TOC:M${dots}`)).toEqual({
      code: "HS",
      section: "11357(b)",
      attempt: false,
      description: "POSSESS MARIJUANA",
      also: [],
    });
    expect(parseCharge(`12022.1 PC/${spaces}11350(A) HS-POSSESS`)).toMatchObject({
      code: "HS",
      section: "11350(a)",
      also: ["PC 12022.1"],
    });
  });

  it("parses a sheet holding such a line: the count is kept without a code section, with a warning", () => {
    const r = parseRapSheet(sampleWith(23, "  11359 HS-POSSESS MARIJUANA FOR SALE", `  1${spaces}Z`));
    const c = convictionsOf(r)[0]!;
    expect(c.count.codeSection).toBeUndefined();
    expect(c.count.description).toBe(`1${spaces}Z`);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: "COUNT_WITHOUT_CODE_SECTION", line: 23 }),
    );
    expect(rows(r).slice(1)).toEqual(SAMPLE_ROWS.slice(1));
  });
});
