/**
 * @module evaluate-file — between the passes: decide every relevant conviction of every person of one
 * input file under the office's policy, keep the eligibility cells for pass 2, and add up the file's
 * summary figures (`evaluateFile`). Then, while pass 2 writes the rows on its own thread, each person
 * with a decided conviction goes to `explain` (explain.ts: the statute beside the decision) with the
 * same decisions worked out again (`explainFile`): pure functions of the person, so they come out the
 * same, and keeping them all between the two would make memory grow with the file.
 */
import { addYears, type Count, type LocalDate, type Person } from "@clearance/core";
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
import { int32Column, type SubjectCollector, type SubjectFacts, subjectToPerson } from "@clearance/sources";
import { type DecidedPerson, isRelevant } from "./explain.ts";
import { RecordStore } from "./record-store.ts";

export { isRelevant };

/** What evaluation of one file produces. */
export interface FileEvaluation {
  readonly records: RecordStore;
  readonly summary: GogenSummary;
  /** Figures for the pilots text report. */
  readonly report: PilotsReportFigures;
  /** Person numbers of the people with a decided conviction, in first-seen order (for `explainFile`). */
  readonly decidedPeople: Int32Array;
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
}

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

/** The office's decision on a relevant conviction (`isRelevant`). */
function decideRelevant(person: Person, view: SubjectView, c: Count, o: EvaluateOptions): Decision {
  return prop64Section(c.codeSection) ? o.policy.decide(person, c, o.computeAt, view) : conspiracyDecision(c);
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
export function evaluateFile(collector: SubjectCollector, o: EvaluateOptions): FileEvaluation {
  const summary = emptySummary(o.county, o.dismissKeys, o.reduceKeys);
  summary.lineCount = collector.rowIndex;
  const records = new RecordStore();
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
  const decidedPeople = int32Column();
  for (let p = 0; p < collector.subjects.size; p++) {
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
    let decided = false;
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
      const decision = decideRelevant(person, view, c, o);
      current.set(c, decision);
      decided = true;
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
    if (decided) decidedPeople.push(p);
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
  return { records, summary, report, decidedPeople: decidedPeople.parts() };
}

/** How many people `explainFile` explains between two turns of the event loop (progress, cancelling). */
const PEOPLE_PER_TURN = 256;

/**
 * Hands each person of `people` (`FileEvaluation.decidedPeople`) to `explain` with their decisions, the
 * same as `evaluateFile` made. `explain` may ask to wait (for the disk); the loop also lets the event loop
 * turn now and then, so pass 2's messages and a cancellation get through. Stops early when `aborted`.
 */
export async function explainFile(
  collector: SubjectCollector,
  people: Int32Array,
  o: EvaluateOptions,
  explain: (person: DecidedPerson) => Promise<void> | undefined,
  aborted: () => boolean = () => false,
): Promise<void> {
  for (let k = 0; k < people.length; k++) {
    const s = collector.facts(people[k]!);
    const person = subjectToPerson(s, o.file, o.fileIndex);
    const view = viewOf(person);
    const decisions: Decision[] = [];
    for (const c of view.convictions)
      if (isRelevant(c, o.county)) decisions.push(decideRelevant(person, view, c, o));
    const wait = explain({ facts: s, person, view, decisions });
    if (wait) await wait;
    else if (k % PEOPLE_PER_TURN === PEOPLE_PER_TURN - 1) await new Promise<void>((r) => setImmediate(r));
    if (aborted()) return;
  }
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
