/**
 * @module pilots-report — the gogen_pilots text report (`.out`) and summary JSON (gogen-behaviour.md §5.6).
 */
import { type LocalDate, MONTH_NAMES, toYmd } from "@clearance/core";
import { type GogenSummary, rfc3339 } from "@clearance/outputs";
import type { PilotsReportFigures } from "./evaluate-file.ts";
import type { LoadedPolicy } from "./policy-spec.ts";

function sortedEntries(m: Record<string, number>): [string, number][] {
  return Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The `.out` report text. "Last 7 years" lines are measured back from compute-at (docs/deviations.md). */
export function pilotsReport(
  f: PilotsReportFigures,
  s: GogenSummary,
  _county: string,
  _loaded: LoadedPolicy,
): string {
  const L: string[] = [];
  const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  L.push("----------- Overall summary of DOJ file --------------------");
  L.push(`Found ${s.lineCount} Total rows in DOJ file`);
  L.push(
    `Based on your office’s eligibility choices, this application processed the data in ${s.processingTimeInSeconds} seconds`,
  );
  L.push(`Found ${f.individuals} Total individuals in DOJ file`);
  L.push(`Found ${f.convictions} Total convictions in DOJ file`);
  L.push(`Found ${f.convictionsInCounty} convictions in this county`);
  L.push("");
  L.push("----------- Prop64 Convictions Overall--------------------");
  L.push(`Found ${sum(f.prop64Overall)} convictions total`);
  for (const [k, v] of sortedEntries(f.prop64Overall)) L.push(`Found ${v} ${k} convictions total`);
  L.push("");
  L.push("----------- Prop64 Convictions In This County --------------------");
  L.push(`Found ${sum(f.prop64InCounty)} convictions in this county`);
  for (const [k, v] of sortedEntries(f.prop64InCounty)) L.push(`Found ${v} ${k} convictions in this county`);
  if (s.earliestConviction !== undefined) {
    const { year, month } = toYmd(s.earliestConviction);
    L.push(`Date of earliest Prop 64 conviction: ${MONTH_NAMES[month - 1]} ${year}`);
  }
  const dets = Object.keys(f.byDetermination).sort();
  dets.forEach((det, i) => {
    L.push(det);
    const m = f.byDetermination[det]!;
    for (const [k, v] of sortedEntries(m)) L.push(`Found ${v} ${k} convictions that are ${det}`);
    L.push(`Found ${sum(m)} convictions total that are ${det}`);
    if (i < dets.length - 1) L.push("");
  });
  L.push("");
  L.push("----------- Eligibility Reasons --------------------");
  L.push("");
  for (const det of Object.keys(f.byReason).sort()) {
    L.push(det);
    for (const [k, v] of sortedEntries(f.byReason[det]!))
      L.push(`Found ${v} convictions with eligibility reason ${k}`);
    L.push("");
  }
  L.push("");
  L.push("----------- Prop64 Related Convictions In This County --------------------");
  L.push(`Found ${sum(f.related)} convictions in this county`);
  for (const [k, v] of sortedEntries(f.related)) L.push(`Found ${v} ${k} convictions in this county`);
  L.push("");
  L.push("");
  L.push("----------- Impact to individuals --------------------");
  L.push(`${f.withFelony} individuals currently have a felony on their record`);
  L.push(`${f.withConviction} individuals currently have convictions on their record`);
  L.push(
    `${f.withConvictionLast7} individuals currently have convictions on their record in the last 7 years`,
  );
  const block = (title: string, r: GogenSummary["reliefWithDismissAllProp64"]) => {
    L.push("");
    L.push(title);
    L.push(
      `${r.CountSubjectsNoFelony} individuals who had a felony will no longer have a felony on their record`,
    );
    L.push(
      `${r.CountSubjectsNoConviction} individuals who had convictions will no longer have any convictions on their record`,
    );
    L.push(
      `${r.CountSubjectsNoConvictionLast7Years} individuals who had convictions in the last 7 years will no longer have any convictions on their record in the last 7 years`,
    );
  };
  block(
    "----------- Eligibility is run as specified for Prop 64 and Related Charges --------------------",
    s.reliefWithCurrentEligibilityChoices,
  );
  block(
    "----------- If ALL Prop 64 convictions are dismissed and sealed --------------------",
    s.reliefWithDismissAllProp64,
  );
  block(
    "----------- If all Prop 64 AND related convictions are dismissed and sealed --------------------",
    f.reliefRelated,
  );
  return `${L.join("\n")}\n`;
}

/** gogen_pilots.json (§5.6 key order; the four unimplemented counters are 0 as in the original). */
export function pilotsJson(s: GogenSummary, computeAt: LocalDate, loaded: LoadedPolicy): string {
  const sorted = (m: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(m)
        .sort()
        .map((k) => [k, m[k]!]),
    );
  return JSON.stringify({
    county: s.county,
    individualDismissAge: loaded.la?.age ?? 50,
    yearsConvictionFree: loaded.la?.yearsConvictionFree ?? 10,
    earliestConviction: rfc3339(s.earliestConviction ?? computeAt),
    lineCount: s.lineCount,
    processingTimeInSeconds: s.processingTimeInSeconds,
    reliefWithCurrentEligibilityChoices: s.reliefWithCurrentEligibilityChoices,
    reliefWithDismissAllProp64: s.reliefWithDismissAllProp64,
    prop64ConvictionsCountInCountyByCodeSection: sorted(s.prop64ConvictionsCountInCountyByCodeSection),
    subjectsWithProp64ConvictionCountInCounty: 0,
    prop64FelonyConvictionsCountInCounty: 0,
    prop64MisdemeanorConvictionsCountInCounty: 0,
    subjectsWithSomeReliefCount: 0,
    convictionDismissalCountByCodeSection: {},
    convictionReductionCountByCodeSection: {},
    convictionDismissalCountByAdditionalRelief: sorted(s.convictionDismissalCountByAdditionalRelief),
  });
}
