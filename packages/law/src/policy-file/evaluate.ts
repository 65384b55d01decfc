/**
 * @module policy-file/evaluate — turns a policy file into a {@link Policy}.
 *
 * Each condition is compiled once into a function returning true, false or unknown (architecture.md
 * decision 4). Rules are checked in order: the first that holds decides; one that is unknown before
 * any holds sends the conviction to Hand Review naming the unreadable field (`Unreadable date: FIELD
 * "raw"`), as the built-in policies do. The trace lists every rule checked with its outcome and citation.
 *
 * Predicate semantics reproduce the two compatible flows (gogen-behaviour.md §2.3, §2.4, §4.4, §4.6)
 * so that the built-in policies written as files decide exactly as the original tool:
 * - ages and "years ago" add whole calendar years (Feb 29 + 1 year = Mar 1), except `currentAgeAtMost`,
 *   which is days since birth / 365.25 (the LA flow's "21 years or younger");
 * - `noConvictionWithinYears` boundary: inclusive (gogen: the latest conviction must be strictly before
 *   compute-at − N) or exclusive (LA: no conviction strictly after compute-at − N);
 * - `priorSuperstrike`/`priorPc290` are the LA flow's: a super strike known only as a gang-enhancement
 *   pair, or a PC 290 registration that is not a conviction, has no date and precedes everything.
 * In `all`, a false condition wins over an unknown one; in `any`, a true one does.
 */
import { addYears, type Count, type LocalDate, type Person, yearsBetween } from "@clearance/core";
import { isPc290OffenseGogen, isSuperstrikeGogen, prop64Section } from "../gogen/matchers.ts";
import type { Decision, Policy, SubjectView, TraceEntry } from "../policies/types.ts";
import { earliestPrecedes, superstrikeSectionsPilots, viewOf } from "../policies/view.ts";
import {
  type NormalCondition,
  type NormalPolicy,
  normalizePolicyFile,
  SECTION_PLACEHOLDER,
} from "./parse.ts";
import type { PolicyFile } from "./schema.ts";

/** Three-valued result: unknown names the unreadable field and its raw text. */
export type Tri = boolean | { readonly unknown: string };

/** What a condition is evaluated against. */
export interface EvalContext {
  readonly person: Person;
  readonly count: Count;
  readonly computeAt: LocalDate;
  readonly view: SubjectView;
}

type Test = (x: EvalContext) => Tri;

const missing = (field: string, raw: string): Tri => ({ unknown: `${field} ${JSON.stringify(raw)}` });
const convDate = (c: Count): Tri | LocalDate =>
  c.date.value === undefined ? missing("STP_EVENT_DATE", c.date.raw) : c.date.value;
const negate = (t: Tri): Tri => (typeof t === "boolean" ? !t : t);

/** Compiles a policy file (already validated by {@link parsePolicyFile} or built in code) into a policy. */
export function compilePolicyFile(file: PolicyFile): Policy {
  return compileNormalPolicy(normalizePolicyFile(file));
}

/** Compiles a normalised policy. */
export function compileNormalPolicy(p: NormalPolicy): Policy {
  const rules = p.rules.map((r) => {
    if (r.fillsSection && !sectionMatcher(r.when))
      throw new Error(`rule ${r.id}: ${SECTION_PLACEHOLDER} needs a section condition`);
    const match = r.fillsSection ? sectionMatcher(r.when) : undefined;
    return { ...r, test: compileCondition(r.when), match };
  });
  const other = p.otherwise;
  const otherEntry: TraceEntry = {
    rule: other.id,
    outcome: "fired",
    ...(other.citation ? { citation: other.citation } : {}),
  };
  return {
    id: p.id,
    label: p.label,
    decide(person: Person, count: Count, computeAt: LocalDate, given?: SubjectView): Decision {
      const x: EvalContext = { person, count, computeAt, view: given ?? viewOf(person) };
      const trace: TraceEntry[] = [];
      for (const r of rules) {
        const t = r.test(x);
        const cite = r.citation ? { citation: r.citation } : {};
        if (t === true) {
          trace.push({ rule: r.id, outcome: "fired", ...cite });
          const reason = r.match
            ? r.reason.replaceAll(SECTION_PLACEHOLDER, r.match(count.codeSection) ?? "")
            : r.reason;
          return { determination: r.determination, reason, trace };
        }
        if (t === false) {
          trace.push({ rule: r.id, outcome: "not-applicable", ...cite });
          continue;
        }
        trace.push({ rule: r.id, outcome: "unknown", missing: t.unknown, ...cite });
        return { determination: "Hand Review", reason: `Unreadable date: ${t.unknown}`, trace };
      }
      trace.push(otherEntry);
      return { determination: other.determination, reason: other.reason, trace };
    },
  };
}

/** For a section condition: the first listed value the code section matches (fills `{section}`). */
function sectionMatcher(c: NormalCondition): ((codeSection: string) => string | undefined) | undefined {
  switch (c.kind) {
    case "section":
      return (s) => c.values.find((v) => s.includes(v));
    case "sectionStartsWith":
      return (s) => c.values.find((v) => s.startsWith(v));
    case "prop64Section":
      return (s) => {
        const p = prop64Section(s);
        return p !== undefined && c.values.includes(p) ? p : undefined;
      };
    default:
      return undefined;
  }
}

