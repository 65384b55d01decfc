/**
 * Pass 1 of a bulk run: per-row derived fields (gogen-behaviour.md §1.3, with the documented
 * deviations) and subject grouping (§2.2), including the original's "Subject" unit scenario (§6.1)
 * read from a real 95-field CSV through the streaming scanner.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatIso, type LocalDate, parseIsoDate } from "@clearance/core";
import {
  mostRecentConviction,
  pc290Sections,
  prop64Counts,
  superstrikeSections,
  viewOf,
} from "@clearance/law";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COL, DOJ_FIELD_COUNT } from "./columns.ts";
import { scanCsvFile } from "./csv-scanner.ts";
import { type RowReject, readDojFile } from "./reader.ts";
import {
  deriveCodeSection,
  isConvictedDisposition,
  isFelonyRow,
  SubjectCollector,
  sentenceEndDate,
  subjectToPerson,
} from "./subjects.ts";

describe("deriveCodeSection (§1.3)", () => {
  it.each([
    ["503 VC-TAKE CAR W/O OWNER CONSENT", "", "503 VC"],
    ["4149 BP - UNLICENSED PHARMACY", "", "4149 BP "], // trailing space kept
    [" 148 PC - RESISTING PUBLIC OFFICER", "", " 148 PC "], // leading and trailing space kept
    ["484(A)/490.5 PC-THEFT", "", "484(A)/490.5 PC"],
    ["11357(C)HS-POSSESS MARIJUANA", "", "11357(C)HS"],
    ["11358 HS", "", "11358 HS"], // no hyphen: the whole text
    ["SEE COMMENT FOR CHARGE", "11358 HS-CULTIVATE", "11358 HS"],
    ["  SEE COMMENT FOR CHARGE  ", "11359 HS-SALE", "11359 HS"],
    ["", "11360 HS-TRANSPORT", "11360 HS"],
    ["     ", "11357 HS-POSSESS", "11357 HS"],
    ["", "", ""],
    ["", "THIS IS A COMMENT", "THIS IS A COMMENT"],
    ["11358 HS-CULTIVATE", "11359 HS-SALE", "11358 HS"], // offence wins when present
  ])("(OFFENSE_DESCR %j, COMMENT_TEXT %j) → %j", (offense, comment, expected) => {
    expect(deriveCodeSection(offense, comment)).toEqual({ codeSection: expected, fromConviction: false });
  });

  describe("deviation: an attempt prefix `664-` keeps its target section", () => {
    it.each([
      ["664-11357(C) HS-POSSESS MARIJUANA", "664-11357(C) HS"],
      ["664-11359 HS-POSSESS FOR SALE", "664-11359 HS"],
      ["664-11359 HS", "664-11359 HS"],
      [" 664 -11360 HS-TRANSPORT", " 664 -11360 HS"],
      ["664(A)-187 PC-MURDER", "664(A)"], // not a bare 664: cut at the first hyphen as usual
      ["6645-X", "6645"],
    ])("%j → %j", (offense, expected) => {
      expect(deriveCodeSection(offense, "").codeSection).toBe(expected);
    });
  });

  describe("deviation: the conviction offence (CONV_OFFENSE_DESCR) is judged when filled and different", () => {
    it.each([
      [
        "11359 HS-POSSESS FOR SALE",
        "11357(A) HS-POSSESS",
        { codeSection: "11357(A) HS", fromConviction: true },
      ],
      ["SEE COMMENT FOR CHARGE", "11357 HS-POSSESS", { codeSection: "11357 HS", fromConviction: true }],
      ["11359 HS-POSSESS FOR SALE", "  -  ", { codeSection: "11359 HS", fromConviction: false }], // DOJ placeholder
      ["11359 HS-POSSESS FOR SALE", "-", { codeSection: "11359 HS", fromConviction: false }],
      ["11359 HS-POSSESS FOR SALE", "   ", { codeSection: "11359 HS", fromConviction: false }],
      ["11359 HS-POSSESS FOR SALE", "", { codeSection: "11359 HS", fromConviction: false }],
      [
        "11359 HS-POSSESS FOR SALE",
        " 11359 HS-POSSESS FOR SALE ",
        { codeSection: "11359 HS", fromConviction: false },
      ], // same after trim
    ])("(OFFENSE_DESCR %j, CONV_OFFENSE_DESCR %j) → %j", (offense, conv, expected) => {
      expect(deriveCodeSection(offense, "11360 HS-COMMENT", conv)).toEqual(expected);
    });
  });
});

describe("isConvictedDisposition (§1.3)", () => {
  it.each([
    ["CONVICTED", true],
    ["CONVICTED-JAIL", true],
    ["CONVICTED-PROBATION", true],
    ["CONVICTED-PRISON", true],
    [" CONVICTED", false], // no trim
    ["convicted", false], // case-sensitive
    ["DISMISSED", false],
    ["", false],
  ])("%j → %s", (disp, expected) => {
    expect(isConvictedDisposition(disp)).toBe(expected);
  });
});

describe("isFelonyRow (§1.3)", () => {
  it.each([
    ["FELONY", "", true],
    ["FELONY", "F", true],
    ["FELONY ", "", true], // deviation: trailing padding trimmed (the original said misdemeanour)
    ["", "F", true],
    ["", "M", false],
    ["", "", false],
    ["MISDEMEANOR", "F", false],
    ["MISDEMEANOR", "", false],
    ["INFRACTION", "F", false],
    ["FELONY", "M", true], // OFFENSE_TOC M with CONV_STAT_DESCR FELONY
    ["felony", "", false], // case-sensitive
    ["", "f", false],
  ])("(CONV_STAT_DESCR %j, OFFENSE_TOC %j) → %s", (stat, toc, expected) => {
    expect(isFelonyRow(stat, toc)).toBe(expected);
  });
});

/** A 95-field DOJ row with the given columns set; every other column empty. */
function row(fields: Partial<Record<keyof typeof COL, string>>): string {
  const cells: string[] = new Array(DOJ_FIELD_COUNT).fill("");
  for (const [name, value] of Object.entries(fields)) cells[COL[name as keyof typeof COL]] = value ?? "";
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",");
}

