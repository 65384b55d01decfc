/**
 * @module policy-file/builtins — the two compatible policies written as policy files.
 *
 * `policyFileFromOptions` turns an original options file (gogen 0.2.13, gogen-behaviour.md §4.4) into
 * rules in the original's decision order; `losAngelesPolicyFile` writes the Los Angeles County criteria
 * (gogen_pilots 0.2.5, §4.6) for a dismissal age and a number of conviction-free years. The pipeline
 * runs these files; the hand-written policies in ../policies stay as reference implementations that the
 * tests compare them with. Citations: H&S 11361.8 (eligibility, felony-retaining conditions) and
 * 11361.9(a) (prosecution review), PC 667(e)(2)(C)(iv) (super strikes), PC 290(c) (registrable offences).
 */
import type { ConfigurableOptions } from "../policies/configurable.ts";
import type { LosAngelesOptions } from "../policies/los-angeles.ts";
import { POLICY_FILE_FORMAT, type PolicyFile, type PolicyFileRule } from "./schema.ts";

const DISMISS = "Eligible for Dismissal";
const REVIEW = "H&S 11361.9(a)";

/**
 * The original options as a policy file: not a felony; the `dismiss` sections in listed order (the first
 * listed section found names the reason); the additional-relief criteria that are switched on; the
 * `reduce` sections; otherwise the empty determination.
 */
export function policyFileFromOptions(o: ConfigurableOptions): PolicyFile {
  const rules: PolicyFileRule[] = [
    {
      id: "gogen.misdemeanor",
      citation: "H&S 11361.8(e)",
      description: "A conviction that is not a felony is dismissed.",
      when: { felony: false },
      determination: DISMISS,
      reason: "Misdemeanor or Infraction",
    },
  ];
  if (o.dismiss.length > 0)
    rules.push({
      id: "gogen.dismiss-section",
      citation: "H&S 11361.8(a)",
      description: "A felony under a section the office dismisses.",
      when: { section: [...o.dismiss] },
      determination: DISMISS,
      reason: "Dismiss all HS {section} convictions",
    });
  if (o.subjectUnder21AtConviction)
    rules.push({
      id: "gogen.under-21",
      citation: REVIEW,
      description: "Under 21 on the conviction date (the 21st birthday is not under 21).",
      when: { ageAtConvictionUnder: 21 },
      determination: DISMISS,
      reason: "21 years or younger",
    });
  if (o.subjectAgeThreshold !== 0)
    rules.push({
      id: "gogen.age-threshold",
      citation: REVIEW,
      when: { currentAgeAtLeast: o.subjectAgeThreshold },
      determination: DISMISS,
      reason: `${o.subjectAgeThreshold} years or older`,
    });
  if (o.yearsSinceConvictionThreshold !== 0)
    rules.push({
      id: "gogen.years-since-conviction",
      citation: REVIEW,
      when: { yearsSinceConvictionAtLeast: o.yearsSinceConvictionThreshold },
      determination: DISMISS,
      reason: `Conviction occurred ${o.yearsSinceConvictionThreshold} or more years ago`,
    });
  if (o.yearsCrimeFreeThreshold !== 0)
    rules.push({
      id: "gogen.crime-free",
      citation: REVIEW,
      description: "The latest conviction (any county) is strictly before compute-at minus N years.",
      when: { noConvictionWithinYears: { years: o.yearsCrimeFreeThreshold, boundary: "inclusive" } },
      determination: DISMISS,
      reason: `No convictions in the past ${o.yearsCrimeFreeThreshold} years`,
    });
  if (o.subjectHasOnlyProp64Charges)
    rules.push({
      id: "gogen.only-prop64",
      citation: REVIEW,
      when: { onlyProp64Convictions: true },
      determination: DISMISS,
      reason: "Only has 11357-60 charges",
    });
  if (o.subjectIsDeceased)
    rules.push({
      id: "gogen.deceased",
      citation: REVIEW,
      when: { deceased: true },
      determination: DISMISS,
      reason: "Individual is deceased",
    });
  if (o.reduce.length > 0)
    rules.push({
      id: "gogen.reduce-section",
      citation: "H&S 11361.8(e)",
      description: "A felony under a section the office reduces.",
      when: { section: [...o.reduce] },
      determination: "Eligible for Reduction",
      reason: "Reduce all HS {section} convictions",
    });
  return {
    format: POLICY_FILE_FORMAT,
    id: "configurable",
    label: "Configurable (original options file)",
    description: "Written from an options file of the original tool (gogen 0.2.13).",
    rules,
    otherwise: { id: "gogen.none", determination: "", reason: "" },
  };
}

