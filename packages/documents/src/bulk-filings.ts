/**
 * @module bulk-filings — the bulk motion under H&S 11361.9 and the proposed order the judge signs,
 * on pleading paper, each followed by one exhibit per relief type listing every case included.
 *
 * Exhibit rows are streamed from `results.ndjson` (one pass per exhibit), so a 10,000-case exhibit
 * is drawn without holding the cases in memory. Rows keep the run's order.
 */
import { drawCaption, heading, judgeBlock, signatureBlock } from "./caption.ts";
import { type PleadingPaper, writeLine, writeParagraph } from "./layout.ts";
import type { OfficeProfile } from "./office.ts";
import { RELIEF, RELIEF_KINDS, type ReliefKind, reliefFor, reliefText } from "./relief.ts";
import type { OverrideMap, ResultLine } from "./run-folder.ts";
import { readResults } from "./run-folder.ts";
import { type Column, TableWriter } from "./table.ts";
import { displayDate, longDate } from "./text.ts";

/** Cases and people per relief kind, counted before drawing (the motion states the totals). */
export type ReliefCounts = Readonly<
  Record<ReliefKind, { readonly convictions: number; readonly people: number }>
>;

/** Inputs of a bulk filing. */
export interface BulkFilingInput {
  readonly runDir: string;
  readonly overrides?: OverrideMap;
  readonly office: OfficeProfile;
  readonly counts: ReliefCounts;
  /** Document date, `YYYY-MM-DD`. */
  readonly date: string;
}

/** Columns of an exhibit: what the clerk checks against the court's records. */
export function exhibitColumns(kind: ReliefKind): Column<ResultLine & { n: number }>[] {
  return [
    { header: "No.", width: 22, value: (r) => String(r.n) },
    { header: "Name", width: 86, value: (r) => r.name },
    { header: "Date of birth", width: 46, value: (r) => displayDate(r.dob) },
    { header: "CII", width: 48, value: (r) => r.cii || "none" },
    { header: "Court case number(s)", width: 80, value: (r) => r.caseNumbers.join("; ") || "none" },
    { header: "Code section", width: 50, value: (r) => r.codeSection },
    { header: "Date of conviction", width: 46, value: (r) => displayDate(r.convictionDate) },
    { header: "Level", width: 24, value: (r) => r.level ?? "?" },
    { header: "Relief", width: 62, value: (r) => reliefText(kind, r.level, r.statutoryRemedy) },
  ];
}

function parties(office: OfficeProfile, exhibits: string): string[] {
  return office.role === "prosecutor"
    ? [
        "THE PEOPLE OF THE STATE OF CALIFORNIA,",
        "Plaintiff,",
        "v.",
        `THE PERSONS LISTED IN ${exhibits},`,
        "Defendants.",
      ]
    : [`In re THE PERSONS LISTED IN ${exhibits},`, "Petitioners."];
}

function exhibitNames(counts: ReliefCounts): string {
  const present = RELIEF_KINDS.filter((k) => counts[k].convictions > 0).map((k) => RELIEF[k].exhibit);
  if (present.length === 0) return "THE EXHIBITS";
  return present.length === 1 ? `EXHIBIT ${present[0]}` : `EXHIBITS ${present.join(" AND ")}`;
}

/** The exhibits in running text: "Exhibit A", "Exhibits A and B" or "the Exhibits". */
function exhibitPhrase(counts: ReliefCounts): string {
  const present = RELIEF_KINDS.filter((k) => counts[k].convictions > 0).map((k) => RELIEF[k].exhibit);
  if (present.length === 0) return "the Exhibits";
  return present.length === 1 ? `Exhibit ${present[0]}` : `Exhibits ${present.join(" and ")}`;
}

