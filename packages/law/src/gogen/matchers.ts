/**
 * @module gogen/matchers — the original tool's code-section matchers, reproduced for compatibility.
 *
 * These are unanchored "find anywhere" regular expressions over the derived code-section text, as the
 * original bulk tool (gogen 0.2.13 / gogen_pilots 0.2.5) used them; see docs/deviations.md for where
 * that over-matches (e.g. `137 PC` counts as a super strike). The compatible policies use these so that
 * determinations match the original row for row. The statute layer uses its own, anchored catalogue.
 *
 * Sources: PC 667(e)(2)(C)(iv) (super strikes), PC 290(c) (registrable offences), H&S 11357–11360
 * (Prop 64 offences), as listed in ../shared/docs/gogen-behaviour.md §3.
 */

/** The four Prop 64 sections, H&S 11357 (possession), 11358 (cultivation), 11359 (possession for sale), 11360 (transport/sale). */
export const PROP64_SECTIONS = ["11357", "11358", "11359", "11360"] as const;
/** One of the four Prop 64 section numbers. */
export type Prop64Section = (typeof PROP64_SECTIONS)[number];

const PROP64 = /(11357|11358|11359|11360)/;

/** The first Prop 64 section number found anywhere in the text (leftmost), or undefined. */
export function prop64Section(codeSection: string): Prop64Section | undefined {
  return PROP64.exec(codeSection)?.[1] as Prop64Section | undefined;
}

/** Baseline matcher of the configurable policy: the text contains the section number. */
export function matchesBaselineKey(codeSection: string, key: Prop64Section): boolean {
  return codeSection.includes(key);
}

const SUB_11357 = /11357\(([A-D])\)/;

/** The parenthesised upper-case sub-section letter of an 11357 charge (`11357(C)` → `C`), or undefined. */
export function subsection11357(codeSection: string): string | undefined {
  return SUB_11357.exec(codeSection)?.[1];
}

const RELATED =
  /(647\(f\)\s*PC|602\s*PC|466\s*PC|148\.9\s*PC|148\s*PC|11364\s*HS|11550\s*HS|4140\s*BP|4149\s*BP|4060\s*BP|40508\s*VC|1320[^\d.][^.]*PC)/;

/** The matched "Prop 64 related" charge text (plea-bargain sections), or undefined. Never true for Prop 64 sections. */
export function relatedChargeGogen(codeSection: string): string | undefined {
  if (prop64Section(codeSection)) return undefined;
  return RELATED.exec(codeSection)?.[1];
}

const E = "((136\\.1)|(215)|(213\\(A\\)\\(1\\)\\(A\\))|(246)|(519)|(12022\\.55))";

/** PC 667(e)(2)(C)(iv) "super strike" patterns (unanchored), gogen-behaviour.md §3.6. */
const SUPERSTRIKE_PATTERNS: readonly string[] = [
  "37 PC",
  "128 PC",
  `${E}.*186\\.22\\(B\\)\\(4\\) PC`,
  `186\\.22\\(B\\)\\(4\\).*${E} PC`,
  "187 PC",
  "188 PC",
  "189(\\.[15])? PC",
  "190(\\.\\d{1,2})?(\\(.*\\))? PC",
  "191(\\.5)? PC",
  "205 PC",
  "207 PC",
  "209(\\.5)? PC",
  "217\\.1 PC",
  "218 PC",
  "219 PC",
  "220 PC",
  "245\\(D\\)\\(3\\) PC",
  "261(\\(.*\\))? PC",
  "262(\\(.*\\))? PC",
  "264\\.1 PC",
  "269 PC",
  "273AB(\\(.*\\))? PC",
  "286((\\(C\\)\\([123]\\)(\\([ABC]\\))?)|(\\(D\\)\\([123]\\)))? PC",
  "287 PC",
  "288((\\(A\\))|(\\(B\\)\\([12]\\)))? PC",
  "288A((\\(D\\))|(\\(C\\)\\(1\\))|(\\(C\\)\\(2\\)\\([ABC]\\)))? PC",
  "288\\.5(\\(A\\))? PC",
  "289((\\(J\\))|(\\(A\\)\\(1\\)\\([ABC]\\))|(\\(A\\)\\(2\\)\\(C\\)))? PC",
  "451\\.5 PC",
  "653F PC",
  "667\\.(61|7|71) PC",
  "4500 PC",
  "11418((\\(A\\)\\(1\\))|(\\(B\\)\\([12]\\))) PC",
  "12308 PC",
  "12310 PC",
  "18745 PC",
  "18755 PC",
  "1672\\(A\\) MV",
];
const SUPERSTRIKE = new RegExp(SUPERSTRIKE_PATTERNS.map((p) => `(?:${p})`).join("|"));

