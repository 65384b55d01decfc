/**
 * @module policies/view — per-person facts shared by the compatible policies and the output columns.
 * Definitions follow gogen-behaviour.md §2.3 (subject-level facts), computed from the canonical model.
 */
import { type Count, type LocalDate, type Person, yearsBetween } from "@clearance/core";
import {
  isGangEnhanceable,
  isGangEnhancement,
  isPc290OffenseGogen,
  isSuperstrikeGogen,
  type Prop64Section,
  prop64Section,
} from "../gogen/matchers.ts";
import type { SubjectView } from "./types.ts";

/** Builds the view: convictions in source order with their case keys. */
export function viewOf(person: Person): SubjectView {
  const pairs: { count: Count; key: string }[] = [];
  for (const c of person.cases)
    for (const n of c.counts) if (n.convicted) pairs.push({ count: n, key: c.key });
  pairs.sort((a, b) =>
    a.count.source.file === b.count.source.file
      ? a.count.source.line - b.count.source.line
      : a.count.source.file < b.count.source.file
        ? -1
        : 1,
  );
  return { person, convictions: pairs.map((p) => p.count), caseKeys: pairs.map((p) => p.key) };
}

/** Per-view memo: the subject facts below are asked for once per conviction but depend only on the person. */
const memo = new WeakMap<SubjectView, Map<string, unknown>>();
function cached<T>(view: SubjectView, key: string, compute: () => T): T {
  let m = memo.get(view);
  if (!m) {
    m = new Map();
    memo.set(view, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}

/** Prop 64 conviction counts by first section number (all counties), §2.3. */
export function prop64Counts(view: SubjectView): Record<Prop64Section | "total", number> {
  return cached(view, "prop64Counts", () => computeProp64Counts(view));
}

function computeProp64Counts(view: SubjectView): Record<Prop64Section | "total", number> {
  const r = { "11357": 0, "11358": 0, "11359": 0, "11360": 0, total: 0 };
  for (const c of view.convictions) {
    const s = prop64Section(c.codeSection);
    if (s) {
      r[s]++;
      r.total++;
    }
  }
  return r;
}

/** Latest conviction date over all convictions; `unknown` marks that some date could not be read. */
export function mostRecentConviction(view: SubjectView): { date: LocalDate | undefined; unknown: boolean } {
  return cached(view, "mostRecent", () => computeMostRecent(view));
}

function computeMostRecent(view: SubjectView): { date: LocalDate | undefined; unknown: boolean } {
  let date: LocalDate | undefined;
  let unknown = false;
  for (const c of view.convictions) {
    const d = c.date.value;
    if (d === undefined) unknown = true;
    else if (date === undefined || d > date) date = d;
  }
  return { date, unknown };
}

/** gogen: code sections of super-strike convictions in conviction order, duplicates kept (§2.3). */
export function superstrikeSections(view: SubjectView): string[] {
  return cached(view, "superstrikes", () =>
    view.convictions.filter((c) => isSuperstrikeGogen(c.codeSection)).map((c) => c.codeSection),
  );
}

/** gogen_pilots: super strikes plus gang-enhancement pairs of the same case key (§3.7), de-duplicated. */
export function superstrikeSectionsPilots(view: SubjectView): string[] {
  return cached(view, "superstrikesPilots", () => computeSuperstrikesPilots(view));
}

function computeSuperstrikesPilots(view: SubjectView): string[] {
  const out: string[] = [];
  for (const s of superstrikeSections(view)) if (!out.includes(s)) out.push(s);
  for (const p of gangPairs(view)) if (!out.includes(p)) out.push(p);
  return out;
}

/** Gang-enhancement pairs `"<offence> + <enhancement>"` per case key (gogen_pilots §3.7). */
export function gangPairs(view: SubjectView): string[] {
  const byKey = new Map<string, { enh?: string; offences: string[] }>();
  view.convictions.forEach((c, i) => {
    const key = view.caseKeys[i] ?? "";
    let e = byKey.get(key);
    if (!e) {
      e = { offences: [] };
      byKey.set(key, e);
    }
    if (isGangEnhancement(c.codeSection)) e.enh = c.codeSection;
    if (isGangEnhanceable(c.codeSection)) e.offences.push(c.codeSection);
  });
  const out: string[] = [];
  for (const e of byKey.values()) if (e.enh) for (const o of e.offences) out.push(`${o} + ${e.enh}`);
  return out;
}

/** gogen: code sections of PC 290(c) offence convictions, conviction order, duplicates kept. */
export function pc290Sections(view: SubjectView): string[] {
  return cached(view, "pc290", () =>
    view.convictions.filter((c) => isPc290OffenseGogen(c.codeSection)).map((c) => c.codeSection),
  );
}

/** Years since a date, printed by the original with one decimal; -1 when unknown. */
export function yearsSince(date: LocalDate | undefined, computeAt: LocalDate): number {
  return date === undefined ? -1 : yearsBetween(date, computeAt);
}

/**
 * Whether the earliest conviction matching `pred` precedes `before`: true, false, or the undated matching
 * conviction that leaves it open. With no dated match, the original's zero date, before every conviction.
 */
export function earliestPrecedes(
  view: SubjectView,
  pred: (c: Count) => boolean,
  before: LocalDate,
): boolean | Count {
  let date: LocalDate | undefined;
  let unknown: Count | undefined;
  for (const c of view.convictions) {
    if (!pred(c)) continue;
    if (c.date.value === undefined) unknown ??= c;
    else if (date === undefined || c.date.value < date) date = c.date.value;
  }
  if (date !== undefined && date < before) return true;
  if (unknown) return unknown;
  return date === undefined;
}
