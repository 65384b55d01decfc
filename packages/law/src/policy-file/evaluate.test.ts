/**
 * Evaluation of policy files beyond the built-ins: predicates the built-ins do not use (county, level,
 * convictedBefore), three-valued all/any/not, the trace (rules checked, citations, otherwise) and the
 * `{section}` reason placeholder.
 */
import { describe, expect, it } from "vitest";
import { buildPerson, type CountSpec, day, type PersonSpec } from "../policies/test-support.ts";
import { compilePolicyFile } from "./evaluate.ts";
import { POLICY_FILE_FORMAT, type PolicyCondition, type PolicyFile } from "./schema.ts";

const AT = day("2020-07-01");

function policyOf(
  rules: { id: string; when: PolicyCondition; reason?: string; citation?: string }[],
): PolicyFile {
  return {
    format: POLICY_FILE_FORMAT,
    id: "test",
    label: "Test",
    rules: rules.map((r) => ({
      id: r.id,
      when: r.when,
      determination: "Eligible for Dismissal",
      reason: r.reason ?? r.id,
      ...(r.citation ? { citation: r.citation } : {}),
    })),
    otherwise: { id: "none", determination: "Not eligible", reason: "nothing applies" },
  };
}

/** Decides count `index` of a person. */
function decide(file: PolicyFile, counts: CountSpec[], index = 0, extra: Partial<PersonSpec> = {}) {
  const { person, counts: built } = buildPerson({ dob: "1980-01-01", county: "ALAMEDA", ...extra, counts });
  return compilePolicyFile(file).decide(person, built[index]!, AT);
}

const one = (when: PolicyCondition) => policyOf([{ id: "r", when }]);
const outcome = (when: PolicyCondition, counts: CountSpec[], extra: Partial<PersonSpec> = {}) => {
  const d = decide(one(when), counts, 0, extra);
  return d.determination === "Hand Review" ? d.reason : d.determination === "Eligible for Dismissal";
};

describe("predicates", () => {
  const felony2010: CountSpec[] = [{ section: "11359 HS", date: "2010-03-04", county: "ALAMEDA" }];

  it("county compares upper-cased; level lists F/M/I, a missing level matches none", () => {
    expect(outcome({ county: ["alameda", "Yolo"] }, felony2010)).toBe(true);
    expect(outcome({ county: "LOS ANGELES" }, felony2010)).toBe(false);
    expect(outcome({ level: ["M", "I"] }, [{ section: "11357 HS", date: "2010-01-01", level: "I" }])).toBe(
      true,
    );
    expect(
      outcome({ level: ["F", "M", "I"] }, [{ section: "11357 HS", date: "2010-01-01", level: null }]),
    ).toBe(false);
  });

  it("convictedBefore is strict; an unreadable conviction date names STP_EVENT_DATE", () => {
    expect(outcome({ convictedBefore: "2010-03-04" }, felony2010)).toBe(false);
    expect(outcome({ convictedBefore: "2010-03-05" }, felony2010)).toBe(true);
    expect(outcome({ convictedBefore: "2010-03-05" }, [{ section: "11359 HS", date: "20100231" }])).toBe(
      'Unreadable date: STP_EVENT_DATE "20100231"',
    );
  });

  it("currentAgeAtLeast uses birthdays; currentAgeAtMost uses days / 365.25", () => {
    // Born 1999-07-01: 21st birthday on compute-at, but 7671 days / 365.25 = 21.002 years.
    expect(outcome({ currentAgeAtLeast: 21 }, felony2010, { dob: "1999-07-01" })).toBe(true);
    expect(outcome({ currentAgeAtMost: 21 }, felony2010, { dob: "1999-07-01" })).toBe(false);
    // Born a day later: not yet 21 by birthdays, 20.999 years by days.
    expect(outcome({ currentAgeAtLeast: 21 }, felony2010, { dob: "1999-07-02" })).toBe(false);
    expect(outcome({ currentAgeAtMost: 21 }, felony2010, { dob: "1999-07-02" })).toBe(true);
    expect(outcome({ currentAgeAtLeast: 21 }, felony2010, { dob: "19990000" })).toBe(
      'Unreadable date: PRI_DOB "19990000"',
    );
  });

  it("ageAtConvictionUnder: on the birthday the person is no longer under", () => {
    expect(outcome({ ageAtConvictionUnder: 30 }, felony2010, { dob: "1980-03-04" })).toBe(false);
    expect(outcome({ ageAtConvictionUnder: 30 }, felony2010, { dob: "1980-03-05" })).toBe(true);
  });
});