const iso = (d: LocalDate | undefined) => (d === undefined ? undefined : formatIso(d));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "clearance-subjects-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(name: string, rows: string[]): Promise<SubjectCollector> {
  const path = join(dir, name);
  await writeFile(path, `${rows.join("\n")}\n`);
  const collector = new SubjectCollector();
  const rejects: unknown[] = [];
  await scanCsvFile(path, {
    onRecord(rec) {
      expect(rec.count).toBe(DOJ_FIELD_COUNT);
      collector.add(rec);
    },
    onReject(rej) {
      rejects.push(rej);
    },
  });
  expect(rejects).toEqual([]);
  return collector;
}

describe("SubjectCollector — the original's Subject scenario (§6.1)", () => {
  const subj = { SUBJECT_ID: "subj_id", PRI_NAME: "SUBJECT,TEST", PRI_DOB: "19940410" };
  const court = { ...subj, STP_TYPE_DESCR: "COURT ACTION" };
  const rows = [
    row({
      ...court,
      CNT_ORDER: "101001001000",
      STP_EVENT_DATE: "19990101",
      STP_ORI_CNTY_NAME: "SAN FRANCISCO",
      OFFENSE_DESCR: "11357 HS-POSSESS",
      DISP_DESCR: "CONVICTED",
      CONV_STAT_DESCR: "MISDEMEANOR",
      OFN: "A1",
    }),
    row({
      ...court,
      CNT_ORDER: "101001002000",
      STP_EVENT_DATE: "19990101",
      STP_ORI_CNTY_NAME: "SAN FRANCISCO",
      OFFENSE_DESCR: "11357 HS-POSSESS",
      DISP_DESCR: "DISMISSED",
      OFN: "A2",
    }),
    row({
      ...court,
      CNT_ORDER: "102001003000",
      STP_EVENT_DATE: "20090101",
      STP_ORI_CNTY_NAME: "LOS ANGELES",
      OFFENSE_DESCR: "286(D)(1) PC-SODOMY",
      DISP_DESCR: "CONVICTED-PRISON",
      CONV_STAT_DESCR: "FELONY",
    }),
    row({
      ...subj,
      STP_TYPE_DESCR: "REGISTRATION",
      CNT_ORDER: "106001001000",
      STP_EVENT_DATE: "20100101",
      OFFENSE_DESCR: "290 PC-REGISTRATION OF SEX OFFENDER",
    }),
    row({
      ...court,
      CNT_ORDER: "103001005000",
      STP_EVENT_DATE: "20010101",
      STP_ORI_CNTY_NAME: "LOS ANGELES",
      OFFENSE_DESCR: "187 PC-MURDER",
      DISP_DESCR: "CONVICTED",
      CONV_STAT_DESCR: "FELONY",
    }),
    row({
      ...court,
      CNT_ORDER: "104001007000",
      STP_EVENT_DATE: "20110512",
      STP_ORI_CNTY_NAME: "LOS ANGELES",
      OFFENSE_DESCR: "11360 HS-TRANSPORT",
      DISP_DESCR: "CONVICTED",
      CONV_STAT_DESCR: "FELONY",
    }),
    row({
      ...court,
      CNT_ORDER: "104001006000",
      STP_EVENT_DATE: "20091205",
      STP_ORI_CNTY_NAME: "LOS ANGELES",
      OFFENSE_DESCR: "266J PC-PROCUREMENT",
      DISP_DESCR: "CONVICTED",
      CONV_STAT_DESCR: "FELONY",
      SENT_LENGTH: "820",
      SENT_TIME_CODE: "D",
    }),
    row({
      ...court,
      CNT_ORDER: "104001006000",
      STP_EVENT_DATE: "20091205",
      STP_ORI_CNTY_NAME: "LOS ANGELES",
      OFFENSE_DESCR: "11360 HS-TRANSPORT",
      DISP_DESCR: "CONVICTED",
      CONV_STAT_DESCR: "FELONY",
      SENT_LENGTH: "30",
      SENT_TIME_CODE: "D",
    }),
  ];

  let collector: SubjectCollector;
  beforeAll(async () => {
    collector = await collect("subject.csv", rows);
  });

  it("groups every row under one subject with the first row's name and DOB", () => {
    expect([...collector.subjects.keys()]).toEqual(["subj_id"]);
    const s = collector.subjects.get("subj_id");
    expect(s?.name).toBe("SUBJECT,TEST");
    expect(s?.dobRaw).toBe("19940410");
    expect(collector.rowIndex).toBe(8);
  });

  it("has 5 convictions; the duplicate count row is not a conviction", () => {
    const s = collector.subjects.get("subj_id");
    expect(s?.convictions.map((c) => [c.codeSection, c.countOrder, c.rowIndex, c.line])).toEqual([
      ["11357 HS", "101001001000", 0, 1],
      ["286(D)(1) PC", "102001003000", 2, 3],
      ["187 PC", "103001005000", 4, 5],
      ["11360 HS", "104001007000", 5, 6],
      ["266J PC", "104001006000", 6, 7],
    ]);
  });

  it("the duplicate row extends the 266J sentence end from 2012-03-04 to 2012-04-03", () => {
    const s = collector.subjects.get("subj_id");
    const c266 = s?.convictions[4];
    expect(c266?.codeSection).toBe("266J PC");
    const end = c266 ? sentenceEndDate(c266) : undefined;
    expect(iso(end)).toBe("2012-04-03");
    // Without the continuation the sentence would end 820 days after 2009-12-05.
    expect(formatIso(((parseIsoDate("2009-12-05") as number) + 820) as LocalDate)).toBe("2012-03-04");
  });

  it("derives the person-level facts of §2.3", () => {
    const s = collector.subjects.get("subj_id");
    if (!s) throw new Error("no subject");
    const person = subjectToPerson(s, "subject.csv", 1);
    expect(person.pc290Registration).toBe(true);
    expect(person.deceased).toBe(false);
    expect(iso(person.dob.value)).toBe("1994-04-10");
    const view = viewOf(person);
    expect(view.convictions).toHaveLength(5);
    expect(iso(mostRecentConviction(view).date)).toBe("2011-05-12");
    expect(superstrikeSections(view)).toEqual(["286(D)(1) PC", "187 PC"]);
    expect(pc290Sections(view)).toEqual(["286(D)(1) PC", "266J PC"]);
    expect(prop64Counts(view)).toEqual({ "11357": 1, "11358": 0, "11359": 0, "11360": 1, total: 2 });
    const c266 = view.convictions.find((c) => c.codeSection === "266J PC");
    expect(iso(c266?.sentenceEnd)).toBe("2012-04-03");
    expect(c266?.level).toBe("F");
    expect(view.convictions[0]?.level).toBe("M");
    expect(view.convictions[0]?.county).toBe("SAN FRANCISCO");
  });

  it("collects OFNs of court actions per case key (CNT_ORDER[0:6]), including dismissed counts", () => {
    const s = collector.subjects.get("subj_id");
    expect(s?.caseNumbers.get("101001")).toEqual(["A1", "A2"]);
    expect(s?.caseNumbers.has("102001")).toBe(false); // empty OFN is not collected
  });
});

