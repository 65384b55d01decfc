/**
 * The configurable policy (gogen-behaviour.md §4.4): every context of the original's "Configurable
 * flow" unit table (§6.1; DOB 1978-04-10, compute-at 2020-07-01, county ARBITRARY), the age-threshold
 * step the original never unit-tested, each step's date boundary (§2.4), options validation, and the
 * unreadable-date deviation (Hand Review naming the field instead of the original's year 0001).
 */
import type { Count } from "@clearance/core";
import { isRelevant } from "@clearance/pipeline";
import { describe, expect, it } from "vitest";
import { type ConfigurableOptions, configurablePolicy, parseConfigurableOptions } from "./configurable.ts";
import { buildPerson, type CountSpec, day, type PersonSpec } from "./test-support.ts";

const DOB = "1978-04-10";
const AT = day("2020-07-01");
const COUNTY = "ARBITRARY";

const OFF: ConfigurableOptions = {
  dismiss: [],
  reduce: [],
  subjectUnder21AtConviction: false,
  subjectAgeThreshold: 0,
  yearsSinceConvictionThreshold: 0,
  yearsCrimeFreeThreshold: 0,
  subjectHasOnlyProp64Charges: false,
  subjectIsDeceased: false,
};

function options(o: Partial<ConfigurableOptions>): ConfigurableOptions {
  return { ...OFF, ...o };
}

type Outcome = [determination: string, reason: string];

/** Decides every relevant conviction (in the county, Prop 64) and returns them in source order. */
function run(
  o: Partial<ConfigurableOptions>,
  counts: readonly CountSpec[],
  extra: Partial<PersonSpec> = {},
): Outcome[] {
  const { person, counts: built } = buildPerson({ dob: DOB, county: COUNTY, ...extra, counts });
  const policy = configurablePolicy(options(o));
  return built
    .filter((c) => c.convicted && isRelevant(c, COUNTY))
    .map((c) => {
      const d = policy.decide(person, c, AT);
      return [d.determination, d.reason];
    });
}

/** Decides one conviction (by index) of a person. */
function decideOne(
  o: Partial<ConfigurableOptions>,
  counts: readonly CountSpec[],
  index: number,
  extra: Partial<PersonSpec> = {},
) {
  const { person, counts: built } = buildPerson({ dob: DOB, county: COUNTY, ...extra, counts });
  return configurablePolicy(options(o)).decide(person, built[index] as Count, AT);
}

const DISMISS = "Eligible for Dismissal";
const REDUCE = "Eligible for Reduction";
const MISD: Outcome = [DISMISS, "Misdemeanor or Infraction"];
const dismissKey = (k: string): Outcome => [DISMISS, `Dismiss all HS ${k} convictions`];
const reduceKey = (k: string): Outcome => [REDUCE, `Reduce all HS ${k} convictions`];

