/**
 * @module evaluate-file — between the passes: decide every relevant conviction of every person of one
 * input file, and add up the file's summary figures. Pure apart from the NDJSON sink it is given.
 */
import { addYears, type Count, formatIso, type LocalDate, type Person } from "@clearance/core";
import {
  compareWithStatute,
  type Decision,
  describeStatute,
  dismissAllProp64AndRelatedPolicy,
  dismissAllProp64Policy,
  evaluateStatute,
  type Policy,
  type PossibleRelated,
  possibleRelatedCounts,
  prop64Section,
  relatedChargeGogen,
  type SubjectView,
  viewOf,
} from "@clearance/law";
import { csvRow, eligibilityCells, emptySummary, type Flavor, type GogenSummary } from "@clearance/outputs";
import {
  longestPartEndDate,
  type SubjectCollector,
  type SubjectFacts,
  sentenceEndDate,
  subjectToPerson,
} from "@clearance/sources";
import { RecordStore } from "./record-store.ts";
import {
  emptyStatuteFigures,
  relatedChargeLine,
  relatedCountJson,
  type StatuteFigures,
  statuteReviewLine,
} from "./statute-review.ts";

/** What evaluation of one file produces. */
export interface FileEvaluation {
  readonly records: RecordStore;
  readonly summary: GogenSummary;
  /** Figures for the pilots text report. */
  readonly report: PilotsReportFigures;
  /** Statute-beside-policy figures for summary.json (not gogen.json). */
  readonly statute: StatuteFigures;
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
  /** Receives one results.ndjson object per relevant conviction. */
  readonly emit: (result: Record<string, unknown>) => void;
  /** Receives one Statute_Review.csv line per relevant conviction. */
  readonly emitReview?: (line: string) => void;
  /** Receives one Related_Charges.csv line per possibly related conviction. */
  readonly emitRelated?: (line: string) => void;
  /** Awaited every few hundred people, so the sink's buffers drain (bounded memory). */
  readonly drained?: () => Promise<void> | undefined;
}

