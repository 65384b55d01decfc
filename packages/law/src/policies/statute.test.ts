/**
 * The `statute` policy: the statutory remedy in the compatible strings, reasons from the catalogue.
 */
import { parseIsoDate } from "@clearance/core";
import { describe, expect, it } from "vitest";
import { compareWithStatute } from "../statute/compare.ts";
import { evaluateStatute } from "../statute/evaluate.ts";
import { STATUTE_FLAGS } from "../statute/predicates.ts";
import { mkCount, mkPerson } from "../statute/test-support.ts";
import type { StatuteResult } from "../statute/types.ts";
import { STATUTE_POLICY_RULES, statuteDecision, statutePolicy } from "./statute.ts";

const AT = parseIsoDate("2026-01-01")!;

function decide(code: string, date: string, spec: Parameters<typeof mkCount>[2], dob = "1980-01-01") {
  const c = mkCount(code, date, spec);
  const person = mkPerson(dob, [[c]]);
  return { decision: statutePolicy.decide(person, c, AT), statute: evaluateStatute(person, c, AT) };
}

describe("statute policy", () => {
  it("dismiss-and-seal → Eligible for Dismissal, reason from the catalogue (H&S 11361.8(e))", () => {
    const { decision, statute } = decide("11357(b) HS", "2010-01-01", { level: "M" });
    expect(statute.remedy).toBe("dismiss-and-seal");
    expect(decision.determination).toBe("Eligible for Dismissal");
    expect(decision.reason).toMatch(/^Dismiss and seal \(H&S 11361\.8/);
    expect(decision.trace.at(-1)).toMatchObject({
      rule: "statute-policy.dismiss-and-seal",
      outcome: "fired",
    });
    expect(decision.trace.length).toBe(statute.trace.length + 1);
  });

  it("redesignation → Eligible for Reduction", () => {
    const { decision, statute } = decide("11359 HS", "2010-01-01", { level: "F" });
    expect(statute.remedy).toBe("redesignate-misdemeanor");
    expect(decision.determination).toBe("Eligible for Reduction");
    expect(decision.reason).toMatch(/^Redesignate as a misdemeanour/);
  });

  it("still serving → Hand Review saying so, citing H&S 11361.8(a)", () => {
    const { decision, statute } = decide("11359 HS", "2015-01-01", { level: "F", sentenceEnd: "2027-01-01" });
    expect(statute.remedy).toBe("recall-and-resentence");
    expect(decision.determination).toBe("Hand Review");
    expect(decision.reason).toMatch(/^Still serving the sentence: .*\(H&S 11361\.8\(a\)\)/);
  });

  it("a conviction after Prop 64 took effect (not applicable) → Not eligible", () => {
    const { decision, statute } = decide("11359 HS", "2017-01-01", { level: "F" });
    expect(statute.remedy).toBe("not-applicable");
    expect(decision.determination).toBe("Not eligible");
  });

  it("needs-review → Hand Review naming the missing facts", () => {
    const { decision, statute } = decide("11359 HS", "2010-01-01", {});
    expect(statute.remedy).toBe("needs-review");
    expect(decision.determination).toBe("Hand Review");
    expect(decision.reason).toContain(
      "Missing: whether the conviction was a felony, misdemeanour or infraction",
    );
    expect(decision.trace.at(-1)).toMatchObject({ outcome: "fired", missing: "level" });
  });

  it("no-relief → Not eligible", () => {
    const { decision, statute } = decide("11359 HS", "2010-01-01", {
      level: "F",
      flags: [STATUTE_FLAGS.saleToMinor],
    });
    expect(statute.remedy).toBe("no-relief");
    expect(decision.determination).toBe("Not eligible");
  });

  it("is never flagged below or beyond the statute it decides by", () => {
    const cases = [
      decide("11357(b) HS", "2010-01-01", { level: "M" }),
      decide("11359 HS", "2010-01-01", { level: "F" }),
      decide("11359 HS", "2015-01-01", { level: "F", sentenceEnd: "2027-01-01" }),
      decide("11359 HS", "2010-01-01", {}),
      decide("11358 HS", "2010-01-01", { level: "F" }),
      decide("11359 HS", "2017-01-01", { level: "F" }),
    ];
    for (const { decision, statute } of cases) expect(compareWithStatute(decision, statute)).toEqual([]);
  });

  it("maps every remedy, and lists one rule per remedy", () => {
    const base: Omit<StatuteResult, "remedy"> = {
      citation: "H&S 11361.8",
      missingFacts: [],
      reasonCode: "now-lawful",
      trace: [],
    };
    const got = (
      [
        "dismiss-and-seal",
        "redesignate-misdemeanor",
        "redesignate-infraction",
        "recall-and-resentence",
        "no-relief",
        "needs-review",
        "not-applicable",
      ] as const
    ).map((remedy) => statuteDecision({ ...base, remedy }).determination);
    expect(got).toEqual([
      "Eligible for Dismissal",
      "Eligible for Reduction",
      "Eligible for Reduction",
      "Hand Review",
      "Not eligible",
      "Hand Review",
      "Not eligible",
    ]);
    expect(STATUTE_POLICY_RULES.map((r) => r.id)).toHaveLength(7);
  });
});
