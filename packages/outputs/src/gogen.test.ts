/**
 * The original's number formatting and eligibility cells (gogen-behaviour.md §4.2, §5.2): one decimal
 * rounded from the exact binary value with ties to even (Go) rather than JavaScript's ties-up, the
 * "Occurred after 11/9/2016" boundary (strictly after), and unreadable dates.
 */
import {
  type Count,
  type LocalDate,
  type Person,
  parseCodeSection,
  parseIsoDate,
  parseYmd8,
} from "@clearance/core";
import { type Decision, viewOf } from "@clearance/law";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  eligibilityCells,
  emptyCells,
  formatOneDecimal,
  GOGEN_ELIGIBILITY_HEADER,
  PILOTS_ELIGIBILITY_HEADER,
} from "./gogen.ts";

describe("formatOneDecimal", () => {
  it.each([
    [14093 / 365.25, "38.6"],
    [-1, "-1.0"],
    [0, "0.0"],
    [0.25, "0.2"], // tie → even (JS toFixed says 0.3)
    [0.75, "0.8"],
    [-0.25, "-0.2"],
    [-0.75, "-0.8"],
    [1.25, "1.2"],
    [1.75, "1.8"],
    [2.25, "2.2"],
    [-1.25, "-1.2"],
    [2.5, "2.5"],
    [0.05, "0.1"], // not a tie: 0.05 is slightly above 0.05 in binary
    [0.15, "0.1"], // not a tie: 0.15 is slightly below 0.15 in binary
    [0.35, "0.3"], // slightly below
    [0.45, "0.5"], // slightly above
    [40.4, "40.4"],
    [1472 / 365.25, "4.0"],
  ])("%d → %s", (x, expected) => {
    expect(formatOneDecimal(x)).toBe(expected);
  });

  it("agrees with toFixed(1) whenever the value is not an exact tie", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        fc.pre(!(Number.isInteger(x * 4) && !Number.isInteger(x * 2)));
        expect(formatOneDecimal(x)).toBe(x.toFixed(1));
      }),
      { numRuns: 5000 },
    );
  });

  it("rounds exact ties k + 0.25 / k + 0.75 to the even tenth", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.boolean(),
        fc.boolean(),
        (k, quarter, negative) => {
          const x = (k + (quarter ? 0.25 : 0.75)) * (negative ? -1 : 1);
          const expected = `${negative ? "-" : ""}${k}.${quarter ? 2 : 8}`;
          expect(formatOneDecimal(x)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("years since conviction as printed: days ÷ 365.25", () => {
    const at = parseIsoDate("2019-11-11") as number;
    const years = (iso: string) => formatOneDecimal((at - (parseIsoDate(iso) as number)) / 365.25);
    expect(years("1981-04-11")).toBe("38.6");
    expect(years("1979-06-01")).toBe("40.4");
    expect(years("2015-10-31")).toBe("4.0");
    expect(years("2017-03-12")).toBe("2.7");
  });
});

function count(date: string, line = 1, section = "11358 HS"): Count {
  const value = parseYmd8(date);
  return {
    id: `1:${line}`,
    codeSection: section,
    parsed: parseCodeSection(section),
    convicted: true,
    date: { raw: date, value },
    level: "F",
    county: "SACRAMENTO",
    dispositions: [],
    sentence: [],
    sentenceEnd: value,
    flags: [],
    source: { file: "t.csv", line },
  };
}

function person(counts: Count[], extra: Partial<Person> = {}): Person {
  return {
    id: "S",
    name: "N",
    dob: { raw: "19600101", value: parseYmd8("19600101") },
    deceased: false,
    pc290Registration: false,
    cases: [{ key: "101001", caseNumbers: [], counts }],
    ...extra,
  };
}

const decision: Decision = {
  determination: "Eligible for Dismissal",
  reason: " Dismiss all HS 11358 convictions ",
  trace: [],
};
const AT = parseIsoDate("2019-11-11") as LocalDate;

function cells(
  c: Count,
  others: Count[] = [],
  flavor: "gogen" | "pilots" = "gogen",
  extra: Partial<Person> = {},
) {
  const view = viewOf(person([c, ...others], extra));
  const values = eligibilityCells(
    { view, count: c, caseNumbers: ["NULL  ", "140192"], decision, computeAt: AT },
    "",
    flavor,
  );
  const header = flavor === "gogen" ? GOGEN_ELIGIBILITY_HEADER : PILOTS_ELIGIBILITY_HEADER;
  expect(values).toHaveLength(header.length);
  return Object.fromEntries(header.map((h, i) => [h, values[i]]));
}

describe("eligibilityCells", () => {
  it.each([
    ["20161108", "N"],
    ["20161109", "N"], // 11/9/2016 itself is not after
    ["20161110", "Y"],
  ])('"Occurred after 11/9/2016" for %s is %s', (date, yn) => {
    expect(cells(count(date))["Occurred after 11/9/2016"]).toBe(yn);
  });

  it("fills the record columns like the original", () => {
    const c = count("19810411", 1);
    const row = cells(c, [count("20150519", 2, "187 PC"), count("20170312", 3, "314(1) PC")], "gogen", {
      deceased: true,
      pc290Registration: true,
    });
    expect(row).toEqual({
      "Case Number": "NULL  ; 140192",
      "# of convictions on record": "3",
      "Possible Other P64 Charges": "",
      "Occurred after 11/9/2016": "N",
      "Superstrike Code Section(s)": "187 PC",
      "PC290 Code Section(s)": "314(1) PC",
      "PC290 Registration": "Yes",
      "Date of Conviction": "04/11/1981",
      "Years Since This Conviction": "38.6",
      "Years Since Any Conviction": "2.7",
      "# of Prop 64 convictions": "1",
      "# of HS 11357 convictions": "0",
      "# of HS 11358 convictions": "1",
      "# of HS 11359 convictions": "0",
      "# of HS 11360 convictions": "0",
      Deceased: "Deceased",
      "Eligibility Determination": "Eligible for Dismissal",
      "Eligibility Reason": "Dismiss all HS 11358 convictions", // trimmed
    });
  });

  it("pilots drops the 2016 column (17 cells)", () => {
    const row = cells(count("20161110"), [], "pilots");
    expect(row["Occurred after 11/9/2016"]).toBeUndefined();
    expect(row["Date of Conviction"]).toBe("11/10/2016");
    expect(row["Superstrike Code Section(s)"]).toBe("-");
    expect(row["PC290 Registration"]).toBe("-");
    expect(row.Deceased).toBe("-");
  });

  it("an unreadable conviction date: raw text, no 2016 flag, -1.0 years (never 01/01/0001)", () => {
    const row = cells(count("20190231"));
    expect(row["Date of Conviction"]).toBe("20190231");
    expect(row["Occurred after 11/9/2016"]).toBe("");
    expect(row["Years Since This Conviction"]).toBe("-1.0");
  });

  it("rows without a record: all empty except Possible Other P64 Charges", () => {
    expect(emptyCells("11359 - flagged", "gogen")).toEqual([
      "",
      "",
      "11359 - flagged",
      ...new Array(15).fill(""),
    ]);
    expect(emptyCells("", "pilots")).toEqual(new Array(17).fill(""));
  });
});
