/**
 * @module policies/statute — an office policy that decides exactly what the statute provides
 * (`--policy statute`): the statute pack's remedy mapped to the compatible determination strings.
 *
 * - dismiss-and-seal (H&S 11361.8(e)–(f)) → `Eligible for Dismissal`
 * - redesignate-misdemeanor / -infraction (H&S 11361.8(e)–(f)) → `Eligible for Reduction`
 * - recall-and-resentence (still serving, H&S 11361.8(a)) → `Hand Review`: the petition is decided in
 *   court, and whether to ask for recall or dismissal is the office's call
 * - no-relief, not-applicable → `Not eligible`
 * - needs-review → `Hand Review`, naming the missing facts
 * The reason is the message catalogue's sentence for the statute result.
 */
import type { Count, LocalDate, Person } from "@clearance/core";
import { evaluateStatute } from "../statute/evaluate.ts";
import { describeStatute, STILL_SERVING_MESSAGE } from "../statute/messages.ts";
import type { StatuteRemedy, StatuteResult, StatuteTraceEntry } from "../statute/types.ts";
import type { Decision, Policy, PolicyRuleInfo, TraceEntry } from "./types.ts";

/** The compatible determination for each statutory remedy. */
export const STATUTE_POLICY_DETERMINATIONS: Readonly<Record<StatuteRemedy, string>> = {
  "dismiss-and-seal": "Eligible for Dismissal",
  "redesignate-misdemeanor": "Eligible for Reduction",
  "redesignate-infraction": "Eligible for Reduction",
  "recall-and-resentence": "Hand Review",
  "no-relief": "Not eligible",
  "needs-review": "Hand Review",
  "not-applicable": "Not eligible",
};

const OUTCOME: Readonly<Record<StatuteTraceEntry["outcome"], TraceEntry["outcome"]>> = {
  fired: "fired",
  "not-fired": "not-applicable",
  unknown: "unknown",
};

/** The `statute` policy's decision for a statute result (the statute trace, then the mapping rule). */
export function statuteDecision(result: StatuteResult): Decision {
  const described = describeStatute(result);
  const reason =
    result.remedy === "recall-and-resentence" ? `${STILL_SERVING_MESSAGE}. ${described}` : described;
  const trace: TraceEntry[] = result.trace.map((t) => ({
    rule: t.ruleId,
    outcome: OUTCOME[t.outcome],
    citation: t.citation,
  }));
  trace.push({
    rule: `statute-policy.${result.remedy}`,
    outcome: "fired",
    citation: result.citation,
    ...(result.missingFacts.length > 0 ? { missing: result.missingFacts.join(", ") } : {}),
  });
  return { determination: STATUTE_POLICY_DETERMINATIONS[result.remedy], reason, trace };
}

/** The office decides what the statute provides (`--policy statute`). */
export const statutePolicy: Policy = {
  id: "statute",
  label: "Statute: decide what H&S 11361.8 provides",
  decide(person: Person, count: Count, computeAt: LocalDate): Decision {
    return statuteDecision(evaluateStatute(person, count, computeAt));
  },
};

/** The `statute` policy's mapping rules, for `clearance rules`. */
export const STATUTE_POLICY_RULES: readonly PolicyRuleInfo[] = (
  Object.entries(STATUTE_POLICY_DETERMINATIONS) as [StatuteRemedy, string][]
).map(([remedy, determination]) => ({
  id: `statute-policy.${remedy}`,
  policy: "statute",
  citation: remedy === "recall-and-resentence" ? "H&S 11361.8(a)" : "H&S 11361.8",
  description: `Statutory remedy ${remedy} → ${determination === "" ? "(empty)" : determination}`,
}));