function movant(office: OfficeProfile): string {
  return office.role === "prosecutor"
    ? `The People of the State of California, by and through the ${office.officeName},`
    : `The ${office.officeName}, on behalf of the persons listed in the Exhibits,`;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** Draws the bulk motion (caption, notice and memorandum, signature, exhibits). */
export async function drawBulkMotion(paper: PleadingPaper, input: BulkFilingInput): Promise<void> {
  const { office, counts } = input;
  const a = counts["dismiss-and-seal"];
  const b = counts.redesignate;
  drawCaption(paper, office, {
    parties: parties(office, exhibitNames(counts)),
    caseNumber: `Case No.: see the court case number(s) of each conviction in ${exhibitPhrase(counts)}`,
    title: "MOTION FOR BULK DISMISSAL AND SEALING, AND REDESIGNATION, OF PROP 64 CONVICTIONS",
    details: ["[Health & Safety Code §§ 11361.8, 11361.9]"],
  });
  const asks: string[] = [];
  if (a.convictions > 0) {
    asks.push(
      `dismisses and seals, under Health and Safety Code section 11361.8, subdivisions (a), (b), (e) and (f), the ${plural(a.convictions, "conviction", "convictions")} of ${plural(a.people, "person", "persons")} listed in Exhibit A`,
    );
  }
  if (b.convictions > 0) {
    asks.push(
      `redesignates as misdemeanors or infractions, under Health and Safety Code section 11361.8, subdivisions (e) and (f), the ${plural(b.convictions, "conviction", "convictions")} of ${plural(b.people, "person", "persons")} listed in Exhibit B`,
    );
  }
  const askText =
    asks.length === 0 ? "grants relief; no conviction qualifies in this run" : asks.join("; and ");
  writeParagraph(paper, "TO THE HONORABLE COURT:", {});
  writeParagraph(
    paper,
    `${movant(office)} move${office.role === "prosecutor" ? "" : "s"} this Court under Health and Safety Code section 11361.9 for an order that ${askText}.`,
    { firstLineIndent: 36 },
  );
  heading(paper, "MEMORANDUM OF POINTS AND AUTHORITIES");
  const paras = [
    "Proposition 64, the Control, Regulate and Tax Adult Use of Marijuana Act, took effect on November 9, 2016. It reduced or eliminated the penalties for the offenses in Health and Safety Code sections 11357 through 11360. Under Health and Safety Code section 11361.8, a person convicted of such an offense who would not have been guilty, or would have been guilty of a lesser offense, under the Act may have the sentence recalled or dismissed (subd. (a)) or, once the sentence is completed, the conviction dismissed and sealed as legally invalid or redesignated as a misdemeanor or infraction (subd. (e)).",
    "Under Health and Safety Code section 11361.9, subdivision (a), the Department of Justice reviewed the state summary criminal history information and identified to the prosecution the past convictions in this county that are potentially eligible for relief. The prosecution reviews those cases and informs the court and the public defender of the cases it challenges (subds. (b), (c)). The convictions listed in the Exhibits are not challenged; the court shall reduce or dismiss an unchallenged conviction under section 11361.8 (subd. (d)).",
    "The Court presumes that a person satisfies the criteria of section 11361.8 unless the party opposing relief proves by clear and convincing evidence that the person does not (Health & Saf. Code, § 11361.8, subds. (b), (f)).",
    `For every conviction, the Exhibits give the person's name, date of birth, CII number, court case number(s), code section, date of conviction, level and the relief requested. Exhibit A lists ${plural(a.convictions, "conviction", "convictions")} to be dismissed and sealed; Exhibit B lists ${plural(b.convictions, "conviction", "convictions")} to be redesignated.`,
    "The movant therefore respectfully requests that the Court grant this motion, enter the proposed order, update its records and notify the Department of Justice as Health and Safety Code section 11361.9 requires.",
  ];
  for (const p of paras) writeParagraph(paper, p, { firstLineIndent: 36 });
  signatureBlock(paper, office, longDate(input.date), "Respectfully submitted,");
  await drawExhibits(paper, input);
}

/** Draws the proposed order the judge can sign, with the same exhibits. */
export async function drawProposedOrder(paper: PleadingPaper, input: BulkFilingInput): Promise<void> {
  const { office, counts } = input;
  drawCaption(paper, office, {
    parties: parties(office, exhibitNames(counts)),
    caseNumber: `Case No.: see the court case number(s) of each conviction in ${exhibitPhrase(counts)}`,
    title: "[PROPOSED] ORDER FOR BULK DISMISSAL AND SEALING, AND REDESIGNATION, OF PROP 64 CONVICTIONS",
    details: ["[Health & Safety Code §§ 11361.8, 11361.9]"],
  });
  writeParagraph(
    paper,
    `The Court has considered the motion under Health and Safety Code section 11361.9 for relief under section 11361.8 for the convictions listed in ${exhibitPhrase(counts)}, which are attached and incorporated by reference. The prosecution does not challenge relief for these convictions (Health & Saf. Code, § 11361.9, subd. (d)). Good cause appearing, IT IS ORDERED:`,
    { firstLineIndent: 36 },
  );
  let n = 0;
  for (const kind of RELIEF_KINDS) {
    const c = counts[kind];
    if (c.convictions === 0) continue;
    n++;
    const text =
      kind === "dismiss-and-seal"
        ? `Each of the ${plural(c.convictions, "conviction", "convictions")} listed in Exhibit A is dismissed and sealed as legally invalid (Health & Saf. Code, § 11361.8, subds. (b), (f)).`
        : `Each of the ${plural(c.convictions, "conviction", "convictions")} listed in Exhibit B is redesignated as a misdemeanor or infraction, as stated in the Exhibit (Health & Saf. Code, § 11361.8, subd. (f)).`;
    writeParagraph(paper, `${n}. ${text}`, { firstLineIndent: 36 });
  }
  n++;
  writeParagraph(
    paper,
    `${n}. The clerk shall update the records of the court and notify the Department of Justice of this order (Health & Saf. Code, § 11361.9).`,
    { firstLineIndent: 36 },
  );
  judgeBlock(paper);
  await drawExhibits(paper, input);
}

/** Draws one exhibit per relief kind that has cases, streaming the rows from the run folder. */
async function drawExhibits(paper: PleadingPaper, input: BulkFilingInput): Promise<void> {
  for (const kind of RELIEF_KINDS) {
    const c = input.counts[kind];
    if (c.convictions === 0) continue;
    const r = RELIEF[kind];
    paper.newPage();
    writeLine(paper, `EXHIBIT ${r.exhibit}`, { align: "center", font: "Times-Bold" }, 2);
    writeParagraph(paper, `${r.heading} (${r.citation})`, { align: "center", spacing: 1 });
    writeParagraph(
      paper,
      `${plural(c.convictions, "conviction", "convictions")} of ${plural(c.people, "person", "persons")}`,
      {
        align: "center",
        spacing: 1,
      },
    );
    writeLine(paper, "", {}, 1);
    const table = new TableWriter(
      paper,
      exhibitColumns(kind),
      { font: "Times-Roman", boldFont: "Times-Bold", size: 8 },
      () =>
        writeLine(
          paper,
          `EXHIBIT ${r.exhibit} (continued)`,
          { align: "center", font: "Times-Bold", size: 10 },
          1,
        ),
    );
    for await (const row of readResults(input.runDir, input.overrides)) {
      if (reliefFor(row.determination) !== kind) continue;
      table.add({ ...row, n: table.rowCount + 1 });
    }
    if (table.rowCount !== c.convictions) {
      throw new Error(
        `exhibit ${r.exhibit}: counted ${c.convictions} cases but drew ${table.rowCount}; did the run folder change?`,
      );
    }
  }
}
