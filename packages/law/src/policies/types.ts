/**
 * @module policies/types — what an office policy returns for one conviction.
 */
import type { Count, LocalDate, Person } from "@clearance/core";

/** One rule the evaluator looked at, and what it found. */
export interface TraceEntry {
  readonly rule: string;
  readonly outcome: "fired" | "not-applicable" | "unknown";
  readonly citation?: string;
  /** For `unknown`: the fact that could not be read. */
  readonly missing?: string;
}

/** The office determination for one conviction, in the original tool's strings. */
export interface Decision {
  /** `Eligible for Dismissal`, `Eligible for Reduction`, `Not eligible`, `Hand Review`, … or empty. */
  readonly determination: string;
  readonly reason: string;
  readonly trace: readonly TraceEntry[];
}

/** A policy as data: name, rules (for `clearance rules`) and the decision function. */
export interface Policy {
  readonly id: string;
  readonly label: string;
  /** Decide one conviction (`count`) of `person` at `computeAt`. */
  decide(person: Person, count: Count, computeAt: LocalDate, view?: SubjectView): Decision;
}

/** Facts about a person that every conviction's decision shares (computed once per person). */
export interface SubjectView {
  readonly person: Person;
  /** Convicted counts in source order. */
  readonly convictions: readonly Count[];
  /** Case key of each conviction (same order). */
  readonly caseKeys: readonly string[];
}

/** A rule of a policy as shown by `clearance rules` and in the docs. */
export interface PolicyRuleInfo {
  readonly id: string;
  readonly policy: string;
  readonly citation?: string;
  readonly description: string;
}