describe("SubjectCollector — grouping rules (§2.2)", () => {
  it("keeps the first DOB and name, groups interleaved subjects, marks deceased from a DECEASED step", async () => {
    const c = await collect("grouping.csv", [
      row({
        SUBJECT_ID: "A",
        PRI_NAME: "FIRST,NAME",
        PRI_DOB: "19600314",
        CNT_ORDER: "101001001000",
        OFFENSE_DESCR: "11359 HS-SALE",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "19850101",
        CONV_STAT_DESCR: "FELONY",
      }),
      row({
        SUBJECT_ID: "B",
        PRI_NAME: "OTHER,PERSON",
        PRI_DOB: "19700101",
        CNT_ORDER: "101001001000",
        OFFENSE_DESCR: "11358 HS-CULTIVATE",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "19900101",
      }),
      row({
        SUBJECT_ID: "A",
        PRI_NAME: "LATER,NAME",
        PRI_DOB: "19990101",
        CNT_ORDER: "102001001000",
        STP_TYPE_DESCR: "DECEASED",
        OFFENSE_DESCR: "1234 PC-X",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "20150101",
      }),
    ]);
    const a = c.subjects.get("A");
    expect(a?.name).toBe("FIRST,NAME");
    expect(a?.dobRaw).toBe("19600314");
    expect(a?.deceased).toBe(true);
    // A DECEASED step with a CONVICTED disposition is a conviction too.
    expect(a?.convictions.map((x) => x.codeSection)).toEqual(["11359 HS", "1234 PC"]);
    expect(c.subjects.get("B")?.convictions.map((x) => x.rowIndex)).toEqual([1]);
    expect(c.subjects.get("B")?.deceased).toBe(false);
  });

  it("de-duplicates by the whole CNT_ORDER per subject, not across subjects", async () => {
    const c = await collect("dedup.csv", [
      row({
        SUBJECT_ID: "A",
        CNT_ORDER: "101001001000",
        OFFENSE_DESCR: "11359 HS",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "19850101",
      }),
      row({
        SUBJECT_ID: "B",
        CNT_ORDER: "101001001000",
        OFFENSE_DESCR: "11359 HS",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "19850101",
      }),
      row({
        SUBJECT_ID: "A",
        CNT_ORDER: "101001001001",
        OFFENSE_DESCR: "11360 HS",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "19850101",
      }),
    ]);
    expect(c.subjects.get("A")?.convictions).toHaveLength(2);
    expect(c.subjects.get("B")?.convictions).toHaveLength(1);
  });

  it("a registration needs the REGISTRATION step and an OFFENSE_DESCR starting with 290", async () => {
    const c = await collect("registration.csv", [
      row({
        SUBJECT_ID: "A",
        STP_TYPE_DESCR: "REGISTRATION",
        OFFENSE_DESCR: "290 PC-REGISTRATION OF SEX OFFENDER",
        CNT_ORDER: "101001001000",
      }),
      row({
        SUBJECT_ID: "B",
        STP_TYPE_DESCR: "REGISTRATION",
        OFFENSE_DESCR: " 290 PC-REGISTRATION",
        CNT_ORDER: "101001001000",
      }),
      row({
        SUBJECT_ID: "C",
        STP_TYPE_DESCR: "COURT ACTION",
        OFFENSE_DESCR: "290 PC-FAIL TO REGISTER",
        CNT_ORDER: "101001001000",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "20000101",
      }),
    ]);
    expect(c.subjects.get("A")?.pc290Registration).toBe(true);
    expect(c.subjects.get("B")?.pc290Registration).toBe(false);
    expect(c.subjects.get("C")?.pc290Registration).toBe(false);
    expect(c.subjects.get("C")?.convictions[0]?.flags).not.toContain("pc290-registration");
  });

  it("flags attempts, conviction offences and unreadable dates on the conviction", async () => {
    const c = await collect("flags.csv", [
      row({
        SUBJECT_ID: "A",
        CNT_ORDER: "101001001000",
        OFFENSE_DESCR: "664-11359 HS-SALE",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "20190231",
      }),
      row({
        SUBJECT_ID: "A",
        CNT_ORDER: "101001002000",
        OFFENSE_DESCR: "11359 HS-SALE",
        CONV_OFFENSE_DESCR: "11357(A) HS-POSSESS",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "20100101",
      }),
      row({
        SUBJECT_ID: "A",
        CNT_ORDER: "101001003000",
        OFFENSE_DESCR: "11359 HS-SALE",
        CONV_OFFENSE_DESCR: "  -  ",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: "20100101",
      }),
    ]);
    const [attempt, conv, placeholder] = c.subjects.get("A")?.convictions ?? [];
    expect(attempt?.codeSection).toBe("664-11359 HS");
    expect(attempt?.flags).toEqual(["attempt", "bad-date"]);
    expect(attempt?.date).toBeUndefined();
    expect(attempt?.sentenceEndHours).toBeUndefined();
    expect(c.badDispositionDates).toBe(1);
    expect(conv?.codeSection).toBe("11357(A) HS");
    expect(conv?.flags).toEqual(["conviction-offense"]);
    expect(placeholder?.codeSection).toBe("11359 HS");
    expect(placeholder?.flags).toEqual([]);
  });

  /** A conviction row of person A on 2012-01-01 (the sentence tests add count, length and unit). */
  const base = {
    SUBJECT_ID: "A",
    OFFENSE_DESCR: "11359 HS",
    DISP_DESCR: "CONVICTED",
    STP_EVENT_DATE: "20120101",
  };

  it("sentence units: D = 24 h, M = 732 h, Y = 8784 h; other codes and non-integers count 0", async () => {
    const c = await collect("units.csv", [
      row({ ...base, CNT_ORDER: "101001001000", SENT_LENGTH: "10", SENT_TIME_CODE: "D" }),
      row({ ...base, CNT_ORDER: "101001002000", SENT_LENGTH: "1", SENT_TIME_CODE: "M" }),
      row({ ...base, CNT_ORDER: "101001003000", SENT_LENGTH: "1", SENT_TIME_CODE: "Y" }),
      row({ ...base, CNT_ORDER: "101001004000", SENT_LENGTH: "5", SENT_TIME_CODE: "W" }),
      row({ ...base, CNT_ORDER: "101001005000", SENT_LENGTH: "1.5", SENT_TIME_CODE: "Y" }),
      row({ ...base, CNT_ORDER: "101001006000", SENT_LENGTH: "", SENT_TIME_CODE: "D" }),
      // Codes that are names of every JavaScript object's properties are unknown codes too.
      row({ ...base, CNT_ORDER: "101001007000", SENT_LENGTH: "3", SENT_TIME_CODE: "constructor" }),
      row({ ...base, CNT_ORDER: "101001008000", SENT_LENGTH: "3", SENT_TIME_CODE: "__proto__" }),
      // Values seen before (worked out once per distinct value) give the same hours.
      row({ ...base, CNT_ORDER: "101001009000", SENT_LENGTH: "10", SENT_TIME_CODE: "D" }),
      row({ ...base, CNT_ORDER: "101001010000", SENT_LENGTH: "1", SENT_TIME_CODE: "Y" }),
    ]);
    const ends = c.subjects.get("A")?.convictions.map((x) => iso(sentenceEndDate(x)));
    expect(ends).toEqual([
      "2012-01-11",
      "2012-02-01", // 30.5 days ends at noon on Jan 31: completed from Feb 1
      "2013-01-01", // 366 days across Feb 29 2012
      "2012-01-01",
      "2012-01-01",
      "2012-01-01",
      "2012-01-01",
      "2012-01-01",
      "2012-01-11",
      "2013-01-01",
    ]);
  });

  it("keeps sentence hours beyond four bytes exactly (absurd lengths are read, not wrapped)", async () => {
    const c = await collect("huge.csv", [
      row({ ...base, CNT_ORDER: "101001001000", SENT_LENGTH: "300000", SENT_TIME_CODE: "Y" }),
      row({ ...base, CNT_ORDER: "101001001000", SENT_LENGTH: "2", SENT_TIME_CODE: "D" }), // continuation
      row({ ...base, CNT_ORDER: "101001002000", SENT_LENGTH: "1", SENT_TIME_CODE: "D" }),
      row({ ...base, CNT_ORDER: "101001003000", SENT_LENGTH: "1", SENT_TIME_CODE: "D", STP_EVENT_DATE: "" }),
    ]);
    const start = 15340 * 24; // 2012-01-01 in hours since 1970-01-01
    const convictions = c.subjects.get("A")?.convictions ?? [];
    expect(convictions.map((x) => x.sentenceEndHours)).toEqual([
      start + 300_000 * 8784 + 48,
      start + 24,
      undefined,
    ]);
    expect(convictions.map((x) => x.longestPartHours)).toEqual([300_000 * 8784, 24, 24]);
  });

  it("a continuation row extends the most recently added conviction (the original's rule)", async () => {
    const c = await collect("continuation.csv", [
      row({ ...base, CNT_ORDER: "101001001000", SENT_LENGTH: "1", SENT_TIME_CODE: "D" }),
      row({ ...base, CNT_ORDER: "101001002000", SENT_LENGTH: "2", SENT_TIME_CODE: "D" }),
      row({ ...base, CNT_ORDER: "101001001000", SENT_LENGTH: "10", SENT_TIME_CODE: "D" }),
    ]);
    const ends = c.subjects.get("A")?.convictions.map((x) => iso(sentenceEndDate(x)));
    expect(ends).toEqual(["2012-01-02", "2012-01-13"]);
  });
});

