/**
 * @module catalogue/prop64-offences — H&S 11357–11360 before and after Prop 64 (9 Nov 2016).
 *
 * Prop 64 (the Adult Use of Marijuana Act) took effect on 9 Nov 2016 and rewrote the penalties of the
 * four sections below; H&S 11361.8 lets a person convicted under the old text seek dismissal,
 * redesignation or resentencing. DOJ data carries the *historic* sub-section labels, so the statute
 * pack maps old labels to post-Prop 64 outcomes. Source: shared/docs/law.md §1.1 (post-Prop 64 column
 * checked against statute text; pre-Prop 64 column partly checked — items marked `verify`).
 */
import type { ParsedSection } from "@clearance/core";

/** One sub-division of a section's text, as the guide prints it. */
export interface SectionClause {
  /** e.g. `(a)`, `(b)(2)`, or `—` for an undivided paragraph. */
  readonly label: string;
  readonly text: string;
  /** Present when the text rests on secondary sources and must be checked against the statute. */
  readonly verify?: string;
}

/** A Prop 64 offence section with its old and new text. */
export interface Prop64Offence {
  readonly section: "11357" | "11358" | "11359" | "11360";
  readonly title: string;
  readonly before: readonly SectionClause[];
  readonly after: readonly SectionClause[];
}

/** The four Prop 64 offence sections (H&S 11357, 11358, 11359, 11360). */
export const PROP64_OFFENCES: readonly Prop64Offence[] = [
  {
    section: "11357",
    title: "Possession",
    before: [
      {
        label: "(a)",
        text: "Any amount of concentrated cannabis: wobbler (felony or misdemeanour) until 4 Nov 2014; from 5 Nov 2014 (Prop 47) a misdemeanour unless the person has a super-strike or PC 290(c) prior.",
        verify: "exact 2014–16 wording",
      },
      {
        label: "(b)",
        text: "28.5 g or less of marijuana other than concentrated cannabis: misdemeanour, fine of $100 or less, until 31 Dec 2010; infraction from 1 Jan 2011 (SB 1449).",
      },
      {
        label: "(c)",
        text: "More than 28.5 g other than concentrated cannabis: misdemeanour (6 months and/or $500).",
        verify: "primary text not found",
      },
      {
        label: "(d)",
        text: "18 or over, 28.5 g or less on K-12 school grounds while open: misdemeanour.",
        verify: "primary text not found",
      },
      {
        label: "(e)",
        text: "Under 18, same place and amount: misdemeanour.",
        verify: "primary text not found",
      },
    ],
    after: [
      {
        label: "(a)",
        text: "28.5 g or less of cannabis and/or 8 g or less of concentrate: (a)(1) under 18 — infraction with drug education; (a)(2) 18–20 — infraction, $100 or less. Lawful at 21 or over (H&S 11362.1(a)(1)–(2)).",
      },
      {
        label: "(b)",
        text: "More than those amounts: (b)(1) under 18 — infraction with drug education; (b)(2) 18 or over — misdemeanour (6 months and/or $500).",
      },
      {
        label: "(c)",
        text: "18 or over, 28.5 g / 8 g or less on K-12 school grounds during school hours: misdemeanour ($250 first offence).",
      },
      { label: "(d)", text: "Under 18, same place: infraction, punished as (b)(1)." },
      { label: "—", text: "No felony option remains in 11357." },
    ],
  },
  {
    section: "11358",
    title: "Cultivation",
    before: [
      {
        label: "—",
        text: "One undivided paragraph: felony (state prison; county jail under PC 1170(h) for sentences from 1 Oct 2011).",
        verify: "pre-2011 wording from secondary quotes",
      },
    ],
    after: [
      { label: "(a)", text: "Under 18: infraction, punished as 11357(b)(1)." },
      {
        label: "(b)",
        text: "18–20 with 6 or fewer living plants: infraction, $100 or less. Lawful at 21 or over (H&S 11362.1(a)(3)).",
      },
      {
        label: "(c)",
        text: "18 or over with more than 6 living plants: misdemeanour (6 months and/or $500).",
      },
      {
        label: "(d)",
        text: "18 or over with more than 6 plants may instead get PC 1170(h) if: (1) a super-strike or PC 290(c) prior; (2) two or more prior convictions under (c); (3) the offence resulted in listed environmental violations (A)–(G).",
      },
    ],
  },
  {
    section: "11359",
    title: "Possession for sale",
    before: [
      {
        label: "—",
        text: "One undivided paragraph: felony (state prison; PC 1170(h) 16 months/2/3 years for sentences from 1 Oct 2011).",
      },
    ],
    after: [
      { label: "(a)", text: "Under 18: infraction, punished as 11357(b)(1)." },
      { label: "(b)", text: "18 or over: misdemeanour (6 months and/or $500)." },
      {
        label: "(c)",
        text: "18 or over may get PC 1170(h) if: (1) a super-strike or PC 290(c) prior; (2) two or more prior convictions under (b); (3) knowing sale or attempted sale to a person under 18.",
      },
      {
        label: "(d)",
        text: "21 or over who knowingly hires, employs or uses a person 20 or younger to cultivate, transport, sell or otherwise deal in cannabis: may get PC 1170(h).",
      },
    ],
  },
  {
    section: "11360",
    title: "Transport, sale, gift",
    before: [
      {
        label: "(a)",
        text: "Transport, import, sell, furnish, administer, give away (or offer/attempt): felony, 2/3/4 years; 'transport' limited to transport for sale from 1 Jan 2014.",
        verify: "AB 730 (2013) date",
      },
      {
        label: "(b)",
        text: "Give away or transport 28.5 g or less other than concentrated cannabis: misdemeanour, fine of $100 or less.",
        verify: "pre-2016 wording from secondary copies",
      },
    ],
    after: [
      { label: "(a)(1)", text: "Under 18: infraction, punished as 11357(b)(1)." },
      { label: "(a)(2)", text: "18 or over: misdemeanour (6 months and/or $500)." },
      {
        label: "(a)(3)",
        text: "18 or over may get PC 1170(h) 2/3/4 years if: (A) a super-strike or PC 290(c) prior; (B) two or more prior convictions under (a)(2); (C) knowing sale, offer or gift to a person under 18; (D) import into or transport for sale out of California of more than 28.5 g or 4 g concentrate.",
      },
      {
        label: "(b)",
        text: "Giving away or transporting 28.5 g or less other than concentrated cannabis: infraction, $100 or less, any age. Lawful at 21 or over without compensation (H&S 11362.1(a)(1)).",
      },
      { label: "(c)", text: "'Transport' means transport for sale (whole section)." },
    ],
  },
];

/** The section number when a parsed code section is one of H&S 11357–11360 (code HS or unwritten). */
export function prop64OffenceSection(p: ParsedSection): Prop64Offence["section"] | undefined {
  if (p.code !== undefined && p.code !== "HS") return undefined;
  const s = p.section;
  return s === "11357" || s === "11358" || s === "11359" || s === "11360" ? s : undefined;
}
