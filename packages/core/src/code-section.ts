/**
 * @module code-section — turns a charge's code-section text into structured parts.
 *
 * DOJ data writes sections many ways: `11357(C)HS`, ` 11358 HS `, `11360A2 HS`, `664-11359 HS`
 * (attempt, PC 664), `182(A)(1) PC` (conspiracy, PC 182), `484(A)/490.5 PC`. The parsed form names the
 * code (HS, PC, VC, BP…), the section number, its sub-section letters and digits, and whether it is an
 * attempt or a conspiracy. Parsing never throws; text it cannot read gives `section: undefined`.
 */

/** A code section in structured form. */
export interface ParsedSection {
  /** The text as given. */
  readonly raw: string;
  /** Statute code abbreviation, upper case: `HS`, `PC`, `VC`, `BP`, `MV`, `WI`…; undefined when absent. */
  readonly code: string | undefined;
  /** Section number, e.g. `11357`, `490.5`, `288A`; undefined when the text has none. */
  readonly section: string | undefined;
  /** Sub-section parts in order, upper case, e.g. `["A", "1"]` for `(A)(1)` and `["A", "2"]` for `A2`. */
  readonly subsections: readonly string[];
  /** PC 664: attempt to commit `section`. */
  readonly attempt: boolean;
  /** PC 182: conspiracy (to commit `section` when an object section is written, e.g. `182/11359`). */
  readonly conspiracy: boolean;
}

const CODES = /^(HS|PC|VC|BP|MV|WI|FG|PR|GC|EC|CC|UI|IC|RT|FA|HN|CI|SH|LC|RC|CCR)\b/;

/**
 * Parses a code-section string.
 * @example parseCodeSection("664-11359(B) HS") // { section: "11359", subsections: ["B"], code: "HS", attempt: true, … }
 */
export function parseCodeSection(raw: string): ParsedSection {
  let text = raw.trim().toUpperCase();
  let attempt = false;
  let conspiracy = false;

  // Attempt prefix: 664 followed by a separator, or glued to a 5-digit HS section (66411357).
  const att = /^664\s*[-/.]?\s*(?=\d)/.exec(text);
  if (att && (att[0].length > 3 || /^664\d{5}/.test(text))) {
    attempt = true;
    text = text.slice(att[0].length);
  }
  // Conspiracy: 182, 182(A), 182(A)(1) … optionally followed by an object section.
  const con = /^182((?:\([A-Z0-9]+\))*)\s*(?:([-/.+])\s*(?=\d)|(?=\s+[A-Z]{2}\b)|$)/.exec(text);
  if (con) {
    conspiracy = true;
    const rest = text.slice(con[0].length);
    if (con[2] && /^\d/.test(rest)) {
      text = rest;
    } else {
      text = `182${con[1] ?? ""}${rest}`;
      const p = parsePlain(text);
      return { raw, ...p, attempt, conspiracy };
    }
  }
  return { raw, ...parsePlain(text), attempt, conspiracy };
}

function parsePlain(text: string): Pick<ParsedSection, "code" | "section" | "subsections"> {
  const m = /^(\d+(?:\.\d+)?)([A-Z]{0,2}(?![A-Z]))?/.exec(text);
  if (!m) {
    const code = CODES.exec(text)?.[1];
    return { code, section: undefined, subsections: [] };
  }
  let section = m[1]!;
  let rest = text.slice(m[0].length);
  const subsections: string[] = [];
  const letters = m[2] ?? "";
  // `11357A`, `11360A2`, `11357B2`: trailing letters on an HS section are sub-sections, not part of the
  // section number; on PC sections such as 288A, 273AB and 653F they are part of it.
  const trailingCode = CODES.exec(rest.trim())?.[1];
  if (letters) {
    if (letters.length === 1 && /^\d{5}$/.test(section) && (trailingCode === "HS" || /^\d/.test(rest))) {
      subsections.push(letters);
    } else if (CODES.test(letters) && !/^[A-Z]/.test(rest)) {
      // `11357HS`: the code glued to the number.
      rest = letters + rest;
    } else {
      section += letters;
    }
  }
  // Digit sub-section glued after a letter: `11360A2`.
  const glued = /^(\d+)(?=\s|\(|$|[A-Z]{2}\b)/.exec(rest);
  if (glued && subsections.length > 0) {
    subsections.push(glued[1]!);
    rest = rest.slice(glued[0].length);
  }
  for (;;) {
    const p = /^\s*\(([A-Z0-9]{1,4})\)/.exec(rest);
    if (!p) break;
    subsections.push(p[1]!);
    rest = rest.slice(p[0].length);
  }
  const code = CODES.exec(rest.trim())?.[1];
  return { code, section, subsections };
}

/** Formats a parsed section the way the rap-sheet docs normalise it, e.g. `HS 11357(b)`. */
export function formatSection(p: ParsedSection): string {
  if (!p.section) return p.raw.trim();
  const subs = p.subsections.map((s) => `(${s.toLowerCase()})`).join("");
  const core = `${p.code ? `${p.code} ` : ""}${p.section}${subs}`;
  return `${p.attempt ? "PC 664/" : ""}${p.conspiracy && p.section !== "182" ? "PC 182/" : ""}${core}`;
}
