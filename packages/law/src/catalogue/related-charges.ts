/**
 * @module catalogue/related-charges — sections often used as plea bargains for a Prop 64 charge.
 *
 * H&S 11361.8 relieves only convictions under 11357–11360 and 11362.1–11362.4 (11361.8(a)). A
 * conviction for, say, H&S 11364 (paraphernalia) or PC 32 (accessory) in the same case as a Prop 64
 * count may be a plea bargain for cannabis conduct; the statute does not relieve it, so it is reported
 * as `possible-related` for a person to review — never relieved automatically. The list is the original
 * tool's "Prop 64 related" list (gogen-behaviour.md §3.4) plus H&S 11366 and PC 32 (users.md §5),
 * matched on the parsed section, so `647(F) PC` (upper case, as DOJ writes it) matches too.
 */
import { type Case, type Count, type ParsedSection, parseCodeSection } from "@clearance/core";
import { prop64OffenceSection } from "./prop64-offences.ts";

/** A section the catalogue treats as a possible plea bargain for a Prop 64 charge. */
export interface RelatedChargeEntry {
  readonly code: string;
  readonly section: string;
  /** Required leading sub-sections, e.g. `["F"]` for PC 647(f). */
  readonly subsections?: readonly string[];
  readonly label: string;
  /** Where the entry comes from. */
  readonly source: "gogen §3.4" | "users.md §5";
}

/** The related-charge list. */
export const RELATED_CHARGES: readonly RelatedChargeEntry[] = [
  { code: "HS", section: "11364", label: "possession of drug paraphernalia", source: "gogen §3.4" },
  { code: "HS", section: "11366", label: "maintaining a place for drug use or sale", source: "users.md §5" },
  {
    code: "HS",
    section: "11550",
    label: "under the influence of a controlled substance",
    source: "gogen §3.4",
  },
  {
    code: "BP",
    section: "4060",
    label: "possession of a controlled substance without a prescription",
    source: "gogen §3.4",
  },
  {
    code: "BP",
    section: "4140",
    label: "possession of a hypodermic needle or syringe",
    source: "gogen §3.4",
  },
  {
    code: "BP",
    section: "4149",
    label: "possession of a hypodermic needle or syringe",
    source: "gogen §3.4",
  },
  { code: "PC", section: "32", label: "accessory after the fact", source: "users.md §5" },
  {
    code: "PC",
    section: "647",
    subsections: ["F"],
    label: "disorderly conduct: public intoxication (647(f))",
    source: "gogen §3.4",
  },
  { code: "PC", section: "602", label: "trespass", source: "gogen §3.4" },
  { code: "PC", section: "466", label: "possession of burglary tools", source: "gogen §3.4" },
  {
    code: "PC",
    section: "148",
    label: "resisting, delaying or obstructing an officer",
    source: "gogen §3.4",
  },
  { code: "PC", section: "148.9", label: "false identification to a peace officer", source: "gogen §3.4" },
  { code: "PC", section: "1320", label: "failure to appear", source: "gogen §3.4" },
  { code: "VC", section: "40508", label: "failure to appear on a citation", source: "gogen §3.4" },
];

/**
 * The related-charge entry a code section matches, or undefined. Attempts and conspiracies are not
 * related charges; Prop 64 sections never are.
 * @example relatedCharge("647(F) PC")?.label // "disorderly conduct: public intoxication (647(f))"
 */
export function relatedCharge(codeSection: string | ParsedSection): RelatedChargeEntry | undefined {
  const p = typeof codeSection === "string" ? parseCodeSection(codeSection) : codeSection;
  if (!p.section || p.attempt || p.conspiracy || prop64OffenceSection(p)) return undefined;
  return RELATED_CHARGES.find(
    (e) =>
      e.section === p.section &&
      (p.code === undefined || p.code === e.code) &&
      (e.subsections ?? []).every((s, i) => p.subsections[i] === s),
  );
}

/** A conviction in the same case as a Prop 64 conviction that may have been a plea bargain. */
export interface PossibleRelated {
  /** Always `possible-related`: for review, never relieved automatically (H&S 11361.8(a)). */
  readonly code: "possible-related";
  readonly count: Count;
  readonly charge: RelatedChargeEntry;
  /** Ids of the Prop 64 convictions in the same case. */
  readonly prop64CountIds: readonly string[];
}

/**
 * The convicted related-charge counts of a case that also holds a convicted Prop 64 count (including
 * attempts and conspiracies to commit one). Empty when the case has no Prop 64 conviction.
 */
export function possibleRelatedCounts(kase: Case): PossibleRelated[] {
  const prop64 = kase.counts.filter((c) => c.convicted && prop64OffenceSection(c.parsed) !== undefined);
  if (prop64.length === 0) return [];
  const ids = prop64.map((c) => c.id);
  const out: PossibleRelated[] = [];
  for (const c of kase.counts) {
    if (!c.convicted) continue;
    const charge = relatedCharge(c.parsed);
    if (charge) out.push({ code: "possible-related", count: c, charge, prop64CountIds: ids });
  }
  return out;
}
