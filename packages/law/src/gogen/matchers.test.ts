/**
 * The original tool's code-section matchers (gogen-behaviour.md §3): every positive and negative the
 * spec lists for Prop 64 (§3.1), the 11357 sub-section extractor (§3.3), related charges (§3.4),
 * super strikes incl. gang-enhancement forms (§3.6), gang pairs (§3.7), PC 290 offences (§3.8), the
 * observed edge cases (§3.9) and the 11 "Possible Other P64 Charges" pairs (§5.3).
 */
import type { Count, Person } from "@clearance/core";
import { parseCodeSection } from "@clearance/core";
import { describe, expect, it } from "vitest";
import { gangPairs, superstrikeSections, superstrikeSectionsPilots, viewOf } from "../policies/view.ts";
import {
  isGangEnhanceable,
  isGangEnhancement,
  isPc290OffenseGogen,
  isSuperstrikeGogen,
  matchesBaselineKey,
  possibleOtherP64,
  prop64Section,
  relatedChargeGogen,
  subsection11357,
} from "./matchers.ts";

describe("prop64Section (§3.1)", () => {
  it.each([
    ["11358(c) HS", "11358"],
    ["/11357 HS", "11357"],
    ["11358 PC", "11358"],
    ["11357HS", "11357"],
    ["11357(A)", "11357"],
    ["11357(A)PC", "11357"],
    ["11359 HS", "11359"],
    ["11360 HS", "11360"],
    // Attempts are found only because matching is unanchored.
    ["664.11357(c) HS", "11357"],
    ["66411357(c) HS", "11357"],
    ["664-11357(c) HS", "11357"],
    ["664/11357(c) HS", "11357"],
    // Conspiracy with an object section.
    ["182/11359", "11359"],
    // False positives by construction.
    ["211357 PC", "11357"],
    ["113570 HS", "11357"],
    ["11360.5 HS", "11360"],
    // Leftmost match wins.
    ["11360/11357 HS", "11360"],
  ])("%j is Prop 64 section %s", (text, section) => {
    expect(prop64Section(text)).toBe(section);
  });

  it.each([
    "12345(c) HS",
    "647(f) HS",
    "4050.6 BP",
    "14859 PC",
    "182(A)(1) PC",
    "",
    // Related charges are never Prop 64.
    "647(f) PC",
    "148.9 PC",
    "4060    BP",
    "--40508 VC--",
    "1320(a) PC",
    "11364 HS",
    "11550 HS",
  ])("%j is not Prop 64", (text) => {
    expect(prop64Section(text)).toBeUndefined();
  });
});

describe("matchesBaselineKey (§3.2)", () => {
  it.each([
    ["11357(C)HS", "11357", true],
    ["66411357(A) HS", "11357", true],
    ["11358 PC", "11358", true],
    ["11359(B) HS", "11359", true],
    ["11360.5 HS", "11360", true],
    ["11358 HS", "11357", false],
    ["11359 HS", "11360", false],
    ["1135 HS", "11357", false],
  ] as const)("%j contains key %s: %s", (text, key, expected) => {
    expect(matchesBaselineKey(text, key)).toBe(expected);
  });
});

describe("subsection11357 (§3.3)", () => {
  it.each([
    ["11357(A)", "A"],
    ["11357(B)", "B"],
    ["11357(C)", "C"],
    ["11357(D)", "D"],
    ["Some Prefix 11357(C) Some Suffix", "C"],
    ["11357(C)HS", "C"],
  ])("%j → %s", (text, letter) => {
    expect(subsection11357(text)).toBe(letter);
  });

  it.each(["11357", "11357(b)", "11357B2", "11357(E)", "647(f) HS", "11358(A)", "11357 (A)"])(
    "%j → none",
    (text) => {
      expect(subsection11357(text)).toBeUndefined();
    },
  );
});

