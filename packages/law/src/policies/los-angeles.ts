/**
 * @module policies/los-angeles — the Los Angeles County criteria (gogen_pilots 0.2.5 LA flow).
 *
 * Decision order and reasons reproduce the original (gogen-behaviour.md §4.6), including its quirks
 * (a super strike that exists only as a gang-enhancement pair, or a PC 290 registration that is not a
 * conviction, has no date and therefore counts as preceding every conviction). Legal frame:
 * H&S 11361.9 review; disqualifiers mirror 11361.8's felony-retaining conditions: a prior super strike
 * (PC 667(e)(2)(C)(iv)), a prior PC 290(c) offence, two or more priors under the same section.
 */
import {
  addYears,
  type Count,
  type LocalDate,
  type Person,
  PROP64_EFFECTIVE,
  yearsBetween,
} from "@clearance/core";
import { isPc290OffenseGogen, isSuperstrikeGogen, prop64Section } from "../gogen/matchers.ts";
import { firstMatch, missingDate } from "./configurable.ts";
import type { Decision, Policy, PolicyRuleInfo, SubjectView } from "./types.ts";
import { earliestPrecedes, prop64Counts, superstrikeSectionsPilots, viewOf } from "./view.ts";

/** Parameters of the LA criteria: dismissal age (default 50) and conviction-free years (default 10). */
export interface LosAngelesOptions {
  readonly age: number;
  readonly yearsConvictionFree: number;
}

/** The LA rules in decision order. */
export const LOS_ANGELES_RULES: readonly PolicyRuleInfo[] = [
  {
    id: "la.misdemeanor",
    policy: "los-angeles",
    citation: "H&S 11361.8(e)",
    description: "Not a felony: to be reviewed by City Attorneys (Misdemeanor or Infraction).",
  },
  {
    id: "la.after-prop64",
    policy: "los-angeles",
    citation: "H&S 11361.8(a)",
    description: "Convicted on or after 2016-11-09: Not eligible (Occurred after 11/09/2016).",
  },
  {
    id: "la.11357ab",
    policy: "los-angeles",
    citation: "H&S 11357(a), (b)",
    description: "11357 written as 11357(A)… or 11357(B)…: Eligible for Dismissal.",
  },
  {
    id: "la.other-11357",
    policy: "los-angeles",
    citation: "H&S 11357",
    description: "Any other 11357 felony: Hand Review (Other 11357).",
  },
  {
    id: "la.superstrike",
    policy: "los-angeles",
    citation: "PC 667(e)(2)(C)(iv)",
    description: "A super strike earlier than this conviction: Not eligible.",
  },
  {
    id: "la.pc290",
    policy: "los-angeles",
    citation: "PC 290(c)",
    description: "A PC 290 offence or registration earlier than this conviction: Not eligible.",
  },
  {
    id: "la.two-priors",
    policy: "los-angeles",
    citation: "H&S 11359(c)(1), 11360(a)(3)(A)",
    description:
      "Two or more earlier Prop 64 convictions under the same section (first five characters): Not eligible (Two priors).",
  },
  {
    id: "la.age",
    policy: "los-angeles",
    citation: "H&S 11361.9(a)",
    description: "The person is the given age (default 50) or older at compute-at: Eligible for Dismissal.",
  },
  {
    id: "la.under-21",
    policy: "los-angeles",
    citation: "H&S 11361.9(a)",
    description: "The person is 21 or younger at compute-at (current age): Eligible for Dismissal.",
  },
  {
    id: "la.only-prop64-completed",
    policy: "los-angeles",
    citation: "H&S 11361.9(a)",
    description: "Only Prop 64 convictions and every sentence completed: Eligible for Dismissal.",
  },
  {
    id: "la.conviction-free",
    policy: "los-angeles",
    citation: "H&S 11361.9(a)",
    description: "No conviction in the past N years (default 10): Eligible for Dismissal.",
  },
  {
    id: "la.serving",
    policy: "los-angeles",
    citation: "H&S 11361.8(a)",
    description: "Some sentence not yet completed: Hand Review (Currently serving sentence).",
  },
  {
    id: "la.deceased",
    policy: "los-angeles",
    citation: "H&S 11361.9(a)",
    description: "The person is deceased: Eligible for Dismissal.",
  },
  {
    id: "la.none",
    policy: "los-angeles",
    description: "Otherwise: Hand Review (No applicable eligibility criteria).",
  },
];

type Tri = boolean | { unknown: string };

/** `earliestPrecedes` as a rule's answer: an undated matching conviction names its unreadable date. */
function precedes(view: SubjectView, pred: (c: Count) => boolean, d: LocalDate): Tri {
  const r = earliestPrecedes(view, pred, d);
  return typeof r === "boolean" ? r : missingDate("STP_EVENT_DATE", r.date.raw);
}

