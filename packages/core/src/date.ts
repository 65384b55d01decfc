/**
 * @module LocalDate — calendar dates without time or zone, as integer days since 1970-01-01.
 *
 * The eligibility rules compare dates and add whole years; they never need a time of day. An integer
 * day number is exact, cheap to store for millions of convictions and cannot pick up the machine's
 * zone. This module never reads the clock: the caller passes "compute-at" in.
 *
 * Year arithmetic follows the original tool (Go `AddDate`): Feb 29 + N years in a non-leap year is
 * Mar 1 (see docs/deviations.md, "Feb 29 birthdays").
 */

/** A calendar date, as days since 1970-01-01 (negative before). Branded so a plain number is not a date. */
export type LocalDate = number & { readonly __brand: "LocalDate" };

/** Days from 1970-01-01 to the given proleptic Gregorian date (month 1–12). No validation. */
export function fromYmd(year: number, month: number, day: number): LocalDate {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as LocalDate;
}

/** The year, month (1–12) and day of a date. */
export function toYmd(d: LocalDate): { year: number; month: number; day: number } {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True for leap years of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Whether year/month/day name a real calendar date. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Parses exactly eight digits `YYYYMMDD` (the DOJ layout). Returns undefined for anything else:
 * blanks, spaces, seven digits, month 00, 31 February, trailing text. The caller decides what an
 * unparseable date means (never a default date).
 * @example parseYmd8("19600314") // 1960-03-14
 */
export function parseYmd8(text: string): LocalDate | undefined {
  if (text.length !== 8) return undefined;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 8; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    if (i < 4) y = y * 10 + c;
    else if (i < 6) m = m * 10 + c;
    else d = d * 10 + c;
  }
  if (y === 0 || !isValidYmd(y, m, d)) return undefined;
  return fromYmd(y, m, d);
}

/** Parses `YYYY-MM-DD` (the CLI's compute-at); undefined if not a real date in that exact form. */
export function parseIsoDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y === 0 || !isValidYmd(y, mo, d)) return undefined;
  return fromYmd(y, mo, d);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DD`. */
export function formatIso(d: LocalDate): string {
  const { year, month, day } = toYmd(d);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `MM/DD/YYYY`, the original tool's "Date of Conviction" layout. */
export function formatMdy(d: LocalDate): string {
  const { year, month, day } = toYmd(d);
  return `${pad(month, 2)}/${pad(day, 2)}/${pad(year, 4)}`;
}

/**
 * Adds whole years with the original's normalisation: a day that does not exist in the target year
 * (Feb 29 in a common year) rolls over into the next month (Mar 1). Negative `years` subtract.
 * @example addYears(parseIsoDate("2016-02-29")!, 1) // 2017-03-01
 */
export function addYears(d: LocalDate, years: number): LocalDate {
  const { year, month, day } = toYmd(d);
  const y = year + years;
  const dim = daysInMonth(y, month);
  if (day <= dim) return fromYmd(y, month, day);
  return (fromYmd(y, month, dim) + (day - dim)) as LocalDate;
}

/** Adds whole days. */
export function addDays(d: LocalDate, days: number): LocalDate {
  return (d + days) as LocalDate;
}

/**
 * Fractional years between two dates as the original computed them: elapsed hours divided by
 * 24 × 365.25 (both dates at midnight UTC, so hours are whole days × 24).
 */
export function yearsBetween(from: LocalDate, to: LocalDate): number {
  return ((to - from) * 24) / (24 * 365.25);
}

/** Full years of age on `on` for someone born on `birth` (birthday rule: Feb 29 → Mar 1). */
export function fullYearsBetween(birth: LocalDate, on: LocalDate): number {
  const b = toYmd(birth);
  const o = toYmd(on);
  let years = o.year - b.year;
  if (years > 0 && addYears(birth, years) > on) years--;
  else if (years < 0 && addYears(birth, years) > on) years--;
  return years;
}

/** English month names, January first (for letters, orders and reports). */
export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The Prop 64 effective date: the Adult Use of Marijuana Act took effect on 2016-11-09. */
export const PROP64_EFFECTIVE: LocalDate = fromYmd(2016, 11, 9);