describe("relatedChargeGogen (§3.4)", () => {
  it.each([
    ["647(f) PC", "647(f) PC"],
    ["602 PC", "602 PC"],
    ["466 PC", "466 PC"],
    ["148.9 PC", "148.9 PC"],
    ["148 PC", "148 PC"],
    ["1148 PC", "148 PC"],
    ["11364 HS", "11364 HS"],
    ["11550 HS", "11550 HS"],
    ["4140 BP", "4140 BP"],
    ["4149 BP", "4149 BP"],
    ["4149 BP ", "4149 BP"],
    ["4060    BP", "4060    BP"],
    ["4060BP", "4060BP"],
    ["--40508 VC--", "40508 VC"],
    ["1320(a) PC", "1320(a) PC"],
    ["1320 PC", "1320 PC"],
  ])("%j is related, reported as %j", (text, matched) => {
    expect(relatedChargeGogen(text)).toBe(matched);
  });

  it.each([
    "647(F) PC", // DOJ's upper-case form never matches (defect kept for compatibility)
    "602(L) PC",
    "148(A) PC",
    "148.9(A) PC",
    "11364(A) HS",
    "11550(A) HS",
    "40508(A) VC",
    "1320.5 PC",
    "11358(c) HS",
    "/11357 HS",
    "12345(c) HS",
    "4050.6 BP",
    "14859 PC",
    "",
  ])("%j is not related", (text) => {
    expect(relatedChargeGogen(text)).toBeUndefined();
  });

  it("never reports a Prop 64 section as related, even when a related pattern also matches", () => {
    expect(relatedChargeGogen("11359/466 PC")).toBeUndefined();
  });
});

// §3.6 "Asserted by tests — superstrikes".
const SUPERSTRIKES = [
  "187 PC",
  "189 PC",
  "189.1 PC",
  "189.5 PC",
  "190 PC",
  "190.03 PC",
  "190.2(A)(4) PC",
  "190.25(B) PC",
  "191 PC",
  "191.5 PC",
  "205 PC",
  "207 PC",
  "209 PC",
  "209.5 PC",
  "217.1 PC",
  "218 PC",
  "219 PC",
  "220 PC",
  "245(D)(3) PC",
  "261(A)(2) PC",
  "262(A)(4) PC",
  "262 PC",
  "264.1 PC",
  "269 PC",
  "273AB PC",
  "273AB(A) PC",
  "286(C)(2)(A) PC",
  "286(C)(1) PC",
  "286(C)(2)(B) PC",
  "286(C)(2)(C) PC",
  "286(C)(3) PC",
  "286(D)(1) PC",
  "286(D)(2) PC",
  "286(D)(3) PC",
  "286 PC",
  "287 PC",
  "288 PC",
  "288(A) PC",
  "288(B)(1) PC",
  "288(B)(2) PC",
  "288A PC",
  "288A(C)(1) PC",
  "288A(C)(2)(A) PC",
  "288A(C)(2)(B) PC",
  "288A(C)(2)(C) PC",
  "288A(D) PC",
  "288.5 PC",
  "288.5(A) PC",
  "289(A)(1)(A) PC",
  "289(A)(1)(B) PC",
  "289(A)(1)(C) PC",
  "289(A)(2)(C) PC",
  "289(J) PC",
  "289 PC",
  "451.5 PC",
  "653F PC",
  "667.61 PC",
  "667.7 PC",
  "667.71 PC",
  "4500 PC",
  "11418(A)(1) PC",
  "11418(B)(1) PC",
  "11418(B)(2) PC",
  "12308 PC",
  "12310 PC",
  "18745 PC",
  "18755 PC",
  "1672(A) MV",
  // Patterns 1, 2 and 6 of the table, not in the asserted list.
  "37 PC",
  "128 PC",
  "188 PC",
];

// §3.6 "with gang enhancement".
const GANG_SUPERSTRIKES = [
  "246/186.22(B)(4) PC",
  "519-186.22(B)(4) PC",
  "136.1/186.22(B)(4) PC",
  "136.1-186.22(B)(4) PC",
  "136.1+186.22(B)(4) PC",
  "215 + 186.22(B)(4) PC",
  "12022.55 + 186.22(B)(4) PC",
  "213(A)(1)(A) + 186.22(B)(4) PC",
  "213(A)(1)(A)/186.22(B)(4) PC",
  "186.22(B)(4)/136.1 PC",
  "186.22(B)(4)-136.1 PC",
  "186.22(B)(4)+136.1 PC",
  "186.22(B)(4)-213(A)(1)(A) PC",
  "186.22(B)(4)/12022.55 PC",
  "186.22(B)(4)-246 PC",
];

