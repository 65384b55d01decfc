/**
 * Table-driven acceptance tests for the statute pack: one case per clause and boundary, each naming
 * the subsection it checks. compute-at is 2026-01-01 unless a case says otherwise.
 */
import { parseIsoDate } from "@clearance/core";
import { describe, expect, it } from "vitest";
import { evaluateStatute } from "./evaluate.ts";
import { STATUTE_FLAGS as F } from "./predicates.ts";
import { STATUTE_RULES } from "./rules.ts";
import { type CountSpec, mkCount, mkPerson } from "./test-support.ts";
import type { StatuteMissingFact, StatuteReason, StatuteRemedy, StatuteResult } from "./types.ts";

const AT = "2026-01-01";
const ADULT = "1980-01-01"; // 30 in 2010
const AGE19 = "1990-06-01"; // 19 on 2010-01-01
const AGE16 = "1994-01-01"; // 16 on 2010-01-01

type Prior = readonly [code: string, date: string, spec?: CountSpec];

interface Case {
  /** The subsection the case checks. */
  readonly cite: string;
  readonly name: string;
  readonly code: string;
  readonly date?: string;
  readonly spec?: CountSpec;
  readonly dob?: string;
  /** Other convictions, each in its own case. */
  readonly priors?: readonly Prior[];
  /** Other counts in the same case as the evaluated count. */
  readonly sameCase?: readonly Prior[];
  /** Priors grouped in one earlier case. */
  readonly priorCase?: readonly Prior[];
  readonly pc290?: boolean;
  readonly at?: string;
  readonly remedy: StatuteRemedy;
  readonly reason?: StatuteReason;
  readonly missing?: readonly StatuteMissingFact[];
  readonly possible?: readonly StatuteRemedy[];
  readonly citation?: string;
  readonly basis?: string;
}

const F_ = { level: "F" } as const;
const M_ = { level: "M" } as const;
const I_ = { level: "I" } as const;
const within = (level: "F" | "M" | "I"): CountSpec => ({ level, flags: [F.quantityWithinLimit] });
const over = (level: "F" | "M" | "I"): CountSpec => ({ level, flags: [F.quantityOverLimit] });