describe("SubjectCollector — people's text kept as bytes", () => {
  it("gives back every id, name, CII and DOB as read: megabytes of them, long, empty and non-ASCII ones", async () => {
    const n = 20_000;
    const people = Array.from({ length: n }, (_, i) => ({
      SUBJECT_ID: `S${i}`,
      // Names of 60-odd bytes: 20,000 of them fill more than one block of the name column.
      PRI_NAME:
        i === 7
          ? "Ñ".repeat(40_000)
          : i === 8
            ? ""
            : i === 10
              ? "Ñ".repeat(600_000)
              : `PERSON NUMBER ${i},WITH A NAME LONG ENOUGH ÉÈ ${"X".repeat(i % 30)}`,
      CII_NUMBER: i % 5 === 0 ? "" : String(1_000_000_000 + i),
      PRI_DOB: i === 9 ? '19"70' : `19${String(50 + (i % 40))}0101`,
    }));
    const c = await collect(
      "people-text.csv",
      people.map((p) => row(p)),
    );
    expect(c.subjects.size).toBe(n);
    c.trim(); // drops the id index: people are then read in order
    let i = 0;
    for (const s of c.subjects.values()) {
      const p = people[i++]!;
      expect([s.id, s.name, s.cii, s.dobRaw]).toEqual([p.SUBJECT_ID, p.PRI_NAME, p.CII_NUMBER, p.PRI_DOB]);
    }
    expect(i).toBe(n);
    expect(c.subjects.get("S19999")?.name).toBe(people[19_999]!.PRI_NAME);
    expect(c.subjects.get("S7")?.name).toHaveLength(40_000); // 80,000 bytes: over a two-byte length
    expect(c.subjects.get("S10")?.name).toHaveLength(600_000); // 1.2 MB: longer than a block
    expect(c.subjects.get("nobody")).toBeUndefined();
    expect([...c.subjects.keys()].slice(0, 3)).toEqual(["S0", "S1", "S2"]);
  });
});

