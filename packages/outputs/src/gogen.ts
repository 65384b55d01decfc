/**
 * @module gogen — the original tool's eligibility columns and summary JSON (gogen-behaviour.md §4.2,
 * §5.2–5.4), formatted exactly, so an office's spreadsheets and BEAR-style reports keep working.
 */
import { type Count, formatIso, formatMdy, type LocalDate, PROP64_EFFECTIVE } from "@clearance/core";
import {
  type Decision,
  mostRecentConviction,
  pc290Sections,
  prop64Counts,
  type SubjectView,
  superstrikeSections,
  superstrikeSectionsPilots,
  yearsSince,
} from "@clearance/law";

/** The 18 eligibility column names appended by gogen. */
export const GOGEN_ELIGIBILITY_HEADER = [
  "Case Number",
  "# of convictions on record",
  "Possible Other P64 Charges",
  "Occurred after 11/9/2016",
  "Superstrike Code Section(s)",
  "PC290 Code Section(s)",
  "PC290 Registration",
  "Date of Conviction",
  "Years Since This Conviction",
  "Years Since Any Conviction",
  "# of Prop 64 convictions",
  "# of HS 11357 convictions",
  "# of HS 11358 convictions",
  "# of HS 11359 convictions",
  "# of HS 11360 convictions",
  "Deceased",
  "Eligibility Determination",
  "Eligibility Reason",
] as const;

/** gogen_pilots' 17 columns: the same without "Occurred after 11/9/2016". */
export const PILOTS_ELIGIBILITY_HEADER = GOGEN_ELIGIBILITY_HEADER.filter(
  (h) => h !== "Occurred after 11/9/2016",
);

/** Output flavour: gogen (configurable flow) or gogen_pilots (Los Angeles flow). */
export type Flavor = "gogen" | "pilots";

/**
 * One decimal, rounded from the exact binary value with ties to even (Go's `strconv` 'f', 1).
 * JavaScript's toFixed rounds exact ties up; ties are only possible at .x25/.x75 binary fractions.
 */
export function formatOneDecimal(x: number): string {
  const q = x * 4;
  if (Number.isInteger(q) && !Number.isInteger(x * 2)) {
    // x = k + 0.25 or k + 0.75: the second decimal is 5, decide to even.
    const down = Math.floor(x * 10) / 10;
    const lastDigit = Math.abs(Math.round(down * 10)) % 10;
    return (lastDigit % 2 === 0 ? down : down + 0.1).toFixed(1);
  }
  return x.toFixed(1);
}

/** Everything the eligibility cells of one conviction depend on, beyond the row. */
export interface RecordContext {
  readonly view: SubjectView;
  readonly count: Count;
  readonly caseNumbers: readonly string[];
  readonly decision: Decision;
  readonly computeAt: LocalDate;
}

/** The eligibility cells (unquoted values) of a conviction with a record, in header order. */
export function eligibilityCells(ctx: RecordContext, possibleOther: string, flavor: Flavor): string[] {
  const { view, count, decision, computeAt } = ctx;
  const p = prop64Counts(view);
  const ss = flavor === "gogen" ? superstrikeSections(view) : superstrikeSectionsPilots(view);
  const pc290 = pc290Sections(view);
  const d = count.date.value;
  const recent = mostRecentConviction(view).date;
  const cells = [
    ctx.caseNumbers.join("; "),
    String(view.convictions.length),
    possibleOther,
    d === undefined ? "" : d > PROP64_EFFECTIVE ? "Y" : "N",
    ss.length > 0 ? ss.join(";") : "-",
    pc290.length > 0 ? pc290.join(";") : "-",
    view.person.pc290Registration ? "Yes" : "-",
    d === undefined ? count.date.raw : formatMdy(d),
    formatOneDecimal(yearsSince(d, computeAt)),
    formatOneDecimal(yearsSince(recent, computeAt)),
    String(p.total),
    String(p["11357"]),
    String(p["11358"]),
    String(p["11359"]),
    String(p["11360"]),
    view.person.deceased ? "Deceased" : "-",
    decision.determination,
    decision.reason.trim(),
  ];
  if (flavor === "pilots") cells.splice(3, 1);
  return cells;
}

/** The cells of a row without a record: all empty except "Possible Other P64 Charges". */
export function emptyCells(possibleOther: string, flavor: Flavor): string[] {
  const cells: string[] = new Array(flavor === "gogen" ? 18 : 17).fill("");
  cells[2] = possibleOther;
  return cells;
}

/** The three "full relief" counters of §5.4. */
export interface ReliefCounts {
  CountSubjectsNoConviction: number;
  CountSubjectsNoConvictionLast7Years: number;
  CountSubjectsNoFelony: number;
}

/** The gogen summary (gogen.json), per file and added up over files; key order is the original's. */
export interface GogenSummary {
  county: string;
  earliestConviction: LocalDate | undefined;
  lineCount: number;
  processingTimeInSeconds: number;
  reliefWithCurrentEligibilityChoices: ReliefCounts;
  reliefWithDismissAllProp64: ReliefCounts;
  prop64ConvictionsCountInCountyByCodeSection: Record<string, number>;
  subjectsWithProp64ConvictionCountInCounty: number;
  prop64FelonyConvictionsCountInCounty: number;
  prop64NonFelonyConvictionsCountInCounty: number;
  subjectsWithSomeReliefCount: number;
  convictionDismissalCountByCodeSection: Record<string, number>;
  convictionReductionCountByCodeSection: Record<string, number>;
  convictionDismissalCountByAdditionalRelief: Record<string, number>;
}

