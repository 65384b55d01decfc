/**
 * @module statute/test-support — small builders for Person/Count fixtures in the statute tests.
 * Not exported from the package.
 */
import { type Count, type Level, type Person, parseCodeSection, parseIsoDate } from "@clearance/core";

/** Options for a test count. */
export interface CountSpec {
  readonly level?: Level;
  /** `YYYY-MM-DD`. */
  readonly sentenceEnd?: string;
  readonly flags?: readonly string[];
  readonly convicted?: boolean;
  readonly id?: string;
  readonly dispositions?: readonly string[];
}

let next = 0;

/** A count with code section `code` convicted on `date` (`YYYY-MM-DD`, or any unreadable text). */
export function mkCount(code: string, date: string, spec: CountSpec = {}): Count {
  next += 1;
  return {
    id: spec.id ?? `t${next}`,
    codeSection: code,
    parsed: parseCodeSection(code),
    convicted: spec.convicted ?? true,
    date: { raw: date, value: parseIsoDate(date) },
    level: spec.level,
    county: "TEST",
    dispositions: (spec.dispositions ?? []).map((type) => ({ type, date: undefined })),
    sentence: [],
    sentenceEnd: spec.sentenceEnd === undefined ? undefined : parseIsoDate(spec.sentenceEnd),
    flags: spec.flags ?? [],
    source: { file: "test", line: next },
  };
}

/** A person born on `dob` (`YYYY-MM-DD`; unreadable text for an unknown DOB); each array is one case. */
export function mkPerson(
  dob: string,
  cases: readonly (readonly Count[])[],
  pc290Registration = false,
): Person {
  return {
    id: "p1",
    name: "TEST PERSON",
    dob: { raw: dob, value: parseIsoDate(dob) },
    deceased: false,
    pc290Registration,
    cases: cases.map((counts, i) => ({ key: `case${i + 1}`, caseNumbers: [], counts })),
  };
}
