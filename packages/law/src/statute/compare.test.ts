/**
 * compareWithStatute: the office decision beside the statute (H&S 11361.8(b), (f): the court presumes
 * eligibility, so giving less is flagged; granting relief the statute does not provide is flagged too).
 */
import { describe, expect, it } from "vitest";
import { compareWithStatute, officeRelief, type StatuteFlag, statuteRange } from "./compare.ts";
import type { StatuteRemedy, StatuteResult } from "./types.ts";

const result = (remedy: StatuteRemedy, possible?: StatuteRemedy[]): StatuteResult => ({
  remedy,
  citation: "H&S 11361.8(e)",
  missingFacts: remedy === "needs-review" ? ["subsection"] : [],
  reasonCode: remedy === "needs-review" ? "missing-facts" : "now-lawful",
  ...(possible ? { possible } : {}),
  trace: [],
});

const DISMISS = "Eligible for Dismissal";
const REDUCE = "Eligible for Reduction";
const NOT = "Not eligible";
const HAND = "Hand Review";

const TABLE: readonly [office: string, statute: StatuteResult, expected: StatuteFlag[]][] = [
  // dismiss-and-seal: only a dismissal meets the presumption (11361.8(f)).
  [DISMISS, result("dismiss-and-seal"), []],
  [REDUCE, result("dismiss-and-seal"), ["below-statute"]],
  [NOT, result("dismiss-and-seal"), ["below-statute"]],
  [HAND, result("dismiss-and-seal"), ["below-statute"]],
  ["", result("dismiss-and-seal"), ["below-statute"]],
  ["To be reviewed by City Attorneys", result("dismiss-and-seal"), ["below-statute"]],
  ["Maybe Eligible - Flag for Review", result("dismiss-and-seal"), ["below-statute"]],
  // redesignation (11361.8(e)(3)): a reduction meets it, dismissal goes beyond.
  [REDUCE, result("redesignate-misdemeanor"), []],
  [REDUCE, result("redesignate-infraction"), []],
  [DISMISS, result("redesignate-misdemeanor"), ["beyond-statute"]],
  [DISMISS, result("redesignate-infraction"), ["beyond-statute"]],
  [NOT, result("redesignate-misdemeanor"), ["below-statute"]],
  [HAND, result("redesignate-infraction"), ["below-statute"]],
  // recall and resentence or dismiss (11361.8(a)–(b)).
  [DISMISS, result("recall-and-resentence"), []],
  [REDUCE, result("recall-and-resentence"), []],
  [HAND, result("recall-and-resentence"), []],
  [NOT, result("recall-and-resentence"), ["below-statute"]],
  ["", result("recall-and-resentence"), ["below-statute"]],
  // no relief: anything granted goes beyond the statute.
  [NOT, result("no-relief"), []],
  [HAND, result("no-relief"), []],
  ["", result("no-relief"), []],
  [REDUCE, result("no-relief"), ["beyond-statute"]],
  [DISMISS, result("no-relief"), ["beyond-statute"]],
  [DISMISS, result("not-applicable"), ["beyond-statute"]],
  [HAND, result("not-applicable"), []],
  // needs review: measured against the remedies left open.
  [HAND, result("needs-review", ["redesignate-misdemeanor", "dismiss-and-seal"]), []],
  [NOT, result("needs-review", ["redesignate-misdemeanor", "dismiss-and-seal"]), ["below-statute"]],
  ["", result("needs-review", ["redesignate-infraction", "dismiss-and-seal"]), ["below-statute"]],
  [REDUCE, result("needs-review", ["redesignate-misdemeanor", "dismiss-and-seal"]), []],
  [DISMISS, result("needs-review", ["redesignate-misdemeanor", "dismiss-and-seal"]), []],
  [HAND, result("needs-review", ["no-relief", "dismiss-and-seal"]), []],
  [DISMISS, result("needs-review", ["no-relief", "redesignate-misdemeanor"]), ["beyond-statute"]],
  [NOT, result("needs-review"), []],
  [DISMISS, result("needs-review"), []],
];

describe("compareWithStatute (H&S 11361.8(b), (f))", () => {
  it.each(
    TABLE.map(([o, s, e]) => [o || "(empty)", s.remedy, s.possible?.join("/") ?? "-", e, o, s] as const),
  )("%s vs %s (possible %s) → %j", (_label, _remedy, _possible, expected, office, statute) => {
    expect(compareWithStatute({ determination: office }, statute)).toEqual(expected);
  });

  it("ranks office determinations: dismissal 2, reduction 1, anything else 0", () => {
    expect([DISMISS, REDUCE, NOT, HAND, ""].map(officeRelief)).toEqual([2, 1, 0, 0, 0]);
  });

  it("a needs-review result without open remedies allows anything", () => {
    expect(statuteRange(result("needs-review"))).toEqual([0, 2]);
  });
});
