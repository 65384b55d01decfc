/**
 * The Los Angeles policy (gogen-behaviour.md §4.6): every context of the original's LA unit table
 * (§6.3; DOB 1994-04-10, compute-at 2020-07-01, age 50, N 10), each step's boundary, the quirks the
 * expected results depend on, and the unreadable-date deviation.
 */
import type { Count } from "@clearance/core";
import { isRelevant } from "@clearance/pipeline";
import { describe, expect, it } from "vitest";
import { losAngelesPolicy } from "./los-angeles.ts";
import { buildPerson, type CountSpec, day, type PersonSpec } from "./test-support.ts";

const LA = "LOS ANGELES";
const SJ = "SAN JOAQUIN";
const DOB = "1994-04-10";
const AT = day("2020-07-01");
const policy = losAngelesPolicy({ age: 50, yearsConvictionFree: 10 });

type Outcome = [determination: string, reason: string];

/** Decides every relevant conviction (LA, Prop 64) in source order. */
function run(counts: readonly CountSpec[], extra: Partial<PersonSpec> = {}, at = AT, p = policy): Outcome[] {
  const { person, counts: built } = buildPerson({ dob: DOB, county: LA, ...extra, counts });
  return built
    .filter((c) => c.convicted && isRelevant(c, LA))
    .map((c) => {
      const d = p.decide(person, c, at);
      return [d.determination, d.reason];
    });
}

/** Decides the conviction at `index`. */
function decide(
  counts: readonly CountSpec[],
  index: number,
  extra: Partial<PersonSpec> = {},
  at = AT,
): Outcome {
  const { person, counts: built } = buildPerson({ dob: DOB, county: LA, ...extra, counts });
  const d = policy.decide(person, built[index] as Count, at);
  return [d.determination, d.reason];
}

const DISMISS = "Eligible for Dismissal";
const CITY: Outcome = ["To be reviewed by City Attorneys", "Misdemeanor or Infraction"];
const AFTER: Outcome = ["Not eligible", "Occurred after 11/09/2016"];
const SUPERSTRIKE: Outcome = ["Not eligible", "PC 667(e)(2)(c)(iv)"];
const PC290: Outcome = ["Not eligible", "PC 290"];
const TWO_PRIORS: Outcome = ["Not eligible", "Two priors"];
const FREE: Outcome = [DISMISS, "No convictions in past 10 years"];
const ONLY: Outcome = [DISMISS, "Only has 11357-60 charges and completed sentence"];
const OTHER_11357: Outcome = ["Hand Review", "Other 11357"];
const AB_11357: Outcome = [DISMISS, "11357(a) or 11357(b)"];
const SERVING: Outcome = ["Hand Review", "Currently serving sentence"];
const NONE: Outcome = ["Hand Review", "No applicable eligibility criteria"];