/** Whether a conviction gets a record: in the county and a Prop 64 charge (or a PC 182 conspiracy to one). */
export function isRelevant(c: Count, county: string): boolean {
  return (
    c.county === county &&
    (prop64Section(c.codeSection) !== undefined || c.flags.includes("conspiracy-object"))
  );
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

/**
 * The statute trace as written to results.ndjson: every rule that fired or could not be decided, and the
 * rules checked for this conviction's own section (and the scope, remedy and procedure stages); the
 * other sections' offence rules, which cannot apply, are left out to keep the file small.
 */
function relevantTrace<T extends { ruleId: string; outcome: string }>(
  trace: readonly T[],
  section: string | undefined,
): T[] {
  return trace.filter((t) => {
    if (t.outcome !== "not-fired") return true;
    const m = /^hs(1135[789]|11360)\./.exec(t.ruleId);
    return !m || m[1] === section;
  });
}

/** The count with this id in a person (the statute person mirrors the policy person count for count). */
function countById(person: Person, id: string): Count {
  for (const k of person.cases) for (const n of k.counts) if (n.id === id) return n;
  throw new Error(`internal: count ${id} not found`);
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
  const statuteFigures = emptyStatuteFigures();
  let n = 0;
  for (const s of collector.subjects.values()) {
    if (++n % 500 === 0) {
      const p = o.drained?.();
      if (p) await p;
    }
    const person = subjectToPerson(s, o.file, o.fileIndex);
    // The statute reads several sentence rows of a count as concurrent parts (the longest one ends it);
    // the compatible policies keep the original's sum. Built only for people with a decided conviction.
    let statutePerson: Person | undefined;
    const statuteView = (): Person => {
      // With one sentence row per count the two rules agree: reuse the policy's person.
      statutePerson ??= s.convictions.some((c) => longestPartEndDate(c) !== sentenceEndDate(c))
        ? subjectToPerson(s, o.file, o.fileIndex, "longest")
        : person;
      return statutePerson;
    };
    const view = viewOf(person);
    // Per person only: a run-wide map would keep every person's model alive until the end.
    const rowIndexOf = new Map<Count, number>();
    rowIndexes(s, view, rowIndexOf);
    const current = new Map<Count, Decision>();
    const dismissAll = new Map<Count, Decision>();
    const dismissAllRelated = new Map<Count, Decision>();
    let anyInCounty = false;
    let someRelief = false;
    const related = relatedOf(person, view, o);
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
      // The statute beside the office decision (architecture.md decision 3; H&S 11361.8(b), (f)).
      const sp = statuteView();
      const statute = evaluateStatute(sp, countById(sp, c.id), o.computeAt);
      const statuteFlags = compareWithStatute(decision, statute);
      bump(statuteFigures.statutoryRemedies, statute.remedy);
      for (const f of statuteFlags) statuteFigures.statuteFlags[f]++;
      o.emitReview?.(statuteReviewLine(person, caseNumbers, c, decision, statute, statuteFlags));
      o.emit({
        personId: person.id,
        name: person.name,
        dob: person.dob.value === undefined ? null : formatIso(person.dob.value),
        dobRaw: person.dob.raw,
        cii: person.cii ?? "",
        file: o.file,
        fileIndex: o.fileIndex,
        line: c.source.line,
        rowIndex,
        codeSection: c.codeSection,
        parsed: {
          code: c.parsed.code ?? null,
          section: c.parsed.section ?? null,
          subsections: c.parsed.subsections,
          attempt: c.parsed.attempt,
          conspiracy: c.parsed.conspiracy,
        },
        county: c.county ?? "",
        convictionDate: c.date.value === undefined ? null : formatIso(c.date.value),
        convictionDateRaw: c.date.raw,
        level: c.level ?? null,
        caseNumbers,
        determination: decision.determination,
        reason: decision.reason,
        trace: decision.trace,
        flags: c.flags,
        statutoryRemedy: statute.remedy,
        statuteCitation: statute.citation,
        ...(statute.basis !== undefined ? { statuteBasis: statute.basis } : {}),
        missingFacts: statute.missingFacts,
        ...(statute.possible !== undefined ? { statutePossible: statute.possible } : {}),
        statuteReasonCode: statute.reasonCode,
        statuteReason: describeStatute(statute),
        statuteTrace: relevantTrace(statute.trace, c.parsed.section),
        statuteFlags,
        relatedCounts: (related.get(c.id) ?? []).map(relatedCountJson),
      });
    });
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
  return { records, summary, report, statute: statuteFigures };
}

/**
 * Possibly related convictions (plea bargains for a Prop 64 charge, catalogue/related-charges) in the
 * cases of a person's relevant Prop 64 convictions: each written to Related_Charges.csv once, and
 * returned by the id of each Prop 64 conviction of its case. Never relieved (H&S 11361.8(a)).
 */
function relatedOf(person: Person, view: SubjectView, o: EvaluateOptions): Map<string, PossibleRelated[]> {
  const byProp64 = new Map<string, PossibleRelated[]>();
  const relevant = new Set<string>();
  for (const c of view.convictions)
    if (c.county === o.county && prop64Section(c.codeSection) !== undefined) relevant.add(c.id);
  if (relevant.size === 0) return byProp64;
  for (const kase of person.cases) {
    for (const r of possibleRelatedCounts(kase)) {
      if (!r.prop64CountIds.some((id) => relevant.has(id))) continue;
      o.emitRelated?.(relatedChargeLine(person, kase.caseNumbers, r));
      for (const id of r.prop64CountIds) {
        let list = byProp64.get(id);
        if (!list) {
          list = [];
          byProp64.set(id, list);
        }
        list.push(r);
      }
    }
  }
  return byProp64;
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