describe("configurable policy — §6.1 contexts", () => {
  const base = { dismiss: ["11357", "11358", "11359"], reduce: ["11360"] } as const;

  it("relevance: only in-county Prop 64 convictions get a record", () => {
    const results = run(
      base,
      [
        { section: "11357 HS", date: "2010-01-01", level: "M" },
        { section: "11358 PC", date: "2011-01-01" },
        { section: "187 PC", date: "2012-01-01" },
        { section: "11360 HS", date: "2013-01-01", county: "OTHER COUNTY" },
        { section: "11357 HS", date: "2014-01-01", convicted: false },
      ],
      { pc290Registration: true },
    );
    expect(results).toEqual([MISD, dismissKey("11358")]);
  });

  it("by section", () => {
    const results = run(base, [
      { section: "11357(A) HS", date: "2010-01-01", level: "M" },
      { section: "11357(D) HS", date: "2010-02-01" },
      { section: "11358 HS", date: "2010-03-01" },
      { section: "11359 HS", date: "2010-04-01", level: null },
      { section: "11360 HS", date: "2010-05-01" },
      { section: "11360 PC", date: "2010-06-01", county: "OTHER COUNTY" },
    ]);
    expect(results).toEqual([MISD, dismissKey("11357"), dismissKey("11358"), MISD, reduceKey("11360")]);
  });

  it("an infraction is 'Misdemeanor or Infraction' too", () => {
    expect(run(base, [{ section: "11360 HS", date: "2010-05-01", level: "I" }])).toEqual([MISD]);
  });

  it("attempts and letters: 66411357(A) HS, 11357(A), 11357(A)PC are all dismissed as 11357", () => {
    const results = run(base, [
      { section: "66411357(A) HS", date: "2010-01-01" },
      { section: "11357(A)", date: "2010-02-01" },
      { section: "11357(A)PC", date: "2010-03-01" },
    ]);
    expect(results).toEqual([dismissKey("11357"), dismissKey("11357"), dismissKey("11357")]);
  });

  it("empty dismiss list: everything felony is reduced", () => {
    const results = run({ dismiss: [], reduce: ["11357", "11358", "11359", "11360"] }, [
      { section: "11357(A) HS", date: "2010-01-01" },
      { section: "11357(D) HS", date: "2010-02-01", level: "M" },
      { section: "11358 HS", date: "2010-03-01" },
      { section: "11359 HS", date: "2010-04-01" },
      { section: "11360 HS", date: "2010-05-01" },
    ]);
    expect(results).toEqual([
      reduceKey("11357"),
      MISD,
      reduceKey("11358"),
      reduceKey("11359"),
      reduceKey("11360"),
    ]);
  });

  describe("under 21", () => {
    const o = { dismiss: ["11357"], reduce: ["11358", "11359", "11360"] } as const;
    const counts: CountSpec[] = [
      { section: "11357(A) HS", date: "2008-01-01" },
      { section: "11359 HS", date: "1994-06-01" }, // age 16
      { section: "11360 HS", date: "2009-01-01" },
    ];

    it("on: the conviction at 16 is '21 years or younger'", () => {
      expect(run({ ...o, subjectUnder21AtConviction: true }, counts)).toEqual([
        dismissKey("11357"),
        [DISMISS, "21 years or younger"],
        reduceKey("11360"),
      ]);
    });

    it("off: the same conviction is reduced", () => {
      expect(run(o, counts)).toEqual([dismissKey("11357"), reduceKey("11359"), reduceKey("11360")]);
    });

    it.each([
      ["1999-04-09", [DISMISS, "21 years or younger"]],
      ["1999-04-10", reduceKey("11359")], // the 21st birthday is not under 21
      ["1999-04-11", reduceKey("11359")],
    ] as const)("boundary: convicted %s → %j", (date, expected) => {
      expect(run({ ...o, subjectUnder21AtConviction: true }, [{ section: "11359 HS", date }])).toEqual([
        expected,
      ]);
    });

    it("Feb 29 DOB: the 21st birthday in a common year is Mar 1", () => {
      const o21 = { ...o, subjectUnder21AtConviction: true };
      const leap = { dob: "1996-02-29" };
      expect(run(o21, [{ section: "11359 HS", date: "2017-02-28" }], leap)).toEqual([
        [DISMISS, "21 years or younger"],
      ]);
      expect(run(o21, [{ section: "11359 HS", date: "2017-03-01" }], leap)).toEqual([reduceKey("11359")]);
    });
  });

  describe("years since conviction", () => {
    const o = {
      dismiss: ["11357"],
      reduce: ["11358", "11359", "11360"],
      yearsSinceConvictionThreshold: 13,
    } as const;
    const reason: [string, string] = [DISMISS, "Conviction occurred 13 or more years ago"];

    it("threshold 13: compute-at − 14 y dismissed, − 12 y reduced", () => {
      expect(run(o, [{ section: "11359 HS", date: "2006-07-01" }])).toEqual([reason]);
      expect(run(o, [{ section: "11359 HS", date: "2008-07-01" }])).toEqual([reduceKey("11359")]);
    });

    it.each([
      ["2007-06-30", reason],
      ["2007-07-01", reason], // on compute-at − 13 y: on or before
      ["2007-07-02", reduceKey("11359")],
    ] as const)("boundary: convicted %s → %j", (date, expected) => {
      expect(run(o, [{ section: "11359 HS", date }])).toEqual([expected]);
    });

    it("unset: no reason mentions years", () => {
      const results = run({ dismiss: ["11357"], reduce: ["11358", "11359", "11360"] }, [
        { section: "11359 HS", date: "1990-07-01" },
        { section: "11360 HS", date: "1995-07-01" },
      ]);
      for (const [, r] of results) {
        expect(r).not.toMatch(/years or older/);
        expect(r).not.toMatch(/or more years ago/);
      }
      expect(results).toEqual([reduceKey("11359"), reduceKey("11360")]);
    });
  });

  describe("years crime-free", () => {
    const o = {
      dismiss: ["11357"],
      reduce: ["11358", "11359", "11360"],
      yearsCrimeFreeThreshold: 6,
    } as const;
    const reason: [string, string] = [DISMISS, "No convictions in the past 6 years"];

    it("threshold 6: most recent conviction (non-Prop-64) 7 years ago → dismissed", () => {
      expect(
        run(o, [
          { section: "11359 HS", date: "2010-07-01" },
          { section: "1234 HS", date: "2013-07-01" },
        ]),
      ).toEqual([reason]);
    });

    it("threshold 6: most recent conviction 5 years ago → reduced", () => {
      expect(
        run(o, [
          { section: "11359 HS", date: "2010-07-01" },
          { section: "1234 HS", date: "2015-07-01" },
        ]),
      ).toEqual([reduceKey("11359")]);
    });

    it.each([
      ["2014-06-30", reason],
      ["2014-07-01", reduceKey("11359")], // strictly before compute-at − 6 y
    ] as const)("boundary: most recent conviction %s → %j", (date, expected) => {
      expect(
        run(o, [
          { section: "11359 HS", date: "2010-07-01" },
          { section: "1234 HS", date },
        ]),
      ).toEqual([expected]);
    });

    it("counts convictions in other counties", () => {
      expect(
        run(o, [
          { section: "11359 HS", date: "2010-07-01" },
          { section: "1234 HS", date: "2019-01-01", county: "OTHER COUNTY" },
        ]),
      ).toEqual([reduceKey("11359")]);
    });

    it("unset: no reason mentions 'in the past … years'", () => {
      const results = run({ dismiss: ["11357"], reduce: ["11358", "11359", "11360"] }, [
        { section: "11359 HS", date: "1990-07-01" },
      ]);
      expect(results).toEqual([reduceKey("11359")]);
      expect(results[0]?.[1]).not.toMatch(/in the past .* years/);
    });
  });

  describe("only Prop 64", () => {
    it("all convictions Prop 64 → 'Only has 11357-60 charges'", () => {
      const results = run({ dismiss: ["11357"], subjectHasOnlyProp64Charges: true }, [
        { section: "11357 HS", date: "2010-01-01" },
        { section: "11359 HS", date: "2011-01-01" },
        { section: "11360 HS", date: "2012-01-01" },
      ]);
      expect(results).toEqual([
        dismissKey("11357"),
        [DISMISS, "Only has 11357-60 charges"],
        [DISMISS, "Only has 11357-60 charges"],
      ]);
    });

    it("with another conviction on record → reduced", () => {
      const results = run(
        { dismiss: ["11357"], reduce: ["11358", "11359", "11360"], subjectHasOnlyProp64Charges: true },
        [
          { section: "11357 HS", date: "2010-01-01" },
          { section: "11359 HS", date: "2011-01-01" },
          { section: "11360 HS", date: "2012-01-01" },
          { section: "5555 HS", date: "2013-01-01" },
        ],
      );
      expect(results).toEqual([dismissKey("11357"), reduceKey("11359"), reduceKey("11360")]);
    });

    it("counts Prop 64 convictions of other counties as Prop 64", () => {
      const results = run({ subjectHasOnlyProp64Charges: true }, [
        { section: "11359 HS", date: "2011-01-01" },
        { section: "11358 HS", date: "2012-01-01", county: "OTHER COUNTY" },
      ]);
      expect(results).toEqual([[DISMISS, "Only has 11357-60 charges"]]);
    });
  });

  describe("deceased", () => {
    const counts: CountSpec[] = [
      { section: "11359 HS", date: "2011-01-01" },
      { section: "11360 HS", date: "2012-01-01" },
    ];

    it("option on, subject deceased → 'Individual is deceased'", () => {
      expect(run({ dismiss: ["11357"], subjectIsDeceased: true }, counts, { deceased: true })).toEqual([
        [DISMISS, "Individual is deceased"],
        [DISMISS, "Individual is deceased"],
      ]);
    });

    it("option off → reduced", () => {
      expect(run({ dismiss: ["11357"], reduce: ["11360"] }, counts, { deceased: true })).toEqual([
        ["", ""],
        reduceKey("11360"),
      ]);
    });

    it("option on, subject alive → not dismissed", () => {
      expect(run({ dismiss: ["11357"], reduce: ["11360"], subjectIsDeceased: true }, counts)).toEqual([
        ["", ""],
        reduceKey("11360"),
      ]);
    });
  });
});