// §3.6 "Not superstrikes".
const NOT_SUPERSTRIKES = [
  "186.22(B)(3)+136.1 PC",
  "186.22(A)+136.1 PC",
  "186.22(B)(4) PC",
  "136.1 PC",
  "189.2 PC",
  "1900 PC",
  "190.123 PC",
  "191(A) PC",
  "191.55 PC",
  "205.1 PC",
  "209.6 PC",
  "246 PC",
  "12022.5 PC",
  "217.1(A) PC",
  "245 PC",
  "261.5 PC",
  "264.11 PC",
  "273 PC",
  "273(A) PC",
  "273A(B)",
  "286(C)(4)(A) PC",
  "286(E)(2)(B) PC",
  "286(C) PC",
  "288(B) PC",
  "288(A)(C)(1) PC",
  "288B PC",
  "289(A)(2)(A) PC",
  "451.1 PC",
  "653(F) PC",
  "667.6 PC",
  "667.72 PC",
  "667 PC",
  "667/664 PC",
  "4500(A) PC",
  "11418(A)(2) PC",
  "18745(A) PC",
  "1672(B) MV",
];

describe("isSuperstrikeGogen (§3.6)", () => {
  it.each(SUPERSTRIKES)("%j is a super strike", (text) => {
    expect(isSuperstrikeGogen(text)).toBe(true);
  });

  it.each(GANG_SUPERSTRIKES)("%j (offence with gang enhancement) is a super strike", (text) => {
    expect(isSuperstrikeGogen(text)).toBe(true);
  });

  it.each(NOT_SUPERSTRIKES)("%j is not a super strike", (text) => {
    expect(isSuperstrikeGogen(text)).toBe(false);
  });

  it("matches case-sensitively (DOJ data is upper case)", () => {
    expect(isSuperstrikeGogen("187 pc")).toBe(false);
    expect(isSuperstrikeGogen("653f PC")).toBe(false);
  });
});

describe("gang enhancement helpers (§3.7)", () => {
  it.each([
    ["186.22(B)(4) PC", true],
    ["186.22(B)(3) PC", false],
    ["186.22(A) PC", false],
    ["136.1 PC", false],
  ])("isGangEnhancement(%j) = %s", (text, expected) => {
    expect(isGangEnhancement(text)).toBe(expected);
  });

  it.each([
    ["136.1 PC", true],
    ["215 PC", true],
    ["213(A)(1)(A) PC", true],
    ["246 PC", true],
    ["519 PC", true],
    ["12022.55 PC", true],
    ["213(A)(1)(B) PC", false],
    ["186.22(B)(4) PC", false],
    ["136.1 HS", false],
  ])("isGangEnhanceable(%j) = %s", (text, expected) => {
    expect(isGangEnhanceable(text)).toBe(expected);
  });
});

let line = 0;
function conviction(codeSection: string): Count {
  line++;
  return {
    id: `1:${line}`,
    codeSection,
    parsed: parseCodeSection(codeSection),
    convicted: true,
    date: { raw: "20100101", value: undefined },
    level: "F",
    county: "LOS ANGELES",
    dispositions: [],
    sentence: [],
    sentenceEnd: undefined,
    flags: [],
    source: { file: "t.csv", line },
  };
}

/** A person whose convictions are grouped by case key = CNT_ORDER[0:6], in the given (source) order. */
function personWith(counts: readonly [countOrder: string, codeSection: string][]): Person {
  const cases = new Map<string, Count[]>();
  for (const [order, section] of counts) {
    const key = order.slice(0, 6);
    const list = cases.get(key) ?? [];
    list.push(conviction(section));
    cases.set(key, list);
  }
  return {
    id: "subj",
    name: "TEST,PERSON",
    dob: { raw: "19940410", value: undefined },
    deceased: false,
    pc290Registration: false,
    cases: [...cases].map(([key, list]) => ({ key, caseNumbers: [], counts: list })),
  };
}

