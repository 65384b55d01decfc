/**
 * Property tests (fast-check) for the statute pack's invariants:
 * - a conviction dated after the one judged never changes its remedy (priors are strictly earlier);
 * - removing a prior never makes the remedy less favourable (felony-retaining conditions only take away);
 * - every result and every trace entry names a citation; `needs-review` always names a missing fact.
 */
import { type Count, formatIso, fromYmd, type Level, type Person } from "@clearance/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateStatute, REMEDY_RANK, statuteFloor } from "./evaluate.ts";
import { STATUTE_FLAGS } from "./predicates.ts";
import { mkCount, mkPerson } from "./test-support.ts";
import type { StatuteResult } from "./types.ts";

const PROP64_CODES = [
  "11357(A) HS",
  "11357(B) HS",
  "11357(C) HS",
  "11357(D) HS",
  "11357(E) HS",
  "11357 HS",
  "11358 HS",
  "11359 HS",
  "11360(A) HS",
  "11360(B) HS",
  "11360 HS",
  "664/11359 HS",
  "182/11360(A) HS",
];
const OTHER_CODES = [
  "187 PC",
  "664/187 PC",
  "245(D)(3) PC",
  "261 PC",
  "207 PC",
  "243.4(A) PC",
  "288.2 PC",
  "459 PC",
  "11350 HS",
  "23152(A) VC",
  "11364 HS",
  "11358 PC",
];
const UNRELATED_CODES = ["459 PC", "23152(A) VC", "11350 HS", "484 PC", "647(F) PC", "11364 HS"];

const dayArb = (from: [number, number, number], to: [number, number, number]) =>
  fc
    .integer({ min: fromYmd(...from), max: fromYmd(...to) })
    .map((d) => formatIso(d as ReturnType<typeof fromYmd>));
const levelArb: fc.Arbitrary<Level | undefined> = fc.constantFrom("F", "M", "I", undefined);
const flagsArb = fc.subarray(Object.values(STATUTE_FLAGS), { maxLength: 2 });

const judgedArb = fc.record({
  code: fc.constantFrom(...PROP64_CODES, "459 PC"),
  date: fc.oneof(
    { weight: 9, arbitrary: dayArb([1975, 1, 1], [2018, 12, 31]) },
    { weight: 1, arbitrary: fc.constant("bad") },
  ),
  level: levelArb,
  flags: flagsArb,
  sentenceEnd: fc.option(dayArb([1976, 1, 1], [2032, 12, 31]), { nil: undefined }),
});
const otherArb = fc.record({
  code: fc.constantFrom(...PROP64_CODES, ...OTHER_CODES),
  date: fc.oneof(
    { weight: 9, arbitrary: dayArb([1970, 1, 1], [2025, 12, 31]) },
    { weight: 1, arbitrary: fc.constant("bad") },
  ),
  level: levelArb,
  sameCase: fc.boolean(),
});
const scenarioArb = fc.record({
  dob: fc.oneof(
    { weight: 9, arbitrary: dayArb([1940, 1, 1], [2002, 12, 31]) },
    { weight: 1, arbitrary: fc.constant("?") },
  ),
  judged: judgedArb,
  others: fc.array(otherArb, { maxLength: 6 }),
  pc290: fc.boolean(),
  computeAt: fc.integer({ min: fromYmd(2017, 1, 1), max: fromYmd(2030, 12, 31) }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  readonly person: Person;
  readonly judged: Count;
  readonly others: readonly Count[];
}

function build(s: Scenario, extra: readonly Count[] = [], drop?: Count): Built {
  const j = s.judged;
  const judged = mkCount(j.code, j.date, {
    flags: j.flags,
    ...(j.level ? { level: j.level } : {}),
    ...(j.sentenceEnd ? { sentenceEnd: j.sentenceEnd } : {}),
    id: "judged",
  });
  const others = s.others.map((o, i) =>
    mkCount(o.code, o.date, { ...(o.level ? { level: o.level } : {}), id: `other${i}` }),
  );
  const kept = others.filter((c) => c.id !== drop?.id);
  const same = kept.filter((c) => s.others[Number(c.id.slice("other".length))]?.sameCase);
  const separate = kept.filter((c) => !same.includes(c));
  const person = mkPerson(
    s.dob,
    [[judged, ...same], ...separate.map((c) => [c]), ...extra.map((c) => [c])],
    s.pc290,
  );
  return { person, judged, others };
}

function evalAt(b: Built, at: number): StatuteResult {
  return evaluateStatute(b.person, b.judged, at as ReturnType<typeof fromYmd>);
}

function essentials(r: StatuteResult) {
  return {
    remedy: r.remedy,
    reason: r.reasonCode,
    missing: r.missingFacts,
    possible: r.possible,
    citation: r.citation,
  };
}

describe("statute pack invariants", () => {
  it("a conviction dated after the judged one never changes its remedy", () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom(...UNRELATED_CODES, "187 PC", "243.4(A) PC", "11359 HS"),
        fc.integer({ min: 1, max: 8000 }),
        levelArb,
        (s, code, gap, level) => {
          const base = build(s);
          const d = base.judged.date.value;
          fc.pre(d !== undefined);
          // A later registrable conviction could explain a PC 290 registration; keep that out of "unrelated".
          fc.pre(!s.pc290 || UNRELATED_CODES.includes(code));
          const later = mkCount(code, formatIso((d + gap) as typeof d), {
            ...(level ? { level } : {}),
            id: "later",
          });
          const after = build(s, [later]);
          expect(essentials(evalAt(after, s.computeAt))).toEqual(essentials(evalAt(base, s.computeAt)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("removing a prior conviction never makes the remedy less favourable", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, pick) => {
        const base = build(s);
        const d = base.judged.date.value;
        const priors = base.others.filter(
          (c) => d !== undefined && c.date.value !== undefined && c.date.value < d,
        );
        fc.pre(priors.length > 0);
        const drop = priors[pick % priors.length]!;
        const withPrior = evalAt(base, s.computeAt);
        const without = evalAt(build(s, [], drop), s.computeAt);
        expect(REMEDY_RANK[statuteFloor(without)]).toBeGreaterThanOrEqual(
          REMEDY_RANK[statuteFloor(withPrior)],
        );
      }),
      { numRuns: 600 },
    );
  });

  it("a super-strike prior removed turns a felony-retained 11359 into relief", () => {
    fc.assert(
      fc.property(dayArb([1980, 1, 1], [2005, 12, 31]), (priorDate) => {
        const judged = mkCount("11359 HS", "2008-06-01", { level: "F", id: "j" });
        const strike = mkCount("187 PC", priorDate, { level: "F", id: "s" });
        const at = fromYmd(2026, 1, 1);
        const withStrike = evaluateStatute(mkPerson("1970-01-01", [[judged], [strike]]), judged, at);
        const without = evaluateStatute(mkPerson("1970-01-01", [[judged]]), judged, at);
        expect(withStrike.remedy).toBe("no-relief");
        expect(without.remedy).toBe("redesignate-misdemeanor");
      }),
      { numRuns: 50 },
    );
  });

  it("every result and trace entry names a citation; needs-review names a missing fact", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = evalAt(build(s), s.computeAt);
        expect(r.citation).toMatch(/^(H&S|PC) \d/);
        expect(r.trace.length).toBeGreaterThan(0);
        for (const t of r.trace) expect(t.citation).toMatch(/^(H&S|PC) \d/);
        if (r.remedy === "needs-review") expect(r.missingFacts.length).toBeGreaterThan(0);
        else expect(r.missingFacts).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });
});