describe("all / any / not are three-valued", () => {
  const bad: CountSpec[] = [{ section: "11359 HS", date: "UNKNOWN" }];
  const unknown = 'Unreadable date: STP_EVENT_DATE "UNKNOWN"';

  it("all: a false part wins over an unknown one; otherwise unknown", () => {
    expect(outcome({ all: [{ convictedBefore: "2016-11-09" }, { felony: false }] }, bad)).toBe(false);
    expect(outcome({ all: [{ convictedBefore: "2016-11-09" }, { felony: true }] }, bad)).toBe(unknown);
  });

  it("any: a true part wins over an unknown one; otherwise unknown", () => {
    expect(outcome({ any: [{ convictedBefore: "2016-11-09" }, { felony: true }] }, bad)).toBe(true);
    expect(outcome({ any: [{ convictedBefore: "2016-11-09" }, { felony: false }] }, bad)).toBe(unknown);
  });

  it("not keeps unknown unknown; false facts negate", () => {
    expect(outcome({ not: { convictedBefore: "2016-11-09" } }, bad)).toBe(unknown);
    expect(outcome({ deceased: false }, bad)).toBe(true);
    expect(outcome({ deceased: false }, bad, { deceased: true })).toBe(false);
  });
});

describe("trace and reasons", () => {
  it("lists rules checked up to the deciding one, with citations", () => {
    const file = policyOf([
      { id: "a", when: { felony: false }, citation: "H&S 11361.8(e)" },
      { id: "b", when: { deceased: true } },
      { id: "c", when: { prop64Section: "11359" }, citation: "H&S 11359", reason: "Section {section}" },
    ]);
    const d = decide(file, [{ section: "664/11359(B) HS", date: "2010-01-01" }]);
    expect(d).toEqual({
      determination: "Eligible for Dismissal",
      reason: "Section 11359",
      trace: [
        { rule: "a", outcome: "not-applicable", citation: "H&S 11361.8(e)" },
        { rule: "b", outcome: "not-applicable" },
        { rule: "c", outcome: "fired", citation: "H&S 11359" },
      ],
    });
  });

  it("an unknown rule stops the evaluation with Hand Review", () => {
    const file = policyOf([
      { id: "a", when: { yearsSinceConvictionAtLeast: 5 } },
      { id: "b", when: { felony: true } },
    ]);
    expect(decide(file, [{ section: "11359 HS", date: "2010-13-01" }])).toEqual({
      determination: "Hand Review",
      reason: 'Unreadable date: STP_EVENT_DATE "2010-13-01"',
      trace: [{ rule: "a", outcome: "unknown", missing: 'STP_EVENT_DATE "2010-13-01"' }],
    });
  });

  it("otherwise decides when no rule holds, and is the last trace entry", () => {
    const d = decide(policyOf([{ id: "a", when: { sectionStartsWith: "11357" } }]), [
      { section: "11360 HS", date: "2010-01-01" },
    ]);
    expect([d.determination, d.reason, d.trace.at(-1)]).toEqual([
      "Not eligible",
      "nothing applies",
      { rule: "none", outcome: "fired" },
    ]);
  });

  it("{section} is the first listed value found (listed order, not text order)", () => {
    const file = policyOf([
      { id: "s", when: { section: ["11358", "11357"] }, reason: "Dismiss all HS {section}" },
    ]);
    expect(decide(file, [{ section: "11357/11358 HS", date: "2010-01-01" }]).reason).toBe(
      "Dismiss all HS 11358",
    );
  });
});
