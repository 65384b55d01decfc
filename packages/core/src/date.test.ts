/**
 * LocalDate: the date boundaries of gogen-behaviour.md §2.4, the DOJ `YYYYMMDD` parser (§1.4, without
 * the original's year-0001 default), and property tests against temporal-polyfill over 1900–2100.
 * Temporal is only an oracle here; its `add({ years })` clamps Feb 29 to Feb 28 where ours (the
 * original's Go rule) rolls over to Mar 1, and the comparison accounts for exactly that.
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addYears,
  daysInMonth,
  formatIso,
  formatMdy,
  fromYmd,
  fullYearsBetween,
  isLeapYear,
  isValidYmd,
  type LocalDate,
  PROP64_EFFECTIVE,
  parseIsoDate,
  parseYmd8,
  toYmd,
  yearsBetween,
} from "./date.ts";

const d = (iso: string): LocalDate => {
  const v = parseIsoDate(iso);
  if (v === undefined) throw new Error(`bad test date ${iso}`);
  return v;
};

describe("fromYmd / toYmd", () => {
  it("counts days from 1970-01-01", () => {
    expect(fromYmd(1970, 1, 1)).toBe(0);
    expect(fromYmd(1970, 1, 2)).toBe(1);
    expect(fromYmd(1969, 12, 31)).toBe(-1);
    expect(fromYmd(2000, 3, 1) - fromYmd(2000, 2, 28)).toBe(2);
    expect(fromYmd(1900, 3, 1) - fromYmd(1900, 2, 28)).toBe(1);
  });

  it("round-trips", () => {
    expect(toYmd(fromYmd(2016, 2, 29))).toEqual({ year: 2016, month: 2, day: 29 });
    expect(toYmd(fromYmd(1, 1, 1))).toEqual({ year: 1, month: 1, day: 1 });
  });
});

describe("calendar helpers", () => {
  it.each([
    [2016, true],
    [2000, true],
    [1900, false],
    [2100, false],
    [2019, false],
  ])("isLeapYear(%i) = %s", (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it("validates dates", () => {
    expect(isValidYmd(2016, 2, 29)).toBe(true);
    expect(isValidYmd(2019, 2, 29)).toBe(false);
    expect(isValidYmd(2019, 4, 31)).toBe(false);
    expect(isValidYmd(2019, 0, 1)).toBe(false);
    expect(isValidYmd(2019, 13, 1)).toBe(false);
    expect(isValidYmd(2019, 1, 0)).toBe(false);
    expect(isValidYmd(2019, 1.5, 1)).toBe(false);
  });
});

describe("parseYmd8 (DOJ YYYYMMDD, §1.4)", () => {
  it.each([
    ["19600314", "1960-03-14"],
    ["20160229", "2016-02-29"],
    ["19991231", "1999-12-31"],
    ["00010101", "0001-01-01"],
  ])("%j → %s", (text, iso) => {
    const v = parseYmd8(text);
    expect(v).toBeDefined();
    expect(formatIso(v as LocalDate)).toBe(iso);
  });

  it.each([
    ["blank", ""],
    ["spaces", "        "],
    ["seven digits", "1980010"],
    ["nine digits", "198001011"],
    ["month 00", "19800000"],
    ["day 00", "19800100"],
    ["month 13", "19801301"],
    ["31 February", "20190231"],
    ["29 February in a common year", "20190229"],
    ["trailing text", "19800101X"],
    ["trailing space", "19800101 "],
    ["leading space", " 1980010"],
    ["dashes", "1980-01-"],
    ["sign", "+1980101"],
    ["year 0000", "00000101"],
    ["ISO layout", "1980-01-01"],
  ])("rejects %s (%j)", (_label, text) => {
    expect(parseYmd8(text)).toBeUndefined();
  });
});

describe("parseIsoDate (compute-at)", () => {
  it("parses YYYY-MM-DD", () => {
    expect(toYmd(d("2020-07-01"))).toEqual({ year: 2020, month: 7, day: 1 });
  });

  it.each(["2020-7-1", "20200701", "2020-02-30", "2020-07-01T00:00", " 2020-07-01", "0000-01-01", ""])(
    "rejects %j",
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
    },
  );
});

describe("formatting", () => {
  it("formats MM/DD/YYYY and YYYY-MM-DD with zero padding", () => {
    expect(formatMdy(d("1981-04-11"))).toBe("04/11/1981");
    expect(formatMdy(fromYmd(1, 1, 1))).toBe("01/01/0001");
    expect(formatIso(fromYmd(987, 6, 5))).toBe("0987-06-05");
  });
});

describe("addYears (§2.4: Go semantics)", () => {
  it("Feb 29 + 1 year = Mar 1", () => {
    expect(formatIso(addYears(d("2016-02-29"), 1))).toBe("2017-03-01");
  });

  it("Feb 29 + 4 years = Feb 29", () => {
    expect(formatIso(addYears(d("2016-02-29"), 4))).toBe("2020-02-29");
  });

  it("Feb 29 - 1 year = Mar 1 of the previous year", () => {
    expect(formatIso(addYears(d("2016-02-29"), -1))).toBe("2015-03-01");
  });

  it("Feb 29 2000 + 100 years (2100 is not a leap year) = Mar 1 2100", () => {
    expect(formatIso(addYears(d("2000-02-29"), 100))).toBe("2100-03-01");
  });

  it("a Feb 29 birthday's 21st birthday in a common year is Mar 1", () => {
    expect(formatIso(addYears(d("1996-02-29"), 21))).toBe("2017-03-01");
  });

  it("ordinary dates keep month and day", () => {
    expect(formatIso(addYears(d("1978-04-10"), 42))).toBe("2020-04-10");
    expect(formatIso(addYears(d("2020-07-01"), -10))).toBe("2010-07-01");
    expect(formatIso(addYears(d("2019-12-31"), 0))).toBe("2019-12-31");
  });
});

describe("§2.4 boundaries as the policies compare them", () => {
  const dob = d("1978-04-10");

  it("under 21 at conviction: DOB + 21 strictly after the conviction (the 21st birthday is not under 21)", () => {
    const under21 = (conv: LocalDate) => addYears(dob, 21) > conv;
    expect(under21(d("1999-04-09"))).toBe(true);
    expect(under21(d("1999-04-10"))).toBe(false);
    expect(under21(d("1999-04-11"))).toBe(false);
  });

  it("under 21 with a Feb 29 DOB: Feb 28 of the 21st year is still under 21, Mar 1 is not", () => {
    const leapDob = d("1996-02-29");
    expect(addYears(leapDob, 21) > d("2017-02-28")).toBe(true);
    expect(addYears(leapDob, 21) > d("2017-03-01")).toBe(false);
  });

  it("older than N: DOB + N on or before compute-at", () => {
    const olderThan = (n: number, at: LocalDate) => addYears(dob, n) <= at;
    expect(olderThan(42, d("2020-04-09"))).toBe(false);
    expect(olderThan(42, d("2020-04-10"))).toBe(true);
    expect(olderThan(42, d("2020-04-11"))).toBe(true);
  });

  it("N or more years ago: conviction on or before compute-at − N", () => {
    const at = d("2020-07-01");
    const nYearsAgo = (conv: LocalDate) => conv <= addYears(at, -13);
    expect(nYearsAgo(d("2007-06-30"))).toBe(true);
    expect(nYearsAgo(d("2007-07-01"))).toBe(true);
    expect(nYearsAgo(d("2007-07-02"))).toBe(false);
  });

  it("no convictions in the past N years (configurable): most recent strictly before compute-at − N", () => {
    const at = d("2020-07-01");
    const crimeFree = (recent: LocalDate) => recent < addYears(at, -6);
    expect(crimeFree(d("2014-06-30"))).toBe(true);
    expect(crimeFree(d("2014-07-01"))).toBe(false);
  });

  it("Nov 9 2016: the Prop 64 effective date", () => {
    expect(formatIso(PROP64_EFFECTIVE)).toBe("2016-11-09");
    const nov9 = d("2016-11-09");
    // gogen column "Occurred after 11/9/2016" is strictly after: 11/9/2016 itself is "N".
    expect(nov9 > PROP64_EFFECTIVE).toBe(false);
    expect(d("2016-11-10") > PROP64_EFFECTIVE).toBe(true);
    // LA flow: "not before" 11/9/2016, so 11/9/2016 itself is after.
    expect(nov9 >= PROP64_EFFECTIVE).toBe(true);
    expect(d("2016-11-08") >= PROP64_EFFECTIVE).toBe(false);
  });
});

describe("yearsBetween: days ÷ 365.25 (§2.4)", () => {
  it.each([
    ["1981-04-11", "2019-11-11", 14093 / 365.25],
    ["2015-10-31", "2019-11-11", 1472 / 365.25],
    ["2020-07-01", "2020-07-01", 0],
    ["2020-07-01", "2019-07-01", -366 / 365.25],
  ])("%s → %s", (from, to, expected) => {
    expect(yearsBetween(d(from), d(to))).toBe(expected);
  });

  it("is exactly 4 over a 4-year span containing one Feb 29", () => {
    expect(yearsBetween(d("2016-01-01"), d("2020-01-01"))).toBe(4);
  });

  it('LA "21 or younger" (≤ 21.0 years) holds on a 21st birthday spanning 5 leap days, not the day after', () => {
    const dob = d("2001-07-01");
    // 21 calendar years from 2001-07-01 contain 5 leap days (2004…2020): 7670 days < 21 × 365.25.
    expect(d("2022-07-01") - dob).toBe(7670);
    expect(yearsBetween(dob, d("2022-07-01")) <= 21).toBe(true);
    expect(yearsBetween(dob, d("2022-07-02")) <= 21).toBe(false);
  });
});

describe("fullYearsBetween", () => {
  it.each([
    ["1978-04-10", "2020-07-01", 42],
    ["1978-04-10", "2020-04-10", 42],
    ["1978-04-10", "2020-04-09", 41],
    ["1996-02-29", "2017-02-28", 20],
    ["1996-02-29", "2017-03-01", 21],
    ["1996-02-29", "2020-02-29", 24],
    ["2020-07-01", "2020-07-01", 0],
  ])("born %s, on %s: %i", (birth, on, years) => {
    expect(fullYearsBetween(d(birth), d(on))).toBe(years);
  });
});

describe("addDays", () => {
  it("adds and subtracts days across month and year ends", () => {
    expect(formatIso(addDays(d("2016-02-28"), 1))).toBe("2016-02-29");
    expect(formatIso(addDays(d("2019-12-31"), 1))).toBe("2020-01-01");
    expect(formatIso(addDays(d("2020-03-01"), -1))).toBe("2020-02-29");
  });
});

describe("properties against Temporal (1900–2100)", () => {
  const EPOCH = Temporal.PlainDate.from("1970-01-01");
  const ymd = fc
    .record({
      year: fc.integer({ min: 1900, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(({ year, month, day }) => day <= daysInMonth(year, month));
  // Leap days and month ends are rare among uniform dates; draw them often on purpose.
  const leapDay = fc
    .integer({ min: 1900, max: 2100 })
    .filter(isLeapYear)
    .map((year) => ({ year, month: 2, day: 29 }));
  const monthEnd = fc
    .record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => ({ year, month, day: daysInMonth(year, month) }));
  const anyDate = fc.oneof(ymd, leapDay, monthEnd);
  const dayNumber = fc.integer({ min: fromYmd(1900, 1, 1), max: fromYmd(2100, 12, 31) });

  it("fromYmd equals Temporal's day count from 1970-01-01 and toYmd round-trips", () => {
    fc.assert(
      fc.property(anyDate, ({ year, month, day }) => {
        const plain = Temporal.PlainDate.from({ year, month, day });
        const n = fromYmd(year, month, day);
        expect(n).toBe(plain.since(EPOCH, { largestUnit: "days" }).days);
        expect(toYmd(n)).toEqual({ year, month, day });
      }),
      { numRuns: 2000 },
    );
  });

  it("toYmd of any day number equals Temporal's date", () => {
    fc.assert(
      fc.property(dayNumber, (n) => {
        const plain = EPOCH.add({ days: n });
        expect(toYmd(n as LocalDate)).toEqual({ year: plain.year, month: plain.month, day: plain.day });
        expect(formatIso(n as LocalDate)).toBe(plain.toString());
      }),
      { numRuns: 2000 },
    );
  });

  it("day differences equal Temporal's", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const pa = Temporal.PlainDate.from(a);
        const pb = Temporal.PlainDate.from(b);
        expect(fromYmd(b.year, b.month, b.day) - fromYmd(a.year, a.month, a.day)).toBe(
          pb.since(pa, { largestUnit: "days" }).days,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("parseYmd8 agrees with Temporal on the date it parses", () => {
    fc.assert(
      fc.property(ymd, ({ year, month, day }) => {
        const text = `${year}`.padStart(4, "0") + `${month}`.padStart(2, "0") + `${day}`.padStart(2, "0");
        const plain = Temporal.PlainDate.from({ year, month, day });
        expect(parseYmd8(text)).toBe(plain.since(EPOCH, { largestUnit: "days" }).days);
      }),
      { numRuns: 1000 },
    );
  });

  it("addYears equals Temporal's add, except Feb 29 → Mar 1 (not Feb 28) in a common year", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -100, max: 100 }), ({ year, month, day }, years) => {
        fc.pre(year + years >= 1900 && year + years <= 2100);
        const plain = Temporal.PlainDate.from({ year, month, day });
        const clamped = plain.add({ years }); // Temporal's default overflow: constrain
        const rollsOver = month === 2 && day === 29 && !isLeapYear(year + years);
        const expected = rollsOver ? clamped.add({ days: 1 }) : clamped;
        if (rollsOver) {
          expect(clamped.day).toBe(28);
          expect(() => plain.add({ years }, { overflow: "reject" })).toThrow();
        }
        expect(formatIso(addYears(fromYmd(year, month, day), years))).toBe(expected.toString());
      }),
      { numRuns: 3000 },
    );
  });

  it("every Feb 29 of 1904–2096 plus each offset 1–3 years lands on Mar 1, plus 4 on Feb 29 (except across 2100)", () => {
    for (let year = 1904; year <= 2096; year += 4) {
      const feb29 = fromYmd(year, 2, 29);
      for (const k of [1, 2, 3]) expect(formatIso(addYears(feb29, k))).toBe(`${year + k}-03-01`);
      const four = formatIso(addYears(feb29, 4));
      expect(four).toBe(year + 4 === 2100 ? "2100-03-01" : `${year + 4}-02-29`);
    }
  });
});
