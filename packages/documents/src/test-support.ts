/**
 * @module test-support — writes a small run folder (results.ndjson + gogen.json) in the exact shape
 * `clearance run` produces, for tests and the benchmark. Synthetic people only (the fixture's
 * Sesame Street / Star Wars names).
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** One results.ndjson line as `clearance run` writes it. */
export interface SampleResult {
  personId: string;
  name: string;
  dob: string | null;
  cii: string;
  file: string;
  fileIndex: number;
  line: number;
  rowIndex: number;
  codeSection: string;
  parsed: { code: string; section: string; subsections: string[]; attempt: boolean; conspiracy: boolean };
  county: string;
  convictionDate: string | null;
  level: "F" | "M" | null;
  caseNumbers: string[];
  determination: string;
  reason: string;
  trace: unknown[];
  flags: string[];
}

type Row = [string, string, string, string, string, string, "F" | "M" | null, string, string, string];
// personId, name, dob, cii, codeSection, convictionDate, level, caseNumbers, determination, reason
const ROWS: Row[] = [
  [
    "18675309",
    "SKYWALKER,LUKE S",
    "1960-03-14",
    "1008675309",
    "11358 HS",
    "1981-04-11",
    "F",
    "140192; 140193",
    "Eligible for Dismissal",
    "Dismiss all HS 11358 convictions",
  ],
  [
    "17954908",
    "BIRD,BIG",
    "1962-08-22",
    "8690594867",
    "11357(C) HS",
    "1979-06-01",
    "F",
    "398765; 678544",
    "Eligible for Dismissal",
    "Dismiss all HS 11357 convictions",
  ],
  [
    "17954908",
    "BIRD,BIG",
    "1962-08-22",
    "8690594867",
    "11359(C) HS",
    "1985-11-01",
    "F",
    "398765; 678544",
    "Eligible for Dismissal",
    "57 years or older",
  ],
  [
    "23675654",
    "MONSTER,ELMO",
    "1960-03-14",
    "1008675309",
    "11358 HS",
    "1981-04-11",
    "F",
    "140194; 140195",
    "Eligible for Dismissal",
    "Dismiss all HS 11358 convictions",
  ],
  [
    "23675654",
    "MONSTER,ELMO",
    "1960-03-14",
    "1008675309",
    "11359(C) HS",
    "1981-04-11",
    "F",
    "140194; 140195",
    "Eligible for Dismissal",
    "57 years or older",
  ],
  [
    "90675321",
    "GROUCH,OSCAR THE",
    "1970-05-14",
    "1008675309",
    "11359 HS",
    "1981-04-11",
    "F",
    "140196; 140197",
    "Eligible for Dismissal",
    "Conviction occurred 10 or more years ago",
  ],
  [
    "90675321",
    "GROUCH,OSCAR THE",
    "1970-05-14",
    "1008675309",
    "11358 HS",
    "2017-03-13",
    "M",
    "140196; 140197",
    "Eligible for Dismissal",
    "Misdemeanor or Infraction",
  ],
  [
    "84734892",
    "COUNT,COUNT VON",
    "1972-11-27",
    "A971951352",
    "11358 HS",
    "1998-05-04",
    "F",
    "757392",
    "Eligible for Dismissal",
    "Dismiss all HS 11358 convictions",
  ],
  [
    "84734892",
    "COUNT,COUNT VON",
    "1972-11-27",
    "A971951352",
    "11357(C) HS",
    "2015-05-22",
    "M",
    "757392",
    "Eligible for Dismissal",
    "Misdemeanor or Infraction",
  ],
  [
    "84734892",
    "COUNT,COUNT VON",
    "1972-11-27",
    "A971951352",
    "11359 HS",
    "2015-10-31",
    "F",
    "757392",
    "Eligible for Reduction",
    "Reduce all HS 11359 convictions",
  ],
  [
    "14575654",
    "VONWINKLE,BERT",
    "1969-03-14",
    "1008643215",
    "11359 HS",
    "1991-04-11",
    "F",
    "140195; 222344",
    "Eligible for Dismissal",
    "Only has 11357-60 charges",
  ],
  [
    "14575654",
    "VONWINKLE,BERT",
    "1969-03-14",
    "1008643215",
    "11359 HS",
    "2014-05-12",
    "M",
    "140195; 222344",
    "Eligible for Dismissal",
    "Misdemeanor or Infraction",
  ],
  [
    "95875321",
    "VONWINKLE,ERNIE",
    "1969-05-14",
    "1008609584",
    "11358 HS",
    "1991-04-11",
    "F",
    "140196; 140134",
    "Eligible for Dismissal",
    "Dismiss all HS 11358 convictions",
  ],
  [
    "34499400",
    "CADABBY,ABBIGAIL",
    "2006-08-14",
    "1003038015",
    "11358 HS",
    "2008-04-10",
    null,
    "",
    "Eligible for Dismissal",
    "Dismiss all HS 11358 convictions",
  ],
  [
    "43322421",
    "REN,KYLO",
    "1983-11-19",
    "1004048015",
    "11359 HS",
    "2015-02-14",
    "F",
    "",
    "Eligible for Dismissal",
    "Individual is deceased",
  ],
  [
    "21345614",
    "PALPATINE,SHEEV",
    "1980-05-14",
    "1008743215",
    "11359 HS",
    "1994-09-12",
    "F",
    "222344",
    "Eligible for Dismissal",
    "21 years or younger",
  ],
  [
    "313456",
    "MAUL, DARTH",
    "1982-05-13",
    "1008743215",
    "11357 HS",
    "2014-05-12",
    "F",
    "222344",
    "Not eligible",
    "Has a super strike conviction (PC 667(e)(2)(C)(iv))",
  ],
  [
    "313458",
    "TROY, CASTOR",
    "1997-06-19",
    "1008743219",
    "11360 HS",
    "2017-06-11",
    "F",
    "344511",
    "Hand Review",
    "Subsection missing",
  ],
];