describe("gang-enhancement pairs via the view helpers (§3.7)", () => {
  it("pairs an enhanceable offence with the enhancement in the same case key", () => {
    const view = viewOf(
      personWith([
        ["102001003300", "186.22(B)(4) PC"],
        ["102001003301", "136.1 PC"],
      ]),
    );
    expect(gangPairs(view)).toEqual(["136.1 PC + 186.22(B)(4) PC"]);
    expect(superstrikeSectionsPilots(view)).toEqual(["136.1 PC + 186.22(B)(4) PC"]);
    // gogen (not pilots) does not know pairs: neither conviction is a super strike on its own.
    expect(superstrikeSections(view)).toEqual([]);
  });

  it("does not pair across case keys (different step)", () => {
    const view = viewOf(
      personWith([
        ["102001003300", "186.22(B)(4) PC"],
        ["102002003301", "136.1 PC"],
      ]),
    );
    expect(gangPairs(view)).toEqual([]);
    expect(superstrikeSectionsPilots(view)).toEqual([]);
  });

  it("pairs every enhanceable offence of the case with the enhancement", () => {
    const view = viewOf(
      personWith([
        ["103001001000", "215 PC"],
        ["103001002000", "186.22(B)(4) PC"],
        ["103001003000", "246 PC"],
      ]),
    );
    expect(gangPairs(view)).toEqual(["215 PC + 186.22(B)(4) PC", "246 PC + 186.22(B)(4) PC"]);
  });

  it("lists two identical super strikes once in pilots, twice in gogen", () => {
    const view = viewOf(
      personWith([
        ["101001001000", "451.5 PC"],
        ["102001001000", "451.5 PC"],
      ]),
    );
    expect(superstrikeSectionsPilots(view)).toEqual(["451.5 PC"]);
    expect(superstrikeSections(view)).toEqual(["451.5 PC", "451.5 PC"]);
  });

  it("adds pairs after the single-section super strikes", () => {
    const view = viewOf(
      personWith([
        ["101001001000", "136.1 PC"],
        ["101001002000", "186.22(B)(4) PC"],
        ["102001001000", "187 PC"],
      ]),
    );
    expect(superstrikeSectionsPilots(view)).toEqual(["187 PC", "136.1 PC + 186.22(B)(4) PC"]);
  });
});

// §3.8 asserted PC 290 / not PC 290.
const PC290 = [
  "236.1(B) PC",
  "236.1(B)(C) PC",
  "236.1(B)(1) PC",
  "236.1(C) PC",
  "236.1(C)(A) PC",
  "243.4(A) PC",
  "243.4(A)(C) PC",
  "261 PC",
  "261B PC",
  "262(A) PC",
  "262(A)(1) PC",
  "264.1 PC",
  "266 PC",
  "266C PC",
  "266H(B) PC",
  "267 PC",
  "269 PC",
  "269.8 PC",
  "272 PC",
  "285 PC",
  "286 PC",
  "287 PC",
  "288 PC",
  "288A PC",
  "288.2 PC",
  "288.3 PC",
  "288.4 PC",
  "288.5 PC",
  "288.7 PC",
  "289 PC",
  "311.1 PC",
  "311.2(B) PC",
  "311.2(C) PC",
  "311.2(D) PC",
  "311.3 PC",
  "311.4 PC",
  "311.10 PC",
  "311.11 PC",
  "314(1) PC",
  "314(2) PC",
  "451.5 PC",
  "647.6B PC",
  "647A PC",
  "653F(B) PC",
  "653F(C) PC",
  // Table patterns not in the asserted list.
  "266I(B) PC",
  "266J PC",
];

const NOT_PC290 = [
  "236.1(A) PC",
  "236.1B PC",
  "236.2(B) PC",
  "236.1(D)(B) PC",
  "243 PC",
  "262 PC",
  "264.11 PC",
  "266.5 PC",
  "266(C) PC",
  "266J(A) PC",
  "266J.11 PC",
  "266(J) PC",
  "267A PC",
  "2677 PC",
  "2699 PC",
  "288.6",
  "291 PC",
  "2434 PC",
  "24 PC",
  "647(A) PC",
  "647.1(A) PC",
  "6477A PC",
  "653F PC",
  // The registration step itself is not a PC 290 offence.
  "290 PC",
];