describe("configurable policy — age threshold (step 4)", () => {
  const o = { reduce: ["11359"], subjectAgeThreshold: 42 } as const;
  const counts: CountSpec[] = [{ section: "11359 HS", date: "2010-01-01" }];

  it("DOB 1978-04-10 is 42 at 2020-07-01 → '42 years or older'", () => {
    expect(run(o, counts)).toEqual([[DISMISS, "42 years or older"]]);
  });

  it("threshold 43 → not old enough, reduced", () => {
    expect(run({ ...o, subjectAgeThreshold: 43 }, counts)).toEqual([reduceKey("11359")]);
  });

  it.each([
    ["1978-07-01", true], // 42nd birthday on compute-at: on or before
    ["1978-07-02", false],
    ["1978-06-30", true],
  ])("boundary: DOB %s → fires %s", (dob, fires) => {
    expect(run(o, counts, { dob })).toEqual([fires ? [DISMISS, "42 years or older"] : reduceKey("11359")]);
  });

  it("Feb 29 DOB: N years later in a common year counts from Mar 1", () => {
    const { person, counts: built } = buildPerson({ dob: "1960-02-29", county: COUNTY, counts });
    const p = configurablePolicy(options({ reduce: ["11359"], subjectAgeThreshold: 57 }));
    expect(p.decide(person, built[0] as Count, day("2017-02-28")).reason).toBe(
      "Reduce all HS 11359 convictions",
    );
    expect(p.decide(person, built[0] as Count, day("2017-03-01")).reason).toBe("57 years or older");
  });
});

