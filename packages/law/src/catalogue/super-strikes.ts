/**
 * @module catalogue/super-strikes — PC 667(e)(2)(C)(iv), the "super strike" list.
 *
 * H&S 11358(d)(1), 11359(c)(1) and 11360(a)(3)(A) keep a felony option for a person with "one or more
 * prior convictions for an offense specified in clause (iv) of subparagraph (C) of paragraph (2) of
 * subdivision (e) of Section 667 of the Penal Code". Source: PC 667 as amended by Stats. 2021, ch. 626
 * (AB 1171) and W&I 6600(b)/6600.1, as paraphrased in shared/docs/law.md §1.4. Which version of the
 * list governs (PC 667(h), 667.1) is a legal question; this is the current working list.
 *
 * A code section alone cannot decide clauses (I), (II) and (VIII) in every case (force, victim age,
 * life-punishable enhancement): such entries are `possible` and route to review (law.md §1.4, data
 * caveat). Sub-sections whose elements are the listed facts (e.g. PC 286(c)(2), force) are `definite`.
 */
import type { ParsedSection } from "@clearance/core";
import { type CatalogueEntry, type CatalogueMatch, matchCatalogue } from "./offence-match.ts";

/** The eight clauses of PC 667(e)(2)(C)(iv), in plain words. */
export const SUPER_STRIKE_CLAUSES: readonly { readonly citation: string; readonly description: string }[] = [
  {
    citation: "PC 667(e)(2)(C)(iv)(I)",
    description:
      "A sexually violent offense as defined in W&I 6600(b): felony PC 261, 262, 264.1, 269, 286, 287, 288, 288.5, 289 or former 288a committed by force, violence, duress, menace, fear of injury or threat of retaliation; or felony PC 207, 209 or 220 with intent to commit one of them (W&I 6600.1: child victims under 14).",
  },
  {
    citation: "PC 667(e)(2)(C)(iv)(II)",
    description:
      "Oral copulation (former 288a), sodomy (286) or sexual penetration (289) with a person under 14 who is more than 10 years younger than the defendant.",
  },
  {
    citation: "PC 667(e)(2)(C)(iv)(III)",
    description: "A lewd or lascivious act on a child under 14 (PC 288).",
  },
  {
    citation: "PC 667(e)(2)(C)(iv)(IV)",
    description:
      "Any homicide offense, including any attempted homicide offense, defined in PC 187 to 191.5.",
  },
  { citation: "PC 667(e)(2)(C)(iv)(V)", description: "Solicitation to commit murder (PC 653f)." },
  {
    citation: "PC 667(e)(2)(C)(iv)(VI)",
    description: "Assault with a machine gun on a peace officer or firefighter (PC 245(d)(3)).",
  },
  {
    citation: "PC 667(e)(2)(C)(iv)(VII)",
    description: "Possession of a weapon of mass destruction (PC 11418(a)(1)).",
  },
  {
    citation: "PC 667(e)(2)(C)(iv)(VIII)",
    description: "Any serious or violent felony punishable in California by life imprisonment or death.",
  },
];

const I = "PC 667(e)(2)(C)(iv)(I)";
const III = "PC 667(e)(2)(C)(iv)(III)";
const V = "PC 667(e)(2)(C)(iv)(V)";
const VI = "PC 667(e)(2)(C)(iv)(VI)";
const VII = "PC 667(e)(2)(C)(iv)(VII)";
const VIII = "PC 667(e)(2)(C)(iv)(VIII)";

/** Life- or death-punishable offences listed by the original tool (clause VIII); definite as written. */
function life(section: string, label: string, code = "PC"): CatalogueEntry {
  return { code, section, citation: VIII, label, bare: "definite" };
}

/**
 * The listed offences other than homicide (PC 187–191.5 is a numeric range, see `superStrikeMatch`).
 * Sections follow the original tool's list (gogen-behaviour.md §3.6), re-expressed per clause.
 */
