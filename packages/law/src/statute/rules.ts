/**
 * @module statute/rules — the Prop 64 statute pack as data.
 *
 * Four stages run in order; within a stage the first rule whose condition is true decides, and rules
 * whose condition is unknown before it add their outcome as a possibility (so a missing fact shows up
 * as `needs-review` naming that fact, never as a silent default).
 *
 * 1. scope — is this a pre-Prop 64 conviction under H&S 11357–11360?
 * 2. offence — what would the conduct be under the law as Prop 64 amended it (lawful, infraction,
 *    misdemeanour, or a felony-retaining condition applies)? Sources: H&S 11357–11360, 11362.1.
 * 3. remedy — compare with the level of the conviction: dismiss, redesignate, or no relief.
 * 4. procedure — still serving (11361.8(a)) or completed (11361.8(e)).
 *
 * H&S 11361.8(a)–(c) are checked against statute text; (d)–(n) rest on secondary sources and the
 * guide marks them "verify" (shared/docs/law.md §1.2).
 */
import type { StatuteCondition, StatuteRule } from "./types.ts";

const p = (name: Extract<StatuteCondition, { p: string }>["p"], arg?: string): StatuteCondition =>
  arg === undefined ? { p: name } : { p: name, arg };
const all = (...c: StatuteCondition[]): StatuteCondition => ({ all: c });
const any = (...c: StatuteCondition[]): StatuteCondition => ({ any: c });
const not = (c: StatuteCondition): StatuteCondition => ({ not: c });

const sec = (s: string) => p("section", s);
const sub = (s: string) => p("subsection", s);
const age = (a: "under-18" | "18-20" | "21+" | "18+") => p("age", a);

const TWO_PRIORS_NOTE =
  "Interpretation: the statute counts prior convictions under the post-Prop 64 misdemeanour subdivision; this pack also counts pre-Prop 64 convictions of the same section (as the original tool did), in different cases, dated before this conviction. Attempts and conspiracies are not counted.";

