/**
 * The built-in policies written as policy files decide exactly as the hand-written reference policies
 * (configurable.ts, gogen-behaviour.md §4.4; los-angeles.ts, §4.6): same determination, same reason,
 * and the same deciding rule id, outcome and citation at the end of the trace. Checked on persons drawn
 * by fast-check around every boundary the two flows have (dates, ages, sentence ends, unreadable dates,
 * super strikes, gang pairs, PC 290 registration, same-section priors), for random options.
 */
import { type Count, formatIso, fromYmd, type Level, type LocalDate } from "@clearance/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROP64_SECTIONS, prop64Section } from "../gogen/matchers.ts";
import { type ConfigurableOptions, configurablePolicy } from "../policies/configurable.ts";
import { losAngelesPolicy } from "../policies/los-angeles.ts";
import { buildPerson, type CountSpec, day, type PersonSpec } from "../policies/test-support.ts";
import type { Policy } from "../policies/types.ts";
import { losAngelesPolicyFile, policyFileFromOptions } from "./builtins.ts";
import { compilePolicyFile } from "./evaluate.ts";
import { parsePolicyFile } from "./parse.ts";

const LA = "LOS ANGELES";
const SECTIONS = [
  "11357(A) HS",
  "11357(B)HS",
  "11357(C) HS",
  "11357 HS",
  "66411357(A) HS",
  "11358 HS",
  "11358 PC",
  "11359 HS",
  "66411359 HS",
  "11360(A) HS",
  "11360 HS",
  "11359 11357 HS",
  "187 PC",
  "136.1 PC",
  "186.22(B)(4) PC",
  "272 PC",
  "288 PC",
  "290 PC",
  "459 PC",
  "23152(A) VC",
];

const dateText = (from: [number, number, number], to: [number, number, number]) =>
  fc.integer({ min: fromYmd(...from), max: fromYmd(...to) }).map((d) => formatIso(d as LocalDate));

/** Conviction dates: boundaries of compute-at 2020-07-01 (N years back, Prop 64 day) and unreadable ones. */
const convictionDate = fc.oneof(
  { weight: 4, arbitrary: dateText([1985, 1, 1], [2020, 6, 30]) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "2016-11-08",
      "2016-11-09",
      "2010-07-01",
      "2010-07-02",
      "2015-07-01",
      "2015-07-02",
      "2005-07-01",
      "2008-02-29",
      "2001-01-01",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("20190231", "UNKNOWN") },
);

const countSpec: fc.Arbitrary<CountSpec> = fc.record({
  section: fc.constantFrom(...SECTIONS),
  date: convictionDate,
  level: fc.constantFrom<Level | null>("F", "F", "F", "M", "I", null),
  county: fc.constantFrom(LA, LA, LA, "SAN JOAQUIN"),
  sentenceEnd: fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constantFrom("2020-07-01", "2020-07-02", "2030-01-01"),
  ),
  convicted: fc.constantFrom(true, true, true, false),
  caseKey: fc.constantFrom("100001", "100002", "100003", "100004"),
  flags: fc.constantFrom<string[]>([], [], [], ["pc290-registration"]),
});

const personSpec: fc.Arbitrary<PersonSpec> = fc.record({
  dob: fc.oneof(
    dateText([1940, 1, 1], [2002, 12, 31]),
    fc.constantFrom("1970-07-01", "1970-07-02", "1999-07-01", "1999-07-02", "1998-07-01", "1960-02-29"),
    fc.constantFrom("19940000", ""),
  ),
  county: fc.constant(LA),
  deceased: fc.boolean(),
  pc290Registration: fc.constantFrom(false, false, false, true),
  counts: fc.array(countSpec, { minLength: 1, maxLength: 6 }),
});

const computeAt = fc.oneof(
  { weight: 3, arbitrary: fc.constant(day("2020-07-01")) },
  { weight: 1, arbitrary: dateText([2017, 1, 1], [2030, 12, 31]).map((d) => day(d)) },
);
/** Year counts, often the ones that put a drawn conviction date exactly on the boundary. */
const yearsArb = fc.oneof(fc.constantFrom(5, 10, 15), fc.integer({ min: 1, max: 15 }));

const sectionList = fc.shuffledSubarray([...PROP64_SECTIONS]);
const options: fc.Arbitrary<ConfigurableOptions> = fc.record({
  dismiss: sectionList,
  reduce: sectionList,
  subjectUnder21AtConviction: fc.boolean(),
  subjectAgeThreshold: fc.oneof(fc.constant(0), fc.integer({ min: 40, max: 65 })),
  yearsSinceConvictionThreshold: fc.oneof(fc.constant(0), yearsArb),
  yearsCrimeFreeThreshold: fc.oneof(fc.constant(0), yearsArb),
  subjectHasOnlyProp64Charges: fc.boolean(),
  subjectIsDeceased: fc.boolean(),
});