/** The sample's conviction records, in file order. */
export function sampleResults(): SampleResult[] {
  return ROWS.map(
    ([personId, name, dob, cii, codeSection, convictionDate, level, cases, determination, reason], i) => ({
      personId,
      name,
      dob,
      cii,
      file: "input.csv",
      fileIndex: 0,
      line: i + 2,
      rowIndex: i + 1,
      codeSection,
      parsed: {
        code: "HS",
        section: codeSection.slice(0, 5),
        subsections: /\((\w)\)/.exec(codeSection)?.[1] ? [/\((\w)\)/.exec(codeSection)![1]!] : [],
        attempt: false,
        conspiracy: false,
      },
      county: "SACRAMENTO",
      convictionDate,
      level,
      caseNumbers: cases === "" ? [] : cases.split("; "),
      determination,
      reason,
      trace: [],
      flags: [],
    }),
  );
}

/** A gogen.json summary consistent with `rows` (section, level and relief counts derived from them). */
export function summaryFor(rows: readonly SampleResult[], county = "SACRAMENTO"): Record<string, unknown> {
  const bySection: Record<string, number> = {};
  const dismiss: Record<string, number> = { "11357": 0, "11358": 0 };
  const reduce: Record<string, number> = { "11359": 0, "11360": 0 };
  const additional: Record<string, number> = {};
  let felony = 0;
  const subjects = new Set<string>();
  const relief = new Set<string>();
  for (const r of rows) {
    const s = r.codeSection.slice(0, 5);
    bySection[s] = (bySection[s] ?? 0) + 1;
    if (r.level === "F") felony++;
    subjects.add(r.personId);
    if (r.determination.startsWith("Eligible")) relief.add(r.personId);
    const m = /^(Dismiss|Reduce) all HS (\d+) convictions$/.exec(r.reason);
    if (m?.[1] === "Dismiss") dismiss[m[2]!] = (dismiss[m[2]!] ?? 0) + 1;
    else if (m?.[1] === "Reduce") reduce[m[2]!] = (reduce[m[2]!] ?? 0) + 1;
    else if (r.determination === "Eligible for Dismissal" && r.reason !== "Misdemeanor or Infraction") {
      additional[r.reason] = (additional[r.reason] ?? 0) + 1;
    }
  }
  return {
    county,
    earliestConviction: "1979-06-01T00:00:00Z",
    lineCount: 38,
    processingTimeInSeconds: 0,
    reliefWithCurrentEligibilityChoices: {
      CountSubjectsNoConviction: 4,
      CountSubjectsNoConvictionLast7Years: 2,
      CountSubjectsNoFelony: 5,
    },
    reliefWithDismissAllProp64: {
      CountSubjectsNoConviction: 6,
      CountSubjectsNoConvictionLast7Years: 3,
      CountSubjectsNoFelony: 7,
    },
    prop64ConvictionsCountInCountyByCodeSection: bySection,
    subjectsWithProp64ConvictionCountInCounty: subjects.size,
    prop64FelonyConvictionsCountInCounty: felony,
    prop64NonFelonyConvictionsCountInCounty: rows.length - felony,
    subjectsWithSomeReliefCount: relief.size,
    convictionDismissalCountByCodeSection: dismiss,
    convictionReductionCountByCodeSection: reduce,
    convictionDismissalCountByAdditionalRelief: additional,
  };
}

/** Writes `results.ndjson` and `gogen.json` for `rows` into `dir` (streamed, for big benches). */
export async function writeRunFolder(
  dir: string,
  rows: Iterable<SampleResult>,
  summary?: Record<string, unknown>,
): Promise<void> {
  const out = createWriteStream(join(dir, "results.ndjson"));
  const kept: SampleResult[] = [];
  for (const r of rows) {
    if (summary === undefined) kept.push(r);
    if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  await writeFile(join(dir, "gogen.json"), JSON.stringify(summary ?? summaryFor(kept)));
}

/** `n` synthetic convictions for load tests: distinct people, long-ish names, 1–3 case numbers. */
export function* syntheticResults(n: number): Generator<SampleResult> {
  const base = sampleResults();
  for (let i = 0; i < n; i++) {
    const t = base[i % 16]!; // the 16 eligible rows
    yield {
      ...t,
      personId: `P${i}`,
      name: `${t.name} ${String(i).padStart(5, "0")}`,
      line: i + 2,
      rowIndex: i + 1,
      caseNumbers: Array.from({ length: 1 + (i % 3) }, (_v, k) => `CASE-${i}-${k}`),
    };
  }
}
