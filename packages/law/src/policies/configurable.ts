/**
 * @module policies/configurable — the original tool's configurable policy (gogen 0.2.13, BEAR's engine).
 *
 * An office chooses, per Prop 64 section, whether felony convictions are dismissed or reduced, and
 * which "additional relief" criteria dismiss a conviction regardless (age, years since conviction,
 * years crime-free, only Prop 64 convictions, deceased). Decision order and reason strings are the
 * original's (gogen-behaviour.md §4.4) so results match it row for row. Legal frame: H&S 11361.9
 * (prosecution review of convictions eligible under 11361.8); misdemeanours are dismissed because
 * 11361.8(e) makes them eligible for dismissal.
 */
import { addYears, type Count, type LocalDate, type Person } from "@clearance/core";
import { matchesBaselineKey, PROP64_SECTIONS, type Prop64Section } from "../gogen/matchers.ts";
import type { Decision, Policy, PolicyRuleInfo, SubjectView, TraceEntry } from "./types.ts";
import { mostRecentConviction, prop64Counts, viewOf } from "./view.ts";

/** The original options file, after validation. */
export interface ConfigurableOptions {
  readonly dismiss: readonly Prop64Section[];
  readonly reduce: readonly Prop64Section[];
  readonly subjectUnder21AtConviction: boolean;
  readonly subjectAgeThreshold: number;
  readonly yearsSinceConvictionThreshold: number;
  readonly yearsCrimeFreeThreshold: number;
  readonly subjectHasOnlyProp64Charges: boolean;
  readonly subjectIsDeceased: boolean;
}

/**
 * Result of reading an options file: the options and what deserves a look (keys the original ignored,
 * a section in both lists), or every problem found (by JSON path).
 */
export type OptionsResult =
  | { ok: true; value: ConfigurableOptions; warnings: string[] }
  | { ok: false; errors: string[] };

/** The keys of each object of an options file, with the extra keys BEAR's form writes (gogen ignores them). */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  "": ["baselineEligibility", "additionalRelief"],
  baselineEligibility: ["dismiss", "reduce"],
  additionalRelief: [
    "subjectUnder21AtConviction",
    "subjectAgeThreshold",
    "yearsSinceConvictionThreshold",
    "yearsCrimeFreeThreshold",
    "subjectHasOnlyProp64Charges",
    "subjectIsDeceased",
    "dismissOlderThanAgeThreshold",
    "dismissYearsSinceConvictionThreshold",
    "dismissYearsCrimeFreeThreshold",
  ],
};

/**
 * What an options file says that the original ignored without a word, and which is almost always a slip:
 * a key it does not know (a misspelt "dismis" leaves those sections undecided), a section listed for both
 * dismissal and reduction (dismissal wins, as in the original), or no settings at all.
 */
function optionsWarnings(
  obj: Record<string, unknown>,
  dismiss: readonly string[],
  reduce: readonly string[],
): string[] {
  const warnings: string[] = [];
  for (const [path, known] of Object.entries(KNOWN_KEYS)) {
    const o = path === "" ? obj : obj[path];
    if (!isObject(o)) continue;
    for (const k of Object.keys(o))
      if (!known.includes(k))
        warnings.push(
          `${path ? `${path}.` : ""}${k}: not an option, ignored (the options here are ${known.filter((x) => !x.startsWith("dismiss") || path !== "additionalRelief").join(", ")})`,
        );
  }
  for (const section of dismiss)
    if (reduce.includes(section))
      warnings.push(
        `baselineEligibility: ${section} is in both dismiss and reduce; its felonies are dismissed (dismiss is tested first, as in the original)`,
      );
  if (obj.baselineEligibility === undefined && obj.additionalRelief === undefined)
    warnings.push(
      "neither baselineEligibility nor additionalRelief is given: only misdemeanours are dismissed, and felonies get no determination",
    );
  return warnings;
}

/**
 * Validates the original options JSON (`baselineEligibility`, `additionalRelief`). Threshold ranges and
 * messages are the original's, checked in its order (age, years since, crime-free) and all reported;
 * unknown section keys are rejected by name instead of crashing (deviation, docs/deviations.md).
 */