describe("Los Angeles policy — §6.3 contexts", () => {
  it("steps 1–2: misdemeanour → City Attorneys; felony after 11/9/2016 → Not eligible (2 records)", () => {
    expect(
      run([
        { section: "11357 HS", date: "1999-01-01", level: "M" },
        { section: "11358 PC", date: "2017-05-04" },
        { section: "1234 PC", date: "2000-01-01" },
        { section: "11357 HS", date: "2001-01-01", convicted: false },
      ]),
    ).toEqual([CITY, AFTER]);
  });

  const superstrike: CountSpec[] = [
    { section: "11358 HS", date: "2001-01-01" },
    { section: "187 PC", date: "2003-01-01" },
    { section: "11360 HS", date: "2009-01-01" },
  ];

  it("super strikes: only the conviction after the super strike is disqualified", () => {
    expect(run(superstrike)).toEqual([FREE, SUPERSTRIKE]);
  });

  it("PC 290 conviction (272 PC) disqualifies the later conviction", () => {
    expect(
      run([
        { section: "11358 HS", date: "2001-01-01" },
        { section: "272 PC", date: "2003-01-01" },
        { section: "11360 HS", date: "2009-01-01" },
      ]),
    ).toEqual([FREE, PC290]);
  });

  it("PC 290 registration that is a conviction row: dated, so only the later conviction is disqualified", () => {
    expect(
      run(
        [
          { section: "11358 HS", date: "2001-01-01" },
          { section: "290 PC", date: "2003-01-01", flags: ["pc290-registration"] },
          { section: "11360 HS", date: "2009-01-01" },
        ],
        { pc290Registration: true },
      ),
    ).toEqual([FREE, PC290]);
  });

  it("two priors: two earlier 11359 convictions, across counties", () => {
    expect(
      run([
        { section: "11359(B) HS", date: "2004-01-01" },
        { section: "11359(A) HS", date: "2005-01-01", county: SJ },
        { section: "11359(C) HS", date: "2006-01-01" },
        { section: "11355 HS", date: "2003-01-01" },
        { section: "11355 HS", date: "2003-06-01" },
      ]),
    ).toEqual([FREE, TWO_PRIORS]);
  });

  it("only Prop 64 and every sentence completed; 11357 HS is Other 11357", () => {
    expect(
      run([
        { section: "11359(B) HS", date: "2004-01-01", sentenceEnd: "2012-01-01" },
        { section: "11358 HS", date: "2005-01-01", county: SJ, sentenceEnd: "2012-01-01" },
        { section: "11357 HS", date: "2006-01-01", sentenceEnd: "2012-01-01" },
      ]),
    ).toEqual([ONLY, OTHER_11357]);
  });

  const history = (last: CountSpec): CountSpec[] => [
    { section: "11359(B) HS", date: "2004-01-01" },
    { section: "11358 HS", date: "2005-01-01", county: SJ },
    last,
  ];

  it("no convictions in the past 10 years", () => {
    expect(run(history({ section: "666 HS", date: "2006-01-01" }))).toEqual([FREE]);
  });

  it("currently serving a sentence", () => {
    expect(run(history({ section: "666 HS", date: "2016-01-01", sentenceEnd: "2025-01-01" }))).toEqual([
      SERVING,
    ]);
  });

  it("deceased", () => {
    expect(run(history({ section: "666 HS", date: "2016-01-01" }), { deceased: true })).toEqual([
      [DISMISS, "Deceased"],
    ]);
  });

  it("none of the above", () => {
    expect(run(history({ section: "666 HS", date: "2016-01-01" }))).toEqual([NONE]);
  });
});