/** The Los Angeles County criteria (defaults: age 50, 10 conviction-free years). */
export function losAngelesPolicyFile(options: LosAngelesOptions): PolicyFile {
  const { age, yearsConvictionFree: n } = options;
  return {
    $schema: "../../docs/policy-file.schema.json",
    format: POLICY_FILE_FORMAT,
    id: "los-angeles",
    label: `Los Angeles County criteria (age ${age}, ${n} conviction-free years)`,
    description:
      "The Los Angeles County flow of gogen_pilots 0.2.5, including its quirks (gogen-behaviour.md §4.6). Run with --county 'LOS ANGELES'.",
    rules: [
      {
        id: "la.misdemeanor",
        citation: "H&S 11361.8(e)",
        when: { felony: false },
        determination: "To be reviewed by City Attorneys",
        reason: "Misdemeanor or Infraction",
      },
      {
        id: "la.after-prop64",
        citation: "H&S 11361.8(a)",
        description: "Convicted on or after the day Prop 64 took effect.",
        when: { convictedOnOrAfter: "2016-11-09" },
        determination: "Not eligible",
        reason: "Occurred after 11/09/2016",
      },
      {
        id: "la.11357ab",
        citation: "H&S 11357(a), (b)",
        when: { sectionStartsWith: ["11357(A)", "11357(B)"] },
        determination: DISMISS,
        reason: "11357(a) or 11357(b)",
      },
      {
        id: "la.other-11357",
        citation: "H&S 11357",
        description: "Any other 11357 felony (the first Prop 64 number in the text is 11357).",
        when: { prop64Section: "11357" },
        determination: "Hand Review",
        reason: "Other 11357",
      },
      {
        id: "la.superstrike",
        citation: "PC 667(e)(2)(C)(iv)",
        when: { priorSuperstrike: true },
        determination: "Not eligible",
        reason: "PC 667(e)(2)(c)(iv)",
      },
      {
        id: "la.pc290",
        citation: "PC 290(c)",
        when: { priorPc290: true },
        determination: "Not eligible",
        reason: "PC 290",
      },
      {
        id: "la.two-priors",
        citation: "H&S 11359(c)(1), 11360(a)(3)(A)",
        when: { priorsSameSectionAtLeast: 2 },
        determination: "Not eligible",
        reason: "Two priors",
      },
      {
        id: "la.age",
        citation: REVIEW,
        when: { currentAgeAtLeast: age },
        determination: DISMISS,
        reason: `${age} years or older`,
      },
      {
        id: "la.under-21",
        citation: REVIEW,
        description: "Current age at compute-at (days / 365.25), not age at conviction.",
        when: { currentAgeAtMost: 21 },
        determination: DISMISS,
        reason: "21 years or younger",
      },
      {
        id: "la.only-prop64-completed",
        citation: REVIEW,
        when: { all: [{ onlyProp64Convictions: true }, { allSentencesCompleted: true }] },
        determination: DISMISS,
        reason: "Only has 11357-60 charges and completed sentence",
      },
      {
        id: "la.conviction-free",
        citation: REVIEW,
        when: { noConvictionWithinYears: { years: n, boundary: "exclusive" } },
        determination: DISMISS,
        reason: `No convictions in past ${n} years`,
      },
      {
        id: "la.serving",
        citation: "H&S 11361.8(a)",
        when: { servingSentence: true },
        determination: "Hand Review",
        reason: "Currently serving sentence",
      },
      {
        id: "la.deceased",
        citation: REVIEW,
        when: { deceased: true },
        determination: DISMISS,
        reason: "Deceased",
      },
    ],
    otherwise: { id: "la.none", determination: "Hand Review", reason: "No applicable eligibility criteria" },
  };
}
