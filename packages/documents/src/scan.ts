/**
 * @module scan — one streaming pass over the run's results that counts what the filings state up
 * front (cases and people per relief) and, when per-person documents are wanted, groups the
 * convictions of people who get relief. Memory grows with convictions kept, never with file size.
 */
import { RELIEF_KINDS, type ReliefKind, reliefFor } from "./relief.ts";
import { type OverrideMap, type ResultLine, readResults } from "./run-folder.ts";
import { toWinAnsiText } from "./text.ts";

/** A conviction kept for a person's documents. */
export interface PersonConviction {
  readonly caseNumbers: readonly string[];
  readonly codeSection: string;
  readonly convictionDate: string | null;
  readonly level: string | null;
  readonly county: string;
  readonly relief: ReliefKind | undefined;
  readonly determination: string;
  readonly statutoryRemedy: string | undefined;
}

/** A person with at least one conviction in a filing, and their other relevant convictions. */
export interface PersonRecord {
  readonly personId: string;
  readonly name: string;
  readonly dob: string | null;
  readonly cii: string;
  readonly convictions: PersonConviction[];
}

/** What the scan found. */
export interface RunScan {
  readonly counts: Record<ReliefKind, { convictions: number; people: number }>;
  /** All relevant convictions read, and how many carried an override. */
  readonly total: number;
  readonly overridden: number;
  /** People with relief, in order of first appearance; empty unless asked for. */
  readonly people: PersonRecord[];
  /** How many distinct people get some relief (counted whether or not `people` was asked for). */
  readonly peopleWithRelief: number;
  /** Override keys that matched no conviction of the run. */
  readonly unmatchedOverrides: readonly string[];
  /** People whose name (or other printed field) has characters the standard PDF fonts cannot print. */
  readonly unprintable: ReadonlyMap<string, UnprintablePerson>;
}

/** A person with text the documents cannot print faithfully (see `toWinAnsiText`). */
export interface UnprintablePerson {
  readonly personId: string;
  readonly name: string;
  /** True when the person has a conviction in a filing (so in the exhibits and per-person documents). */
  hasRelief: boolean;
  /** Field ("name", "CII", "case number", "code section") → characters that cannot be printed. */
  readonly fields: Map<string, string[]>;
}

function checkPrintable(r: ResultLine, found: Map<string, UnprintablePerson>, relief: boolean): void {
  const fields: [string, string][] = [
    ["name", r.name],
    ["CII", r.cii],
    ["code section", r.codeSection],
    ...r.caseNumbers.map((c): [string, string] => ["case number", c]),
  ];
  for (const [field, value] of fields) {
    const bad = toWinAnsiText(value).unprintable;
    if (bad.length === 0) continue;
    let p = found.get(r.personId);
    if (p === undefined) {
      p = { personId: r.personId, name: r.name, hasRelief: false, fields: new Map() };
      found.set(r.personId, p);
    }
    const chars = p.fields.get(field) ?? [];
    for (const ch of bad) if (!chars.includes(ch)) chars.push(ch);
    p.fields.set(field, chars);
  }
  const p = found.get(r.personId);
  if (p !== undefined && relief) p.hasRelief = true;
}

function keep(r: ResultLine): PersonConviction {
  return {
    caseNumbers: r.caseNumbers,
    codeSection: r.codeSection,
    convictionDate: r.convictionDate,
    level: r.level,
    county: r.county,
    relief: reliefFor(r.determination),
    determination: r.determination,
    statutoryRemedy: r.statutoryRemedy,
  };
}

/** Streams the results once; see the module comment. */
export async function scanRun(
  runDir: string,
  overrides: OverrideMap | undefined,
  withPeople: boolean,
): Promise<RunScan> {
  const peopleByRelief = new Map<ReliefKind, Set<string>>(RELIEF_KINDS.map((k) => [k, new Set<string>()]));
  const counts = Object.fromEntries(
    RELIEF_KINDS.map((k) => [k, { convictions: 0, people: 0 }]),
  ) as RunScan["counts"];
  const all = new Map<string, PersonRecord>();
  const withRelief = new Set<string>();
  const matched = new Set<string>();
  const unprintable = new Map<string, UnprintablePerson>();
  let total = 0;
  let overridden = 0;
  for await (const r of readResults(runDir, overrides)) {
    total++;
    if (r.overridden) {
      overridden++;
      matched.add(`${r.fileIndex}:${r.line}`);
    }
    const kind = reliefFor(r.determination);
    if (kind !== undefined) {
      counts[kind].convictions++;
      peopleByRelief.get(kind)!.add(r.personId);
      withRelief.add(r.personId);
    }
    checkPrintable(r, unprintable, kind !== undefined);
    if (withPeople) {
      let p = all.get(r.personId);
      if (p === undefined) {
        p = { personId: r.personId, name: r.name, dob: r.dob, cii: r.cii, convictions: [] };
        all.set(r.personId, p);
      }
      p.convictions.push(keep(r));
    }
  }
  for (const k of RELIEF_KINDS) counts[k].people = peopleByRelief.get(k)!.size;
  const people = [...all.values()].filter((p) => p.convictions.some((c) => c.relief !== undefined));
  const keys =
    overrides === undefined ? [] : overrides instanceof Map ? [...overrides.keys()] : Object.keys(overrides);
  const unmatchedOverrides = keys.filter((k) => !matched.has(k));
  return {
    counts,
    total,
    overridden,
    people,
    peopleWithRelief: withRelief.size,
    unmatchedOverrides,
    unprintable,
  };
}