describe("SubjectCollector — columns of string numbers", () => {
  it("keeps every value when a column holds more than 65,536 distinct strings (two-byte numbers widen)", async () => {
    const n = 70_000;
    const rows: string[] = [];
    for (let i = 0; i < n; i++)
      rows.push(
        row({
          SUBJECT_ID: `P${i}`,
          CNT_ORDER: "101001001000",
          OFFENSE_DESCR: `${100_000 + i} PC-X`,
          DISP_DESCR: "CONVICTED",
          STP_EVENT_DATE: "19900101",
          STP_ORI_CNTY_NAME: `COUNTY ${i}`,
        }),
      );
    const c = await collect("many-sections.csv", rows);
    for (const i of [0, 65_535, 65_536, 69_999]) {
      const convictions = c.subjects.get(`P${i}`)?.convictions ?? [];
      expect(convictions.map((x) => [x.codeSection, x.county])).toEqual([
        [`${100_000 + i} PC`, `COUNTY ${i}`],
      ]);
    }
  });

  it("numbers a value the same however it is written: plain, quoted, with escaped quotes, or not ASCII", async () => {
    const counties = [
      "LOS ANGELES",
      '"LOS ANGELES"',
      "SAN JOSÉ",
      '"SAN JOSÉ"',
      '"A ""B"""',
      '"A ""B"""',
      "LOS ANGELES",
    ];
    // Cells as written in the file (already quoted where shown).
    const rawRow = (fields: Partial<Record<keyof typeof COL, string>>) => {
      const cells: string[] = new Array(DOJ_FIELD_COUNT).fill("");
      for (const [name, value] of Object.entries(fields)) cells[COL[name as keyof typeof COL]] = value ?? "";
      return cells.join(",");
    };
    const rows = counties.map((county, i) =>
      rawRow({
        SUBJECT_ID: `P${i}`,
        CNT_ORDER: "101001001000",
        OFFENSE_DESCR: "11357 HS-POSSESS",
        DISP_DESCR: "CONVICTED",
        STP_EVENT_DATE: i % 2 === 0 ? "19900101" : '"19900101"',
        STP_ORI_CNTY_NAME: county,
      }),
    );
    const c = await collect("county-spellings.csv", rows);
    const got = counties.map((_, i) =>
      c.subjects.get(`P${i}`)?.convictions.map((x) => [x.county, x.dateRaw]),
    );
    expect(got).toEqual(
      ["LOS ANGELES", "LOS ANGELES", "SAN JOSÉ", "SAN JOSÉ", 'A "B"', 'A "B"', "LOS ANGELES"].map(
        (county) => [[county, "19900101"]],
      ),
    );
  });
});