const CASES: readonly Case[] = [
  // ── scope ──
  {
    cite: "H&S 11361.8(a)",
    name: "count not convicted",
    code: "11359 HS",
    spec: { level: "F", convicted: false },
    remedy: "not-applicable",
    reason: "not-convicted",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "non-Prop 64 section",
    code: "459 PC",
    spec: F_,
    remedy: "not-applicable",
    reason: "not-prop64-section",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "11358 written under PC goes to review",
    code: "11358 PC",
    spec: F_,
    remedy: "needs-review",
    reason: "code-not-health-and-safety",
    missing: ["code"],
  },
  {
    cite: "H&S 11361.8(a)",
    name: "unreadable conviction date",
    code: "11359 HS",
    date: "2010-13-01",
    spec: F_,
    remedy: "needs-review",
    reason: "conviction-date-unknown",
    missing: ["conviction-date"],
  },
  {
    cite: "H&S 11361.8(a)",
    name: "convicted the day before 9 Nov 2016 is in scope",
    code: "11359 HS",
    date: "2016-11-08",
    spec: { level: "F", sentenceEnd: "2018-01-01" },
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "convicted on 9 Nov 2016 is out of scope",
    code: "11359 HS",
    date: "2016-11-09",
    spec: F_,
    remedy: "not-applicable",
    reason: "convicted-on-or-after-effective-date",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "convicted after 9 Nov 2016 is out of scope",
    code: "11357(B) HS",
    date: "2017-03-01",
    spec: I_,
    remedy: "not-applicable",
    reason: "convicted-on-or-after-effective-date",
  },
  {
    cite: "H&S 11361.8(e)",
    name: "already relieved under 11361.8",
    code: "11359 HS",
    spec: { level: "F", dispositions: ["11361.8"] },
    remedy: "not-applicable",
    reason: "already-relieved",
  },

  // ── H&S 11357 ──
  {
    cite: "H&S 11362.1(a)(1)",
    name: "former 11357(b) infraction at 21+ is now lawful",
    code: "11357(B) HS",
    date: "2012-05-01",
    spec: I_,
    remedy: "dismiss-and-seal",
    reason: "now-lawful",
    citation: "H&S 11361.8(e)",
    basis: "H&S 11362.1(a)(1)",
  },
  {
    cite: "H&S 11362.1(a)(1)",
    name: "former 11357(b) misdemeanour (before 2011) at 21+ is now lawful",
    code: "11357(B) HS",
    date: "2009-05-01",
    spec: M_,
    remedy: "dismiss-and-seal",
    basis: "H&S 11362.1(a)(1)",
  },
  {
    cite: "H&S 11357(a)(2)",
    name: "former 11357(b) misdemeanour at 18–20 → infraction",
    dob: AGE19,
    code: "11357(B) HS",
    spec: M_,
    remedy: "redesignate-infraction",
    basis: "H&S 11357(a)(2)",
  },
  {
    cite: "H&S 11357(a)(2)",
    name: "former 11357(b) infraction at 18–20: no lesser offence",
    dob: AGE19,
    code: "11357(B) HS",
    date: "2011-01-01",
    spec: I_,
    remedy: "no-relief",
    reason: "no-lesser-offence",
  },
  {
    cite: "H&S 11357(a)(1)",
    name: "former 11357(b) misdemeanour under 18 → infraction",
    dob: AGE16,
    code: "11357(B) HS",
    spec: M_,
    remedy: "redesignate-infraction",
    basis: "H&S 11357(a)(1)",
  },
  {
    cite: "H&S 11357(a)(1)",
    name: "11357 infraction under 18: no lesser offence",
    dob: AGE16,
    code: "11357(B) HS",
    date: "2011-06-01",
    spec: I_,
    remedy: "no-relief",
    reason: "no-lesser-offence",
  },
  {
    cite: "H&S 11362.1(a)(2)",
    name: "former 11357(a) felony at 21+, amount unknown → review",
    code: "11357(A) HS",
    spec: F_,
    remedy: "needs-review",
    missing: ["quantity"],
    possible: ["redesignate-misdemeanor", "dismiss-and-seal"],
  },
  {
    cite: "H&S 11362.1(a)(2)",
    name: "former 11357(a) ≤ 8 g at 21+ is now lawful",
    code: "11357(A) HS",
    spec: within("F"),
    remedy: "dismiss-and-seal",
    basis: "H&S 11362.1(a)(2)",
  },
  {
    cite: "H&S 11357(b)(2)",
    name: "former 11357(a) felony > 8 g at 21+ → misdemeanour",
    code: "11357(A) HS",
    spec: over("F"),
    remedy: "redesignate-misdemeanor",
    basis: "H&S 11357(b)(2)",
  },
  {
    cite: "H&S 11357(b)(2)",
    name: "former 11357(a) misdemeanour > 8 g: no lesser offence",
    code: "11357(A) HS",
    spec: over("M"),
    remedy: "no-relief",
    reason: "no-lesser-offence",
  },
  {
    cite: "H&S 11357(a)(2)",
    name: "former 11357(a) ≤ 8 g at 18–20 → infraction",
    dob: AGE19,
    code: "11357(A) HS",
    spec: within("F"),
    remedy: "redesignate-infraction",
    basis: "H&S 11357(a)(2)",
  },
  {
    cite: "H&S 11357(b)(2)",
    name: "former 11357(a) > 8 g at 18–20 → misdemeanour",
    dob: AGE19,
    code: "11357(A) HS",
    spec: over("F"),
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11357(a)(1)",
    name: "former 11357(a) felony under 18 → infraction, amount irrelevant",
    dob: AGE16,
    code: "11357(A) HS",
    spec: F_,
    remedy: "redesignate-infraction",
  },
  {
    cite: "H&S 11357(b)(2)",
    name: "former 11357(c) misdemeanour at 21+: no lesser offence",
    code: "11357(C) HS",
    spec: M_,
    remedy: "no-relief",
    reason: "no-lesser-offence",
    basis: "H&S 11357(b)(2)",
  },
  {
    cite: "H&S 11357(a)(1)",
    name: "former 11357(c) under 18 → infraction",
    dob: AGE16,
    code: "11357(C) HS",
    spec: M_,
    remedy: "redesignate-infraction",
  },
  {
    cite: "H&S 11357(c)",
    name: "former 11357(d) school grounds at 21+: still a misdemeanour",
    code: "11357(D) HS",
    spec: M_,
    remedy: "no-relief",
    reason: "no-lesser-offence",
    basis: "H&S 11357(c)",
  },
  {
    cite: "H&S 11357(d)",
    name: "former 11357(e) (under 18, school) → infraction",
    code: "11357(E) HS",
    spec: M_,
    remedy: "redesignate-infraction",
    basis: "H&S 11357(d)",
  },
  {
    cite: "H&S 11357(a)",
    name: "11357 with no subdivision at 21+ → review naming subsection",
    code: "11357 HS",
    spec: M_,
    remedy: "needs-review",
    missing: ["subsection", "quantity"],
  },
  {
    cite: "H&S 11357(a)(1)",
    name: "11357 with no subdivision under 18 → infraction (subdivision irrelevant)",
    dob: AGE16,
    code: "11357 HS",
    spec: M_,
    remedy: "redesignate-infraction",
  },
  {
    cite: "H&S 11357(a)",
    name: "unrecognised 11357(f) → review naming subsection",
    code: "11357(F) HS",
    spec: M_,
    remedy: "needs-review",
    missing: ["subsection", "quantity"],
  },
  {
    cite: "H&S 11357(b)(2)",
    name: "11357 keeps no felony option: super-strike prior does not matter",
    code: "11357(A) HS",
    spec: over("F"),
    priors: [["187 PC", "2000-01-01", F_]],
    remedy: "redesignate-misdemeanor",
  },

  // ── age at offence boundaries (age on the conviction date) ──
  {
    cite: "H&S 11362.1(a)(1)",
    name: "21st birthday on the conviction date counts as 21",
    dob: "1989-01-01",
    code: "11357(B) HS",
    spec: M_,
    remedy: "dismiss-and-seal",
  },
  {
    cite: "H&S 11357(a)(2)",
    name: "day before the 21st birthday is 20",
    dob: "1989-01-02",
    code: "11357(B) HS",
    spec: M_,
    remedy: "redesignate-infraction",
  },
  {
    cite: "H&S 11359(b)",
    name: "18th birthday on the conviction date counts as 18",
    dob: "1992-01-01",
    code: "11359 HS",
    spec: F_,
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(a)",
    name: "day before the 18th birthday is under 18",
    dob: "1992-01-02",
    code: "11359 HS",
    spec: F_,
    remedy: "redesignate-infraction",
    basis: "H&S 11359(a)",
  },
  {
    cite: "H&S 11359(a)",
    name: "unknown DOB → review naming age",
    dob: "unknown",
    code: "11359 HS",
    spec: F_,
    remedy: "needs-review",
    missing: ["age-at-offence"],
    possible: ["redesignate-misdemeanor", "redesignate-infraction"],
  },
  {
    cite: "H&S 11357(d)",
    name: "unknown DOB does not matter for former 11357(e)",
    dob: "unknown",
    code: "11357(E) HS",
    spec: M_,
    remedy: "redesignate-infraction",
  },

  // ── H&S 11358 ──
  {
    cite: "H&S 11362.1(a)(3)",
    name: "≤ 6 plants at 21+ is now lawful",
    code: "11358 HS",
    spec: within("F"),
    remedy: "dismiss-and-seal",
    basis: "H&S 11362.1(a)(3)",
  },
  {
    cite: "H&S 11358(c)",
    name: "> 6 plants at 21+ → misdemeanour",
    code: "11358 HS",
    spec: over("F"),
    remedy: "redesignate-misdemeanor",
    basis: "H&S 11358(c)",
  },
  {
    cite: "H&S 11358(c)",
    name: "plant count unknown at 21+ → review naming quantity",
    code: "11358 HS",
    spec: F_,
    remedy: "needs-review",
    missing: ["quantity"],
    possible: ["redesignate-misdemeanor", "dismiss-and-seal"],
  },
  {
    cite: "H&S 11358(b)",
    name: "≤ 6 plants at 18–20 → infraction",
    dob: AGE19,
    code: "11358 HS",
    spec: within("F"),
    remedy: "redesignate-infraction",
    basis: "H&S 11358(b)",
  },
  {
    cite: "H&S 11358(c)",
    name: "> 6 plants at 18–20 → misdemeanour",
    dob: AGE19,
    code: "11358 HS",
    spec: over("F"),
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11358(a)",
    name: "under 18 → infraction",
    dob: AGE16,
    code: "11358 HS",
    spec: F_,
    remedy: "redesignate-infraction",
    basis: "H&S 11358(a)",
  },
  {
    cite: "H&S 11358(d)(1)",
    name: "> 6 plants with a super-strike prior before → no relief",
    code: "11358 HS",
    spec: over("F"),
    priors: [["187 PC", "2005-01-01", F_]],
    remedy: "no-relief",
    reason: "prior-super-strike-or-pc290",
    citation: "H&S 11358(d)(1)",
  },
  {
    cite: "H&S 11358(d)(1)",
    name: "super strike on the same day is not a prior",
    code: "11358 HS",
    spec: over("F"),
    priors: [["187 PC", "2010-01-01", F_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11358(d)(1)",
    name: "super strike after the conviction is not a prior",
    code: "11358 HS",
    spec: over("F"),
    priors: [["187 PC", "2012-01-01", F_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11358(d)(2)",
    name: "two prior 11358 convictions in different cases → no relief",
    code: "11358 HS",
    spec: over("F"),
    priors: [
      ["11358 HS", "2004-01-01", F_],
      ["11358 HS", "2006-01-01", F_],
    ],
    remedy: "no-relief",
    reason: "two-prior-convictions",
    citation: "H&S 11358(d)(2)",
  },
  {
    cite: "H&S 11358(d)(2)",
    name: "one prior 11358 conviction is not enough",
    code: "11358 HS",
    spec: over("F"),
    priors: [["11358 HS", "2004-01-01", F_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11358(d)(3)",
    name: "recorded environmental harm → no relief",
    code: "11358 HS",
    spec: { level: "F", flags: [F.quantityOverLimit, F.environmentalHarm] },
    remedy: "no-relief",
    reason: "environmental-harm",
    citation: "H&S 11358(d)(3)",
  },
  {
    cite: "H&S 11358(d)",
    name: "≤ 6 plants: the (d) conditions do not apply",
    code: "11358 HS",
    spec: within("F"),
    priors: [["187 PC", "2005-01-01", F_]],
    remedy: "dismiss-and-seal",
  },
  {
    cite: "H&S 11358(a)",
    name: "under 18: the (d) conditions (18 or over) do not apply",
    dob: AGE16,
    code: "11358 HS",
    spec: over("F"),
    priors: [["187 PC", "2009-01-01", F_]],
    remedy: "redesignate-infraction",
  },

  // ── H&S 11359 ──
  {
    cite: "H&S 11359(b)",
    name: "possession for sale at 21+ → misdemeanour",
    code: "11359 HS",
    spec: F_,
    remedy: "redesignate-misdemeanor",
    reason: "now-misdemeanor",
    citation: "H&S 11361.8(e)",
    basis: "H&S 11359(b)",
  },
  {
    cite: "H&S 11359(a)",
    name: "possession for sale under 18 → infraction",
    dob: AGE16,
    code: "11359 HS",
    spec: F_,
    remedy: "redesignate-infraction",
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "super-strike prior before → no relief",
    code: "11359 HS",
    spec: F_,
    priors: [["245(D)(3) PC", "2001-01-01", F_]],
    remedy: "no-relief",
    reason: "prior-super-strike-or-pc290",
    citation: "H&S 11359(c)(1)",
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "super strike on the same day is not a prior",
    code: "11359 HS",
    spec: F_,
    priors: [["245(D)(3) PC", "2010-01-01", F_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "super strike after is not a prior",
    code: "11359 HS",
    spec: F_,
    priors: [["245(D)(3) PC", "2011-01-01", F_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "PC 290(c) prior before → no relief",
    code: "11359 HS",
    spec: F_,
    priors: [["243.4(A) PC", "2003-01-01", M_]],
    remedy: "no-relief",
    reason: "prior-super-strike-or-pc290",
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "PC 290(c) conviction after is not a prior",
    code: "11359 HS",
    spec: F_,
    priors: [["243.4(A) PC", "2013-01-01", M_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(2)",
    name: "two prior 11359 convictions before → no relief",
    code: "11359 HS",
    spec: F_,
    priors: [
      ["11359 HS", "2002-01-01", F_],
      ["11359 HS", "2005-01-01", F_],
    ],
    remedy: "no-relief",
    reason: "two-prior-convictions",
    citation: "H&S 11359(c)(2)",
  },
  {
    cite: "H&S 11359(c)(2)",
    name: "one prior 11359 conviction → misdemeanour",
    code: "11359 HS",
    spec: F_,
    priors: [["11359 HS", "2002-01-01", F_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(2)",
    name: "second 11359 on the same day is not a prior",
    code: "11359 HS",
    spec: F_,
    priors: [
      ["11359 HS", "2002-01-01", F_],
      ["11359 HS", "2010-01-01", F_],
    ],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(2)",
    name: "two counts in one earlier case count as one prior",
    code: "11359 HS",
    spec: F_,
    priorCase: [
      ["11359 HS", "2002-01-01", F_],
      ["11359 HS", "2002-01-01", F_],
    ],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(2)",
    name: "prior attempts are not counted",
    code: "11359 HS",
    spec: F_,
    priors: [
      ["664/11359 HS", "2002-01-01", F_],
      ["664/11359 HS", "2004-01-01", F_],
    ],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(3)",
    name: "recorded sale to a minor → no relief",
    code: "11359 HS",
    spec: { level: "F", flags: [F.saleToMinor] },
    remedy: "no-relief",
    reason: "sale-to-minor",
    citation: "H&S 11359(c)(3)",
  },
  {
    cite: "H&S 11359(d)",
    name: "21+ who used a minor → no relief",
    code: "11359 HS",
    spec: { level: "F", flags: [F.usedMinor] },
    remedy: "no-relief",
    reason: "used-minor",
    citation: "H&S 11359(d)",
  },
  {
    cite: "H&S 11359(d)",
    name: "(d) needs 21 or over: at 19 → misdemeanour",
    dob: AGE19,
    code: "11359 HS",
    spec: { level: "F", flags: [F.usedMinor] },
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(b)",
    name: "11359 already a misdemeanour: no lesser offence",
    code: "11359 HS",
    spec: M_,
    remedy: "no-relief",
    reason: "no-lesser-offence",
  },
  {
    cite: "H&S 11359(b)",
    name: "level unknown → review naming level",
    code: "11359 HS",
    remedy: "needs-review",
    missing: ["level"],
    possible: ["no-relief", "redesignate-misdemeanor"],
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "super strike with no date → review",
    code: "11359 HS",
    spec: F_,
    priors: [["187 PC", "0000-00-00", F_]],
    remedy: "needs-review",
    missing: ["prior-conviction-date"],
    possible: ["no-relief", "redesignate-misdemeanor"],
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "possible super strike (207 kidnapping, intent unknown) before → review",
    code: "11359 HS",
    spec: F_,
    priors: [["207 PC", "2001-01-01", F_]],
    remedy: "needs-review",
    missing: ["prior-offence-details"],
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "261 without subdivision is PC 290(c) registrable → no relief",
    code: "11359 HS",
    spec: F_,
    priors: [["261 PC", "2001-01-01", F_]],
    remedy: "no-relief",
    reason: "prior-super-strike-or-pc290",
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "PC 290 registration with no registrable conviction in the data → review",
    code: "11359 HS",
    spec: F_,
    pc290: true,
    remedy: "needs-review",
    missing: ["pc290-conviction-date"],
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "registration explained by a later registrable conviction",
    code: "11359 HS",
    spec: F_,
    pc290: true,
    priors: [["243.4(A) PC", "2014-01-01", M_]],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "attempted murder prior (PC 664/187) is a super strike",
    code: "11359 HS",
    spec: F_,
    priors: [["664/187 PC", "2001-01-01", F_]],
    remedy: "no-relief",
    reason: "prior-super-strike-or-pc290",
  },

  // ── H&S 11360 ──
  {
    cite: "H&S 11360(a)(2)",
    name: "former 11360(a) felony at 21+ → misdemeanour",
    code: "11360(A) HS",
    spec: F_,
    remedy: "redesignate-misdemeanor",
    basis: "H&S 11360(a)(2)",
  },
  {
    cite: "H&S 11362.1(a)(1)",
    name: "former 11360(b) gift at 21+ is now lawful",
    code: "11360(B) HS",
    spec: M_,
    remedy: "dismiss-and-seal",
    basis: "H&S 11362.1(a)(1)",
  },
  {
    cite: "H&S 11360(b)",
    name: "former 11360(b) at 18–20 → infraction",
    dob: AGE19,
    code: "11360(B) HS",
    spec: M_,
    remedy: "redesignate-infraction",
    basis: "H&S 11360(b)",
  },
  {
    cite: "H&S 11360(a)(1)",
    name: "former 11360(a) under 18 → infraction",
    dob: AGE16,
    code: "11360(A) HS",
    spec: F_,
    remedy: "redesignate-infraction",
    basis: "H&S 11360(a)(1)",
  },
  {
    cite: "H&S 11360(a)(3)(A)",
    name: "super-strike prior → no relief",
    code: "11360(A) HS",
    spec: F_,
    priors: [["288(A) PC", "2000-01-01", F_]],
    remedy: "no-relief",
    citation: "H&S 11360(a)(3)(A)",
  },
  {
    cite: "H&S 11360(a)(3)(B)",
    name: "two prior 11360(a) convictions → no relief",
    code: "11360(A) HS",
    spec: F_,
    priors: [
      ["11360(A) HS", "2001-01-01", F_],
      ["11360 HS", "2003-01-01", F_],
    ],
    remedy: "no-relief",
    reason: "two-prior-convictions",
    citation: "H&S 11360(a)(3)(B)",
  },
  {
    cite: "H&S 11360(a)(3)(B)",
    name: "prior former-(b) gifts are not (a)(2) priors",
    code: "11360(A) HS",
    spec: F_,
    priors: [
      ["11360(B) HS", "2001-01-01", M_],
      ["11360(B) HS", "2003-01-01", M_],
    ],
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11360(a)(3)(C)",
    name: "recorded sale to a minor → no relief",
    code: "11360(A) HS",
    spec: { level: "F", flags: [F.saleToMinor] },
    remedy: "no-relief",
    reason: "sale-to-minor",
    citation: "H&S 11360(a)(3)(C)",
  },
  {
    cite: "H&S 11360(a)(3)(D)",
    name: "recorded interstate transport → no relief",
    code: "11360(A) HS",
    spec: { level: "F", flags: [F.interstateTransport] },
    remedy: "no-relief",
    reason: "interstate-transport",
    citation: "H&S 11360(a)(3)(D)",
  },
  {
    cite: "H&S 11360(a)",
    name: "11360 with no subdivision at 21+ → review naming subsection",
    code: "11360 HS",
    spec: F_,
    remedy: "needs-review",
    missing: ["subsection"],
    possible: ["redesignate-misdemeanor", "dismiss-and-seal"],
  },

  // ── attempts (PC 664) and conspiracies (PC 182) ──
  {
    cite: "H&S 11359(b)",
    name: "attempt PC 664/11359 is judged as 11359",
    code: "664/11359 HS",
    spec: F_,
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11360(a)(2)",
    name: "attempt written 664-11360(A) is judged as 11360(a)",
    code: "664-11360(A) HS",
    spec: F_,
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11362.1(a)(1)",
    name: "attempt of former 11357(b) at 21+ is now lawful",
    code: "664.11357(B) HS",
    spec: M_,
    remedy: "dismiss-and-seal",
  },
  {
    cite: "H&S 11359(b)",
    name: "conspiracy PC 182/11359 is judged as its object offence",
    code: "182/11359 HS",
    spec: F_,
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "conspiracy with no object section is out of scope",
    code: "182(A)(1) PC",
    spec: F_,
    remedy: "not-applicable",
    reason: "not-prop64-section",
  },

  // ── sentence status: H&S 11361.8(a) serving vs (e) completed ──
  {
    cite: "H&S 11361.8(a)",
    name: "still serving → recall and resentence",
    code: "11359 HS",
    spec: { level: "F", sentenceEnd: "2027-01-01" },
    remedy: "recall-and-resentence",
    reason: "now-misdemeanor",
    citation: "H&S 11361.8(a)",
    basis: "H&S 11359(b)",
  },
  {
    cite: "H&S 11361.8(e)",
    name: "sentence ending on compute-at is completed",
    code: "11359 HS",
    spec: { level: "F", sentenceEnd: AT },
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11361.8(e)",
    name: "no end recorded, conviction exactly 10 years before → completed",
    code: "11359 HS",
    date: "2016-01-01",
    spec: F_,
    remedy: "redesignate-misdemeanor",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "no end recorded, conviction under 10 years before → review",
    code: "11359 HS",
    date: "2016-01-02",
    spec: F_,
    remedy: "needs-review",
    missing: ["sentence-status"],
    possible: ["redesignate-misdemeanor", "recall-and-resentence"],
  },
  {
    cite: "H&S 11359(c)(1)",
    name: "serving but felony retained → no relief",
    code: "11359 HS",
    spec: { level: "F", sentenceEnd: "2030-01-01" },
    priors: [["187 PC", "2001-01-01", F_]],
    remedy: "no-relief",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "serving a now-lawful conviction → recall (dismiss)",
    code: "11357(B) HS",
    spec: { level: "M", sentenceEnd: "2026-06-01" },
    remedy: "recall-and-resentence",
    reason: "now-lawful",
  },
  {
    cite: "H&S 11361.8(a)",
    name: "serving at compute-at 2010-06-01 (earlier compute-at)",
    code: "11359 HS",
    spec: { level: "F", sentenceEnd: "2011-01-01" },
    at: "2010-06-01",
    remedy: "recall-and-resentence",
  },
];

function run(c: Case): StatuteResult {
  const count = mkCount(c.code, c.date ?? "2010-01-01", c.spec ?? {});
  const cases = [
    [count, ...(c.sameCase ?? []).map(([code, date, spec]) => mkCount(code, date, spec))],
    ...(c.priors ?? []).map(([code, date, spec]) => [mkCount(code, date, spec)]),
    ...(c.priorCase ? [c.priorCase.map(([code, date, spec]) => mkCount(code, date, spec))] : []),
  ];
  const person = mkPerson(c.dob ?? ADULT, cases, c.pc290 ?? false);
  return evaluateStatute(person, count, parseIsoDate(c.at ?? AT)!);
}

describe("evaluateStatute — one case per clause and boundary", () => {
  it("has at least 60 hand-written cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [`${c.cite}: ${c.name}`, c] as const))("%s", (_label, c) => {
    const r = run(c);
    expect(r.remedy).toBe(c.remedy);
    if (c.reason) expect(r.reasonCode).toBe(c.reason);
    expect(r.missingFacts).toEqual(c.missing ?? []);
    if (c.possible) expect(r.possible).toEqual(c.possible);
    if (c.citation) expect(r.citation).toBe(c.citation);
    if (c.basis) expect(r.basis).toBe(c.basis);
    expect(r.trace.length).toBeGreaterThan(0);
  });

  it("every offence and remedy rule fires in at least one case", () => {
    const fired = new Set<string>();
    for (const c of CASES) for (const t of run(c).trace) if (t.outcome === "fired") fired.add(t.ruleId);
    const never = STATUTE_RULES.filter((r) => r.id !== "offence.unresolved" && !fired.has(r.id)).map(
      (r) => r.id,
    );
    expect(never).toEqual([]);
  });
});
