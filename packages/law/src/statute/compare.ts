/**
 * @module statute/compare — the office decision beside what the statute provides (architecture.md,
 * decision 3): does the office give less than the statute presumes, or more than it provides?
 *
 * H&S 11361.8(b) (still serving) and 11361.8(f) (completed sentence): the court presumes the person
 * satisfies the criteria and shall grant the petition or application unless the prosecution shows
 * otherwise (for (b), by clear and convincing evidence of an unreasonable risk). An office decision
 * giving less than that presumption is `below-statute`; one granting relief the statute does not
 * provide (dismissal where it provides redesignation or no relief) is `beyond-statute`.
 */
import type { Decision } from "../policies/types.ts";
import type { StatuteRemedy, StatuteResult } from "./types.ts";

/** How an office decision compares with the statute. */
export type StatuteFlag = "below-statute" | "beyond-statute";

/** Every flag, in a stable order (summary figures, review filters). */
export const STATUTE_FLAG_CODES: readonly StatuteFlag[] = ["below-statute", "beyond-statute"];

/** What an office determination grants: 0 nothing (yet), 1 a reduction, 2 a dismissal. */
export type OfficeRelief = 0 | 1 | 2;

/**
 * The relief a compatible determination grants. `Hand Review`, `Not eligible`, empty and the review
 * strings grant nothing yet.
 */
export function officeRelief(determination: string): OfficeRelief {
  if (determination === "Eligible for Dismissal") return 2;
  if (determination === "Eligible for Reduction") return 1;
  return 0;
}

/**
 * The office relief levels consistent with each remedy, as [least, most].
 * - dismiss-and-seal (11361.8(e)(1)–(2), (f)): only dismissal meets it.
 * - redesignate-* (11361.8(e)(3), (f)): a reduction; dismissal goes beyond it.
 * - recall-and-resentence (11361.8(a)–(b)): the court recalls or dismisses the sentence, so a reduction
 *   or a dismissal both meet it.
 * - no-relief, not-applicable: 11361.8 provides nothing, so any relief goes beyond it.
 * - needs-review: spread over the remedies left open (below), or anything when none are named.
 */
const RANGE: Readonly<Record<StatuteRemedy, readonly [OfficeRelief, OfficeRelief]>> = {
  "dismiss-and-seal": [2, 2],
  "redesignate-misdemeanor": [1, 1],
  "redesignate-infraction": [1, 1],
  "recall-and-resentence": [1, 2],
  "no-relief": [0, 0],
  "not-applicable": [0, 0],
  "needs-review": [0, 2],
};

/** The office relief levels the statute result allows: [least it presumes, most it provides]. */
export function statuteRange(result: StatuteResult): readonly [OfficeRelief, OfficeRelief] {
  if (result.remedy !== "needs-review" || !result.possible || result.possible.length === 0)
    return RANGE[result.remedy];
  let lo: OfficeRelief = 2;
  let hi: OfficeRelief = 0;
  for (const r of result.possible) {
    const [a, b] = RANGE[r];
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  }
  return [lo, hi];
}

/**
 * Compares an office decision with the statute result: `below-statute` when the office grants less
 * than the least the statute presumes (H&S 11361.8(b), (f)), `beyond-statute` when it grants more than
 * the most the statute provides. Empty when the decision is within what the statute provides.
 * For `needs-review`, "least" and "most" range over the remedies the missing facts leave open; `Hand
 * Review` is within the statute for `needs-review` and `recall-and-resentence`, which themselves call
 * for a person's review (so `--policy statute` is never flagged).
 * @example compareWithStatute({ determination: "Not eligible", … }, dismissResult) // ["below-statute"]
 */
export function compareWithStatute(
  decision: Pick<Decision, "determination">,
  result: StatuteResult,
): StatuteFlag[] {
  // Hand Review matches a remedy that itself needs a person: a resentencing petition heard in court
  // (11361.8(a)–(b)) or a missing fact. Against a remedy the statute gives outright it is below.
  if (
    decision.determination === "Hand Review" &&
    (result.remedy === "recall-and-resentence" || result.remedy === "needs-review")
  )
    return [];
  const office = officeRelief(decision.determination);
  const [lo, hi] = statuteRange(result);
  if (office < lo) return ["below-statute"];
  if (office > hi) return ["beyond-statute"];
  return [];
}
