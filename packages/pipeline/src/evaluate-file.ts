/**
 * @module evaluate-file — between the passes: decide every relevant conviction of every person of one
 * input file under the office's policy, hand each decided conviction's eligibility cells to pass 2, and
 * add up the file's summary figures. Each person with a decided conviction goes on to `explain`
 * (explain.ts: the statute beside the decision). Pass 2 may run on another thread while this runs: people
 * are numbered as first seen, so once person p is decided every row before the next person's first row
 * has its cells (`RecordSink.settled`). Pure apart from those hooks.
 */
import { addYears, type Count, type LocalDate } from "@clearance/core";
import {
  type Decision,
  dismissAllProp64AndRelatedPolicy,
  dismissAllProp64Policy,
  type Policy,
  prop64Section,
  relatedChargeGogen,
  type SubjectView,
  viewOf,
} from "@clearance/law";
import { csvRow, eligibilityCells, emptySummary, type Flavor, type GogenSummary } from "@clearance/outputs";
import { type SubjectCollector, type SubjectFacts, subjectToPerson } from "@clearance/sources";
import { type DecidedPerson, isRelevant } from "./explain.ts";

export { isRelevant };

/** Where the eligibility cells of decided convictions go: pass 2's store or its thread's feed. */
export interface RecordSink {
  /** The cells before and after "Possible Other P64 Charges" of the conviction on data row `rowIndex`. */
  set(rowIndex: number, before: string, after: string): void;
  /** Every data row before `rows` has all its cells now. */
  settled(rows: number): void;
}

/** What evaluation of one file produces. */
export interface FileEvaluation {
  readonly summary: GogenSummary;
  /** Figures for the pilots text report. */
  readonly report: PilotsReportFigures;
}

/** Counts behind the gogen_pilots `.out` report. */
export interface PilotsReportFigures {
  individuals: number;
  convictions: number;
  convictionsInCounty: number;
  prop64Overall: Record<string, number>;
  prop64InCounty: Record<string, number>;
  byDetermination: Record<string, Record<string, number>>;
  byReason: Record<string, Record<string, number>>;
  related: Record<string, number>;
  withFelony: number;
  withConviction: number;
  withConvictionLast7: number;
  reliefRelated: {
    CountSubjectsNoConviction: number;
    CountSubjectsNoConvictionLast7Years: number;
    CountSubjectsNoFelony: number;
  };
}

/** Options of one file's evaluation. */
export interface EvaluateOptions {
  readonly county: string;
  readonly computeAt: LocalDate;
  readonly policy: Policy;
  readonly flavor: Flavor;
  readonly dismissKeys: readonly string[];
  readonly reduceKeys: readonly string[];
  readonly file: string;
  readonly fileIndex: number;
  /** Receives each person with at least one decided conviction, in first-seen order; may pause the loop. */
  readonly explain: (person: DecidedPerson) => Promise<void> | undefined;
  /** Receives the cells of every decided conviction. */
  readonly records: RecordSink;
  /** Stops the loop early when it says yes (the caller then fails the run). */
  readonly aborted?: () => boolean;
}

/** How many people are decided between two turns of the event loop (progress, cancelling). */
const PEOPLE_PER_TURN = 256;

/** Decision for a PC 182 conspiracy whose object offence is only named in COMMENT_TEXT (architecture.md). */
function conspiracyDecision(c: Count): Decision {
  const object = (c.description ?? "").split("-")[0]!.trim();
  return {
    determination: "Hand Review",
    reason: `Conspiracy (PC 182) to commit ${object}: whether it qualifies is for the office to decide`,
    trace: [
      {
        rule: "clearance.conspiracy-object-in-comment",
        outcome: "fired",
        citation: "PC 182; H&S 11361.8(a)",
      },
    ],
  };
}

const isRelief = (d: Decision | undefined) =>
  d !== undefined &&
  (d.determination === "Eligible for Dismissal" || d.determination === "Eligible for Reduction");
const isDismissal = (d: Decision | undefined) =>
  d !== undefined && d.determination === "Eligible for Dismissal";

/** Full-relief counters (§5.4) of one person under one set of decisions. */
function reliefOf(
  view: SubjectView,
  decisions: Map<Count, Decision>,
  since7: LocalDate,
): [noConviction: boolean, noConvictionLast7: boolean, noFelony: boolean] {
  const all = view.convictions;
  const felonies = all.filter((c) => c.level === "F");
  const recent = all.filter((c) => c.date.value !== undefined && c.date.value > since7);
  return [
    all.length > 0 && all.every((c) => isDismissal(decisions.get(c))),
    recent.length > 0 && recent.every((c) => isDismissal(decisions.get(c))),
    felonies.length > 0 && felonies.every((c) => isRelief(decisions.get(c))),
  ];
}

function nested(m: Record<string, Record<string, number>>, k: string): Record<string, number> {
  let inner = m[k];
  if (!inner) {
    inner = {};
    m[k] = inner;
  }
  return inner;
}

function bump(m: Record<string, number>, k: string, by = 1): void {
  m[k] = (m[k] ?? 0) + by;
}

