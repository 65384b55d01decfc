/**
 * results.ndjson's statute trace is written from cached parts (`statuteTraceJson`); it must be the same
 * text `JSON.stringify` gives for the entries kept, whatever the rules, outcomes and facts.
 */
import { STATUTE_RULES, type StatuteTraceEntry } from "@clearance/law";
import { describe, expect, it } from "vitest";
import { statuteTraceJson } from "./explain.ts";

/** The filter as the file format states it, written independently of the code under test. */
function expected(trace: readonly StatuteTraceEntry[], section: string | undefined): string {
  return JSON.stringify(
    trace.filter((t) => {
      if (t.outcome !== "not-fired") return true;
      const m = /^hs(1135[789]|11360)\./.exec(t.ruleId);
      return !m || m[1] === section;
    }),
  );
}

/** A small deterministic generator (no wall clock, no Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FACT_VALUES: readonly unknown[] = [
  "A",
  25,
  true,
  null,
  ["393749", "CASE-2"],
  [],
  'quote " backslash \\ tab \t',
  "accents é ü and ☃",
  { nested: { deeper: [1, "x"] } },
  "19731219",
];

describe("statuteTraceJson", () => {
  it("writes exactly what JSON.stringify writes for the kept entries", () => {
    const next = rng(2016);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const outcomes = ["fired", "not-fired", "unknown"] as const;
    const sections = [undefined, "11357", "11358", "11359", "11360", "11362"];
    let kept = 0;
    let dropped = 0;
    for (let n = 0; n < 400; n++) {
      const trace: StatuteTraceEntry[] = [];
      const length = Math.floor(next() * 30);
      for (let i = 0; i < length; i++) {
        const rule = pick(STATUTE_RULES);
        const facts: Record<string, unknown> = {};
        const nFacts = Math.floor(next() * 4);
        for (let f = 0; f < nFacts; f++)
          facts[pick(["subsection", "age", "flag", "priorCases", "x y"])] = pick(FACT_VALUES);
        trace.push(
          nFacts === 0
            ? { ruleId: rule.id, citation: rule.citation, outcome: pick(outcomes) }
            : { ruleId: rule.id, citation: rule.citation, outcome: pick(outcomes), facts },
        );
      }
      const section = pick(sections);
      const want = expected(trace, section);
      expect(statuteTraceJson(trace, section)).toBe(want);
      const keptHere = (JSON.parse(want) as unknown[]).length;
      kept += keptHere;
      dropped += trace.length - keptHere;
    }
    // Both branches of the filter were exercised.
    expect(kept).toBeGreaterThan(1000);
    expect(dropped).toBeGreaterThan(1000);
  });

  it("keeps a rule id seen with another citation apart (the cache is by rule and citation)", () => {
    const a: StatuteTraceEntry = { ruleId: "scope.x", citation: "H&S 11361.8(a)", outcome: "fired" };
    const b: StatuteTraceEntry = { ruleId: "scope.x", citation: "H&S 11361.8(e)", outcome: "fired" };
    expect(statuteTraceJson([a, b, a], undefined)).toBe(JSON.stringify([a, b, a]));
  });

  it("writes an empty trace as []", () => {
    expect(statuteTraceJson([], "11357")).toBe("[]");
  });
});