export const SUPER_STRIKE_OFFENCES: readonly CatalogueEntry[] = [
  {
    code: "PC",
    section: "261",
    citation: I,
    label: "rape by force, violence, duress, menace or fear (261(a)(2)) or threat of retaliation (261(a)(6))",
    bare: "possible",
    definite: [
      ["A", "2"],
      ["A", "6"],
    ],
  },
  {
    code: "PC",
    section: "262",
    citation: I,
    label:
      "spousal rape by force or threat (former 262(a)(1) force element varies; 262(a)(2), (a)(4) listed by gogen)",
    bare: "possible",
    definite: [["A", "2"]],
  },
  {
    code: "PC",
    section: "264.1",
    citation: I,
    label: "rape or penetration in concert by force",
    bare: "definite",
  },
  {
    code: "PC",
    section: "269",
    citation: I,
    label: "aggravated sexual assault of a child under 14",
    bare: "definite",
  },
  {
    code: "PC",
    section: "286",
    citation: I,
    label:
      "sodomy by force or threat (286(c)(2), (c)(3), (d)); with a child under 14 and 10+ years younger (286(c)(1), clause II)",
    bare: "possible",
    definite: [["C", "1"], ["C", "2"], ["C", "3"], ["D"]],
  },
  {
    code: "PC",
    section: "287",
    citation: I,
    label:
      "oral copulation by force or threat (287(c)(2), (c)(3), (d)); with a child under 14 (287(c)(1), clause II)",
    bare: "possible",
    definite: [["C", "1"], ["C", "2"], ["C", "3"], ["D"]],
  },
  {
    code: "PC",
    section: "288A",
    citation: I,
    label:
      "former 288a oral copulation by force or threat ((c)(2), (d)); with a child under 14 ((c)(1), clause II)",
    bare: "possible",
    definite: [["C", "1"], ["C", "2"], ["C", "3"], ["D"]],
  },
  {
    code: "PC",
    section: "288",
    citation: III,
    label: "lewd act on a child under 14 (288(a)); by force (288(b), clause I)",
    bare: "possible",
    definite: [["A"], ["B"]],
  },
  {
    code: "PC",
    section: "288.5",
    citation: I,
    label:
      "continuous sexual abuse of a child under 14 (force not an element; W&I 6600.1 reading is a legal question)",
    bare: "possible",
  },
  {
    code: "PC",
    section: "289",
    citation: I,
    label:
      "sexual penetration by force or threat (289(a)(1), (a)(2)); with a child under 14 and 10+ years younger (289(j), clause II)",
    bare: "possible",
    definite: [["A", "1"], ["A", "2"], ["J"]],
  },
  {
    code: "PC",
    section: "207",
    citation: I,
    label: "kidnapping, if committed with intent to commit a listed sex offence",
    bare: "possible",
  },
  {
    code: "PC",
    section: "220",
    citation: I,
    label:
      "assault with intent to commit a listed sex offence (220(b) in a first-degree burglary: life, clause VIII)",
    bare: "possible",
    definite: [["B"]],
  },
  {
    code: "PC",
    section: "653F",
    citation: V,
    label: "solicitation to commit murder (653f(b)); other solicitations are not listed",
    bare: "possible",
    definite: [["B"]],
    otherSub: "no",
  },
  {
    code: "PC",
    section: "245",
    citation: VI,
    label: "assault with a machine gun on a peace officer or firefighter (245(d)(3))",
    bare: "no",
    definite: [["D", "3"]],
    possible: [["D"]],
    otherSub: "no",
    inchoate: "no",
  },
  {
    code: "PC",
    section: "11418",
    citation: VII,
    label:
      "weapon of mass destruction (11418(a)(1)); use causing death or injury (11418(b)(1)–(2), life: clause VIII)",
    bare: "possible",
    definite: [
      ["A", "1"],
      ["B", "1"],
      ["B", "2"],
    ],
    otherSub: "no",
  },
  {
    code: "PC",
    section: "186.22",
    citation: VIII,
    label:
      "gang enhancement 186.22(b)(4) (life) — only with the underlying felony, which the section alone does not show",
    bare: "no",
    possible: [["B", "4"]],
    otherSub: "no",
    inchoate: "no",
  },
  life("37", "treason"),
  life("128", "perjury procuring an execution"),
  life("205", "aggravated mayhem"),
  life("209", "kidnapping for ransom, extortion or robbery"),
  life("209.5", "kidnapping during a carjacking"),
  {
    code: "PC",
    section: "217.1",
    citation: VIII,
    label: "attempted murder of a public official (217.1(b)); 217.1(a) assault is not listed",
    bare: "possible",
    definite: [["B"]],
    otherSub: "no",
  },
  life("218", "train wrecking"),
  life("219", "train wrecking causing death or injury"),
  life("273AB", "assault on a child under 8 causing death or coma"),
  life("451.5", "aggravated arson"),
  life("667.61", "one-strike sex offence sentencing"),
  life("667.7", "habitual offender (life)"),
  life("667.71", "habitual sexual offender"),
  life("4500", "assault by a life prisoner"),
  life("12308", "explosion with intent to murder (former; now 18745)"),
  life("12310", "explosion causing death or injury (former; now 18755)"),
  life("18745", "explosion with intent to murder"),
  life("18755", "explosion causing death or great bodily injury"),
  {
    code: "MV",
    section: "1672",
    citation: VIII,
    label: "Military and Veterans Code 1672(a) (as listed by the original tool)",
    bare: "possible",
    definite: [["A"]],
    otherSub: "no",
  },
];

/** True when `section` is a number from 187 to 191.5 inclusive (PC 667(e)(2)(C)(iv)(IV)). */
function isHomicideRange(section: string): boolean {
  if (!/^\d{3}(\.\d{1,2})?$/.test(section)) return false;
  const n = Number(section);
  return n >= 187 && n <= 191.5;
}

const HOMICIDE: CatalogueEntry = {
  code: "PC",
  section: "187–191.5",
  citation: "PC 667(e)(2)(C)(iv)(IV)",
  label: "homicide offences, including attempts, PC 187 to 191.5",
  bare: "definite",
  inchoate: "definite",
};

/**
 * Whether a conviction's code section is a super strike: `true` (definite), `"unknown"` (possible —
 * the facts that decide it are not in a code section) or `false`.
 * @example superStrikeMatch(parseCodeSection("664/187 PC")).value // true (attempted homicide, clause IV)
 */
export function superStrikeMatch(p: ParsedSection): CatalogueMatch {
  if (p.section && isHomicideRange(p.section) && (p.code === "PC" || p.code === undefined)) {
    if (p.conspiracy && !p.attempt) return { value: "unknown", entry: HOMICIDE };
    return { value: p.code === "PC" ? true : "unknown", entry: HOMICIDE };
  }
  return matchCatalogue(SUPER_STRIKE_OFFENCES, p);
}

/** The homicide range entry, for the guide. */
export const SUPER_STRIKE_HOMICIDE: CatalogueEntry = HOMICIDE;