describe("Los Angeles policy — step boundaries", () => {
  it.each([
    ["2016-11-08", ONLY],
    ["2016-11-09", AFTER], // "not before" 11/9/2016: the day itself is after (unlike gogen's column)
    ["2016-11-10", AFTER],
  ] as const)("11358 felony on %s → %j", (date, expected) => {
    const at = day("2026-12-31"); // far enough that a 2016 conviction is conviction-free for 10 years
    expect(run([{ section: "11358 HS", date }], {}, at)).toEqual([expected]);
  });

  it("misdemeanour is checked before the 2016 date", () => {
    expect(run([{ section: "11358 HS", date: "2017-03-12", level: "M" }])).toEqual([CITY]);
  });

  it.each([
    ["1970-07-01", [DISMISS, "50 years or older"]], // 50th birthday on compute-at
    ["1970-07-02", NONE],
  ] as const)("age 50: DOB %s → %j", (dob, expected) => {
    // A recent conviction and an unfinished-free record so that only the age step can dismiss.
    expect(
      run(
        [
          { section: "11358 HS", date: "2015-01-01" },
          { section: "666 HS", date: "2015-02-01" },
        ],
        { dob },
      ),
    ).toEqual([expected]);
  });

  it("the age parameter names the reason", () => {
    const p40 = losAngelesPolicy({ age: 40, yearsConvictionFree: 10 });
    expect(
      run(
        [
          { section: "11358 HS", date: "2015-01-01" },
          { section: "666 HS", date: "2015-02-01" },
        ],
        { dob: "1980-01-01" },
        AT,
        p40,
      ),
    ).toEqual([[DISMISS, "40 years or older"]]);
  });

  it.each([
    // 2001-07-01 → 2022-07-01 is 7670 days (5 leap days): 20.998 years ≤ 21.
    ["2022-07-01", [DISMISS, "21 years or younger"]],
    ["2022-07-02", NONE],
  ] as const)("21 or younger uses current age in days/365.25: DOB 2001-07-01 at %s → %j", (at, expected) => {
    const counts: CountSpec[] = [
      { section: "11358 HS", date: "2015-01-01" },
      { section: "666 HS", date: "2015-02-01" },
    ];
    expect(run(counts, { dob: "2001-07-01" }, day(at))).toEqual([expected]);
  });

  it("21 or younger: on a 21st birthday spanning 6 leap days the person is already over 21.0", () => {
    // 1999-07-01 → 2020-07-01 is 7671 days: 21.002 years.
    const counts: CountSpec[] = [
      { section: "11358 HS", date: "2015-01-01" },
      { section: "666 HS", date: "2015-02-01" },
    ];
    expect(run(counts, { dob: "1999-07-01" })).toEqual([NONE]);
  });

  it("21 or younger looks at current age, not age at conviction", () => {
    // Convicted at 30 in this scenario would not matter: the person is 20 at compute-at.
    expect(
      run(
        [
          { section: "11358 HS", date: "2015-01-01" },
          { section: "666 HS", date: "2015-02-01" },
        ],
        { dob: "2000-01-01" },
      ),
    ).toEqual([[DISMISS, "21 years or younger"]]);
  });

  it.each([
    ["2010-07-01", FREE], // on compute-at − 10 y: not after
    ["2010-07-02", NONE],
  ] as const)(
    "no convictions in past 10 years: latest (other county) conviction %s → %j",
    (date, expected) => {
      expect(
        run([
          { section: "11358 HS", date: "2004-01-01" },
          { section: "666 HS", date, county: SJ },
        ]),
      ).toEqual([expected]);
    },
  );

  it("the N parameter names the reason", () => {
    const p2 = losAngelesPolicy({ age: 50, yearsConvictionFree: 2 });
    expect(
      run(
        [
          { section: "11358 HS", date: "2015-01-01" },
          { section: "666 HS", date: "2015-02-01" },
        ],
        {},
        AT,
        p2,
      ),
    ).toEqual([[DISMISS, "No convictions in past 2 years"]]);
  });

  it.each([
    ["2020-07-01", NONE], // ends on compute-at: completed
    ["2020-07-02", SERVING],
  ] as const)("sentence ending %s → %j", (end, expected) => {
    expect(
      run([
        { section: "11358 HS", date: "2014-01-01" },
        { section: "666 HS", date: "2015-01-01", sentenceEnd: end },
      ]),
    ).toEqual([expected]);
  });

  it("only Prop 64 but a sentence still running → not 'completed'; recent → Currently serving sentence", () => {
    expect(run([{ section: "11358 HS", date: "2015-02-14", sentenceEnd: "2020-02-14" }])).toEqual([ONLY]);
    expect(run([{ section: "11358 HS", date: "2015-02-14", sentenceEnd: "2020-07-02" }])).toEqual([SERVING]);
  });
});

describe("Los Angeles policy — 11357 branch (step 3)", () => {
  it.each([
    ["11357(A) HS", AB_11357],
    ["11357(B) HS", AB_11357],
    ["11357(B)", AB_11357],
    ["11357(C) HS", OTHER_11357],
    ["11357(D) HS", OTHER_11357],
    ["11357 HS", OTHER_11357],
    ["11357(b)HS", OTHER_11357],
    ["66411357(A) HS", OTHER_11357],
    [" 11357(A) HS", OTHER_11357], // "starts with": leading padding breaks it
  ] as const)("%j → %j", (section, expected) => {
    expect(run([{ section, date: "2010-01-01" }])).toEqual([expected]);
  });

  it("runs before the super strike, PC 290 and priors checks", () => {
    const counts: CountSpec[] = [
      { section: "187 PC", date: "2000-01-01" },
      { section: "288 PC", date: "2000-02-01" },
      { section: "11357(A) HS", date: "2001-01-01" },
      { section: "11357(A) HS", date: "2002-01-01" },
      { section: "11357(C) HS", date: "2010-01-01" },
      { section: "11357(A) HS", date: "2010-02-01" },
    ];
    expect(run(counts, { pc290Registration: true })).toEqual([AB_11357, AB_11357, OTHER_11357, AB_11357]);
  });
});

