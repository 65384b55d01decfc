/**
 * @module relief — which convictions go into a filing and under which statute.
 *
 * Office determinations map to the relief requested: "Eligible for Dismissal" → dismiss and seal;
 * "Eligible for Reduction" → redesignate. Everything else (Not eligible, Hand Review, …) is left
 * out of filings and appears only on the public defender list (H&S 11361.9(c): the prosecution
 * tells the court and the public defender which cases it challenges).
 */

/** Relief requested in a filing. */
export type ReliefKind = "dismiss-and-seal" | "redesignate";

/** Relief kinds in exhibit order (Exhibit A, Exhibit B). */
export const RELIEF_KINDS: readonly ReliefKind[] = ["dismiss-and-seal", "redesignate"];

/** How each relief kind is described and on what statute it rests. */
export const RELIEF: Readonly<
  Record<ReliefKind, { exhibit: string; label: string; heading: string; citation: string; orderVerb: string }>
> = {
  "dismiss-and-seal": {
    exhibit: "A",
    label: "Dismiss and seal",
    heading: "Convictions to be dismissed and sealed",
    // 11361.8(a)–(b): recall or dismissal for a person still serving; (e)–(f): dismissal and sealing
    // after the sentence is completed. law.md §1.2.
    citation: "H&S 11361.8(a)-(b), (e)-(f)",
    orderVerb: "dismissed and sealed as legally invalid",
  },
  redesignate: {
    exhibit: "B",
    label: "Redesignate",
    heading: "Convictions to be redesignated as misdemeanors or infractions",
    // 11361.8(e)–(f): redesignation after the sentence is completed. law.md §1.2.
    citation: "H&S 11361.8(e)-(f)",
    orderVerb: "redesignated as a misdemeanor or infraction",
  },
};

/** The relief requested for an office determination, or undefined when the case is not filed. */
export function reliefFor(determination: string): ReliefKind | undefined {
  switch (determination.trim()) {
    case "Eligible for Dismissal":
      return "dismiss-and-seal";
    case "Eligible for Reduction":
      return "redesignate";
    default:
      return undefined;
  }
}

/**
 * The relief cell of an exhibit row. Redesignation says misdemeanor or infraction when the statute
 * layer decided it (`statutoryRemedy`); without it a felony becomes a misdemeanor, anything else is
 * left to the court ("as the law allows").
 */
export function reliefText(
  kind: ReliefKind,
  level: string | null,
  statutoryRemedy: string | undefined,
): string {
  if (kind === "dismiss-and-seal") return "Dismiss and seal";
  if (statutoryRemedy === "redesignate-infraction") return "Redesignate as infraction";
  if (statutoryRemedy === "redesignate-misdemeanor" || level === "F") return "Redesignate as misdemeanor";
  return "Redesignate (misd./infraction)";
}
