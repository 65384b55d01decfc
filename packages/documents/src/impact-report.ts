/**
 * @module impact-report — the impact report for press and legislators: key figures taken verbatim
 * from the run's `gogen.json`, and vector bar charts (drawn with pdfkit, no chart library) of
 * convictions by section and outcome, by decade of conviction, and of people left with no felony or
 * no conviction under the office's choices versus the "dismiss all Prop 64" counterfactual.
 *
 * Figures are the run's, before review overrides (the report says how many overrides exist), so
 * they match `gogen.json` exactly; the chart totals are cross-checked against it and any difference
 * is printed in the report.
 */
import { drawText, type PlainPaper, writeLine, writeParagraph } from "./layout.ts";
import type { OfficeProfile } from "./office.ts";
import { prop64Section, type ResultLine, type RunSummary, readResults } from "./run-folder.ts";
import { longDate } from "./text.ts";

/** Outcome groups shown in the charts. */
export const OUTCOMES = ["Dismissal", "Reduction", "Not eligible", "Review", "No determination"] as const;

/** One outcome group. */
export type Outcome = (typeof OUTCOMES)[number];

const COLORS: Record<Outcome, string> = {
  Dismissal: "#1b7837",
  Reduction: "#5aae61",
  "Not eligible": "#c51b7d",
  Review: "#f1a340",
  "No determination": "#999999",
};

/** The outcome group of a determination. */
export function outcomeOf(determination: string): Outcome {
  switch (determination.trim()) {
    case "Eligible for Dismissal":
      return "Dismissal";
    case "Eligible for Reduction":
      return "Reduction";
    case "Not eligible":
      return "Not eligible";
    case "":
      return "No determination";
    default:
      return "Review";
  }
}

/** Counts per outcome. */
export type OutcomeCounts = Record<Outcome, number>;

/** Figures the charts need, gathered from results.ndjson for the summary's county. */
export interface ImpactFigures {
  readonly bySection: Map<string, OutcomeCounts>;
  readonly byDecade: Map<string, OutcomeCounts>;
  readonly total: number;
  readonly felonies: number;
  /** Decided records that are not Prop 64 convictions by their code section (e.g. PC 182 conspiracies). */
  readonly heldForReview: number;
}

function zero(): OutcomeCounts {
  return { Dismissal: 0, Reduction: 0, "Not eligible": 0, Review: 0, "No determination": 0 };
}

function decadeOf(r: Pick<ResultLine, "convictionDate">): string {
  const y = r.convictionDate === null ? Number.NaN : Number(r.convictionDate.slice(0, 4));
  return Number.isFinite(y) ? `${Math.floor(y / 10) * 10}s` : "Date unknown";
}

/** Streams the results (without overrides) and counts convictions of the county by section, decade and outcome. */
export async function collectImpact(runDir: string, county: string): Promise<ImpactFigures> {
  const bySection = new Map<string, OutcomeCounts>();
  const byDecade = new Map<string, OutcomeCounts>();
  let total = 0;
  let felonies = 0;
  let heldForReview = 0;
  const want = county.trim().toUpperCase();
  for await (const r of readResults(runDir)) {
    if (want !== "" && r.county.trim().toUpperCase() !== want) continue;
    // Counted like the run's summary: convictions whose code section names a Prop 64 section. Others in
    // results.ndjson (a PC 182 conspiracy to commit one, held for review) are counted apart.
    const section = prop64Section(r);
    if (section === "") {
      heldForReview++;
      continue;
    }
    const o = outcomeOf(r.determination);
    const s = bySection.get(section) ?? zero();
    s[o]++;
    bySection.set(section, s);
    const d = decadeOf(r);
    const dc = byDecade.get(d) ?? zero();
    dc[o]++;
    byDecade.set(d, dc);
    total++;
    if (r.level === "F") felonies++;
  }
  return { bySection, byDecade, total, felonies, heldForReview };
}

function sum(c: OutcomeCounts): number {
  return OUTCOMES.reduce((a, o) => a + c[o], 0);
}

/** Differences between the chart data and the run summary; empty when they agree. */
export function checkAgainstSummary(fig: ImpactFigures, summary: RunSummary): string[] {
  const problems: string[] = [];
  const sections = new Set([
    ...fig.bySection.keys(),
    ...Object.keys(summary.prop64ConvictionsCountInCountyByCodeSection),
  ]);
  for (const s of [...sections].sort()) {
    const mine = fig.bySection.get(s);
    const theirs = summary.prop64ConvictionsCountInCountyByCodeSection[s] ?? 0;
    if ((mine === undefined ? 0 : sum(mine)) !== theirs) {
      problems.push(
        `section ${s}: ${mine === undefined ? 0 : sum(mine)} convictions in results, ${theirs} in gogen.json`,
      );
    }
  }
  const felonies = summary.prop64FelonyConvictionsCountInCounty;
  if (fig.felonies !== felonies)
    problems.push(`felonies: ${fig.felonies} in results, ${felonies} in gogen.json`);
  const all = felonies + summary.prop64NonFelonyConvictionsCountInCounty;
  if (fig.total !== all) problems.push(`convictions: ${fig.total} in results, ${all} in gogen.json`);
  return problems;
}