/** The Los Angeles County policy. */
export function losAngelesPolicy(options: LosAngelesOptions): Policy {
  const { age, yearsConvictionFree: n } = options;
  return {
    id: "los-angeles",
    label: `Los Angeles County criteria (age ${age}, ${n} conviction-free years)`,
    decide(person: Person, count: Count, computeAt: LocalDate, given?: SubjectView): Decision {
      const view = given ?? viewOf(person);
      const conv = count.date;
      const dob = person.dob;
      const section = prop64Section(count.codeSection);
      const needDate = (f: (d: LocalDate) => Tri): Tri =>
        conv.value === undefined ? missingDate("STP_EVENT_DATE", conv.raw) : f(conv.value);
      const steps = [
        {
          rule: "la.misdemeanor",
          citation: "H&S 11361.8(e)",
          test: (): Tri => count.level !== "F",
          determination: "To be reviewed by City Attorneys",
          reason: "Misdemeanor or Infraction",
        },
        {
          rule: "la.after-prop64",
          citation: "H&S 11361.8(a)",
          test: (): Tri => needDate((d) => d >= PROP64_EFFECTIVE),
          determination: "Not eligible",
          reason: "Occurred after 11/09/2016",
        },
        {
          rule: "la.11357ab",
          citation: "H&S 11357(a), (b)",
          test: (): Tri =>
            section === "11357" &&
            (count.codeSection.startsWith("11357(A)") || count.codeSection.startsWith("11357(B)")),
          determination: "Eligible for Dismissal",
          reason: "11357(a) or 11357(b)",
        },
        {
          rule: "la.other-11357",
          citation: "H&S 11357",
          test: (): Tri => section === "11357",
          determination: "Hand Review",
          reason: "Other 11357",
        },
        {
          rule: "la.superstrike",
          citation: "PC 667(e)(2)(C)(iv)",
          test: (): Tri => {
            if (superstrikeSectionsPilots(view).length === 0) return false;
            return needDate((d) => precedes(view, (c) => isSuperstrikeGogen(c.codeSection), d));
          },
          determination: "Not eligible",
          reason: "PC 667(e)(2)(c)(iv)",
        },
        {
          rule: "la.pc290",
          citation: "PC 290(c)",
          test: (): Tri => {
            const isPc290 = (c: Count) =>
              isPc290OffenseGogen(c.codeSection) || c.flags.includes("pc290-registration");
            if (!person.pc290Registration && !view.convictions.some(isPc290)) return false;
            return needDate((d) => precedes(view, isPc290, d));
          },
          determination: "Not eligible",
          reason: "PC 290",
        },
        {
          rule: "la.two-priors",
          citation: "H&S 11359(c)(1), 11360(a)(3)(A)",
          test: (): Tri =>
            needDate((d) => {
              const prefix = count.codeSection.slice(0, 5);
              let priors = 0;
              let unknowns = 0;
              let unknown: Count | undefined;
              for (const c of view.convictions) {
                if (c === count || !prop64Section(c.codeSection) || !c.codeSection.startsWith(prefix))
                  continue;
                if (c.date.value === undefined) {
                  unknown ??= c;
                  unknowns++;
                } else if (c.date.value < d) priors++;
              }
              if (priors >= 2) return true;
              // Undated same-section convictions could be earlier: unknown if they could make two.
              if (unknown && priors + unknowns >= 2) return missingDate("STP_EVENT_DATE", unknown.date.raw);
              return false;
            }),
          determination: "Not eligible",
          reason: "Two priors",
        },
        {
          rule: "la.age",
          citation: "H&S 11361.9(a)",
          test: (): Tri =>
            dob.value === undefined ? missingDate("PRI_DOB", dob.raw) : addYears(dob.value, age) <= computeAt,
          determination: "Eligible for Dismissal",
          reason: `${age} years or older`,
        },
        {
          rule: "la.under-21",
          citation: "H&S 11361.9(a)",
          test: (): Tri =>
            dob.value === undefined
              ? missingDate("PRI_DOB", dob.raw)
              : yearsBetween(dob.value, computeAt) <= 21,
          determination: "Eligible for Dismissal",
          reason: "21 years or younger",
        },
        {
          rule: "la.only-prop64-completed",
          citation: "H&S 11361.9(a)",
          test: (): Tri => {
            if (view.convictions.length !== prop64Counts(view).total) return false;
            let unknown: Count | undefined;
            for (const c of view.convictions) {
              if (c.sentenceEnd === undefined) unknown ??= c;
              else if (c.sentenceEnd > computeAt) return false;
            }
            return unknown ? missingDate("STP_EVENT_DATE", unknown.date.raw) : true;
          },
          determination: "Eligible for Dismissal",
          reason: "Only has 11357-60 charges and completed sentence",
        },
        {
          rule: "la.conviction-free",
          citation: "H&S 11361.9(a)",
          test: (): Tri => {
            const limit = addYears(computeAt, -n);
            let unknown: Count | undefined;
            for (const c of view.convictions) {
              if (c.date.value === undefined) unknown ??= c;
              else if (c.date.value > limit) return false;
            }
            return unknown ? missingDate("STP_EVENT_DATE", unknown.date.raw) : true;
          },
          determination: "Eligible for Dismissal",
          reason: `No convictions in past ${n} years`,
        },
        {
          rule: "la.serving",
          citation: "H&S 11361.8(a)",
          test: (): Tri => {
            let unknown: Count | undefined;
            for (const c of view.convictions) {
              if (c.sentenceEnd === undefined) unknown ??= c;
              else if (c.sentenceEnd > computeAt) return true;
            }
            return unknown ? missingDate("STP_EVENT_DATE", unknown.date.raw) : false;
          },
          determination: "Hand Review",
          reason: "Currently serving sentence",
        },
        {
          rule: "la.deceased",
          citation: "H&S 11361.9(a)",
          test: (): Tri => person.deceased,
          determination: "Eligible for Dismissal",
          reason: "Deceased",
        },
      ];
      return firstMatch(steps, (trace) => ({
        determination: "Hand Review",
        reason: "No applicable eligibility criteria",
        trace: [...trace, { rule: "la.none", outcome: "fired" }],
      }));
    },
  };
}