/** An empty summary for a county (dismiss/reduce keys pre-filled with zeros, as the original does). */
export function emptySummary(
  county: string,
  dismissKeys: readonly string[],
  reduceKeys: readonly string[],
): GogenSummary {
  const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
  return {
    county,
    earliestConviction: undefined,
    lineCount: 0,
    processingTimeInSeconds: 0,
    reliefWithCurrentEligibilityChoices: {
      CountSubjectsNoConviction: 0,
      CountSubjectsNoConvictionLast7Years: 0,
      CountSubjectsNoFelony: 0,
    },
    reliefWithDismissAllProp64: {
      CountSubjectsNoConviction: 0,
      CountSubjectsNoConvictionLast7Years: 0,
      CountSubjectsNoFelony: 0,
    },
    prop64ConvictionsCountInCountyByCodeSection: {},
    subjectsWithProp64ConvictionCountInCounty: 0,
    prop64FelonyConvictionsCountInCounty: 0,
    prop64NonFelonyConvictionsCountInCounty: 0,
    subjectsWithSomeReliefCount: 0,
    convictionDismissalCountByCodeSection: zeros(dismissKeys),
    convictionReductionCountByCodeSection: zeros(reduceKeys),
    convictionDismissalCountByAdditionalRelief: {},
  };
}

function addMaps(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function addRelief(a: ReliefCounts, b: ReliefCounts): ReliefCounts {
  return {
    CountSubjectsNoConviction: a.CountSubjectsNoConviction + b.CountSubjectsNoConviction,
    CountSubjectsNoConvictionLast7Years:
      a.CountSubjectsNoConvictionLast7Years + b.CountSubjectsNoConvictionLast7Years,
    CountSubjectsNoFelony: a.CountSubjectsNoFelony + b.CountSubjectsNoFelony,
  };
}

/** Adds two files' summaries (earliest date = minimum of the set ones). */
export function addSummaries(a: GogenSummary, b: GogenSummary): GogenSummary {
  const e =
    a.earliestConviction === undefined
      ? b.earliestConviction
      : b.earliestConviction === undefined
        ? a.earliestConviction
        : (Math.min(a.earliestConviction, b.earliestConviction) as LocalDate);
  return {
    county: b.county,
    earliestConviction: e,
    lineCount: a.lineCount + b.lineCount,
    processingTimeInSeconds: b.processingTimeInSeconds,
    reliefWithCurrentEligibilityChoices: addRelief(
      a.reliefWithCurrentEligibilityChoices,
      b.reliefWithCurrentEligibilityChoices,
    ),
    reliefWithDismissAllProp64: addRelief(a.reliefWithDismissAllProp64, b.reliefWithDismissAllProp64),
    prop64ConvictionsCountInCountyByCodeSection: addMaps(
      a.prop64ConvictionsCountInCountyByCodeSection,
      b.prop64ConvictionsCountInCountyByCodeSection,
    ),
    subjectsWithProp64ConvictionCountInCounty:
      a.subjectsWithProp64ConvictionCountInCounty + b.subjectsWithProp64ConvictionCountInCounty,
    prop64FelonyConvictionsCountInCounty:
      a.prop64FelonyConvictionsCountInCounty + b.prop64FelonyConvictionsCountInCounty,
    prop64NonFelonyConvictionsCountInCounty:
      a.prop64NonFelonyConvictionsCountInCounty + b.prop64NonFelonyConvictionsCountInCounty,
    subjectsWithSomeReliefCount: a.subjectsWithSomeReliefCount + b.subjectsWithSomeReliefCount,
    convictionDismissalCountByCodeSection: addMaps(
      a.convictionDismissalCountByCodeSection,
      b.convictionDismissalCountByCodeSection,
    ),
    convictionReductionCountByCodeSection: addMaps(
      a.convictionReductionCountByCodeSection,
      b.convictionReductionCountByCodeSection,
    ),
    convictionDismissalCountByAdditionalRelief: addMaps(
      a.convictionDismissalCountByAdditionalRelief,
      b.convictionDismissalCountByAdditionalRelief,
    ),
  };
}

function sortedMap(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]!]),
  );
}

/** Dates as the original wrote them (RFC 3339 at midnight UTC). */
export function rfc3339(d: LocalDate): string {
  return `${formatIso(d)}T00:00:00Z`;
}

/**
 * gogen.json: compact JSON, keys in the original order, map keys sorted. With no Prop 64 conviction
 * the original printed the wall-clock time; we print compute-at (deterministic; docs/deviations.md).
 */
export function gogenJson(s: GogenSummary, computeAt: LocalDate): string {
  return JSON.stringify({
    county: s.county,
    earliestConviction: rfc3339(s.earliestConviction ?? computeAt),
    lineCount: s.lineCount,
    processingTimeInSeconds: s.processingTimeInSeconds,
    reliefWithCurrentEligibilityChoices: s.reliefWithCurrentEligibilityChoices,
    reliefWithDismissAllProp64: s.reliefWithDismissAllProp64,
    prop64ConvictionsCountInCountyByCodeSection: sortedMap(s.prop64ConvictionsCountInCountyByCodeSection),
    subjectsWithProp64ConvictionCountInCounty: s.subjectsWithProp64ConvictionCountInCounty,
    prop64FelonyConvictionsCountInCounty: s.prop64FelonyConvictionsCountInCounty,
    prop64NonFelonyConvictionsCountInCounty: s.prop64NonFelonyConvictionsCountInCounty,
    subjectsWithSomeReliefCount: s.subjectsWithSomeReliefCount,
    convictionDismissalCountByCodeSection: sortedMap(s.convictionDismissalCountByCodeSection),
    convictionReductionCountByCodeSection: sortedMap(s.convictionReductionCountByCodeSection),
    convictionDismissalCountByAdditionalRelief: sortedMap(s.convictionDismissalCountByAdditionalRelief),
  });
}
