/**
 * Improvements over the original parser (docs/rap-sheet-format.md §4.2), one test each, plus
 * line numbers and never-throw behaviour.
 */
import { formatIso, parseIsoDate } from "@clearance/core";
import { describe, expect, it } from "vitest";
import { convictionsOf, sentenceEnd, toPerson } from "./convictions.ts";
import { parseRapSheet } from "./parse.ts";
import { formatSentence, parseSentence } from "./sentence.ts";

const HEAD = "HEADER\nNAM/01 SAMPLE, PAT\n* * * *\n";

function court(body: string, header = "COURT: NAM:01\n20050101 CASC SAN FRANCISCO\n"): string {
  return `${HEAD}${header}${body}\n* * * END OF MESSAGE * * *\n`;
}

const COUNT = "CNT:01 #C1\n  11357(B) HS-POSSESS MARIJUANA\n*DISPO:CONVICTED\n  CONV STATUS:FELONY\n";

function only(text: string) {
  const cs = convictionsOf(parseRapSheet(text));
  expect(cs).toHaveLength(1);
  return cs[0]!;
}

describe("improvements over the original", () => {
  it("reads CRLF input without carriage returns in values", () => {
    const text = court(`${COUNT}  SEN: 012 MONTHS PROBATION`).replace(/\n/g, "\r\n");
    const c = only(text);
    expect(c.event.courthouse).toBe("CASC San Francisco");
    expect(c.event.courthouseKnown).toBe(true);
    expect(c.caseNumber).toBe("C1");
    expect(c.count.codeSection).toBe("HS 11357(b)");
    expect(c.count.dispositions[0]!.text).toBe("*DISPO:CONVICTED");
    expect(c.count.line).toBe(6);
  });

  it("reads accented OCR variants of event headers (ÁPPLICANT:, CÓURT:, PRÓBATION:)", () => {
    const text = `${HEAD}ÁPPLICANT: NAM:01\n20100715 CASD SOCIAL SERV\nCNT:01 #A1\n  APPLICANT ADULT DAY\n* * * *\nCÓURT: NAM:01\n20050101 CASC SAN FRANCISCO\n${COUNT}- - - -\nPRÓBATION: NAM:01\n20060101 CAPR SAN FRANCISCO\n* * * END OF MESSAGE * * *\n`;
    const r = parseRapSheet(text);
    expect(r.cycles.map((c) => c.events.map((e) => e.type))).toEqual([["applicant"], ["court", "probation"]]);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it.each([
    ["CONV SET ASIDE & DISM PER 1203.4 PC", "pc1203_dismissed"],
    ["CONV SET ASIDE & DISM PER 1203.4A PC", "pc1203_4a_dismissed"],
    ["CONV SET ASIDE & DISM PER 1203.41 PC", "pc1203_41_dismissed"],
    ["CONV SET ASIDE & DISM PER 1203.42 PC", "pc1203_42_dismissed"],
  ])("types the dismissal %s as %s and marks the conviction relieved", (dispo, type) => {
    const c = only(court(`${COUNT}20150301\n  DISPO:${dispo}`));
    expect(c.count.dispositions.map((d) => d.type)).toEqual(["convicted", type]);
    expect(c.relief?.type).toBe(type);
    expect(c.relief?.date?.value && formatIso(c.relief.date.value)).toBe("2015-03-01");
  });

  it.each([
    ["an update DISPO:REDUCED TO MISDEMEANOR", "20120101\n DISPO:REDUCED TO MISDEMEANOR"],
    [
      "an update CONVICTED with CONV STATUS:MISDEMEANOR",
      "20120101\n DISPO:CONVICTED\n CONV STATUS:MISDEMEANOR",
    ],
    ["a 17(B) comment under an update", "20120101\n DISPO:SENTENCE MODIFIED\n COM: FEL REDUCED PER 17(B) PC"],
  ])("a PC 17(b) reduction by %s changes severity F → M", (_name, update) => {
    const c = only(court(`${COUNT}${update}`));
    expect(c.originalSeverity).toBe("F");
    expect(c.severity).toBe("M");
  });

  it("reads 1.5 YEARS as one and a half years (18 months), not 15", () => {
    const c = only(court(`${COUNT}  SEN: 1.5 YEARS PROBATION`));
    expect(c.sentence!.components[0]!.duration).toEqual({ amount: 1.5, unit: "Y" });
    expect(formatSentence(c.sentence!.components)).toBe("1.5y probation");
    const p = toPerson(parseRapSheet(court(`${COUNT}  SEN: 1.5 YEARS PROBATION`)), "x.txt");
    expect(p.cases[0]!.counts[0]!.sentence[0]).toMatchObject({ kind: "probation", length: 18, unit: "M" });
    expect(formatIso(p.cases[0]!.counts[0]!.sentenceEnd!)).toBe("2006-07-01");
  });

  it("reads 48 HOURS JAIL (the original dropped the jail part)", () => {
    const c = only(court(`${COUNT}  SEN: 048 HOURS JAIL, FINE`));
    expect(c.sentence!.components).toEqual([
      { kind: "jail", text: "048 hours jail", duration: { amount: 48, unit: "H" } },
      { kind: "fine", text: "fine" },
    ]);
    expect(formatSentence(c.sentence!.components)).toBe("48h jail, fine");
  });

  it("keeps several jail parts (the original kept only the first)", () => {
    const s = parseSentence("JAIL, 4 MOS JAIL, 2 WEEKS JAIL");
    expect(s.components.filter((x) => x.kind === "jail").map((x) => x.duration)).toEqual([
      undefined,
      { amount: 4, unit: "M" },
      { amount: 2, unit: "W" },
    ]);
    expect(formatSentence(s.components)).toBe("jail, 4m jail, 2w jail");
  });

  it("keeps the disposition after a multi-line comment and a DCN line (the original lost it)", () => {
    const body =
      "CNT:01 #C1\n  11359 HS-POSSESS MARIJUANA FOR SALE\n  COM: DEFENDANT ADVISED OF RIGHTS\n       AND WAIVED THEM\n  DCN:T1234567\n*DISPO:CONVICTED\n  CONV STATUS:FELONY";
    const c = only(court(body));
    expect(c.count.codeSection).toBe("HS 11359");
    expect(c.severity).toBe("F");
    expect(c.count.dispositions[0]!.line).toBe(11);
  });

  it("keeps registration events without a date, with a warning naming the line", () => {
    const text = `${HEAD}REGISTRATION: NAM:01\nCNT:01\n  290 PC-REGISTRATION OF SEX OFFENDER\n* * * END OF MESSAGE * * *\n`;
    const r = parseRapSheet(text);
    const ev = r.cycles[0]!.events[0]!;
    expect(ev.type).toBe("registration");
    expect(ev.date).toBeUndefined();
    expect(ev.counts[0]!.codeSection).toBe("PC 290");
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: "EVENT_WITHOUT_DATE", line: 4 }));
    expect(toPerson(r, "x.txt").pc290Registration).toBe(true);
  });

  it("reads a sheet without cycle delimiters as one cycle, with a warning", () => {
    const text = `HEADER\nNAM/01 SAMPLE, PAT\nARR/DET/CITE: NAM:01\n20050101 CAPD SAN FRANCISCO\nCNT:01 #1\n  11357 HS-POSSESS\n- - - -\nCOURT: NAM:01\n20050201 CASC SAN FRANCISCO\n${COUNT}`;
    const r = parseRapSheet(text);
    expect(r.cycles).toHaveLength(1);
    expect(r.cycles[0]!.events.map((e) => e.type)).toEqual(["arrest", "court"]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: "NO_CYCLE_DELIMITER", line: 3 }));
    expect(r.personalInfo.names).toEqual({ "01": "SAMPLE, PAT" });
    expect(convictionsOf(r)).toHaveLength(1);
  });
});

