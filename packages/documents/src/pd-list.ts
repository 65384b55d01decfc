/**
 * @module pd-list — the list for the public defender (H&S 11361.9(c): the prosecution informs the
 * court and the public defender of the cases it challenges). Every relevant conviction, with what
 * happens to it, as CSV (spreadsheet-safe) and as a PDF table. Streamed row by row.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { type PlainPaper, writeLine, writeParagraph } from "./layout.ts";
import type { OfficeProfile } from "./office.ts";
import { RELIEF, reliefFor, reliefText } from "./relief.ts";
import { type OverrideMap, type ResultLine, readResults } from "./run-folder.ts";
import { type Column, TableWriter } from "./table.ts";
import { csvCell, displayDate, longDate } from "./text.ts";

/** What happens to a conviction, as the public defender needs to know it. */
export function filingStatus(r: Pick<ResultLine, "determination">): string {
  const kind = reliefFor(r.determination);
  if (kind !== undefined)
    return `In filing: Exhibit ${RELIEF[kind].exhibit} (${RELIEF[kind].label.toLowerCase()})`;
  switch (r.determination.trim()) {
    case "Not eligible":
      return "Challenged: not in filing";
    case "":
      return "No determination: not in filing";
    default:
      return "Under review: not in filing";
  }
}

const HEADERS = [
  "Name",
  "Date of birth",
  "CII",
  "Court case number(s)",
  "Code section",
  "Date of conviction",
  "Level",
  "County",
  "Determination",
  "Reason",
  "Status",
  "Relief",
  "Overridden",
  "Source",
] as const;

function csvRow(r: ResultLine): string[] {
  const kind = reliefFor(r.determination);
  return [
    r.name,
    r.dob ?? "",
    r.cii,
    r.caseNumbers.join("; "),
    r.codeSection,
    r.convictionDate ?? "",
    r.level ?? "",
    r.county,
    r.determination,
    r.reason,
    filingStatus(r),
    kind === undefined ? "" : reliefText(kind, r.level, r.statutoryRemedy),
    r.overridden ? "yes" : "no",
    `${r.file}:${r.line}`,
  ];
}

/** Writes the CSV list (RFC 4180, CRLF, formula-safe cells) under a temporary name, then renames it. */
export async function writePdListCsv(path: string, runDir: string, overrides?: OverrideMap): Promise<number> {
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp, { encoding: "utf8" });
  let n = 0;
  try {
    out.write(`${HEADERS.map(csvCell).join(",")}\r\n`);
    for await (const r of readResults(runDir, overrides)) {
      n++;
      if (!out.write(`${csvRow(r).map(csvCell).join(",")}\r\n`)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    await rename(tmp, path);
    return n;
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Draws the PDF list (landscape), followed by the totals by status. */
export async function drawPdList(
  paper: PlainPaper,
  office: OfficeProfile,
  runDir: string,
  overrides: OverrideMap | undefined,
  date: string,
): Promise<void> {
  paper.newPage();
  writeLine(paper, "Prop 64 cases: list for the public defender", { font: "Helvetica-Bold", size: 14 }, 2);
  writeParagraph(
    paper,
    `${office.officeName} - ${longDate(date)}. Every Prop 64 conviction the run found, with the office's determination. Under Health and Safety Code section 11361.9(c) the prosecution informs the court and the public defender of the cases it challenges; those marked "Challenged" or "Under review" are not in the bulk filing.`,
    { font: "Helvetica", size: 9, spacing: 1 },
  );
  writeLine(paper, "", {}, 1);
  const w = paper.width;
  const cols: Column<ResultLine>[] = [
    { header: "Name", width: w * 0.14, value: (r) => r.name },
    { header: "Date of birth", width: w * 0.07, value: (r) => displayDate(r.dob) },
    { header: "CII", width: w * 0.08, value: (r) => r.cii || "none" },
    { header: "Court case number(s)", width: w * 0.13, value: (r) => r.caseNumbers.join("; ") || "none" },
    { header: "Code section", width: w * 0.08, value: (r) => r.codeSection },
    { header: "Date of conviction", width: w * 0.07, value: (r) => displayDate(r.convictionDate) },
    { header: "Level", width: w * 0.04, value: (r) => r.level ?? "?" },
    { header: "Determination", width: w * 0.11, value: (r) => r.determination || "(none)" },
    { header: "Status", width: w * 0.12, value: (r) => filingStatus(r) },
    { header: "Reason", width: w * 0.16, value: (r) => (r.overridden ? `${r.reason} (override)` : r.reason) },
  ];
  const table = new TableWriter(paper, cols, { font: "Helvetica", boldFont: "Helvetica-Bold", size: 7 });
  const byStatus = new Map<string, number>();
  const people = new Set<string>();
  for await (const r of readResults(runDir, overrides)) {
    table.add(r);
    people.add(r.personId);
    const s = filingStatus(r).split(":")[0]!;
    byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
  }
  writeLine(paper, "", {}, 1);
  writeLine(
    paper,
    `Total: ${table.rowCount} convictions of ${people.size} people`,
    { font: "Helvetica-Bold", size: 10 },
    1,
  );
  for (const [s, n] of [...byStatus.entries()].sort()) {
    writeLine(paper, `${s}: ${n}`, { font: "Helvetica", size: 10 }, 1);
  }
}
