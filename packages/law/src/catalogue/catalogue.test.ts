import { type Case, parseCodeSection } from "@clearance/core";
import { describe, expect, it } from "vitest";
import { mkCount } from "../statute/test-support.ts";
import { pc290Match } from "./pc290.ts";
import { prop64OffenceSection } from "./prop64-offences.ts";
import { possibleRelatedCounts, relatedCharge } from "./related-charges.ts";
import { superStrikeMatch } from "./super-strikes.ts";

const ss = (code: string) => superStrikeMatch(parseCodeSection(code)).value;

describe("PC 667(e)(2)(C)(iv) super strikes", () => {
  it.each([
    ["187 PC", "(IV) homicide"],
    ["664/187 PC", "(IV) attempted homicide"],
    ["190.2(A)(4) PC", "(IV) PC 187–191.5 range"],
    ["191.5 PC", "(IV) upper end of the range"],
    ["245(D)(3) PC", "(VI)"],
    ["11418(A)(1) PC", "(VII)"],
    ["653F(B) PC", "(V)"],
    ["288(A) PC", "(III)"],
    ["286(C)(1) PC", "(II)"],
    ["289(J) PC", "(II)"],
    ["261(A)(2) PC", "(I) force"],
    ["264.1 PC", "(I) in concert"],
    ["273AB PC", "(VIII) life"],
    ["1672(A) MV", "(VIII) as listed by gogen"],
  ])("%s is definite — %s", (code) => {
    expect(ss(code)).toBe(true);
  });

  it.each([
    ["261 PC", "(I) force not shown"],
    ["207 PC", "(I) intent not shown"],
    ["288 PC", "(III)/(I) subdivision not shown"],
    ["653F PC", "(V) subdivision not shown"],
    ["186.22(B)(4) PC", "(VIII) underlying felony not shown"],
    ["187", "no code written"],
    ["182/187 PC", "conspiracy"],
  ])("%s is possible — %s", (code) => {
    expect(ss(code)).toBe("unknown");
  });

  it.each([
    ["137 PC", "gogen's unanchored `37 PC` false positive"],
    ["1187 PC", "not in 187–191.5"],
    ["192 PC", "manslaughter outside the range"],
    ["245 PC", "plain ADW"],
    ["245(A)(1) PC", "plain ADW"],
    ["653F(A) PC", "other solicitation"],
    ["217.1(A) PC", "assault on an official"],
    ["11418(A)(2) PC", "other WMD subdivision"],
    ["187 VC", "other code"],
    ["459 PC", "unlisted"],
  ])("%s is not a super strike — %s", (code) => {
    expect(ss(code)).toBe(false);
  });
});

describe("PC 290(c) registrable offences", () => {
  it.each([
    ["243.4(A) PC", "M", true],
    ["261 PC", "F", true],
    ["314(1) PC", "M", true],
    ["311.2(B) PC", "F", true],
    ["664/288 PC", "F", true],
    ["288.2 PC", "F", true],
    ["288.2 PC", "M", false],
    ["288.2 PC", undefined, "unknown"],
    ["286(B) PC", "F", "unknown"],
    ["236.1(A) PC", "F", false],
    ["314 PC", "M", "unknown"],
    ["647.6 PC", "M", true],
    ["290 PC", "F", false],
    ["647(A) PC", "M", false],
  ] as const)("%s (%s) → %s", (code, level, expected) => {
    expect(pc290Match(parseCodeSection(code), level).value).toBe(expected);
  });
});

describe("Prop 64 offence sections", () => {
  it.each([
    ["11357(A) HS", "11357"],
    ["11358 HS", "11358"],
    ["664/11359 HS", "11359"],
    ["11360", "11360"],
    ["11358 PC", undefined],
    ["11360.5 HS", undefined],
    ["113570 HS", undefined],
  ])("%s → %s", (code, expected) => {
    expect(prop64OffenceSection(parseCodeSection(code))).toBe(expected);
  });
});

describe("related charges (possible plea bargains)", () => {
  it.each([
    ["11364 HS", "11364"],
    ["11364(A) HS", "11364"],
    ["11366 HS", "11366"],
    ["4060 BP", "4060"],
    ["32 PC", "32"],
    ["647(F) PC", "647"],
    ["647(f) PC", "647"],
    ["148(A)(1) PC", "148"],
    ["40508(A) VC", "40508"],
  ])("%s is related (%s)", (code, section) => {
    expect(relatedCharge(code)?.section).toBe(section);
  });

  it.each(["11357 HS", "647(A) PC", "647 PC", "11350 HS", "1148 PC", "664/11364 HS", "32 VC"])(
    "%s is not related",
    (code) => {
      expect(relatedCharge(code)).toBeUndefined();
    },
  );

  it("reports convicted related counts only in a case with a Prop 64 conviction", () => {
    const p64 = mkCount("11359 HS", "2010-01-01", { level: "F", id: "a" });
    const rel = mkCount("11364 HS", "2010-01-01", { level: "M", id: "b" });
    const relDismissed = mkCount("32 PC", "2010-01-01", { convicted: false, id: "c" });
    const withP64: Case = { key: "k1", caseNumbers: [], counts: [p64, rel, relDismissed] };
    const without: Case = { key: "k2", caseNumbers: [], counts: [rel] };
    const found = possibleRelatedCounts(withP64);
    expect(found.map((f) => [f.code, f.count.id, f.prop64CountIds])).toEqual([
      ["possible-related", "b", ["a"]],
    ]);
    expect(possibleRelatedCounts(without)).toEqual([]);
  });
});
