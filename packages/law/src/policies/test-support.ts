/**
 * @module policies/test-support — builders for policy tests: a Person with convictions written as
 * compact specs (code section, date, level, county, sentence end), in source order. Test-only.
 */
import type { Count, Level, LocalDate, Person } from "@clearance/core";
import { parseCodeSection, parseIsoDate, parseYmd8 } from "@clearance/core";

/** One count of a test person. Dates are `YYYY-MM-DD` or raw DOJ text (`YYYYMMDD`, or unreadable). */
export interface CountSpec {
  readonly section: string;
  readonly date: string;
  /** Default `F`. `null` means the source gave no level (e.g. blank CONV_STAT_DESCR). */
  readonly level?: Level | null;
  /** Default: the person's county. */
  readonly county?: string;
  /** Default: the conviction date (sentence completed that day). `null`: unknown. */
  readonly sentenceEnd?: string | null;
  /** Default true. */
  readonly convicted?: boolean;
  /** Case key (DOJ CNT_ORDER[0:6]); default one case per count. */
  readonly caseKey?: string;
  readonly flags?: readonly string[];
}

/** A test person. */
export interface PersonSpec {
  readonly dob: string;
  readonly county: string;
  readonly deceased?: boolean;
  readonly pc290Registration?: boolean;
  readonly counts: readonly CountSpec[];
}

/** Parses a test date: ISO `YYYY-MM-DD` or DOJ `YYYYMMDD`; anything else is unreadable (undefined). */
export function testDate(text: string): LocalDate | undefined {
  return parseIsoDate(text) ?? parseYmd8(text);
}

/** An ISO date that must parse. */
export function day(iso: string): LocalDate {
  const d = parseIsoDate(iso);
  if (d === undefined) throw new Error(`bad test date ${iso}`);
  return d;
}

/** Builds the person; `counts` of the result are in spec order (source lines 1, 2, 3…). */
export function buildPerson(spec: PersonSpec): { person: Person; counts: Count[] } {
  const counts: Count[] = [];
  const cases = new Map<string, Count[]>();
  spec.counts.forEach((c, i) => {
    const line = i + 1;
    const value = testDate(c.date);
    const end =
      c.sentenceEnd === null ? undefined : c.sentenceEnd === undefined ? value : testDate(c.sentenceEnd);
    const count: Count = {
      id: `1:${line}`,
      codeSection: c.section,
      parsed: parseCodeSection(c.section),
      convicted: c.convicted ?? true,
      date: { raw: c.date, value },
      level: c.level === null ? undefined : (c.level ?? "F"),
      county: c.county ?? spec.county,
      dispositions: [],
      sentence: [],
      sentenceEnd: end,
      flags: [...(c.flags ?? []), ...(value === undefined ? ["bad-date"] : [])],
      source: { file: "test.csv", line },
    };
    counts.push(count);
    const key = c.caseKey ?? `${String(100 + i).padStart(3, "0")}001`;
    const list = cases.get(key) ?? [];
    list.push(count);
    cases.set(key, list);
  });
  const person: Person = {
    id: "subj_id",
    name: "TEST,SUBJECT",
    dob: { raw: spec.dob, value: testDate(spec.dob) },
    deceased: spec.deceased ?? false,
    pc290Registration: spec.pc290Registration ?? false,
    cases: [...cases].map(([key, list]) => ({ key, caseNumbers: [], counts: list })),
  };
  return { person, counts };
}