describe("isPc290OffenseGogen (§3.8)", () => {
  it.each(PC290)("%j is a PC 290 offence", (text) => {
    expect(isPc290OffenseGogen(text)).toBe(true);
  });

  it.each(NOT_PC290)("%j is not a PC 290 offence", (text) => {
    expect(isPc290OffenseGogen(text)).toBe(false);
  });
});

describe("observed edge cases (§3.9)", () => {
  // code section, Prop 64 section, related text, super strike, PC 290
  it.each([
    ["137 PC", undefined, undefined, true, false],
    ["1187 PC", undefined, undefined, true, false],
    ["664/187 PC", undefined, undefined, true, false],
    ["187(A) PC", undefined, undefined, false, false],
    ["1261 PC", undefined, undefined, true, true],
    ["261.5 PC", undefined, undefined, false, true],
    ["1288 PC", undefined, undefined, true, true],
    ["211357 PC", "11357", undefined, false, false],
    ["113570 HS", "11357", undefined, false, false],
    ["11360.5 HS", "11360", undefined, false, false],
    ["11357(b)HS", "11357", undefined, false, false],
    ["647(F) PC", undefined, undefined, false, false],
    ["1148 PC", undefined, "148 PC", false, false],
    ["220 PC", undefined, undefined, true, false],
    ["266 PC", undefined, undefined, false, true],
    ["314(1) PC", undefined, undefined, false, true],
    ["290 PC", undefined, undefined, false, false],
  ])("%j: Prop 64 %s, related %s, super strike %s, PC 290 %s", (text, p64, related, superstrike, pc290) => {
    expect(prop64Section(text)).toBe(p64);
    expect(relatedChargeGogen(text)).toBe(related);
    expect(isSuperstrikeGogen(text)).toBe(superstrike);
    expect(isPc290OffenseGogen(text)).toBe(pc290);
  });

  it("11357(b)HS has no sub-section for the extractor (lower case)", () => {
    expect(subsection11357("11357(b)HS")).toBeUndefined();
  });
});

describe('possibleOtherP64 — "Possible Other P64 Charges" (§5.3)', () => {
  it.each([
    ["912", "11357(A)", "11357(A)"],
    ["11350", "11357(A)", "11357(A)"],
    ["", "11357(A)", ""],
    ["SEE COMMENT FOR CHARGE", "11357(A)", ""],
    ["11358", "11359", "11359"],
    ["11357(A)", "11358", "11358"],
    ["11358", "11357(C)", "11357(C)"],
    ["11357(A)", "11357(C)", "11357(C)"],
    ["11357(D)", "11357(B)", "11357(B)"],
    ["11357(A)", "11357(B)", ""],
    ["11357(D)", "11357(C)", ""],
  ])("(O %j, C %j) → %j", (offense, comment, expected) => {
    expect(possibleOtherP64(offense, comment)).toBe(expected);
  });

  it.each([
    // Blank-after-trim offence: the comment is already the charge.
    ["   ", "11358", ""],
    // The comment names no Prop 64 number.
    ["11358 HS-CULTIVATE", "THIS IS A COMMENT", ""],
    // Same non-11357 section.
    ["11358 HS-CULTIVATE", "11358 - same", ""],
    // Only the comment has a sub-section.
    ["11357 HS", "11357(D) - X", "11357(D) - X"],
    // Only the offence has one.
    ["11357(A) HS", "11357 HS", ""],
    // Output is the comment verbatim.
    [
      "466 PC-SOMETHING",
      "11358 - should be flagged as it's different from OFFENSE_DESCR",
      "11358 - should be flagged as it's different from OFFENSE_DESCR",
    ],
  ])("further rule: (O %j, C %j) → %j", (offense, comment, expected) => {
    expect(possibleOtherP64(offense, comment)).toBe(expected);
  });
});