/** Decides every relevant conviction of the collected subjects. */
export async function evaluateFile(collector: SubjectCollector, o: EvaluateOptions): Promise<FileEvaluation> {
  const summary = emptySummary(o.county, o.dismissKeys, o.reduceKeys);
  summary.lineCount = collector.rowIndex;
  const records = o.records;
  const since7 = addYears(o.computeAt, -7);
  const report: PilotsReportFigures = {
    individuals: collector.subjects.size,
    convictions: 0,
    convictionsInCounty: 0,
    prop64Overall: {},
    prop64InCounty: {},
    byDetermination: {},
    byReason: {},
    related: {},
    withFelony: 0,
    withConviction: 0,
    withConvictionLast7: 0,
    reliefRelated: {
      CountSubjectsNoConviction: 0,
      CountSubjectsNoConvictionLast7Years: 0,
      CountSubjectsNoFelony: 0,
    },
  };
  const people = collector.subjects.size;
  for (let p = 0; p < people; p++) {
    const s = collector.facts(p);
    const person = subjectToPerson(s, o.file, o.fileIndex);
    const view = viewOf(person);
    // Per person only: a run-wide map would keep every person's model alive until the end.
    const rowIndexOf = new Map<Count, number>();
    rowIndexes(s, view, rowIndexOf);
    const current = new Map<Count, Decision>();
    const dismissAll = new Map<Count, Decision>();
    const dismissAllRelated = new Map<Count, Decision>();
    let anyInCounty = false;
    let someRelief = false;
    const decided: Decision[] = [];
    view.convictions.forEach((c, i) => {
      report.convictions++;
      if (c.county === o.county) report.convictionsInCounty++;
      const sec = prop64Section(c.codeSection);
      if (sec) bump(report.prop64Overall, sec);
      const relatedGogen = relatedChargeGogen(c.codeSection);
      if (relatedGogen) bump(report.related, relatedGogen);
      if (c.county === o.county && (sec || relatedGogen))
        dismissAllRelated.set(c, dismissAllProp64AndRelatedPolicy.decide(person, c, o.computeAt));
      if (!isRelevant(c, o.county)) return;
      const decision = sec ? o.policy.decide(person, c, o.computeAt, view) : conspiracyDecision(c);
      current.set(c, decision);
      decided.push(decision);
      if (sec) {
        dismissAll.set(c, dismissAllProp64Policy.decide(person, c, o.computeAt));
        anyInCounty = true;
        bump(summary.prop64ConvictionsCountInCountyByCodeSection, sec);
        bump(report.prop64InCounty, sec);
        if (c.level === "F") summary.prop64FelonyConvictionsCountInCounty++;
        else summary.prop64NonFelonyConvictionsCountInCounty++;
        const d = c.date.value;
        if (d !== undefined && (summary.earliestConviction === undefined || d < summary.earliestConviction))
          summary.earliestConviction = d;
        bump(nested(report.byDetermination, decision.determination), sec);
        bump(nested(report.byReason, decision.determination), decision.reason);
      }
      if (isRelief(decision)) someRelief = true;
      if (decision.determination === "Eligible for Dismissal") {
        const r = decision.reason;
        const key = /^Dismiss all HS (\d+) convictions$/.exec(r)?.[1];
        if (key && key in summary.convictionDismissalCountByCodeSection)
          bump(summary.convictionDismissalCountByCodeSection, key);
        if (!r.startsWith("Dismiss all HS") && !r.startsWith("Misdemeanor or Infraction"))
          bump(summary.convictionDismissalCountByAdditionalRelief, r);
      }
      if (decision.determination === "Eligible for Reduction") {
        const key = /^Reduce all HS (\d+) convictions$/.exec(decision.reason)?.[1];
        if (key && key in summary.convictionReductionCountByCodeSection)
          bump(summary.convictionReductionCountByCodeSection, key);
      }
      const caseNumbers = s.caseNumbers.get(view.caseKeys[i] ?? "") ?? [];
      const cells = eligibilityCells(
        { view, count: c, caseNumbers, decision, computeAt: o.computeAt },
        "",
        o.flavor,
      );
      const rowIndex = rowIndexOf.get(c)!;
      // Kept until pass 2 as two pre-encoded strings around "Possible Other P64 Charges" (filled from the row).
      records.set(rowIndex, csvRow(cells.slice(0, 2)), csvRow(cells.slice(3)));
    });
    records.settled(collector.firstRowOf(p + 1));
    let wait: Promise<void> | undefined;
    if (decided.length > 0) wait = o.explain({ facts: s, person, view, decisions: decided });
    if (wait) await wait;
    else if (p % PEOPLE_PER_TURN === PEOPLE_PER_TURN - 1) await new Promise<void>((r) => setImmediate(r));
    if (o.aborted?.()) break;
    if (anyInCounty) summary.subjectsWithProp64ConvictionCountInCounty++;
    if (someRelief) summary.subjectsWithSomeReliefCount++;
    addRelief(summary.reliefWithCurrentEligibilityChoices, reliefOf(view, current, since7));
    addRelief(summary.reliefWithDismissAllProp64, reliefOf(view, dismissAll, since7));
    addRelief(report.reliefRelated, reliefOf(view, dismissAllRelated, since7));
    if (view.convictions.some((c) => c.level === "F")) report.withFelony++;
    if (view.convictions.length > 0) report.withConviction++;
    if (view.convictions.some((c) => c.date.value !== undefined && c.date.value > since7))
      report.withConvictionLast7++;
  }
  return { summary, report };
}

function addRelief(
  into: {
    CountSubjectsNoConviction: number;
    CountSubjectsNoConvictionLast7Years: number;
    CountSubjectsNoFelony: number;
  },
  [a, b, c]: [boolean, boolean, boolean],
): void {
  if (a) into.CountSubjectsNoConviction++;
  if (b) into.CountSubjectsNoConvictionLast7Years++;
  if (c) into.CountSubjectsNoFelony++;
}

/** Maps each Count of the view back to its data-row index (by source line). */
function rowIndexes(s: SubjectFacts, view: SubjectView, into: Map<Count, number>): void {
  const byLine = new Map<number, number>();
  for (const c of s.convictions) byLine.set(c.line, c.rowIndex);
  for (const c of view.convictions) into.set(c, byLine.get(c.source.line)!);
}