describe("configurable policy — decision order", () => {
  it("misdemeanour comes before a dismiss key", () => {
    expect(run({ dismiss: ["11358"] }, [{ section: "11358 HS", date: "2010-01-01", level: "M" }])).toEqual([
      MISD,
    ]);
  });

  it("the first listed dismiss key names the reason", () => {
    const o = { dismiss: ["11360", "11357"] } as const;
    expect(run(o, [{ section: "11357/11360 HS", date: "2010-01-01" }])).toEqual([dismissKey("11360")]);
  });

  it("a key in both lists is dismissed", () => {
    expect(
      run({ dismiss: ["11359"], reduce: ["11359"] }, [{ section: "11359 HS", date: "2010-01-01" }]),
    ).toEqual([dismissKey("11359")]);
  });

  it("dismiss key before under 21; under 21 before age; age before years-since; years-since before crime-free", () => {
    const all = {
      reduce: ["11359"],
      subjectUnder21AtConviction: true,
      subjectAgeThreshold: 40,
      yearsSinceConvictionThreshold: 5,
      yearsCrimeFreeThreshold: 5,
      subjectHasOnlyProp64Charges: true,
      subjectIsDeceased: true,
    } as const;
    const young: CountSpec[] = [{ section: "11359 HS", date: "1995-01-01" }];
    expect(run({ ...all, dismiss: ["11359"] }, young, { deceased: true })).toEqual([dismissKey("11359")]);
    expect(run(all, young, { deceased: true })).toEqual([[DISMISS, "21 years or younger"]]);
    const adult: CountSpec[] = [{ section: "11359 HS", date: "2005-01-01" }];
    expect(run(all, adult, { deceased: true })).toEqual([[DISMISS, "40 years or older"]]);
    expect(run({ ...all, subjectAgeThreshold: 0 }, adult, { deceased: true })).toEqual([
      [DISMISS, "Conviction occurred 5 or more years ago"],
    ]);
    expect(
      run({ ...all, subjectAgeThreshold: 0, yearsSinceConvictionThreshold: 0 }, adult, { deceased: true }),
    ).toEqual([[DISMISS, "No convictions in the past 5 years"]]);
    const off = {
      ...all,
      subjectAgeThreshold: 0,
      yearsSinceConvictionThreshold: 0,
      yearsCrimeFreeThreshold: 0,
    };
    expect(run(off, adult, { deceased: true })).toEqual([[DISMISS, "Only has 11357-60 charges"]]);
    expect(run({ ...off, subjectHasOnlyProp64Charges: false }, adult, { deceased: true })).toEqual([
      [DISMISS, "Individual is deceased"],
    ]);
    expect(
      run({ ...off, subjectHasOnlyProp64Charges: false, subjectIsDeceased: false }, adult, {
        deceased: true,
      }),
    ).toEqual([reduceKey("11359")]);
  });

  it("step 10: a felony in neither list with no additional relief has an empty determination and reason", () => {
    expect(
      run({ dismiss: ["11357"], reduce: ["11360"] }, [{ section: "11358 HS", date: "2010-01-01" }]),
    ).toEqual([["", ""]]);
  });

  it("super strikes, PC 290 and the 2016 date are informational only", () => {
    const results = run(
      { dismiss: ["11358"] },
      [
        { section: "187 PC", date: "2000-01-01" },
        { section: "288 PC", date: "2001-01-01" },
        { section: "11358 HS", date: "2018-01-01" },
      ],
      { pc290Registration: true },
    );
    expect(results).toEqual([dismissKey("11358")]);
  });

  it("records a trace ending with the rule that fired", () => {
    const d = decideOne(
      { dismiss: ["11357"], reduce: ["11359"] },
      [{ section: "11359 HS", date: "2010-01-01" }],
      0,
    );
    expect(d.trace.map((t) => [t.rule, t.outcome])).toEqual([
      ["gogen.misdemeanor", "not-applicable"],
      ["gogen.dismiss-section", "not-applicable"],
      ["gogen.under-21", "not-applicable"],
      ["gogen.age-threshold", "not-applicable"],
      ["gogen.years-since-conviction", "not-applicable"],
      ["gogen.crime-free", "not-applicable"],
      ["gogen.only-prop64", "not-applicable"],
      ["gogen.deceased", "not-applicable"],
      ["gogen.reduce-section", "fired"],
    ]);
  });
});