/** Decides every convicted Prop 64 count with both policies and compares. */
function expectSame(reference: Policy, compiled: Policy, spec: PersonSpec, at: LocalDate): void {
  const { person, counts } = buildPerson(spec);
  for (const c of counts as Count[]) {
    if (!c.convicted || !prop64Section(c.codeSection)) continue;
    const want = reference.decide(person, c, at);
    const got = compiled.decide(person, c, at);
    expect([got.determination, got.reason]).toEqual([want.determination, want.reason]);
    const last = want.trace.at(-1);
    if (last && last.outcome !== "not-applicable") expect(got.trace.at(-1)).toEqual(last);
  }
}

describe("built-in policies as files = reference policies", () => {
  it("Los Angeles: random persons, age and conviction-free years", () => {
    fc.assert(
      fc.property(
        personSpec,
        computeAt,
        fc.integer({ min: 40, max: 65 }),
        yearsArb,
        (spec, at, age, years) => {
          const o = { age, yearsConvictionFree: years };
          expectSame(losAngelesPolicy(o), compilePolicyFile(losAngelesPolicyFile(o)), spec, at);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("configurable: random persons and random options files", () => {
    fc.assert(
      fc.property(personSpec, computeAt, options, (spec, at, o) => {
        expectSame(configurablePolicy(o), compilePolicyFile(policyFileFromOptions(o)), spec, at);
      }),
      { numRuns: 3000 },
    );
  });

  it("the generated files pass their own validation", () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 40, max: 65 }), (o, age) => {
        const a = parsePolicyFile(policyFileFromOptions(o));
        const b = parsePolicyFile(losAngelesPolicyFile({ age, yearsConvictionFree: 10 }));
        expect(a.ok && b.ok).toBe(true);
        expect(b.warnings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the quirks the LA expected results depend on (§4.6), file vs reference", () => {
  const o = { age: 50, yearsConvictionFree: 10 };
  const ref = losAngelesPolicy(o);
  const file = compilePolicyFile(losAngelesPolicyFile(o));
  const AT = day("2020-07-01");
  const cases: [string, PersonSpec][] = [
    [
      "a super strike known only as a gang pair disqualifies every conviction (zero date)",
      {
        dob: "1980-01-01",
        county: LA,
        counts: [
          { section: "11360 HS", date: "2001-01-01" },
          { section: "136.1 PC", date: "2010-01-01", caseKey: "200001" },
          { section: "186.22(B)(4) PC", date: "2010-01-01", caseKey: "200001" },
        ],
      },
    ],
    [
      "a PC 290 registration that is not a conviction disqualifies regardless of dates",
      {
        dob: "1980-01-01",
        county: LA,
        pc290Registration: true,
        counts: [{ section: "11359 HS", date: "2001-01-01" }],
      },
    ],
    [
      "a same-day super strike does not precede",
      {
        dob: "1980-01-01",
        county: LA,
        counts: [
          { section: "11359 HS", date: "2003-01-01" },
          { section: "187 PC", date: "2003-01-01" },
        ],
      },
    ],
    [
      "two priors: an attempt prefix breaks the five-character match",
      {
        dob: "1980-01-01",
        county: LA,
        counts: [
          { section: "11359 HS", date: "2001-01-01" },
          { section: "11359 HS", date: "2002-01-01" },
          { section: "66411359 HS", date: "2003-01-01" },
          { section: "11359 HS", date: "2004-01-01", sentenceEnd: "2030-01-01" },
        ],
      },
    ],
    [
      "two priors with unreadable dates are unknown, not absent",
      {
        dob: "1980-01-01",
        county: LA,
        counts: [
          { section: "11360 HS", date: "20190231" },
          { section: "11360 HS", date: "UNKNOWN" },
          { section: "11360 HS", date: "2004-01-01", sentenceEnd: "2030-01-01" },
        ],
      },
    ],
  ];
  for (const [name, spec] of cases)
    it(name, () => {
      expectSame(ref, file, spec, AT);
    });

  it("two undated same-section convictions make 'Two priors' unknown (Hand Review naming the date)", () => {
    const spec = cases[4]![1];
    const { person, counts } = buildPerson(spec);
    const d = file.decide(person, counts[2]!, AT);
    expect([d.determination, d.reason]).toEqual([
      "Hand Review",
      'Unreadable date: STP_EVENT_DATE "20190231"',
    ]);
    expect(d.trace.at(-1)).toMatchObject({ rule: "la.two-priors", outcome: "unknown" });
  });
});
