/**
 * @module explain — the statute beside the office decision, for one person: what H&S 11361.8 provides
 * for each relevant conviction, the flags where the office's decision differs from it, and the
 * explanation records (results.ndjson, Statute_Review.csv, Related_Charges.csv; explain-files.ts).
 * None of this feeds the compatible CSVs.
 */
import { type Count, formatIso, type LocalDate, type Person } from "@clearance/core";
import {
  compareWithStatute,
  type Decision,
  describeStatute,
  evaluateStatute,
  type PossibleRelated,
  possibleRelatedCounts,
  prop64Section,
  type StatuteTraceEntry,
  type SubjectView,
} from "@clearance/law";
import { longestPartEndDate, type SubjectFacts, sentenceEndDate, subjectToPerson } from "@clearance/sources";
import {
  relatedChargeLine,
  relatedCountJson,
  type StatuteFigures,
  statuteReviewLine,
} from "./statute-review.ts";

/** Where one file's people are explained. */
export interface ExplainContext {
  readonly county: string;
  readonly computeAt: LocalDate;
  readonly file: string;
  readonly fileIndex: number;
}

/** Receivers of the explanation records. */
export interface ExplainSinks {
  /** One results.ndjson line (with its line end) per relevant conviction. */
  readonly ndjson: (line: string) => void;
  /** One Statute_Review.csv line per relevant conviction. */
  readonly review: (line: string) => void;
  /** One Related_Charges.csv line per possibly related conviction. */
  readonly related: (line: string) => void;
}

/** A person with the office's decision for each relevant conviction, in the order of `isRelevant` over the view. */
export interface DecidedPerson {
  readonly facts: SubjectFacts;
  /** The person built from `facts` (sentence parts summed, as the policies read them) and its view. */
  readonly person: Person;
  readonly view: SubjectView;
  readonly decisions: readonly Decision[];
}

/** Whether a conviction gets a record: in the county and a Prop 64 charge (or a PC 182 conspiracy to one). */
export function isRelevant(c: Count, county: string): boolean {
  return (
    c.county === county &&
    (prop64Section(c.codeSection) !== undefined || c.flags.includes("conspiracy-object"))
  );
}

/** The Prop 64 section an offence-stage rule id is for (`hs11359.c1-…` → 11359), by rule id. */
const RULE_SECTION = new Map<string, string | null>();

function ruleSection(ruleId: string): string | null {
  let section = RULE_SECTION.get(ruleId);
  if (section === undefined) {
    section = /^hs(1135[789]|11360)\./.exec(ruleId)?.[1] ?? null;
    RULE_SECTION.set(ruleId, section);
  }
  return section;
}

/**
 * Whether a statute trace entry is written to results.ndjson: every rule that fired or could not be
 * decided, and the rules checked for this conviction's own section (and the scope, remedy and procedure
 * stages); the other sections' offence rules, which cannot apply, are left out to keep the file small.
 */
function inRelevantTrace(t: StatuteTraceEntry, section: string | undefined): boolean {
  if (t.outcome !== "not-fired") return true;
  const own = ruleSection(t.ruleId);
  return own === null || own === section;
}

/** The JSON of an entry's rule id, citation and outcome, without the closing brace: by rule, then outcome. */
const ENTRY_HEADS = new Map<string, { citation: string; heads: Map<string, string> }>();

function entryHead(t: StatuteTraceEntry): string {
  let rule = ENTRY_HEADS.get(t.ruleId);
  if (rule === undefined || rule.citation !== t.citation) {
    rule = { citation: t.citation, heads: new Map() };
    ENTRY_HEADS.set(t.ruleId, rule);
  }
  let head = rule.heads.get(t.outcome);
  if (head === undefined) {
    head = JSON.stringify({ ruleId: t.ruleId, citation: t.citation, outcome: t.outcome }).slice(0, -1);
    rule.heads.set(t.outcome, head);
  }
  return head;
}

/**
 * The relevant statute trace as JSON: the same text as `JSON.stringify` of the entries kept by
 * `inRelevantTrace`, with the part every entry of a rule repeats (id, citation, outcome) made once.
 * The trace is most of each results.ndjson line.
 */
