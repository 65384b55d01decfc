/**
 * parseCodeSection: the ways DOJ data and rap sheets write a code section (glued codes, padding,
 * attempt and conspiracy prefixes, glued sub-sections, letter-suffixed PC sections), and the promise
 * that no input makes it throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSection, parseCodeSection } from "./code-section.ts";

type Expected = {
  code: string | undefined;
  section: string | undefined;
  subsections: string[];
  attempt: boolean;
  conspiracy: boolean;
};

describe("parseCodeSection", () => {
  it.each<[string, Expected]>([
    ["11357(C)HS", { code: "HS", section: "11357", subsections: ["C"], attempt: false, conspiracy: false }],
    [" 11358 HS ", { code: "HS", section: "11358", subsections: [], attempt: false, conspiracy: false }],
    ["664-11359 HS", { code: "HS", section: "11359", subsections: [], attempt: true, conspiracy: false }],
    [
      "664/11357(C) HS",
      { code: "HS", section: "11357", subsections: ["C"], attempt: true, conspiracy: false },
    ],
    [
      "66411357(A) HS",
      { code: "HS", section: "11357", subsections: ["A"], attempt: true, conspiracy: false },
    ],
    [
      "664.11357(c) HS",
      { code: "HS", section: "11357", subsections: ["C"], attempt: true, conspiracy: false },
    ],
    [
      "182(A)(1) PC",
      { code: "PC", section: "182", subsections: ["A", "1"], attempt: false, conspiracy: true },
    ],
    ["182/11359 HS", { code: "HS", section: "11359", subsections: [], attempt: false, conspiracy: true }],
    [
      "11360A2 HS",
      { code: "HS", section: "11360", subsections: ["A", "2"], attempt: false, conspiracy: false },
    ],
    ["11360A HS", { code: "HS", section: "11360", subsections: ["A"], attempt: false, conspiracy: false }],
    [
      "11357B2 HS",
      { code: "HS", section: "11357", subsections: ["B", "2"], attempt: false, conspiracy: false },
    ],
    ["11357HS", { code: "HS", section: "11357", subsections: [], attempt: false, conspiracy: false }],
    ["11357 HS", { code: "HS", section: "11357", subsections: [], attempt: false, conspiracy: false }],
    ["11357(b) hs", { code: "HS", section: "11357", subsections: ["B"], attempt: false, conspiracy: false }],
    ["288A PC", { code: "PC", section: "288A", subsections: [], attempt: false, conspiracy: false }],
    ["273AB PC", { code: "PC", section: "273AB", subsections: [], attempt: false, conspiracy: false }],
    ["653F PC", { code: "PC", section: "653F", subsections: [], attempt: false, conspiracy: false }],
    [
      "190.2(A)(4) PC",
      { code: "PC", section: "190.2", subsections: ["A", "4"], attempt: false, conspiracy: false },
    ],
    ["1672(A) MV", { code: "MV", section: "1672", subsections: ["A"], attempt: false, conspiracy: false }],
    ["503 VC", { code: "VC", section: "503", subsections: [], attempt: false, conspiracy: false }],
    ["4149 BP ", { code: "BP", section: "4149", subsections: [], attempt: false, conspiracy: false }],
    ["664 PC", { code: "PC", section: "664", subsections: [], attempt: false, conspiracy: false }],
  ])("%j", (raw, expected) => {
    const p = parseCodeSection(raw);
    expect(p.raw).toBe(raw);
    expect({
      code: p.code,
      section: p.section,
      subsections: [...p.subsections],
      attempt: p.attempt,
      conspiracy: p.conspiracy,
    }).toEqual(expected);
  });

  it('"484(A)/490.5 PC": the first section and its sub-section', () => {
    const p = parseCodeSection("484(A)/490.5 PC");
    expect(p.section).toBe("484");
    expect(p.subsections).toEqual(["A"]);
    expect(p.attempt).toBe(false);
    expect(p.conspiracy).toBe(false);
  });

  it.each(["garbage", "", "   ", "  -  ", "SEE COMMENT FOR CHARGE", "HS", "PC-RESISTING", "(A)(1) PC"])(
    "%j has no section",
    (raw) => {
      const p = parseCodeSection(raw);
      expect(p.section).toBeUndefined();
      expect(p.subsections).toEqual([]);
      expect(p.attempt).toBe(false);
    },
  );

  it("a code without a section is still named", () => {
    expect(parseCodeSection("HS").code).toBe("HS");
  });
});

describe("formatSection", () => {
  it.each([
    ["11357(C)HS", "HS 11357(c)"],
    ["664-11359 HS", "PC 664/HS 11359"],
    ["182/11359 HS", "PC 182/HS 11359"],
    ["182(A)(1) PC", "PC 182(a)(1)"],
    ["11360A2 HS", "HS 11360(a)(2)"],
    ["288A PC", "PC 288A"],
    [" garbage ", "garbage"],
  ])("%j → %j", (raw, formatted) => {
    expect(formatSection(parseCodeSection(raw))).toBe(formatted);
  });
});

describe("properties", () => {
  const sectionLike = fc
    .array(
      fc.constantFrom(
        "1",
        "3",
        "5",
        "7",
        "0",
        "664",
        "182",
        "11357",
        "(",
        ")",
        "(A)",
        "(1)",
        ".",
        "/",
        "-",
        "+",
        " ",
        "A",
        "B",
        "F",
        "HS",
        "PC",
        "VC",
        "\t",
        "\u00a0",
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(""));

  it("never throws and keeps the raw text, for arbitrary strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), sectionLike),
        (raw) => {
          const p = parseCodeSection(raw);
          expect(p.raw).toBe(raw);
          expect(typeof p.attempt).toBe("boolean");
          expect(typeof p.conspiracy).toBe("boolean");
          if (p.section !== undefined) expect(p.section).toMatch(/^\d/);
          for (const s of p.subsections) expect(s).toBe(s.toUpperCase());
          expect(() => formatSection(p)).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("text without a digit has no section", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !/\d/.test(s)),
        (raw) => {
          expect(parseCodeSection(raw).section).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("surrounding white space does not change the parse", () => {
    fc.assert(
      fc.property(
        sectionLike,
        fc.constantFrom("", " ", "  ", "\t"),
        fc.constantFrom("", " ", "   "),
        (core, pre, post) => {
          const a = parseCodeSection(core);
          const b = parseCodeSection(`${pre}${core}${post}`);
          expect({ ...b, raw: core }).toEqual({ ...a, raw: core });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
