/**
 * @module catalogue/offence-match — matching a parsed code section against a catalogue entry.
 *
 * The statute catalogue (super strikes, PC 290(c)) matches on the *parsed* section (code, number,
 * sub-sections), anchored, unlike the original tool's unanchored regular expressions (those live in
 * `gogen/matchers.ts` for compatibility). An entry says which sub-sections make the match definite,
 * which leave it possible (facts such as force or ages are not in a code section), and which rule it out.
 */
import type { ParsedSection, Tri } from "@clearance/core";

/** How sure a code section alone makes the match. */
export type CatalogueCertainty = "definite" | "possible";

/** One listed offence of a statutory list. */
export interface CatalogueEntry {
  /** Statute code, e.g. `PC`, `MV`. */
  readonly code: string;
  /** Section number as the parser writes it, e.g. `288A`, `190`. */
  readonly section: string;
  /** The clause of the list this rests on, e.g. `PC 667(e)(2)(C)(iv)(IV)`. */
  readonly citation: string;
  /** Plain words for the guide. */
  readonly label: string;
  /** CatalogueCertainty when no sub-section is written (or any sub-section not listed below). */
  readonly bare: CatalogueCertainty | "no";
  /** Sub-section prefixes (e.g. `["C","2"]`) that make the match definite. */
  readonly definite?: readonly (readonly string[])[];
  /** Sub-section prefixes that leave it possible. */
  readonly possible?: readonly (readonly string[])[];
  /** CatalogueCertainty for a written sub-section not listed in `definite`/`possible` (default: same as `bare`). */
  readonly otherSub?: CatalogueCertainty | "no";
  /** CatalogueCertainty for an attempt (PC 664) or conspiracy (PC 182) to commit it (default `possible`). */
  readonly inchoate?: CatalogueCertainty | "no";
}

/** Result of looking a section up in a list: true (definite), "unknown" (possible), false (not listed). */
export interface CatalogueMatch {
  readonly value: Tri;
  readonly entry?: CatalogueEntry;
}

function startsWith(subs: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((p, i) => subs[i] === p);
}

function certaintyToTri(c: CatalogueCertainty | "no"): Tri {
  return c === "definite" ? true : c === "possible" ? "unknown" : false;
}

/**
 * Looks a parsed section up in a catalogue. A section written without a code (`187`) matches as
 * "possible" at best, since the number alone does not say which code it belongs to.
 */
export function matchCatalogue(entries: readonly CatalogueEntry[], p: ParsedSection): CatalogueMatch {
  if (!p.section) return { value: false };
  let best: CatalogueMatch = { value: false };
  for (const e of entries) {
    if (e.section !== p.section) continue;
    if (p.code !== undefined && p.code !== e.code) continue;
    let c: CatalogueCertainty | "no";
    if (p.attempt || (p.conspiracy && p.section !== "182")) c = e.inchoate ?? "possible";
    else if (p.subsections.length === 0) c = e.bare;
    else if (e.definite?.some((d) => startsWith(p.subsections, d))) c = "definite";
    else if (e.possible?.some((d) => startsWith(p.subsections, d))) c = "possible";
    else c = e.otherSub ?? e.bare;
    if (p.code === undefined && c === "definite") c = "possible";
    const v = certaintyToTri(c);
    if (v === true) return { value: true, entry: e };
    if (v === "unknown" && best.value === false) best = { value: "unknown", entry: e };
  }
  return best;
}