/** True when the text matches any super-strike pattern, PC 667(e)(2)(C)(iv) (compatible, unanchored). */
export function isSuperstrikeGogen(codeSection: string): boolean {
  return SUPERSTRIKE.test(codeSection);
}

/** PC 290(c) registrable-offence patterns (unanchored), gogen-behaviour.md §3.8. */
const PC290_PATTERNS: readonly string[] = [
  "236\\.1\\([BC]\\)(.*) PC",
  "243\\.4(.*) PC",
  "261 PC",
  "261(\\(|\\.|[a-zA-Z])+(.*) PC",
  "262\\(A\\)(\\(1\\))? PC",
  "264\\.1(\\((.*))? PC",
  "266 PC",
  "266C PC",
  "266H\\(B\\)(.*) PC",
  "266I\\(B\\)(.*) PC",
  "266J PC",
  "267 PC",
  "269 PC",
  "269(\\(|\\.|[a-zA-Z])+(.*) PC",
  "272 PC",
  "285 PC",
  "286([^\\.]*) PC",
  "287 PC",
  "288 PC",
  "288A(.*) PC",
  "288\\.[23457](.*) PC",
  "289([^\\.]*) PC",
  "311\\.1(.*) PC",
  "311\\.2\\([BCD]\\) PC",
  "311\\.([34]|10|11)(.*) PC",
  "314\\([12]\\) PC",
  "451\\.5 PC",
  "647\\.6(.*) PC",
  "647A(.*) PC",
  "653F\\([BC]\\) PC",
];
const PC290 = new RegExp(PC290_PATTERNS.map((p) => `(?:${p})`).join("|"));

/** True when the text matches a PC 290(c) registrable-offence pattern (compatible, unanchored). */
export function isPc290OffenseGogen(codeSection: string): boolean {
  return PC290.test(codeSection);
}

const GANG_ENHANCEMENT = /186\.22\(B\)\(4\) PC/;
const ENHANCEABLE = new RegExp(`${E} PC`);

/** gogen_pilots: the gang enhancement PC 186.22(b)(4) on its own. */
export function isGangEnhancement(codeSection: string): boolean {
  return GANG_ENHANCEMENT.test(codeSection);
}

/** gogen_pilots: an offence that PC 186.22(b)(4) turns into a super strike. */
export function isGangEnhanceable(codeSection: string): boolean {
  return ENHANCEABLE.test(codeSection);
}

/**
 * "Possible Other P64 Charges" (gogen-behaviour.md §5.3): COMMENT_TEXT when it names a different
 * Prop 64 charge than OFFENSE_DESCR, else the empty string.
 */
export function possibleOtherP64(offenseDescr: string, commentText: string): string {
  const o = offenseDescr.trim();
  if (o === "" || o === "SEE COMMENT FOR CHARGE") return "";
  const c64 = prop64Section(commentText);
  if (!c64) return "";
  const o64 = prop64Section(offenseDescr);
  if (!o64 || o64 !== c64) return commentText;
  if (o64 !== "11357") return "";
  const os = subsection11357(offenseDescr);
  const cs = subsection11357(commentText);
  if (os && cs) {
    const ab = (s: string) => s === "A" || s === "B";
    return ab(os) !== ab(cs) ? commentText : "";
  }
  return cs ? commentText : "";
}