export function parseConfigurableOptions(json: unknown): OptionsResult {
  const errors: string[] = [];
  const obj = isObject(json) ? json : undefined;
  if (!obj)
    return {
      ok: false,
      errors: ["options must be a JSON object with baselineEligibility and additionalRelief"],
    };
  const base = isObject(obj.baselineEligibility) ? obj.baselineEligibility : {};
  const extra = isObject(obj.additionalRelief) ? obj.additionalRelief : {};
  if (obj.baselineEligibility !== undefined && !isObject(obj.baselineEligibility))
    errors.push("baselineEligibility: must be an object");
  if (obj.additionalRelief !== undefined && !isObject(obj.additionalRelief))
    errors.push("additionalRelief: must be an object");
  const sections = (key: "dismiss" | "reduce"): Prop64Section[] => {
    const v = base[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      errors.push(`baselineEligibility.${key}: must be an array of section numbers`);
      return [];
    }
    const out: Prop64Section[] = [];
    v.forEach((k, i) => {
      if (typeof k === "string" && (PROP64_SECTIONS as readonly string[]).includes(k))
        out.push(k as Prop64Section);
      else
        errors.push(
          `baselineEligibility.${key}[${i}]: unknown section ${JSON.stringify(k)}; use one of ${PROP64_SECTIONS.join(", ")}`,
        );
    });
    return out;
  };
  const bool = (key: string): boolean => {
    const v = extra[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== "boolean") errors.push(`additionalRelief.${key}: must be true or false`);
    return v === true;
  };
  const int = (key: string): number => {
    const v = extra[key];
    if (v === undefined || v === null) return 0;
    if (typeof v !== "number" || !Number.isInteger(v)) {
      errors.push(`additionalRelief.${key}: must be a whole number`);
      return 0;
    }
    return v;
  };
  const dismiss = sections("dismiss");
  const reduce = sections("reduce");
  const age = int("subjectAgeThreshold");
  const since = int("yearsSinceConvictionThreshold");
  const crimeFree = int("yearsCrimeFreeThreshold");
  if (age !== 0 && (age < 40 || age > 65))
    errors.push("SubjectAgeThreshold should be between 40 and 65, or 0");
  if (since !== 0 && (since < 1 || since > 15))
    errors.push("YearsSinceConvictionThreshold should be between 1 and 15, or 0");
  if (crimeFree !== 0 && (crimeFree < 1 || crimeFree > 15))
    errors.push("YearsCrimeFreeThreshold should be between 1 and 15, or 0");
  const value: ConfigurableOptions = {
    dismiss,
    reduce,
    subjectUnder21AtConviction: bool("subjectUnder21AtConviction"),
    subjectAgeThreshold: age,
    yearsSinceConvictionThreshold: since,
    yearsCrimeFreeThreshold: crimeFree,
    subjectHasOnlyProp64Charges: bool("subjectHasOnlyProp64Charges"),
    subjectIsDeceased: bool("subjectIsDeceased"),
  };
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value, warnings: optionsWarnings(obj, dismiss, reduce) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const CITE = "H&S 11361.9(a)";

/** The rules of the configurable policy, in decision order (for `clearance rules` and the docs). */
export const CONFIGURABLE_RULES: readonly PolicyRuleInfo[] = [
  {
    id: "gogen.misdemeanor",
    policy: "configurable",
    citation: "H&S 11361.8(e)",
    description: "A conviction that is not a felony is dismissed (Misdemeanor or Infraction).",
  },
  {
    id: "gogen.dismiss-section",
    policy: "configurable",
    citation: "H&S 11361.8(a)",
    description:
      "A felony under a section the office dismisses is dismissed (Dismiss all HS <section> convictions).",
  },
  {
    id: "gogen.under-21",
    policy: "configurable",
    citation: CITE,
    description:
      "Option: dismissed if the person was under 21 on the conviction date (21st birthday is not under 21).",
  },
  {
    id: "gogen.age-threshold",
    policy: "configurable",
    citation: CITE,
    description: "Option: dismissed if the person is N years or older at compute-at.",
  },
  {
    id: "gogen.years-since-conviction",
    policy: "configurable",
    citation: CITE,
    description: "Option: dismissed if the conviction is on or before compute-at minus N years.",
  },
  {
    id: "gogen.crime-free",
    policy: "configurable",
    citation: CITE,
    description:
      "Option: dismissed if the person's latest conviction (any county) is strictly before compute-at minus N years.",
  },
  {
    id: "gogen.only-prop64",
    policy: "configurable",
    citation: CITE,
    description: "Option: dismissed if every conviction on record is a Prop 64 conviction.",
  },
  {
    id: "gogen.deceased",
    policy: "configurable",
    citation: CITE,
    description: "Option: dismissed if the person is deceased.",
  },
  {
    id: "gogen.reduce-section",
    policy: "configurable",
    citation: "H&S 11361.8(e)",
    description:
      "A felony under a section the office reduces is reduced (Reduce all HS <section> convictions).",
  },
];

type Tri = boolean | { unknown: string };

/** Evaluates rules in order: the first true one decides; an unknown one before it sends the conviction to review. */
export function firstMatch(
  steps: readonly {
    rule: string;
    citation?: string;
    test: () => Tri;
    determination: string;
    reason: string;
  }[],
  fallback: Decision | ((trace: TraceEntry[]) => Decision),
): Decision {
  const trace: TraceEntry[] = [];
  for (const s of steps) {
    const r = s.test();
    if (r === true) {
      trace.push({ rule: s.rule, outcome: "fired", ...(s.citation ? { citation: s.citation } : {}) });
      return { determination: s.determination, reason: s.reason, trace };
    }
    if (r === false) {
      trace.push({
        rule: s.rule,
        outcome: "not-applicable",
        ...(s.citation ? { citation: s.citation } : {}),
      });
      continue;
    }
    trace.push({
      rule: s.rule,
      outcome: "unknown",
      missing: r.unknown,
      ...(s.citation ? { citation: s.citation } : {}),
    });
    return { determination: "Hand Review", reason: `Unreadable date: ${r.unknown}`, trace };
  }
  return typeof fallback === "function" ? fallback(trace) : { ...fallback, trace };
}

/** `unknown` naming a field and its raw value. */
export function missingDate(field: string, raw: string): { unknown: string } {
  return { unknown: `${field} ${JSON.stringify(raw)}` };
}

/** The configurable policy for the given options. */
export function configurablePolicy(options: ConfigurableOptions): Policy {
  return {
    id: "configurable",
    label: "Configurable (original options file)",
    decide(person: Person, count: Count, computeAt: LocalDate, given?: SubjectView): Decision {
      const view = given ?? viewOf(person);
      const o = options;
      const dob = person.dob;
      const conv = count.date;
      const steps = [
        {
          rule: "gogen.misdemeanor",
          citation: "H&S 11361.8(e)",
          test: (): Tri => count.level !== "F",
          determination: "Eligible for Dismissal",
          reason: "Misdemeanor or Infraction",
        },
        ...o.dismiss.map((key) => ({
          rule: "gogen.dismiss-section",
          citation: "H&S 11361.8(a)",
          test: (): Tri => matchesBaselineKey(count.codeSection, key),
          determination: "Eligible for Dismissal",
          reason: `Dismiss all HS ${key} convictions`,
        })),
        {
          rule: "gogen.under-21",
          citation: CITE,
          test: (): Tri => {
            if (!o.subjectUnder21AtConviction) return false;
            if (dob.value === undefined) return missingDate("PRI_DOB", dob.raw);
            if (conv.value === undefined) return missingDate("STP_EVENT_DATE", conv.raw);
            return addYears(dob.value, 21) > conv.value;
          },
          determination: "Eligible for Dismissal",
          reason: "21 years or younger",
        },
        {
          rule: "gogen.age-threshold",
          citation: CITE,
          test: (): Tri => {
            if (o.subjectAgeThreshold === 0) return false;
            if (dob.value === undefined) return missingDate("PRI_DOB", dob.raw);
            return addYears(dob.value, o.subjectAgeThreshold) <= computeAt;
          },
          determination: "Eligible for Dismissal",
          reason: `${o.subjectAgeThreshold} years or older`,
        },
        {
          rule: "gogen.years-since-conviction",
          citation: CITE,
          test: (): Tri => {
            if (o.yearsSinceConvictionThreshold === 0) return false;
            if (conv.value === undefined) return missingDate("STP_EVENT_DATE", conv.raw);
            return conv.value <= addYears(computeAt, -o.yearsSinceConvictionThreshold);
          },
          determination: "Eligible for Dismissal",
          reason: `Conviction occurred ${o.yearsSinceConvictionThreshold} or more years ago`,
        },
        {
          rule: "gogen.crime-free",
          citation: CITE,
          test: (): Tri => {
            if (o.yearsCrimeFreeThreshold === 0) return false;
            const limit = addYears(computeAt, -o.yearsCrimeFreeThreshold);
            const recent = mostRecentConviction(view);
            if (recent.date !== undefined && recent.date >= limit) return false;
            if (recent.unknown) {
              const bad = view.convictions.find((c) => c.date.value === undefined);
              return missingDate("STP_EVENT_DATE", bad?.date.raw ?? "");
            }
            return recent.date !== undefined && recent.date < limit;
          },
          determination: "Eligible for Dismissal",
          reason: `No convictions in the past ${o.yearsCrimeFreeThreshold} years`,
        },
        {
          rule: "gogen.only-prop64",
          citation: CITE,
          test: (): Tri =>
            o.subjectHasOnlyProp64Charges && view.convictions.length === prop64Counts(view).total,
          determination: "Eligible for Dismissal",
          reason: "Only has 11357-60 charges",
        },
        {
          rule: "gogen.deceased",
          citation: CITE,
          test: (): Tri => o.subjectIsDeceased && person.deceased,
          determination: "Eligible for Dismissal",
          reason: "Individual is deceased",
        },
        ...o.reduce.map((key) => ({
          rule: "gogen.reduce-section",
          citation: "H&S 11361.8(e)",
          test: (): Tri => matchesBaselineKey(count.codeSection, key),
          determination: "Eligible for Reduction",
          reason: `Reduce all HS ${key} convictions`,
        })),
      ];
      return firstMatch(steps, { determination: "", reason: "", trace: [] });
    },
  };
}