/** Pass 1 as a bulk run does it: `readDojFile` feeds the collector and reports the rejected rows. */
async function readAsRun(path: string): Promise<{ collector: SubjectCollector; rejects: RowReject[] }> {
  const collector = new SubjectCollector();
  const rejects: RowReject[] = [];
  await readDojFile(path, "in.csv", {
    onRow: (rec) => collector.add(rec),
    onReject: (rej) => rejects.push(rej),
  });
  return { collector, rejects };
}

/** Cells of one line of a CSV file as written (quotes kept), so a line can be put back byte for byte. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  const cell = /("(?:[^"]|"")*"|[^,"]*)(,|$)/y;
  for (;;) {
    const m = cell.exec(line);
    if (m === null) throw new Error(`not a CSV line: ${line}`);
    cells.push(m[1]!);
    if (m[2] === "") return cells;
  }
}

/** A copy of a CSV file with column `col` emptied on the data lines `which` picks (1-based physical lines). */
function withBlank(text: string, col: number, which: (line: number) => boolean): string {
  return text
    .split("\n")
    .map((l, i) => {
      if (i === 0 || l === "" || !which(i + 1)) return l;
      const cells = cellsOf(l);
      expect(cells).toHaveLength(DOJ_FIELD_COUNT);
      cells[col] = "";
      return cells.join(",");
    })
    .join("\n");
}