describe("configurable policy — unreadable dates (deviation: Hand Review, never year 0001)", () => {
  it("unreadable DOB with under-21 on → Hand Review naming PRI_DOB and its raw value", () => {
    const d = decideOne(
      { reduce: ["11359"], subjectUnder21AtConviction: true },
      [{ section: "11359 HS", date: "2010-01-01" }],
      0,
      {
        dob: "19780000",
      },
    );
    expect([d.determination, d.reason]).toEqual(["Hand Review", 'Unreadable date: PRI_DOB "19780000"']);
    expect(d.trace.at(-1)).toMatchObject({
      rule: "gogen.under-21",
      outcome: "unknown",
      missing: 'PRI_DOB "19780000"',
    });
  });

  it("unreadable DOB with the age threshold on → Hand Review naming PRI_DOB", () => {
    const d = decideOne(
      { reduce: ["11359"], subjectAgeThreshold: 50 },
      [{ section: "11359 HS", date: "2010-01-01" }],
      0,
      {
        dob: "",
      },
    );
    expect([d.determination, d.reason]).toEqual(["Hand Review", 'Unreadable date: PRI_DOB ""']);
  });

  it("unreadable DOB does not matter when no step needs it", () => {
    expect(
      run({ reduce: ["11359"] }, [{ section: "11359 HS", date: "2010-01-01" }], { dob: "NOT A DATE" }),
    ).toEqual([reduceKey("11359")]);
  });

  it("a misdemeanour with an unreadable date is still 'Misdemeanor or Infraction' (that step needs no date)", () => {
    const d = decideOne(
      { reduce: ["11359"], subjectUnder21AtConviction: true, yearsSinceConvictionThreshold: 5 },
      [{ section: "11359 HS", date: "20190231", level: "M" }],
      0,
      { dob: "BAD" },
    );
    expect([d.determination, d.reason]).toEqual(MISD);
  });

  it("a dismiss key decides before any date is needed", () => {
    const d = decideOne(
      { dismiss: ["11359"], subjectUnder21AtConviction: true },
      [{ section: "11359 HS", date: "2019023" }],
      0,
    );
    expect([d.determination, d.reason]).toEqual(dismissKey("11359"));
  });

  it("unreadable conviction date with under-21 on → Hand Review naming STP_EVENT_DATE", () => {
    const d = decideOne(
      { reduce: ["11359"], subjectUnder21AtConviction: true },
      [{ section: "11359 HS", date: "20190231" }],
      0,
    );
    expect([d.determination, d.reason]).toEqual([
      "Hand Review",
      'Unreadable date: STP_EVENT_DATE "20190231"',
    ]);
  });

  it("unreadable conviction date with years-since on → Hand Review naming STP_EVENT_DATE", () => {
    const d = decideOne(
      { reduce: ["11359"], yearsSinceConvictionThreshold: 5 },
      [{ section: "11359 HS", date: "19800000" }],
      0,
    );
    expect([d.determination, d.reason]).toEqual([
      "Hand Review",
      'Unreadable date: STP_EVENT_DATE "19800000"',
    ]);
  });

  it("crime-free: an unreadable date elsewhere matters only when the readable ones would qualify", () => {
    const o = { reduce: ["11359"], yearsCrimeFreeThreshold: 6 } as const;
    // A readable recent conviction decides "not crime-free" whatever the unreadable one says.
    expect(
      run(o, [
        { section: "11359 HS", date: "2010-07-01" },
        { section: "1234 HS", date: "BAD" },
        { section: "5555 HS", date: "2019-01-01" },
      ]),
    ).toEqual([reduceKey("11359")]);
    // All readable dates are old: the unreadable one could be recent → review.
    expect(
      run(o, [
        { section: "11359 HS", date: "2010-07-01" },
        { section: "1234 HS", date: "BAD" },
      ]),
    ).toEqual([["Hand Review", 'Unreadable date: STP_EVENT_DATE "BAD"']]);
  });
});