function figureLine(paper: PlainPaper, label: string, value: number | string): void {
  if (paper.slotsLeft() < 1) paper.newPage();
  const y = paper.take(1);
  drawText(paper.doc, label, paper.left + 10, y, 330, { font: "Helvetica", size: 10 });
  drawText(paper.doc, String(value), paper.left + 340, y, 60, {
    font: "Helvetica-Bold",
    size: 10,
    align: "right",
  });
}

function title(paper: PlainPaper, text: string, needSlots: number): void {
  if (paper.slotsLeft() < needSlots + 3) paper.newPage();
  writeLine(paper, "", {}, 1);
  writeLine(paper, text, { font: "Helvetica-Bold", size: 12 }, 2);
}

/** A stacked horizontal bar chart; legend entries carry the series totals. */
function stackedBars(
  paper: PlainPaper,
  heading: string,
  rows: readonly { label: string; counts: OutcomeCounts }[],
): void {
  title(paper, heading, rows.length * 2 + 3);
  const doc = paper.doc;
  const labelW = 90;
  const x0 = paper.left + labelW;
  const barMax = paper.width - labelW - 50;
  const max = Math.max(1, ...rows.map((r) => sum(r.counts)));
  for (const r of rows) {
    const y = paper.take(2);
    drawText(doc, r.label, paper.left, y + 4, labelW - 8, { font: "Helvetica", size: 10, align: "right" });
    let x = x0;
    for (const o of OUTCOMES) {
      const w = (r.counts[o] / max) * barMax;
      if (w <= 0) continue;
      doc
        .save()
        .rect(x, y + 3, w, 16)
        .fill(COLORS[o])
        .restore();
      x += w;
    }
    drawText(doc, String(sum(r.counts)), x + 4, y + 4, 46, { font: "Helvetica-Bold", size: 10 });
  }
  // Legend with totals.
  const y = paper.take(2);
  let x = paper.left + labelW;
  for (const o of OUTCOMES) {
    const n = rows.reduce((a, r) => a + r.counts[o], 0);
    const label = `${o} ${n}`;
    doc.font("Helvetica").fontSize(9);
    const w = doc.widthOfString(label) + 22;
    doc
      .save()
      .rect(x, y + 6, 9, 9)
      .fill(COLORS[o])
      .restore();
    drawText(doc, label, x + 12, y + 4, w, { font: "Helvetica", size: 9 });
    x += w;
  }
}

/** Grouped bars: people with no felony / no conviction left, office choices vs dismiss-all. */
function peopleChart(paper: PlainPaper, summary: RunSummary): void {
  const cur = summary.reliefWithCurrentEligibilityChoices;
  const all = summary.reliefWithDismissAllProp64;
  const rows = [
    { label: "No felony left", a: cur.CountSubjectsNoFelony, b: all.CountSubjectsNoFelony },
    { label: "No conviction left", a: cur.CountSubjectsNoConviction, b: all.CountSubjectsNoConviction },
    {
      label: "No conviction in last 7 years",
      a: cur.CountSubjectsNoConvictionLast7Years,
      b: all.CountSubjectsNoConvictionLast7Years,
    },
  ];
  title(paper, "People whose record is cleared: office policy vs. dismiss all Prop 64", rows.length * 3 + 3);
  const doc = paper.doc;
  const labelW = 150;
  const x0 = paper.left + labelW;
  const barMax = paper.width - labelW - 50;
  const max = Math.max(1, ...rows.flatMap((r) => [r.a, r.b]));
  for (const r of rows) {
    const y = paper.take(3);
    drawText(doc, r.label, paper.left, y + 8, labelW - 8, { font: "Helvetica", size: 10, align: "right" });
    doc
      .save()
      .rect(x0, y + 2, (r.a / max) * barMax, 13)
      .fill("#2166ac")
      .restore();
    drawText(doc, String(r.a), x0 + (r.a / max) * barMax + 4, y + 1, 46, { font: "Helvetica-Bold", size: 9 });
    doc
      .save()
      .rect(x0, y + 17, (r.b / max) * barMax, 13)
      .fill("#92c5de")
      .restore();
    drawText(doc, String(r.b), x0 + (r.b / max) * barMax + 4, y + 16, 46, { font: "Helvetica", size: 9 });
  }
  const y = paper.take(2);
  doc
    .save()
    .rect(x0, y + 6, 9, 9)
    .fill("#2166ac")
    .restore();
  drawText(doc, "Office policy (this run)", x0 + 12, y + 4, 150, { font: "Helvetica", size: 9 });
  doc
    .save()
    .rect(x0 + 160, y + 6, 9, 9)
    .fill("#92c5de")
    .restore();
  drawText(doc, "If all Prop 64 convictions were dismissed", x0 + 172, y + 4, 250, {
    font: "Helvetica",
    size: 9,
  });
}