const BLANK_SUBJECT = "SUBJECT_ID is blank: the row cannot be given to a person";
const BLANK_COUNT =
  "CNT_ORDER is blank on a conviction row: the conviction cannot be told apart from the person's other counts";

describe("deviation: a blank SUBJECT_ID or (on a conviction) CNT_ORDER is rejected, never merged", () => {
  it("rejects rows whose SUBJECT_ID is blank after trimming, naming the field, file and line", async () => {
    const conviction = {
      CNT_ORDER: "101001001000",
      OFFENSE_DESCR: "11359 HS-SALE",
      DISP_DESCR: "CONVICTED",
      STP_EVENT_DATE: "20100101",
    };
    const path = join(dir, "blank-subject.csv");
    await writeFile(
      path,
      [
        row({ ...conviction, SUBJECT_ID: "A" }),
        row({ ...conviction, SUBJECT_ID: "" }),
        row({ ...conviction, SUBJECT_ID: "   " }),
        row({ ...conviction, SUBJECT_ID: "\t \r" }), // quoted by `row` (CR), still blank
        row({ ...conviction, SUBJECT_ID: "\u00a0\u3000" }), // non-ASCII spaces: trimmed too
        `${row({ ...conviction, SUBJECT_ID: "B" }).replace(",B,", ',"B",')}`, // quoted, not blank
        row({ ...conviction, SUBJECT_ID: " C " }), // padded, not blank: its own person as before
        row({ SUBJECT_ID: "", STP_TYPE_DESCR: "DECEASED", CNT_ORDER: "101001002000" }), // any row, not only convictions
        "",
      ].join("\n"),
    );
    const { collector, rejects } = await readAsRun(path);
    expect(rejects.map((r) => [r.file, r.line, r.endLine, r.reason])).toEqual([
      ["in.csv", 2, 2, BLANK_SUBJECT],
      ["in.csv", 3, 3, BLANK_SUBJECT],
      ["in.csv", 4, 4, BLANK_SUBJECT],
      ["in.csv", 5, 5, BLANK_SUBJECT],
      ["in.csv", 8, 8, BLANK_SUBJECT],
    ]);
    expect(rejects[0]!.raw).toBe(row({ ...conviction, SUBJECT_ID: "" }));
    expect([...collector.subjects.keys()]).toEqual(["A", "B", " C "]);
    for (const id of ["A", "B", " C "]) expect(collector.subjects.get(id)?.convictions).toHaveLength(1);
    expect(collector.subjects.get("")).toBeUndefined();
    // Rows read = used + rejected.
    expect(collector.rowIndex + rejects.length).toBe(8);
  });

  it("rejects a conviction row whose CNT_ORDER is blank: it is neither a sentence row of another count nor merged with one", async () => {
    const a = { SUBJECT_ID: "A", DISP_DESCR: "CONVICTED", STP_EVENT_DATE: "20120101" };
    const path = join(dir, "blank-count.csv");
    await writeFile(
      path,
      [
        row({
          ...a,
          CNT_ORDER: "101001001000",
          OFFENSE_DESCR: "11359 HS",
          SENT_LENGTH: "1",
          SENT_TIME_CODE: "D",
        }),
        row({ ...a, CNT_ORDER: "", OFFENSE_DESCR: "11357(C) HS", SENT_LENGTH: "2", SENT_TIME_CODE: "D" }),
        row({ ...a, CNT_ORDER: "  ", OFFENSE_DESCR: "11358 HS", SENT_LENGTH: "3", SENT_TIME_CODE: "D" }),
        row({ ...a, CNT_ORDER: "", OFFENSE_DESCR: "11359(C) HS", SENT_LENGTH: "10", SENT_TIME_CODE: "Y" }),
        // Not convictions: CNT_ORDER is no key for them, so they are used as before.
        row({ SUBJECT_ID: "A", CNT_ORDER: "", STP_TYPE_DESCR: "DECEASED", OFFENSE_DESCR: "X" }),
        row({
          SUBJECT_ID: "A",
          CNT_ORDER: "",
          STP_TYPE_DESCR: "ARREST/DETAINED/CITED",
          OFFENSE_DESCR: "11359 HS",
        }),
        row({ ...a, CNT_ORDER: "101001002000", OFFENSE_DESCR: "11360 HS" }),
        "",
      ].join("\n"),
    );
    const { collector, rejects } = await readAsRun(path);
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, BLANK_COUNT],
      [3, BLANK_COUNT],
      [4, BLANK_COUNT],
    ]);
    const person = collector.subjects.get("A");
    expect(person?.convictions.map((c) => [c.line, c.countOrder, c.codeSection])).toEqual([
      [1, "101001001000", "11359 HS"],
      [7, "101001002000", "11360 HS"],
    ]);
    // The first conviction's sentence is its own one day, not extended by the rejected rows.
    expect(iso(sentenceEndDate(person!.convictions[0]!))).toBe("2012-01-02");
    expect(person?.deceased).toBe(true);
    expect(collector.rowIndex + rejects.length).toBe(7);
  });

  describe("the tester's report, on copies of the configurable_flow fixture", () => {
    const fixture = fileURLToPath(
      new URL("../../../../../shared/fixtures/gogen/configurable_flow_input.csv", import.meta.url),
    );
    const convictionLines = (c: SubjectCollector) =>
      [...c.subjects.values()].flatMap((s) => s.convictions.map((x) => [s.id, x.line, x.countOrder]));

    it("blank CNT_ORDER on lines 9, 11 and 12: those three convictions are rejected, nothing else changes", async () => {
      const good = await readAsRun(fixture);
      expect(good.rejects).toEqual([]);
      const path = join(dir, "fixture-blank-count.csv");
      const text = await readFile(fixture, "utf8");
      await writeFile(
        path,
        withBlank(text, COL.CNT_ORDER, (l) => [9, 11, 12].includes(l)),
      );
      const { collector, rejects } = await readAsRun(path);
      expect(rejects.map((r) => [r.line, r.reason])).toEqual([
        [9, BLANK_COUNT],
        [11, BLANK_COUNT],
        [12, BLANK_COUNT],
      ]);
      expect(collector.rowIndex + rejects.length).toBe(good.collector.rowIndex);
      // Line 11 (11359(C), a felony) is not taken for a sentence row of line 9: no conviction vanishes unreported.
      expect(convictionLines(collector)).toEqual(
        convictionLines(good.collector).filter(([, line]) => ![9, 11, 12].includes(line as number)),
      );
    });

    it("blank SUBJECT_ID on every row: every row is rejected, nobody is merged into one person", async () => {
      const path = join(dir, "fixture-blank-subject.csv");
      const text = await readFile(fixture, "utf8");
      await writeFile(
        path,
        withBlank(text, COL.SUBJECT_ID, () => true),
      );
      const { collector, rejects } = await readAsRun(path);
      expect(rejects).toHaveLength(38);
      expect(new Set(rejects.map((r) => r.reason))).toEqual(new Set([BLANK_SUBJECT]));
      expect(rejects.map((r) => r.line)).toEqual(Array.from({ length: 38 }, (_, i) => i + 2));
      expect(collector.people).toBe(0);
      expect(collector.rowIndex).toBe(0);
    });
  });

  it("the collector itself refuses a blank-key row a caller did not reject (no silent merge)", async () => {
    await expect(
      collect("unchecked-blank-subject.csv", [row({ SUBJECT_ID: "", CNT_ORDER: "101001001000" })]),
    ).rejects.toThrow(BLANK_SUBJECT);
    await expect(
      collect("unchecked-blank-count.csv", [
        row({ SUBJECT_ID: "A", CNT_ORDER: "101001001000", DISP_DESCR: "CONVICTED" }),
        row({ SUBJECT_ID: "A", CNT_ORDER: " ", DISP_DESCR: "CONVICTED" }),
      ]),
    ).rejects.toThrow(BLANK_COUNT);
  });
});