describe("other behaviour", () => {
  it("accepts an update date on the same line as DISPO", () => {
    const c = only(court(`${COUNT}20150301 DISPO:CONV SET ASIDE & DISM PER 1203.4 PC`));
    expect(c.relief?.type).toBe("pc1203_dismissed");
  });

  it("reads 11361.8 relief as already relieved", () => {
    const c = only(court(`${COUNT}20180301\n DISPO:REDESIGNATED PER 11361.8 HS`));
    expect(c.relief?.type).toBe("hs11361_8_relief");
  });

  it("does not split an event on a line starting with CUSTODY without a colon", () => {
    const c = only(
      court(
        `${COUNT}  COM: SEN CONCURRENT\nCUSTODY TIME CREDITED\n20150301\n DISPO:CONV SET ASIDE & DISM PER 1203.4 PC`,
      ),
    );
    expect(c.count.dispositions).toHaveLength(2);
  });

  it("reads a charge with spaces around the dash and a description with WARRANT and an 8-digit number", () => {
    const c = only(court("CNT:01 #C1\n  166(A)(4) PC - CONTEMPT:DISOBEY WARRANT 12345678\n*DISPO:CONVICTED"));
    expect(c.count.codeSection).toBe("PC 166(a)(4)");
    expect(c.count.description).toBe("CONTEMPT:DISOBEY WARRANT 12345678");
  });

  it("reports an invalid date with its line and never makes one up", () => {
    const r = parseRapSheet(court(COUNT, "COURT: NAM:01\n20051340 CASC SAN FRANCISCO\n"));
    expect(convictionsOf(r)[0]!.date).toEqual({ raw: "20051340", value: undefined });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: "INVALID_DATE", line: 4 }));
    expect(toPerson(r, "x.txt").cases[0]!.counts[0]!.flags).toContain("bad-date");
  });

  it("attempts: 664/11359 is an attempt of HS 11359 in the canonical model", () => {
    const r = parseRapSheet(court("CNT:01 #C1\n  664/11359 HS-POSSESS FOR SALE\n*DISPO:CONVICTED"));
    const n = toPerson(r, "x.txt").cases[0]!.counts[0]!;
    expect(n.codeSection).toBe("664-11359 HS");
    expect(n.parsed).toMatchObject({ code: "HS", section: "11359", attempt: true });
    expect(n.flags).toContain("attempt");
  });

  it("sentence end is the longest part from the sentence date", () => {
    const s = parseSentence("036 MONTHS PROBATION, 180 DAYS JAIL");
    const sent = { text: "", components: s.components, line: 1 };
    expect(formatIso(sentenceEnd(sent, { raw: "20000115", value: parseIsoDate("2000-01-15") })!)).toBe(
      "2003-01-15",
    );
    expect(sentenceEnd(sent, { raw: "20001340", value: undefined })).toBeUndefined();
  });

  it("never throws on empty or odd input", () => {
    for (const t of ["", "\n\n", "* * * *", "CNT:01", "DISPO:CONVICTED", "COURT:\n* * * *\n\u25AFOURT:"]) {
      expect(() => parseRapSheet(t)).not.toThrow();
    }
  });
});