export function statuteTraceJson(trace: readonly StatuteTraceEntry[], section: string | undefined): string {
  let out = "[";
  let first = true;
  for (const t of trace) {
    if (!inRelevantTrace(t, section)) continue;
    const head = entryHead(t);
    out += first ? head : `,${head}`;
    first = false;
    out += t.facts === undefined ? "}" : `,"facts":${JSON.stringify(t.facts)}}`;
  }
  return `${out}]`;
}

/** The count with this id in a person (the statute person mirrors the policy person count for count). */
function countById(person: Person, id: string): Count {
  for (const k of person.cases) for (const n of k.counts) if (n.id === id) return n;
  throw new Error(`internal: count ${id} not found`);
}

function bump(m: Record<string, number>, k: string, by = 1): void {
  m[k] = (m[k] ?? 0) + by;
}

/** Explains one person's relevant convictions; adds to `figures`; returns how many were explained. */
export function explainPerson(
  p: DecidedPerson,
  o: ExplainContext,
  sinks: ExplainSinks,
  figures: StatuteFigures,
): number {
  const { facts: s, person, view } = p;
  // The statute reads several sentence rows of a count as concurrent parts (the longest one ends it);
  // the compatible policies keep the original's sum. With one sentence row per count the two agree.
  const statutePerson = s.convictions.some((c) => longestPartEndDate(c) !== sentenceEndDate(c))
    ? subjectToPerson(s, o.file, o.fileIndex, "longest")
    : person;
  const rowByLine = new Map<number, number>();
  for (const c of s.convictions) rowByLine.set(c.line, c.rowIndex);
  const related = relatedOf(person, view, o, sinks);
  let next = 0;
  for (const [i, c] of view.convictions.entries()) {
    if (!isRelevant(c, o.county)) continue;
    const decision = p.decisions[next++];
    if (!decision) throw new Error(`internal: no decision for conviction ${c.id} of ${person.id}`);
    const caseNumbers = s.caseNumbers.get(view.caseKeys[i] ?? "") ?? [];
    // The statute beside the office decision (architecture.md decision 3; H&S 11361.8(b), (f)).
    const statute = evaluateStatute(statutePerson, countById(statutePerson, c.id), o.computeAt);
    const statuteFlags = compareWithStatute(decision, statute);
    bump(figures.statutoryRemedies, statute.remedy);
    for (const f of statuteFlags) figures.statuteFlags[f]++;
    sinks.review(statuteReviewLine(person, caseNumbers, c, decision, statute, statuteFlags));
    const record = {
      personId: person.id,
      name: person.name,
      dob: person.dob.value === undefined ? null : formatIso(person.dob.value),
      dobRaw: person.dob.raw,
      cii: person.cii ?? "",
      file: o.file,
      fileIndex: o.fileIndex,
      line: c.source.line,
      rowIndex: rowByLine.get(c.source.line)!,
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
    };
    // The record's JSON with its last three members written here: the statute trace from cached parts.
    const head = JSON.stringify(record);
    sinks.ndjson(
      `${head.slice(0, -1)},"statuteTrace":${statuteTraceJson(statute.trace, c.parsed.section)},"statuteFlags":${JSON.stringify(statuteFlags)},"relatedCounts":${JSON.stringify((related.get(c.id) ?? []).map(relatedCountJson))}}\n`,
    );
  }
  if (next !== p.decisions.length)
    throw new Error(
      `internal: ${p.decisions.length} decisions for ${next} relevant convictions of ${person.id}`,
    );
  return next;
}

/**
 * Possibly related convictions (plea bargains for a Prop 64 charge, catalogue/related-charges) in the
 * cases of a person's relevant Prop 64 convictions: each written to Related_Charges.csv once, and
 * returned by the id of each Prop 64 conviction of its case. Never relieved (H&S 11361.8(a)).
 */
function relatedOf(
  person: Person,
  view: SubjectView,
  o: ExplainContext,
  sinks: ExplainSinks,
): Map<string, PossibleRelated[]> {
  const byProp64 = new Map<string, PossibleRelated[]>();
  const relevant = new Set<string>();
  for (const c of view.convictions)
    if (c.county === o.county && prop64Section(c.codeSection) !== undefined) relevant.add(c.id);
  if (relevant.size === 0) return byProp64;
  for (const kase of person.cases) {
    for (const r of possibleRelatedCounts(kase)) {
      if (!r.prop64CountIds.some((id) => relevant.has(id))) continue;
      sinks.related(relatedChargeLine(person, kase.caseNumbers, r));
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