describe("Los Angeles policy — quirks of §4.6", () => {
  it("a super strike that exists only as a gang pair disqualifies regardless of order", () => {
    const pairLater: CountSpec[] = [
      { section: "11358 HS", date: "2001-01-01" },
      { section: "136.1 PC", date: "2005-01-01", caseKey: "102001" },
      { section: "186.22(B)(4) PC", date: "2005-01-01", caseKey: "102001" },
    ];
    expect(run(pairLater)).toEqual([SUPERSTRIKE]);
    const pairEarlier: CountSpec[] = [
      { section: "136.1 PC", date: "1999-01-01", caseKey: "101001" },
      { section: "186.22(B)(4) PC", date: "1999-01-01", caseKey: "101001" },
      { section: "11358 HS", date: "2001-01-01" },
    ];
    expect(run(pairEarlier)).toEqual([SUPERSTRIKE]);
  });

  it("the two halves of a pair in different cases are no super strike", () => {
    expect(
      run([
        { section: "11358 HS", date: "2001-01-01" },
        { section: "136.1 PC", date: "2005-01-01", caseKey: "102001" },
        { section: "186.22(B)(4) PC", date: "2005-01-01", caseKey: "102002" },
      ]),
    ).toEqual([FREE]);
  });

  it("a pair does not disqualify when a dated single super strike exists and is later", () => {
    // The earliest date comes from the single super strike only (2010), so the 2001 conviction is not preceded.
    expect(
      run([
        { section: "11358 HS", date: "2001-01-01" },
        { section: "136.1 PC", date: "1999-01-01", caseKey: "101001" },
        { section: "186.22(B)(4) PC", date: "1999-01-01", caseKey: "101001" },
        { section: "187 PC", date: "2010-01-01" },
      ]),
    ).toEqual([FREE]);
  });

  it("a PC 290 registration without a conviction disqualifies regardless of dates", () => {
    expect(run([{ section: "11358 HS", date: "2001-01-01" }], { pc290Registration: true })).toEqual([PC290]);
  });

  it("a same-day super strike does not precede", () => {
    expect(
      run([
        { section: "11358 HS", date: "2001-01-01" },
        { section: "220 PC", date: "2001-01-01" },
      ]),
    ).toEqual([FREE]);
  });

  it("a same-day PC 290 offence does not precede", () => {
    expect(
      run([
        { section: "266 PC", date: "2001-01-01" },
        { section: "11358 HS", date: "2001-01-01" },
        { section: "314(1) PC", date: "2001-01-01" },
      ]),
    ).toEqual([FREE]);
  });

  it("a super strike one day earlier precedes", () => {
    expect(
      run([
        { section: "11358 HS", date: "2001-01-02" },
        { section: "220 PC", date: "2001-01-01" },
      ]),
    ).toEqual([SUPERSTRIKE]);
  });

  it("two priors across counties count; one prior does not", () => {
    expect(
      run([
        { section: "11359 HS", date: "2004-01-01", county: SJ },
        { section: "11359 HS", date: "2005-01-01", county: "ORANGE" },
        { section: "11359 HS", date: "2006-01-01" },
      ]),
    ).toEqual([TWO_PRIORS]);
    expect(
      run([
        { section: "11359 HS", date: "2005-01-01", county: "ORANGE" },
        { section: "11359 HS", date: "2006-01-01" },
      ]),
    ).toEqual([ONLY]); // not two priors: falls through to "only Prop 64"
  });

  it("same-day priors are not earlier", () => {
    expect(
      run([
        { section: "11359 HS", date: "2006-01-01", county: SJ },
        { section: "11359 HS", date: "2006-01-01", county: SJ },
        { section: "11359 HS", date: "2006-01-01" },
      ]),
    ).toEqual([ONLY]); // not two priors: falls through to "only Prop 64"
  });

  it("priors compare the first five characters: other sections do not count", () => {
    expect(
      run([
        { section: "11358 HS", date: "2004-01-01", county: SJ },
        { section: "11360 HS", date: "2005-01-01", county: SJ },
        { section: "11359 HS", date: "2006-01-01" },
      ]),
    ).toEqual([ONLY]); // not two priors: falls through to "only Prop 64"
  });

  it("an attempt prefix (66411359) breaks two priors, both ways", () => {
    expect(
      run([
        { section: "11359 HS", date: "2004-01-01", county: SJ },
        { section: "11359 HS", date: "2005-01-01", county: SJ },
        { section: "66411359 HS", date: "2006-01-01" },
      ]),
    ).toEqual([ONLY]); // not two priors: falls through to "only Prop 64"
    expect(
      run([
        { section: "66411359 HS", date: "2004-01-01", county: SJ },
        { section: "66411359 HS", date: "2005-01-01", county: SJ },
        { section: "11359 HS", date: "2006-01-01" },
      ]),
    ).toEqual([ONLY]); // not two priors: falls through to "only Prop 64"
  });

  it("step order: super strike before PC 290 before two priors before age", () => {
    const counts: CountSpec[] = [
      { section: "187 PC", date: "2000-01-01" },
      { section: "272 PC", date: "2000-01-01" },
      { section: "11359 HS", date: "2001-01-01" },
      { section: "11359 HS", date: "2002-01-01" },
      { section: "11359 HS", date: "2003-01-01" },
    ];
    const old = { dob: "1950-01-01" };
    expect(decide(counts, 4, old)).toEqual(SUPERSTRIKE);
    expect(decide(counts.slice(1), 3, old)).toEqual(PC290);
    expect(decide(counts.slice(2), 2, old)).toEqual(TWO_PRIORS);
    expect(decide(counts.slice(3), 1, old)).toEqual([DISMISS, "50 years or older"]);
  });

  it("records the final fallback rule in the trace", () => {
    const { person, counts } = buildPerson({
      dob: DOB,
      county: LA,
      counts: history({ section: "666 HS", date: "2016-01-01" }),
    });
    const d = policy.decide(person, counts[0] as Count, AT);
    expect(d.trace.at(-1)).toEqual({ rule: "la.none", outcome: "fired" });
    expect(d.trace.filter((t) => t.outcome === "not-applicable")).toHaveLength(13);
  });

  function history(last: CountSpec): CountSpec[] {
    return [
      { section: "11359(B) HS", date: "2004-01-01" },
      { section: "11358 HS", date: "2005-01-01", county: SJ },
      last,
    ];
  }
});

