/**
 * @module catalogue/pc290 — PC 290(c), offences requiring sex-offender registration.
 *
 * H&S 11358(d)(1), 11359(c)(1) and 11360(a)(3)(A) keep a felony option for a person with a prior
 * conviction "for an offense requiring registration pursuant to subdivision (c) of Section 290 of the
 * Penal Code". Source: PC 290(c)(1)–(3) as amended by Stats. 2025, ch. 780 (SB 680), paraphrased in
 * shared/docs/law.md §1.5. The statutes do not say which version of 290(c) they mean; this is the
 * current list (earlier versions named only some paragraphs of 261(a) — a legal question, recorded).
 *
 * 290(c)(1) includes attempts and conspiracies to commit a listed offence. Entries whose listing
 * depends on facts outside the code section (intent, sentence, age gap under 290(c)(3)) are `possible`.
 */
import type { Level, ParsedSection } from "@clearance/core";
import { type CatalogueEntry, type CatalogueMatch, matchCatalogue } from "./offence-match.ts";

const C1 = "PC 290(c)(1)";
const C3 = "PC 290(c)(3)";

function listed(section: string, label: string): CatalogueEntry {
  return { code: "PC", section, citation: C1, label, bare: "definite", inchoate: "definite" };
}

/** PC 290(c)(1) registrable offences (anchored on the parsed section). */
export const PC290_OFFENCES: readonly CatalogueEntry[] = [
  {
    code: "PC",
    section: "187",
    citation: C1,
    label: "murder in the perpetration or attempt of rape or a listed sex act",
    bare: "possible",
  },
  {
    code: "PC",
    section: "207",
    citation: C1,
    label: "kidnapping with intent to commit a listed sex offence",
    bare: "possible",
  },
  {
    code: "PC",
    section: "209",
    citation: C1,
    label: "kidnapping with intent to commit a listed sex offence",
    bare: "possible",
  },
  {
    code: "PC",
    section: "220",
    citation: C1,
    label: "assault with intent to commit a listed offence (not mayhem)",
    bare: "possible",
  },
  {
    code: "PC",
    section: "236.1",
    citation: C1,
    label: "human trafficking, 236.1(b) or (c)",
    bare: "possible",
    definite: [["B"], ["C"]],
    otherSub: "no",
    inchoate: "possible",
  },
  listed("243.4", "sexual battery"),
  listed("261", "rape (the whole section, current text)"),
  {
    code: "PC",
    section: "262",
    citation: C1,
    label: "former 262(a)(1) spousal rape by force or violence with a state-prison sentence",
    bare: "possible",
    possible: [["A", "1"], ["A"]],
    otherSub: "no",
  },
  listed("264.1", "rape or penetration in concert"),
  listed("266", "enticing a minor into prostitution"),
  listed("266C", "sexual act induced by fraud or fear"),
  {
    code: "PC",
    section: "266H",
    citation: C1,
    label: "pimping a minor, 266h(b)",
    bare: "possible",
    definite: [["B"]],
    otherSub: "no",
  },
  {
    code: "PC",
    section: "266I",
    citation: C1,
    label: "pandering a minor, 266i(b)",
    bare: "possible",
    definite: [["B"]],
    otherSub: "no",
  },
  listed("266J", "procuring a child under 16 for lewd acts"),
  listed("267", "abduction for prostitution"),
  listed("269", "aggravated sexual assault of a child"),
  listed("285", "incest"),
  {
    code: "PC",
    section: "286",
    citation: C1,
    label: "sodomy (286(b) is exempt under 290(c)(3) where the age gap is 10 years or less)",
    bare: "possible",
    possible: [["B"]],
    otherSub: "definite",
  },
  {
    code: "PC",
    section: "287",
    citation: C1,
    label: "oral copulation (287(b) is exempt under 290(c)(3) where the age gap is 10 years or less)",
    bare: "possible",
    possible: [["B"]],
    otherSub: "definite",
  },
  {
    code: "PC",
    section: "288A",
    citation: C1,
    label: "former 288a oral copulation",
    bare: "possible",
    possible: [["B"]],
    otherSub: "definite",
  },
  listed("288", "lewd or lascivious act on a child"),
  {
    code: "PC",
    section: "288.2",
    citation: C1,
    label: "felony 288.2 (harmful matter to a minor) — only as a felony",
    bare: "possible",
  },
  listed("288.3", "contact with a minor to commit a sexual offence"),
  listed("288.4", "arranging a meeting with a minor for lewd purposes"),
  listed("288.5", "continuous sexual abuse of a child"),
  listed("288.7", "sexual act with a child 10 or younger"),
  {
    code: "PC",
    section: "289",
    citation: C1,
    label: "sexual penetration (289(h), (i) exempt under 290(c)(3) where the age gap is 10 years or less)",
    bare: "possible",
    possible: [["H"], ["I"]],
    otherSub: "definite",
  },
  listed("311.1", "child pornography for sale or distribution"),
  {
    code: "PC",
    section: "311.2",
    citation: C1,
    label: "311.2(b), (c) or (d) (distribution of matter depicting minors)",
    bare: "possible",
    definite: [["B"], ["C"], ["D"]],
    otherSub: "no",
  },
  listed("311.3", "sexual exploitation of a child"),
  listed("311.4", "employing a minor for obscene matter"),
  listed("311.10", "advertising obscene matter depicting minors"),
  listed("311.11", "possession of obscene matter depicting minors"),
  listed("647.6", "annoying or molesting a child"),
  listed("647A", "former 647a (annoying or molesting a child)"),
  {
    code: "PC",
    section: "653F",
    citation: C1,
    label: "solicitation of a listed sex offence, 653f(c)",
    bare: "possible",
    definite: [["C"]],
    otherSub: "no",
  },
  {
    code: "PC",
    section: "314",
    citation: C1,
    label: "indecent exposure, 314 subdivision 1 or 2",
    bare: "possible",
    definite: [["1"], ["2"]],
    otherSub: "no",
  },
  {
    code: "PC",
    section: "272",
    citation: C1,
    label: "contributing to delinquency, only where it involves lewd or lascivious conduct",
    bare: "possible",
  },
];

/** The 290(c)(3) age-gap exemption, in plain words (for the guide). */
export const PC290_EXEMPTION = {
  citation: C3,
  description:
    "No mandatory registration for 261.5(c) or (d), 286(b), 287(b), or 289(h) or (i) where the person was not more than 10 years older than the minor and it is the only registrable conviction.",
} as const;

/**
 * Whether a conviction requires registration under PC 290(c): `true`, `"unknown"` (depends on facts
 * the section does not show) or `false`. PC 288.2 counts only as a felony, so `level` is used for it.
 * @example pc290Match(parseCodeSection("243.4(A) PC"), "M").value // true
 */
export function pc290Match(p: ParsedSection, level: Level | undefined): CatalogueMatch {
  const m = matchCatalogue(PC290_OFFENCES, p);
  if (m.entry?.section === "288.2" && p.code === "PC") {
    return { value: level === "F" ? true : level === undefined ? "unknown" : false, entry: m.entry };
  }
  return m;
}
