/**
 * @module statute/types — the statute pack's vocabulary: remedies, reasons, missing facts, rules, trace.
 *
 * Outcomes are data with stable string codes; plain words live in `messages.ts`.
 */
import type { Count, LocalDate, Person, Tri } from "@clearance/core";

/**
 * What the law provides for one conviction (architecture.md, "Outcome vocabulary"):
 * dismiss and seal, redesignate, recall and resentence (still serving, H&S 11361.8(a)), no relief,
 * needs review (a fact is missing), or not applicable (not a pre-Prop 64 conviction under 11357–11360).
 */
export type StatuteRemedy =
  | "dismiss-and-seal"
  | "redesignate-misdemeanor"
  | "redesignate-infraction"
  | "recall-and-resentence"
  | "no-relief"
  | "needs-review"
  | "not-applicable";

/** Stable reason codes; each has plain words in the message catalogue. */
export type StatuteReason =
  | "not-prop64-section"
  | "not-convicted"
  | "convicted-on-or-after-effective-date"
  | "already-relieved"
  | "code-not-health-and-safety"
  | "conviction-date-unknown"
  | "now-lawful"
  | "now-infraction"
  | "now-misdemeanor"
  | "prior-super-strike-or-pc290"
  | "two-prior-convictions"
  | "environmental-harm"
  | "sale-to-minor"
  | "used-minor"
  | "interstate-transport"
  | "no-lesser-offence"
  | "missing-facts";

/** Facts the data may lack; named in `missingFacts` when they change the remedy. */
export type StatuteMissingFact =
  | "code"
  | "conviction-date"
  | "age-at-offence"
  | "subsection"
  | "quantity"
  | "level"
  | "sentence-status"
  | "prior-conviction-date"
  | "prior-offence-details"
  | "pc290-conviction-date";

/** What the conduct would be under the law as Prop 64 amended it. */
export type StatuteTreatment = "lawful" | "infraction" | "misdemeanor" | "felony-retained";

/** The stage a rule belongs to; stages run in this order. */
export type StatuteStage = "scope" | "offence" | "remedy" | "procedure";

/** A named predicate, optionally with an argument (`{ p: "age", arg: "21+" }`). */
export type StatuteCondition =
  | { readonly p: StatutePredicateName; readonly arg?: string }
  | { readonly all: readonly StatuteCondition[] }
  | { readonly any: readonly StatuteCondition[] }
  | { readonly not: StatuteCondition }
  | { readonly always: true };

/** Names of the predicates in `predicates.ts`. */
export type StatutePredicateName =
  | "prop64-section"
  | "prop64-number-other-code"
  | "convicted"
  | "conviction-date-known"
  | "convicted-before-effective-date"
  | "already-relieved"
  | "section"
  | "subsection"
  | "age"
  | "within-personal-limit"
  | "prior-super-strike-or-pc290"
  | "two-prior-same-section"
  | "environmental-harm"
  | "sale-to-minor"
  | "used-minor"
  | "interstate-transport"
  | "treatment"
  | "level"
  | "serving-sentence";

/** What a rule yields when it fires. */
export type StatuteRuleOutcome =
  /** A remedy; without `reason` it keeps the reason found at the offence stage. */
  | {
      readonly kind: "remedy";
      readonly remedy: StatuteRemedy;
      readonly reason?: StatuteReason;
      /** Facts a `needs-review` outcome names. */
      readonly missing?: readonly StatuteMissingFact[];
    }
  | { readonly kind: "treatment"; readonly treatment: StatuteTreatment; readonly reason: StatuteReason }
  | { readonly kind: "continue" };

/** A statute rule: data with a citation, a condition over named predicates and an outcome. */
export interface StatuteRule {
  /** Stable id, e.g. `hs11359.c1-prior-super-strike`. */
  readonly id: string;
  readonly stage: StatuteStage;
  /** The statute subsection the rule rests on, e.g. `H&S 11359(c)(1)`. */
  readonly citation: string;
  /** Plain-language statement of the rule. */
  readonly description: string;
  readonly condition: StatuteCondition;
  readonly outcome: StatuteRuleOutcome;
  /** An interpretation or an unverified source the reader should check. */
  readonly note?: string;
}

/** One rule the evaluator checked. */
export interface StatuteTraceEntry {
  readonly ruleId: string;
  readonly citation: string;
  readonly outcome: "fired" | "not-fired" | "unknown";
  readonly facts?: Readonly<Record<string, unknown>>;
}

/** What the statute provides for one conviction, with the reasoning. */
export interface StatuteResult {
  readonly remedy: StatuteRemedy;
  /** The main subsection the remedy rests on. */
  readonly citation: string;
  /** The substantive current-law subsection (what the conduct is now), when one decided it. */
  readonly basis?: string;
  /** Facts whose absence left more than one remedy possible (non-empty only for `needs-review`). */
  readonly missingFacts: readonly StatuteMissingFact[];
  readonly reasonCode: StatuteReason;
  /** For `needs-review`: the remedies the missing facts leave open, least favourable first. */
  readonly possible?: readonly StatuteRemedy[];
  readonly trace: readonly StatuteTraceEntry[];
}

/** Everything a predicate may look at. */
export interface StatuteContext {
  readonly person: Person;
  readonly count: Count;
  readonly computeAt: LocalDate;
  /** The candidate post-Prop 64 treatment (remedy stage only). */
  readonly treatment?: StatuteTreatment;
}

/** A predicate's answer: three-valued, with the missing facts when unknown and the facts it used. */
export interface StatutePredicateResult {
  readonly value: Tri;
  readonly missing?: readonly StatuteMissingFact[];
  readonly facts?: Readonly<Record<string, unknown>>;
}