describe("parseConfigurableOptions (§4.4)", () => {
  const fixture = {
    baselineEligibility: { dismiss: ["11357", "11358"], reduce: ["11359", "11360"] },
    additionalRelief: {
      subjectUnder21AtConviction: true,
      subjectAgeThreshold: 57,
      yearsSinceConvictionThreshold: 10,
      subjectIsDeceased: true,
      subjectHasOnlyProp64Charges: true,
    },
  };

  it("reads the fixture options; a missing key is false / 0", () => {
    expect(parseConfigurableOptions(fixture)).toEqual({
      ok: true,
      warnings: [],
      value: {
        dismiss: ["11357", "11358"],
        reduce: ["11359", "11360"],
        subjectUnder21AtConviction: true,
        subjectAgeThreshold: 57,
        yearsSinceConvictionThreshold: 10,
        yearsCrimeFreeThreshold: 0,
        subjectHasOnlyProp64Charges: true,
        subjectIsDeceased: true,
      },
    });
  });

  it("empty object → everything off, with a warning that nothing is set", () => {
    expect(parseConfigurableOptions({})).toEqual({
      ok: true,
      value: OFF,
      warnings: [
        "neither baselineEligibility nor additionalRelief is given: only misdemeanours are dismissed, and felonies get no determination",
      ],
    });
  });

  it("warns about keys the original ignored (a misspelt option) and a section in both lists, deciding as the original", () => {
    const r = parseConfigurableOptions({
      baselineEligibility: { dismis: ["11357"], dismiss: ["11358"], reduce: ["11358", "11359"] },
      additionalRelief: { subjectAgeTreshold: 50, dismissOlderThanAgeThreshold: true },
      notes: "x",
    });
    expect(r.ok && r.value).toMatchObject({
      dismiss: ["11358"],
      reduce: ["11358", "11359"],
      subjectAgeThreshold: 0,
    });
    expect(r.ok && r.warnings).toEqual([
      "notes: not an option, ignored (the options here are baselineEligibility, additionalRelief)",
      "baselineEligibility.dismis: not an option, ignored (the options here are dismiss, reduce)",
      expect.stringMatching(
        /^additionalRelief\.subjectAgeTreshold: not an option, ignored \(the options here are subjectUnder21AtConviction, subjectAgeThreshold, /,
      ),
      "baselineEligibility: 11358 is in both dismiss and reduce; its felonies are dismissed (dismiss is tested first, as in the original)",
    ]);
  });

  it("ignores BEAR's extra UI keys and unknown top-level keys", () => {
    const r = parseConfigurableOptions({
      ...fixture,
      additionalRelief: {
        ...fixture.additionalRelief,
        dismissOlderThanAgeThreshold: true,
        dismissYearsSinceConvictionThreshold: true,
        dismissYearsCrimeFreeThreshold: false,
      },
      somethingElse: 1,
    });
    expect(r.ok).toBe(true);
  });

  const AGE = "SubjectAgeThreshold should be between 40 and 65, or 0";
  const SINCE = "YearsSinceConvictionThreshold should be between 1 and 15, or 0";
  const FREE = "YearsCrimeFreeThreshold should be between 1 and 15, or 0";

  it.each([
    [0, true],
    [39, false],
    [40, true],
    [65, true],
    [66, false],
    [-1, false],
  ])("subjectAgeThreshold %i valid: %s", (v, valid) => {
    const r = parseConfigurableOptions({ additionalRelief: { subjectAgeThreshold: v } });
    expect(r).toEqual(
      valid
        ? { ok: true, value: { ...OFF, subjectAgeThreshold: v }, warnings: [] }
        : { ok: false, errors: [AGE] },
    );
  });

  it.each([
    [0, true],
    [1, true],
    [15, true],
    [16, false],
    [-1, false],
  ])("yearsSinceConvictionThreshold / yearsCrimeFreeThreshold %i valid: %s", (v, valid) => {
    const since = parseConfigurableOptions({ additionalRelief: { yearsSinceConvictionThreshold: v } });
    const free = parseConfigurableOptions({ additionalRelief: { yearsCrimeFreeThreshold: v } });
    expect(since).toEqual(
      valid
        ? { ok: true, value: { ...OFF, yearsSinceConvictionThreshold: v }, warnings: [] }
        : { ok: false, errors: [SINCE] },
    );
    expect(free).toEqual(
      valid
        ? { ok: true, value: { ...OFF, yearsCrimeFreeThreshold: v }, warnings: [] }
        : { ok: false, errors: [FREE] },
    );
  });

  it("reports threshold errors in the original's order: age, years since, crime-free", () => {
    const r = parseConfigurableOptions({
      additionalRelief: {
        yearsCrimeFreeThreshold: 20,
        yearsSinceConvictionThreshold: 99,
        subjectAgeThreshold: 30,
      },
    });
    expect(r).toEqual({ ok: false, errors: [AGE, SINCE, FREE] });
  });

  it("rejects an unknown section key, naming its path", () => {
    const r = parseConfigurableOptions({
      baselineEligibility: { dismiss: ["11357(a)", "11358"], reduce: ["11359"] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain("baselineEligibility.dismiss[0]");
    expect(r.errors[0]).toContain("11357(a)");
  });

  it("rejects unknown keys in reduce too, each by index", () => {
    const r = parseConfigurableOptions({ baselineEligibility: { reduce: ["11359", 11360, "11361"] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.split(":")[0])).toEqual([
      "baselineEligibility.reduce[1]",
      "baselineEligibility.reduce[2]",
    ]);
  });

  it.each([[null], [[]], ["options"], [42]])("rejects a non-object document %j", (json) => {
    expect(parseConfigurableOptions(json).ok).toBe(false);
  });

  it.each([
    [{ baselineEligibility: { dismiss: "11357" } }, "baselineEligibility.dismiss"],
    [{ additionalRelief: { subjectAgeThreshold: "50" } }, "additionalRelief.subjectAgeThreshold"],
    [{ additionalRelief: { subjectAgeThreshold: 50.5 } }, "additionalRelief.subjectAgeThreshold"],
    [{ additionalRelief: { subjectIsDeceased: "yes" } }, "additionalRelief.subjectIsDeceased"],
    [{ baselineEligibility: [] }, "baselineEligibility"],
  ])("rejects wrong types: %j", (json, path) => {
    const r = parseConfigurableOptions(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith(path))).toBe(true);
  });
});
