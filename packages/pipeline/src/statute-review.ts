/**
 * @module statute-review — the human-facing side-by-side files of a bulk run: `Statute_Review.csv`
 * (the office determination beside what H&S 11361.8 provides, one row per relevant conviction) and
 * `Related_Charges.csv` (convictions in the same case as a Prop 64 conviction that may have been a plea
 * bargain, for a person to review; never relieved automatically, H&S 11361.8(a)).
 *
 * Cells are neutralised for spreadsheets (architecture decision 9) and quoted in the output dialect.
 */
import { type Count, formatIso, type Level } from "@clearance/core";
import type { Decision, PossibleRelated, StatuteFlag, StatuteResult } from "@clearance/law";
import { describeStatute } from "@clearance/law";
import { csvRow, spreadsheetSafe } from "@clearance/outputs";

/** Header of Statute_Review.csv. */
export const STATUTE_REVIEW_HEADER = [
  "Person ID",
  "Name",
  "CII",
  "Case Numbers",
  "Code Section",
  "Conviction Date",
  "Level",
  "Office Determination",
  "Office Reason",
  "Statutory Remedy",
  "Statute Citation",
  "Flags",
  "Statute Reason",
  "Missing Facts",
  "Count ID",
] as const;

/** Header of Related_Charges.csv. */
export const RELATED_CHARGES_HEADER = [
  "Person ID",
  "Name",
  "CII",
  "Case Numbers",
  "Code Section",
  "Related Charge",
  "Conviction Date",
  "Level",
  "Count ID",
  "Prop 64 Count IDs",
  "Note",
] as const;

/** Figures for summary.json: how many convictions got each flag and each statutory remedy. */
export interface StatuteFigures {
  statuteFlags: Record<StatuteFlag, number>;
  statutoryRemedies: Record<string, number>;
}

/** Zero figures (both flags present, so the summary always shows them). */
export function emptyStatuteFigures(): StatuteFigures {
  return { statuteFlags: { "below-statute": 0, "beyond-statute": 0 }, statutoryRemedies: {} };
}

/** Adds `b` into `a`. */
export function addStatuteFigures(a: StatuteFigures, b: StatuteFigures): StatuteFigures {
  for (const [k, v] of Object.entries(b.statuteFlags) as [StatuteFlag, number][])
    a.statuteFlags[k] = (a.statuteFlags[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.statutoryRemedies))
    a.statutoryRemedies[k] = (a.statutoryRemedies[k] ?? 0) + v;
  return a;
}

const LEVEL_WORDS: Readonly<Record<Level, string>> = { F: "Felony", M: "Misdemeanor", I: "Infraction" };

/** Case numbers for people: trimmed, without DOJ's "NULL" placeholder, `; `-separated. */
export function caseNumbersText(caseNumbers: readonly string[]): string {
  return caseNumbers
    .map((s) => s.trim())
    .filter((s) => s !== "" && s.toUpperCase() !== "NULL")
    .join("; ");
}

const dateText = (c: Count) => (c.date.value === undefined ? c.date.raw : formatIso(c.date.value));

/** The person columns both files start with. */
export interface PersonCells {
  readonly id: string;
  readonly name: string;
  readonly cii?: string | undefined;
}

const line = (cells: readonly string[]) => `${csvRow(cells.map(spreadsheetSafe))}\n`;

/** One Statute_Review.csv line (with its line end). */
export function statuteReviewLine(
  person: PersonCells,
  caseNumbers: readonly string[],
  count: Count,
  decision: Decision,
  statute: StatuteResult,
  flags: readonly StatuteFlag[],
): string {
  return line([
    person.id,
    person.name,
    person.cii ?? "",
    caseNumbersText(caseNumbers),
    count.codeSection,
    dateText(count),
    count.level ? LEVEL_WORDS[count.level] : "",
    decision.determination,
    decision.reason,
    statute.remedy,
    statute.basis && statute.basis !== statute.citation
      ? `${statute.citation}; ${statute.basis}`
      : statute.citation,
    flags.join("; "),
    describeStatute(statute),
    statute.missingFacts.join("; "),
    count.id,
  ]);
}

/** One Related_Charges.csv line (with its line end). */
export function relatedChargeLine(
  person: PersonCells,
  caseNumbers: readonly string[],
  r: PossibleRelated,
): string {
  return line([
    person.id,
    person.name,
    person.cii ?? "",
    caseNumbersText(caseNumbers),
    r.count.codeSection,
    r.charge.label,
    dateText(r.count),
    r.count.level ? LEVEL_WORDS[r.count.level] : "",
    r.count.id,
    r.prop64CountIds.join("; "),
    "Possible plea bargain for a Prop 64 charge: review; not relieved automatically (H&S 11361.8(a))",
  ]);
}

/** The `relatedCounts` entry of a results.ndjson object. */
export function relatedCountJson(r: PossibleRelated): Record<string, unknown> {
  return {
    id: r.count.id,
    codeSection: r.count.codeSection,
    line: r.count.source.line,
    label: r.charge.label,
    convictionDate: r.count.date.value === undefined ? null : formatIso(r.count.date.value),
  };
}