/** The statute rules, in evaluation order. */
export const STATUTE_RULES: readonly StatuteRule[] = [
  // ── 1. scope ──────────────────────────────────────────────────────────────────────────────────
  {
    id: "scope.not-convicted",
    stage: "scope",
    citation: "H&S 11361.8(a)",
    description:
      "Relief under 11361.8 is for convictions; a count that did not end in conviction is out of scope.",
    condition: not(p("convicted")),
    outcome: { kind: "remedy", remedy: "not-applicable", reason: "not-convicted" },
  },
  {
    id: "scope.other-code",
    stage: "scope",
    citation: "H&S 11361.8(a)",
    description:
      "The section number is 11357–11360 but written under another code (e.g. `11358 PC`): a reviewer must confirm it is the Health and Safety Code offence.",
    condition: p("prop64-number-other-code"),
    outcome: {
      kind: "remedy",
      remedy: "needs-review",
      reason: "code-not-health-and-safety",
      missing: ["code"],
    },
  },
  {
    id: "scope.not-prop64-section",
    stage: "scope",
    citation: "H&S 11361.8(a)",
    description:
      "11361.8 reaches convictions under H&S 11357, 11358, 11359 and 11360 (and the public-use infractions 11362.1–11362.4, which this pack does not evaluate). Other sections are out of scope.",
    condition: not(p("prop64-section")),
    outcome: { kind: "remedy", remedy: "not-applicable", reason: "not-prop64-section" },
  },
  {
    id: "scope.conviction-date-unknown",
    stage: "scope",
    citation: "H&S 11361.8(a)",
    description:
      "Without a readable conviction date the pack cannot tell whether the conviction predates Prop 64 or which convictions are priors.",
    condition: not(p("conviction-date-known")),
    outcome: {
      kind: "remedy",
      remedy: "needs-review",
      reason: "conviction-date-unknown",
      missing: ["conviction-date"],
    },
  },
  {
    id: "scope.convicted-on-or-after-effective-date",
    stage: "scope",
    citation: "H&S 11361.8(a)",
    description:
      "11361.8 helps a person who would not have been guilty, or guilty of a lesser offence, had Prop 64 been in effect at the time of the offence. A conviction dated on or after 9 Nov 2016 is taken to be under the amended law.",
    condition: not(p("convicted-before-effective-date")),
    outcome: { kind: "remedy", remedy: "not-applicable", reason: "convicted-on-or-after-effective-date" },
    note: "The data has no offence date. A person convicted on or after 9 Nov 2016 for an offence committed before it may still petition; such cases need an individual look.",
  },
  {
    id: "scope.already-relieved",
    stage: "scope",
    citation: "H&S 11361.8(e)",
    description:
      "A disposition already records an 11361.8 order or sealing for this count: nothing further to do.",
    condition: p("already-relieved"),
    outcome: { kind: "remedy", remedy: "not-applicable", reason: "already-relieved" },
  },

  // ── 2. offence: H&S 11357 (possession) ───────────────────────────────────────────────────────
  {
    id: "hs11357.under-18",
    stage: "offence",
    citation: "H&S 11357(a)(1)",
    description:
      "Possession by a person under 18 is now an infraction whatever the amount or place (11357(a)(1), (b)(1), (d)).",
    condition: all(sec("11357"), age("under-18")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11357.b.21-lawful",
    stage: "offence",
    citation: "H&S 11362.1(a)(1)",
    description:
      "Former 11357(b) (28.5 g or less, not concentrated) by a person 21 or over is now lawful (11362.1(a)(1)).",
    condition: all(sec("11357"), sub("B"), age("21+")),
    outcome: { kind: "treatment", treatment: "lawful", reason: "now-lawful" },
  },
  {
    id: "hs11357.b.18-20-infraction",
    stage: "offence",
    citation: "H&S 11357(a)(2)",
    description: "Former 11357(b) by a person 18 to 20 is now an infraction (11357(a)(2)).",
    condition: all(sec("11357"), sub("B"), age("18-20")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11357.a.21-within-lawful",
    stage: "offence",
    citation: "H&S 11362.1(a)(2)",
    description:
      "Former 11357(a) (concentrated cannabis) of 8 g or less by a person 21 or over is now lawful (11362.1(a)(2)).",
    condition: all(sec("11357"), sub("A"), age("21+"), p("within-personal-limit")),
    outcome: { kind: "treatment", treatment: "lawful", reason: "now-lawful" },
  },
  {
    id: "hs11357.a.18-20-within-infraction",
    stage: "offence",
    citation: "H&S 11357(a)(2)",
    description: "Former 11357(a) of 8 g or less by a person 18 to 20 is now an infraction (11357(a)(2)).",
    condition: all(sec("11357"), sub("A"), age("18-20"), p("within-personal-limit")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11357.a.over-misdemeanor",
    stage: "offence",
    citation: "H&S 11357(b)(2)",
    description:
      "Former 11357(a) of more than 8 g by a person 18 or over is now a misdemeanour (11357(b)(2)); no felony option remains.",
    condition: all(sec("11357"), sub("A"), age("18+"), not(p("within-personal-limit"))),
    outcome: { kind: "treatment", treatment: "misdemeanor", reason: "now-misdemeanor" },
  },
  {
    id: "hs11357.c.misdemeanor",
    stage: "offence",
    citation: "H&S 11357(b)(2)",
    description:
      "Former 11357(c) (more than 28.5 g) by a person 18 or over is still a misdemeanour (11357(b)(2)).",
    condition: all(sec("11357"), sub("C"), age("18+")),
    outcome: { kind: "treatment", treatment: "misdemeanor", reason: "now-misdemeanor" },
  },
  {
    id: "hs11357.d.misdemeanor",
    stage: "offence",
    citation: "H&S 11357(c)",
    description: "Former 11357(d) (18 or over, on school grounds) is still a misdemeanour (11357(c)).",
    condition: all(sec("11357"), sub("D"), age("18+")),
    outcome: { kind: "treatment", treatment: "misdemeanor", reason: "now-misdemeanor" },
    note: "The former (c)–(e) wording rests on secondary sources (law.md §1.1, verify).",
  },
  {
    id: "hs11357.e.infraction",
    stage: "offence",
    citation: "H&S 11357(d)",
    description: "Former 11357(e) (under 18, on school grounds) is now an infraction (11357(d)).",
    condition: all(sec("11357"), sub("E")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },

  // ── 2. offence: H&S 11358 (cultivation) ──────────────────────────────────────────────────────
  {
    id: "hs11358.under-18",
    stage: "offence",
    citation: "H&S 11358(a)",
    description: "Cultivation by a person under 18 is now an infraction (11358(a)).",
    condition: all(sec("11358"), age("under-18")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11358.21-within-lawful",
    stage: "offence",
    citation: "H&S 11362.1(a)(3)",
    description: "Cultivating 6 or fewer living plants at 21 or over is now lawful (11362.1(a)(3)).",
    condition: all(sec("11358"), age("21+"), p("within-personal-limit")),
    outcome: { kind: "treatment", treatment: "lawful", reason: "now-lawful" },
  },
  {
    id: "hs11358.18-20-within-infraction",
    stage: "offence",
    citation: "H&S 11358(b)",
    description: "Cultivating 6 or fewer living plants at 18 to 20 is now an infraction (11358(b)).",
    condition: all(sec("11358"), age("18-20"), p("within-personal-limit")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11358.d1-prior-super-strike-or-290",
    stage: "offence",
    citation: "H&S 11358(d)(1)",
    description:
      "More than 6 plants at 18 or over with a prior super strike (PC 667(e)(2)(C)(iv)) or PC 290(c) conviction: the felony option remains (11358(d)(1)).",
    condition: all(
      sec("11358"),
      age("18+"),
      not(p("within-personal-limit")),
      p("prior-super-strike-or-pc290"),
    ),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "prior-super-strike-or-pc290" },
  },
  {
    id: "hs11358.d2-two-priors",
    stage: "offence",
    citation: "H&S 11358(d)(2)",
    description:
      "More than 6 plants at 18 or over with two or more prior convictions under 11358(c): the felony option remains (11358(d)(2)).",
    condition: all(sec("11358"), age("18+"), not(p("within-personal-limit")), p("two-prior-same-section")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "two-prior-convictions" },
    note: TWO_PRIORS_NOTE,
  },
  {
    id: "hs11358.d3-environmental",
    stage: "offence",
    citation: "H&S 11358(d)(3)",
    description:
      "More than 6 plants at 18 or over where the offence caused a listed environmental violation (Water Code, Fish & Game, hazardous waste, or substantial environmental harm): the felony option remains (11358(d)(3)(A)–(G)). Presumed absent unless recorded (11361.8(b), (f)).",
    condition: all(sec("11358"), age("18+"), not(p("within-personal-limit")), p("environmental-harm")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "environmental-harm" },
  },
  {
    id: "hs11358.c-misdemeanor",
    stage: "offence",
    citation: "H&S 11358(c)",
    description: "Cultivating more than 6 plants at 18 or over is now a misdemeanour (11358(c)).",
    condition: all(sec("11358"), age("18+"), not(p("within-personal-limit"))),
    outcome: { kind: "treatment", treatment: "misdemeanor", reason: "now-misdemeanor" },
  },

  // ── 2. offence: H&S 11359 (possession for sale) ──────────────────────────────────────────────
  {
    id: "hs11359.under-18",
    stage: "offence",
    citation: "H&S 11359(a)",
    description: "Possession for sale by a person under 18 is now an infraction (11359(a)).",
    condition: all(sec("11359"), age("under-18")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11359.c1-prior-super-strike-or-290",
    stage: "offence",
    citation: "H&S 11359(c)(1)",
    description:
      "18 or over with a prior super strike (PC 667(e)(2)(C)(iv)) or PC 290(c) conviction: the felony option remains (11359(c)(1)).",
    condition: all(sec("11359"), age("18+"), p("prior-super-strike-or-pc290")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "prior-super-strike-or-pc290" },
  },
  {
    id: "hs11359.c2-two-priors",
    stage: "offence",
    citation: "H&S 11359(c)(2)",
    description:
      "18 or over with two or more prior convictions under 11359(b): the felony option remains (11359(c)(2)).",
    condition: all(sec("11359"), age("18+"), p("two-prior-same-section")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "two-prior-convictions" },
    note: TWO_PRIORS_NOTE,
  },
  {
    id: "hs11359.c3-sale-to-minor",
    stage: "offence",
    citation: "H&S 11359(c)(3)",
    description:
      "18 or over where the offence was in connection with a knowing sale or attempted sale to a person under 18: the felony option remains (11359(c)(3)). Presumed absent unless recorded (11361.8(b), (f)).",
    condition: all(sec("11359"), age("18+"), p("sale-to-minor")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "sale-to-minor" },
  },
  {
    id: "hs11359.d-used-minor",
    stage: "offence",
    citation: "H&S 11359(d)",
    description:
      "21 or over who knowingly hired, employed or used a person 20 or younger: the felony option remains (11359(d)). Presumed absent unless recorded (11361.8(b), (f)).",
    condition: all(sec("11359"), age("21+"), p("used-minor")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "used-minor" },
  },
  {
    id: "hs11359.b-misdemeanor",
    stage: "offence",
    citation: "H&S 11359(b)",
    description: "Possession for sale at 18 or over is now a misdemeanour (11359(b)).",
    condition: all(sec("11359"), age("18+")),
    outcome: { kind: "treatment", treatment: "misdemeanor", reason: "now-misdemeanor" },
  },

  // ── 2. offence: H&S 11360 (transport, sale, gift) ────────────────────────────────────────────
  {
    id: "hs11360.under-18",
    stage: "offence",
    citation: "H&S 11360(a)(1)",
    description:
      "Transport, sale or gift by a person under 18 is now an infraction (11360(a)(1); gifts of 28.5 g or less under 11360(b) are an infraction at any age).",
    condition: all(sec("11360"), age("under-18")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11360.b.21-lawful",
    stage: "offence",
    citation: "H&S 11362.1(a)(1)",
    description:
      "Former 11360(b) (giving away or transporting 28.5 g or less) by a person 21 or over is now lawful without compensation (11362.1(a)(1)).",
    condition: all(sec("11360"), sub("B"), age("21+")),
    outcome: { kind: "treatment", treatment: "lawful", reason: "now-lawful" },
  },
  {
    id: "hs11360.b.18-20-infraction",
    stage: "offence",
    citation: "H&S 11360(b)",
    description: "Former 11360(b) by a person 18 to 20 is now an infraction (11360(b)).",
    condition: all(sec("11360"), sub("B"), age("18-20")),
    outcome: { kind: "treatment", treatment: "infraction", reason: "now-infraction" },
  },
  {
    id: "hs11360.a3A-prior-super-strike-or-290",
    stage: "offence",
    citation: "H&S 11360(a)(3)(A)",
    description:
      "Former 11360(a) at 18 or over with a prior super strike (PC 667(e)(2)(C)(iv)) or PC 290(c) conviction: the felony option remains (11360(a)(3)(A)).",
    condition: all(sec("11360"), sub("A"), age("18+"), p("prior-super-strike-or-pc290")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "prior-super-strike-or-pc290" },
  },
  {
    id: "hs11360.a3B-two-priors",
    stage: "offence",
    citation: "H&S 11360(a)(3)(B)",
    description:
      "Former 11360(a) at 18 or over with two or more prior convictions under 11360(a)(2): the felony option remains (11360(a)(3)(B)).",
    condition: all(sec("11360"), sub("A"), age("18+"), p("two-prior-same-section")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "two-prior-convictions" },
    note: `${TWO_PRIORS_NOTE} Former 11360(b) convictions are not counted (they correspond to current (b)).`,
  },
  {
    id: "hs11360.a3C-sale-to-minor",
    stage: "offence",
    citation: "H&S 11360(a)(3)(C)",
    description:
      "Former 11360(a) at 18 or over involving a knowing sale, offer or gift to a person under 18: the felony option remains (11360(a)(3)(C)). Presumed absent unless recorded (11361.8(b), (f)).",
    condition: all(sec("11360"), sub("A"), age("18+"), p("sale-to-minor")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "sale-to-minor" },
  },
  {
    id: "hs11360.a3D-interstate",
    stage: "offence",
    citation: "H&S 11360(a)(3)(D)",
    description:
      "Former 11360(a) at 18 or over that was import into, or transport for sale out of, California of more than 28.5 g or 4 g concentrate: the felony option remains (11360(a)(3)(D)). Presumed absent unless recorded (11361.8(b), (f)).",
    condition: all(sec("11360"), sub("A"), age("18+"), p("interstate-transport")),
    outcome: { kind: "treatment", treatment: "felony-retained", reason: "interstate-transport" },
  },
  {
    id: "hs11360.a2-misdemeanor",
    stage: "offence",
    citation: "H&S 11360(a)(2)",
    description:
      "Former 11360(a) (sale, transport for sale, or gift of more than 28.5 g or of concentrate) at 18 or over is now a misdemeanour (11360(a)(2)).",
    condition: all(sec("11360"), sub("A"), age("18+")),
    outcome: { kind: "treatment", treatment: "misdemeanor", reason: "now-misdemeanor" },
    note: "A gift of 8 g or less of concentrate to an adult, charged under former (a), would now be lawful (11362.1(a)(2)); the data cannot show it, so the pack reads former (a) as sale or over-limit conduct.",
  },
  {
    id: "offence.unresolved",
    stage: "offence",
    citation: "H&S 11361.8(a)",
    description:
      "No offence rule applies with the facts at hand (a subdivision, the age or the amount is missing): the possibilities above go to review.",
    condition: { always: true },
    outcome: { kind: "remedy", remedy: "needs-review", reason: "missing-facts" },
  },

  // ── 3. remedy: compare the current treatment with the conviction's level ─────────────────────
  {
    id: "remedy.felony-retained",
    stage: "remedy",
    citation: "H&S 11361.8(a)",
    description:
      "Where a felony-retaining condition applies, the person would not have been guilty of a lesser offence: no relief.",
    condition: p("treatment", "felony-retained"),
    outcome: { kind: "remedy", remedy: "no-relief" },
  },
  {
    id: "remedy.dismiss-and-seal",
    stage: "remedy",
    citation: "H&S 11361.8(e)",
    description:
      "Conduct that is now lawful: the conviction is legally invalid and is to be dismissed and sealed, whatever its level.",
    condition: p("treatment", "lawful"),
    outcome: { kind: "remedy", remedy: "dismiss-and-seal", reason: "now-lawful" },
    note: "11361.8(e)–(f) letters rest on secondary sources (People v. Jessup (2020) cites them); verify on leginfo.",
  },
  {
    id: "remedy.redesignate-infraction",
    stage: "remedy",
    citation: "H&S 11361.8(e)",
    description:
      "Conduct that is now an infraction, convicted as a felony or misdemeanour: redesignate as an infraction.",
    condition: all(p("treatment", "infraction"), p("level", "F|M")),
    outcome: { kind: "remedy", remedy: "redesignate-infraction", reason: "now-infraction" },
  },
  {
    id: "remedy.redesignate-misdemeanor",
    stage: "remedy",
    citation: "H&S 11361.8(e)",
    description: "Conduct that is now a misdemeanour, convicted as a felony: redesignate as a misdemeanour.",
    condition: all(p("treatment", "misdemeanor"), p("level", "F")),
    outcome: { kind: "remedy", remedy: "redesignate-misdemeanor", reason: "now-misdemeanor" },
  },
  {
    id: "remedy.same-level",
    stage: "remedy",
    citation: "H&S 11361.8(a)",
    description:
      "The conviction is already at the level the conduct carries now (an infraction, or a misdemeanour now a misdemeanour): no lesser offence, no relief.",
    condition: any(
      all(p("treatment", "infraction"), p("level", "I")),
      all(p("treatment", "misdemeanor"), p("level", "M|I")),
    ),
    outcome: { kind: "remedy", remedy: "no-relief", reason: "no-lesser-offence" },
  },

  // ── 4. procedure: still serving or completed ─────────────────────────────────────────────────
  {
    id: "procedure.serving",
    stage: "procedure",
    citation: "H&S 11361.8(a)",
    description:
      "A person still serving the sentence may petition for recall or dismissal of sentence and resentencing; the court presumes eligibility and may deny only for an unreasonable risk of a new super-strike felony (11361.8(b)).",
    condition: p("serving-sentence"),
    outcome: { kind: "remedy", remedy: "recall-and-resentence" },
    note: '"Currently serving" is not defined in the text; counting probation, parole and supervision follows Prop 47 practice.',
  },
  {
    id: "procedure.completed",
    stage: "procedure",
    citation: "H&S 11361.8(e)",
    description:
      "A person who has completed the sentence may apply for dismissal and sealing or redesignation; the court presumes eligibility and shall grant it (11361.8(e)–(f)).",
    condition: not(p("serving-sentence")),
    outcome: { kind: "continue" },
  },
];