/** Compiles one condition into its test. */
export function compileCondition(c: NormalCondition): Test {
  switch (c.kind) {
    case "all": {
      const parts = c.of.map(compileCondition);
      return (x) => {
        let unknown: Tri | undefined;
        for (const p of parts) {
          const t = p(x);
          if (t === false) return false;
          if (t !== true) unknown ??= t;
        }
        return unknown ?? true;
      };
    }
    case "any": {
      const parts = c.of.map(compileCondition);
      return (x) => {
        let unknown: Tri | undefined;
        for (const p of parts) {
          const t = p(x);
          if (t === true) return true;
          if (t !== false) unknown ??= t;
        }
        return unknown ?? false;
      };
    }
    case "not": {
      const inner = compileCondition(c.of);
      return (x) => negate(inner(x));
    }
    case "fact": {
      const f = FACTS[c.fact];
      return c.value ? f : (x) => negate(f(x));
    }
    case "level":
      return ({ count }) => count.level !== undefined && c.levels.includes(count.level);
    case "section":
    case "sectionStartsWith":
    case "prop64Section": {
      const m = sectionMatcher(c)!;
      return ({ count }) => m(count.codeSection) !== undefined;
    }
    case "county":
      return ({ count }) =>
        count.county !== undefined && c.values.includes(count.county.trim().toUpperCase());
    case "convictedBefore":
      return ({ count }) => {
        const d = convDate(count);
        return typeof d === "number" ? d < c.date : d;
      };
    case "convictedOnOrAfter":
      return ({ count }) => {
        const d = convDate(count);
        return typeof d === "number" ? d >= c.date : d;
      };
    case "ageAtConvictionUnder":
      return ({ person, count }) => {
        const dob = person.dob;
        if (dob.value === undefined) return missing("PRI_DOB", dob.raw);
        const d = convDate(count);
        return typeof d === "number" ? addYears(dob.value, c.n) > d : d;
      };
    case "currentAgeAtLeast":
      return ({ person, computeAt }) =>
        person.dob.value === undefined
          ? missing("PRI_DOB", person.dob.raw)
          : addYears(person.dob.value, c.n) <= computeAt;
    case "currentAgeAtMost":
      return ({ person, computeAt }) =>
        person.dob.value === undefined
          ? missing("PRI_DOB", person.dob.raw)
          : yearsBetween(person.dob.value, computeAt) <= c.n;
    case "yearsSinceConvictionAtLeast":
      return ({ count, computeAt }) => {
        const d = convDate(count);
        return typeof d === "number" ? d <= addYears(computeAt, -c.n) : d;
      };
    case "noConvictionWithinYears":
      return ({ view, computeAt }) => {
        const limit = addYears(computeAt, -c.years);
        let unknown: Count | undefined;
        for (const v of view.convictions) {
          const d = v.date.value;
          if (d === undefined) unknown ??= v;
          else if (c.inclusive ? d >= limit : d > limit) return false;
        }
        return unknown ? missing("STP_EVENT_DATE", unknown.date.raw) : true;
      };
    case "priorsSameSectionAtLeast":
      return ({ view, count }) => {
        const d = convDate(count);
        if (typeof d !== "number") return d;
        const prefix = count.codeSection.slice(0, 5);
        let priors = 0;
        let unknowns = 0;
        let unknown: Count | undefined;
        for (const v of view.convictions) {
          if (v === count || !prop64Section(v.codeSection) || !v.codeSection.startsWith(prefix)) continue;
          if (v.date.value === undefined) {
            unknown ??= v;
            unknowns++;
          } else if (v.date.value < d) priors++;
        }
        if (priors >= c.n) return true;
        if (unknown && priors + unknowns >= c.n) return missing("STP_EVENT_DATE", unknown.date.raw);
        return false;
      };
    default:
      return c satisfies never;
  }
}

/** Sentence completion over all convictions: a known end after compute-at decides; else unknown, else true. */
function allSentencesCompleted({ view, computeAt }: EvalContext): Tri {
  let unknown: Count | undefined;
  for (const v of view.convictions) {
    if (v.sentenceEnd === undefined) unknown ??= v;
    else if (v.sentenceEnd > computeAt) return false;
  }
  // The built-in LA flow names the conviction date's field for a sentence it cannot end (kept for equality).
  return unknown ? missing("STP_EVENT_DATE", unknown.date.raw) : true;
}

/** `earliestPrecedes` as a rule's answer: an undated matching conviction names its unreadable date. */
function precedes(view: SubjectView, pred: (c: Count) => boolean, before: LocalDate): Tri {
  const r = earliestPrecedes(view, pred, before);
  return typeof r === "boolean" ? r : missing("STP_EVENT_DATE", r.date.raw);
}

const isPc290 = (c: Count) => isPc290OffenseGogen(c.codeSection) || c.flags.includes("pc290-registration");
const isSuperstrike = (c: Count) => isSuperstrikeGogen(c.codeSection);

const FACTS: Record<Extract<NormalCondition, { kind: "fact" }>["fact"], Test> = {
  felony: ({ count }) => count.level === "F",
  onlyProp64Convictions: ({ view }) =>
    view.convictions.every((c) => prop64Section(c.codeSection) !== undefined),
  deceased: ({ person }) => person.deceased,
  allSentencesCompleted,
  servingSentence: (x) => negate(allSentencesCompleted(x)),
  priorSuperstrike: ({ view, count }) => {
    if (superstrikeSectionsPilots(view).length === 0) return false;
    const d = convDate(count);
    return typeof d === "number" ? precedes(view, isSuperstrike, d) : d;
  },
  priorPc290: ({ person, view, count }) => {
    if (!person.pc290Registration && !view.convictions.some(isPc290)) return false;
    const d = convDate(count);
    return typeof d === "number" ? precedes(view, isPc290, d) : d;
  },
};