describe("Los Angeles policy — unreadable dates (deviation)", () => {
  it("a felony with an unreadable date → Hand Review naming STP_EVENT_DATE", () => {
    expect(run([{ section: "11358 HS", date: "20190231" }])).toEqual([
      ["Hand Review", 'Unreadable date: STP_EVENT_DATE "20190231"'],
    ]);
  });

  it("a misdemeanour with an unreadable date is still to be reviewed by City Attorneys", () => {
    expect(run([{ section: "11358 HS", date: "BAD", level: "M" }])).toEqual([CITY]);
  });

  it("an unreadable DOB → Hand Review naming PRI_DOB when the age steps are reached", () => {
    expect(run([{ section: "11358 HS", date: "2015-01-01" }], { dob: "19940000" })).toEqual([
      ["Hand Review", 'Unreadable date: PRI_DOB "19940000"'],
    ]);
  });

  it("an unreadable DOB does not matter when an earlier step decides", () => {
    expect(run([{ section: "11358 HS", date: "2017-01-01" }], { dob: "" })).toEqual([AFTER]);
  });

  it("an undated super strike cannot be placed before or after → Hand Review", () => {
    expect(
      run([
        { section: "11358 HS", date: "2001-01-01" },
        { section: "187 PC", date: "UNKNOWN" },
      ]),
    ).toEqual([["Hand Review", 'Unreadable date: STP_EVENT_DATE "UNKNOWN"']]);
  });

  it("a dated earlier super strike decides even when another one is undated", () => {
    expect(
      run([
        { section: "187 PC", date: "2000-01-01" },
        { section: "11358 HS", date: "2001-01-01" },
        { section: "187 PC", date: "UNKNOWN" },
      ]),
    ).toEqual([SUPERSTRIKE]);
  });
});