function sortedEntries(m: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(m).sort(([a], [b]) => a.localeCompare(b));
}

/** Draws the whole report. */
export function drawImpactReport(
  paper: PlainPaper,
  office: OfficeProfile,
  summary: RunSummary,
  fig: ImpactFigures,
  date: string,
  overrides: number,
): void {
  paper.newPage();
  writeLine(paper, "Prop 64 record clearance: impact report", { font: "Helvetica-Bold", size: 18 }, 2);
  writeParagraph(paper, `${office.officeName} - ${longDate(date)}`, {
    font: "Helvetica",
    size: 10,
    spacing: 1,
  });
  writeParagraph(
    paper,
    `County: ${summary.county}. Convictions under Health and Safety Code sections 11357-11360 found in the state criminal history data (H&S 11361.9(a)) and decided under H&S 11361.8 and the office's policy. Figures are those of the run summary (gogen.json)${overrides > 0 ? `; ${overrides} review override(s) recorded after the run are not included in these figures` : ""}.`,
    { font: "Helvetica", size: 9, spacing: 1 },
  );
  title(paper, "Key figures", 10);
  const s = summary;
  figureLine(paper, "Rows in the DOJ file(s)", s.lineCount);
  // With no Prop 64 conviction, gogen.json carries the compute-at date as a placeholder.
  const anyConviction =
    s.prop64FelonyConvictionsCountInCounty + s.prop64NonFelonyConvictionsCountInCounty > 0;
  figureLine(
    paper,
    "Earliest Prop 64 conviction",
    anyConviction ? (s.earliestConviction?.slice(0, 10) ?? "none") : "none",
  );
  figureLine(
    paper,
    "People with a Prop 64 conviction in the county",
    s.subjectsWithProp64ConvictionCountInCounty,
  );
  figureLine(paper, "Prop 64 felony convictions", s.prop64FelonyConvictionsCountInCounty);
  figureLine(paper, "Prop 64 non-felony convictions", s.prop64NonFelonyConvictionsCountInCounty);
  figureLine(paper, "People getting some relief", s.subjectsWithSomeReliefCount);
  for (const [k, v] of sortedEntries(s.prop64ConvictionsCountInCountyByCodeSection))
    figureLine(paper, `Convictions under HS ${k}`, v);
  if (fig.heldForReview > 0)
    figureLine(paper, "Other convictions held for review (e.g. PC 182 conspiracies)", fig.heldForReview);

  stackedBars(
    paper,
    "Convictions by code section and outcome",
    [...fig.bySection.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, c]) => ({ label: `HS ${k}`, counts: c })),
  );
  stackedBars(
    paper,
    "Convictions by decade of conviction and outcome",
    [...fig.byDecade.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, c]) => ({ label: k, counts: c })),
  );
  peopleChart(paper, s);
  const cur = s.reliefWithCurrentEligibilityChoices;
  const all = s.reliefWithDismissAllProp64;
  title(paper, "People left with no felony or no conviction", 8);
  figureLine(paper, "No felony left (office policy)", cur.CountSubjectsNoFelony);
  figureLine(paper, "No conviction left (office policy)", cur.CountSubjectsNoConviction);
  figureLine(paper, "No conviction in last 7 years (office policy)", cur.CountSubjectsNoConvictionLast7Years);
  figureLine(paper, "No felony left (dismiss all Prop 64)", all.CountSubjectsNoFelony);
  figureLine(paper, "No conviction left (dismiss all Prop 64)", all.CountSubjectsNoConviction);
  figureLine(
    paper,
    "No conviction in last 7 years (dismiss all Prop 64)",
    all.CountSubjectsNoConvictionLast7Years,
  );

  const blocks: [string, Readonly<Record<string, number>>, string][] = [
    ["Dismissals by code section", s.convictionDismissalCountByCodeSection, "Dismiss all HS "],
    ["Reductions by code section", s.convictionReductionCountByCodeSection, "Reduce all HS "],
    ["Dismissals by additional relief criterion", s.convictionDismissalCountByAdditionalRelief, ""],
  ];
  for (const [t, m, prefix] of blocks) {
    const entries = sortedEntries(m);
    title(paper, t, entries.length + 1);
    if (entries.length === 0) figureLine(paper, "(none)", 0);
    for (const [k, v] of entries) figureLine(paper, `${prefix}${k}`, v);
  }
  const problems = checkAgainstSummary(fig, summary);
  if (problems.length > 0) {
    title(paper, "Note: the charts do not match the run summary", problems.length);
    for (const p of problems) writeParagraph(paper, p, { font: "Helvetica", size: 9, spacing: 1 });
  }
}
