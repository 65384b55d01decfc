/**
 * @module rapsheet/parse — CA DOJ rap sheet text → {@link RapSheet}, never all-or-nothing.
 *
 * A line-oriented reader (docs/rap-sheet-format.md §4.3): the text is cleaned line by line, each line
 * is classified (cycle delimiter, event separator, event header, count tag, DISPO, CONV STATUS, SEN,
 * COM, date-only update line…), and a small state machine builds cycles → events → counts →
 * dispositions. Lines inside a count are read as a bag of tagged lines, in any order. A part that
 * cannot be read becomes a diagnostic with its document line number; everything else is used. Every
 * non-blank input line is either consumed by a rule or covered by a diagnostic.
 */
import { fromYmd, isValidYmd } from "@clearance/core";
import { cleanText, type Line } from "./clean.ts";
import { lookupCourthouse } from "./courthouses.ts";
import { cleanSentenceText, parseSentence } from "./sentence.ts";
import type {
  Diagnostic,
  DispositionType,
  EventType,
  PersonalInfo,
  RapSheet,
  Sentence,
  SheetCount,
  SheetCycle,
  SheetDate,
  SheetDisposition,
  SheetEvent,
} from "./types.ts";

const P = "[\\s.*'·•]*"; // stray punctuation allowed before a tag
const DATE_TOKEN = /(?<![\d.])((?:\d\.*){7}\d)(?!\d)/;
const DATE_ONLY = /^\s*((?:\d\.*){7}\d)[\s.]*$/;
const DATE_THEN_TEXT = /^\s*((?:\d\.*){7}\d)\s+/;
const END_OF_MESSAGE = /^[\s*.]*END OF MESSAGE/;
const STAR_LINE = /^[\s*.,·•]*$/;
const DASH_LINE = /^[\s']*-[\s'-]*$/;
const BANNER = /POTENTIAL FELONY STRIKE/;
const PAGE_LINE = /^[\s.]*PAGE\s+\d+\s+OF\s+\d+[\s.]*$/;
const CNT_TAG = new RegExp(`^${P}CNT\\s*[:;]`);
const COUNT_NUMBERS = /^\s*(\d{1,3})(?:\s*-\s*(\d{1,3}))?(?![\dA-Z])/;
/** A line holding only a count number (and maybe a case number): the number of a bare `CNT:` above it. */
const COUNT_NUMBER_LINE = /^(\d{1,3})(?:\s*-\s*(\d{1,3}))?(?:\s*(#.*))?$/;
const CASE_NO = /^[\s.•·'*:]*#(.*)$/;
const DISPO = /^[\s*]*D\s*I\s*S\s*P\s*O\s*[:;]\s*(.*)$/;
const CONV_STATUS = new RegExp(`^${P}CONV\\s+STATUS\\s*[:;]${P}(.*)$`);
const SEN = new RegExp(`^${P}SEN\\s*[:;]${P}(.*)$`);
const COM = new RegExp(`^${P}COM\\s*[:;]\\s*(.*)$`);
const COM_SENTENCE = /(?:\bSEN\s*-?\s*X|XSEN\s*:)[\s,]*(.*)$/;
const COM_CHARGE = /CHRG\s*-?\s*(.+)$/;
/** A TOC line, matched after trailing dots and spaces are trimmed (two runs of spaces in a row backtrack). */
const TOC = /^[\s.]*TOC\s*[:;]\s*([MFIN])?$/;
const OTHER_TAG = new RegExp(`^${P}(?:[A-Z][A-Z ]{1,14}[:;]|WARRANT\\b)`);
const FLAG_LINE = /^\s*-\s*[A-Z]/;
const REALIGNMENT = new RegExp(`^${P}1170\\s*\\(H\\)\\s*PC\\s*-\\s*SENTENCING`);
const SEE_COMMENT = /^[\s.*'·•]*SEE[\s.]+COMMENT[\s.]+FOR[\s.]+CHARGE/;
const NAM_ONLY = /^[\s.]*NAM\s*[:;]\s*\d{2,3}[\s.]*$/;
const RECORD_ERROR = /RECORD ERROR/;
const CODES = "PC|BP|CC|CI|EC|FA|FC|FG|GC|HN|IC|LC|MV|PR|RT|SH|UI|VC|WI|HS";
const CODE_PAIR = new RegExp(`\\b(?:${CODES})\\s*/`);
const CODE_WORD = new RegExp(`\\b(?:${CODES})`, "g");
const CHARGE_LEAD = /^[\s.*'·•]*(?:TOC\s*:\s*[MFIN]\b[\s.]*)?/;
/** Characters of a section before its code (`664/11359(A)`, `496.3 (A)(2)`), the gap before the code included. */
const SECTION_CHAR = /[0-9A-Z().,/|\-\s]/;
const TRAILING_TOC = /TOC\s*[:;]\s*[MFIN]?$/;
/** Words saying that a motion or petition was refused. */
const DENIED = /\b(?:DENIED|DENY|DENIAL|REJECTED|NOT\s+GRANTED)\b/;
const MENTIONS_17B = /\b17\s*\(\s*B\s*\)/;

interface HeaderRule {
  readonly type: EventType;
  readonly re: RegExp;
}

const HEADERS: readonly HeaderRule[] = [
  { type: "court", re: new RegExp(`^${P}C\\s*O\\s*U\\s*R\\s*T\\s*[:;]`) },
  {
    type: "arrest",
    re: new RegExp(`^${P}ARR[\\s.•·'*:]*/[\\s.•·'*:]*DET[\\s.•·'*:]*/[\\s.•·'*:]*CITE\\s*[:;]`),
  },
  { type: "supplemental_arrest", re: new RegExp(`^${P}SUPPLEMENTAL\\s+ARR\\s*[:;]`) },
  { type: "mental_health", re: new RegExp(`^${P}MENTAL\\s+HLTH\\s+CUS\\s*/\\s*SUPV\\s*[:;]?`) },
  { type: "custody", re: new RegExp(`^${P}CUSTODY[\\s*.]*[:;]`) },
  { type: "applicant", re: new RegExp(`^${P}APPLICANT\\s*[:;]`) },
  { type: "probation", re: new RegExp(`^${P}PROBATION\\s*[:;]`) },
  { type: "deceased", re: new RegExp(`^${P}DECEASED\\s*[:;]`) },
  {
    type: "registration",
    re: new RegExp(`^${P}R\\s*E\\s*G\\s*I\\s*S\\s*T\\s*R\\s*A\\s*T\\s*I\\s*O\\s*N\\s*[:;]`),
  },
];

/** The event type whose header starts this (cleaned) line, with the header's length. */
export function matchEventHeader(text: string): { type: EventType; length: number } | undefined {
  for (const h of HEADERS) {
    const m = h.re.exec(text);
    if (m) return { type: h.type, length: m[0].length };
  }
  return undefined;
}

/** Reads an 8-digit date with stray dots (`2015.0610`); `value` is undefined when not a real date. */
export function readSheetDate(token: string): SheetDate {
  const raw = token.replace(/\./g, "");
  const y = Number(raw.slice(0, 4));
  const m = Number(raw.slice(4, 6));
  const d = Number(raw.slice(6, 8));
  return { raw, value: y > 0 && isValidYmd(y, m, d) ? fromYmd(y, m, d) : undefined };
}

/** `s` without the characters matching `junk` (tested one at a time) at its end: a loop, linear on long runs. */
function trimEndWhile(s: string, junk: RegExp): string {
  let end = s.length;
  while (end > 0 && junk.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** `s` without the characters matching `junk` at either end. */
function trimWhile(s: string, junk: RegExp): string {
  let start = 0;
  while (start < s.length && junk.test(s[start]!)) start++;
  return trimEndWhile(s.slice(start), junk);
}

/** `s` without a trailing `TOC:M` (and the dots and spaces after it); `s` itself when it has none. */
function withoutTrailingToc(s: string): string {
  const t = trimEndWhile(s, /[\s.]/);
  const tail = t.slice(-16); // a TOC tag is a few characters: looking only at the end keeps long lines linear
  const m = TRAILING_TOC.exec(tail);
  return m ? t.slice(0, t.length - tail.length + m.index) : s;
}

/**
 * The relief a disposition or comment text names: a dismissal under PC 1203.4/1203.4a/1203.41/1203.42,
 * relief under H&S 11361.8, or a PC 17(b) reduction; undefined when it names none.
 */
function namedRelief(t: string): DispositionType | undefined {
  if (/1203\.?4\s*A\b/.test(t)) return "pc1203_4a_dismissed";
  if (/1203\.41\b/.test(t)) return "pc1203_41_dismissed";
  if (/1203\.42\b/.test(t)) return "pc1203_42_dismissed";
  if (/1203\.4(?![\dA-Z])/.test(t)) return "pc1203_dismissed";
  if (/11361\.8/.test(t)) return "hs11361_8_relief";
  if (MENTIONS_17B.test(t) || /^RED(?:UCED|UC|)?\s+TO\s+MISD/.test(t) || /^FEL(?:ONY)?\s+RED/.test(t))
    return "reduced_17b";
  return undefined;
}

/**
 * True when the text names a relief that was refused (`MOTION PER 1203.4 PC DENIED`). Relief exists only
 * once the court grants it: the dismissal order of PC 1203.4(a)(1), the court's declaration of PC 17(b)(3),
 * the grant of a petition or application under H&S 11361.8(b) and (f). A denied motion leaves the
 * conviction as it was. Denial words: DENIED, DENY, DENIAL, REJECTED, NOT GRANTED.
 */
function reliefDenied(text: string): boolean {
  const t = text.replace(/\s+/g, " ");
  return namedRelief(t.trim()) !== undefined && DENIED.test(t);
}

/** True when the text says the offence was reduced under PC 17(b), and not that a 17(b) motion was denied. */
function grants17b(text: string): boolean {
  return MENTIONS_17B.test(text) && !DENIED.test(text);
}

/** Classifies a disposition's text (after `DISPO:`). A denied motion for relief is `other_disposition_type`. */
export function dispositionType(text: string): DispositionType {
  const t = text.replace(/\s+/g, " ").trim();
  const compact = t.replace(/\s+/g, "");
  const relief = namedRelief(t);
  if (relief) return DENIED.test(t) ? "other_disposition_type" : relief;
  if (compact.startsWith("CONVICTED")) return "convicted";
  if (t.startsWith("DISMISSED")) return "dismissed";
  if (t.startsWith("PROS REJ")) return "prosecutor_rejected";
  if (t.startsWith("SENTENCE MODIFIED")) return "sentence_modified";
  if (t.startsWith("PROBATION REVOKED")) return "probation_revoked";
  return "other_disposition_type";
}

/** A charge line read into code, section and description. */
export interface ParsedCharge {
  readonly code: string;
  /** Normalised section without attempt marker, e.g. `11357(b)`. */
  readonly section: string;
  readonly attempt: boolean;
  readonly description: string | undefined;
  /** Other code/section pairs on the same line, e.g. an enhancement `PC 12022.1`. */
  readonly also: readonly string[];
}

/** Normalises a section the way the original did: no spaces, lower case, comma → period. */
function normaliseSection(raw: string): { section: string; attempt: boolean } {
  let s = raw.replace(/\s+/g, "").toLowerCase().replace(/,/g, ".");
  let attempt = false;
  const lead = /^664[./\-|]?(?=\d)/.exec(s);
  if (lead) {
    s = s.slice(lead[0].length);
    attempt = true;
  }
  const trail = /[-/]664$/.exec(s);
  if (trail) {
    s = s.slice(0, -trail[0].length);
    attempt = true;
  }
  return { section: trimWhile(s, /[.\-/]/), attempt };
}

/** Index of the first character of `line` after `from` that is not whitespace. */
function skipSpaces(line: string, from: number): number {
  let i = from;
  while (i < line.length && /\s/.test(line[i]!)) i++;
  return i;
}

/**
 * Where the code of a charge line starts and its description (docs/rap-sheet-format.md §1.9, 4b): the
 * first code abbreviation, at a word start, preceded only by section characters and followed by a dash,
 * a space or nothing but dots. Scans the line once (a single regex here backtracked for seconds on long
 * runs of spaces or dots).
 */
function findCode(line: string): { at: number; description: string | undefined } | undefined {
  let limit = 0; // line[0, limit) holds only section characters
  while (limit < line.length && SECTION_CHAR.test(line[limit]!)) limit++;
  const tailStart = trimEndWhile(line, /[\s.]/).length; // from here on only dots and spaces
  CODE_WORD.lastIndex = 1;
  for (let m = CODE_WORD.exec(line); m && m.index <= limit; m = CODE_WORD.exec(line)) {
    const after = m.index + m[0].length;
    if (after >= tailStart) return { at: m.index, description: undefined };
    if (!/[\s-]/.test(line[after]!)) continue;
    let d = skipSpaces(line, after);
    if (line[d] === "-") {
      while (line[d] === "-") d++;
      d = skipSpaces(line, d);
    }
    return { at: m.index, description: line.slice(d) };
  }
  return undefined;
}

/** Reads a charge line such as `11357(B) HS-POSSESS MARIJUANA TOC:M`; undefined when it has no code section. */
export function parseCharge(text: string): ParsedCharge | undefined {
  const line = text.slice(CHARGE_LEAD.exec(text)![0].length);
  if (!/^\d/.test(line)) return undefined;
  const found = findCode(line);
  if (!found) return undefined;
  const sectionText = trimEndWhile(line.slice(0, found.at), /[\s.]/);
  const pairs = sectionText.split(CODE_PAIR);
  const codes = [...sectionText.matchAll(new RegExp(`\\b(${CODES})\\s*/`, "g"))].map((x) => x[1]!);
  const last = pairs[pairs.length - 1]!;
  const { section, attempt } = normaliseSection(last);
  if (!/^\d/.test(section)) return undefined;
  const also = pairs.slice(0, -1).map((p, i) => `${codes[i] ?? ""} ${normaliseSection(p).section}`.trim());
  const description =
    found.description === undefined
      ? undefined
      : trimEndWhile(withoutTrailingToc(found.description), /[\s.]/).trim();
  const code = line.slice(found.at, found.at + 2);
  return { code, section, attempt, description: description || undefined, also };
}

/** Reads a case number after `#`: periods removed, trailing `.:-` stripped, trimmed. */
function caseNumber(raw: string): string | undefined {
  const s = trimEndWhile(raw.replace(/\./g, ""), /[.:\-\s]/).trim();
  return s || undefined;
}

/** A `CNT:` tag read: the count number(s) (undefined when unreadable) and the text after them. */
interface CountTag {
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly rest: string;
  /** The number is not plain digits: repaired (`CNT:O2`), unreadable (`CNT:XX`) or missing (`CNT:`). */
  readonly damaged: boolean;
}

/** True when the line starts with a count tag, readable (`CNT:01`) or damaged (`CNT:O2`, `CNT:XX`, `CNT:`). */
function isCountTag(text: string): boolean {
  return CNT_TAG.test(text);
}

/**
 * Reads a count tag. A number OCR spoils with the letter O for zero (`CNT:O2`) is repaired; any other
 * unreadable number (`CNT:XX`, `CNT:`) gives `from` undefined.
 */
function readCountTag(text: string): CountTag | undefined {
  const tag = CNT_TAG.exec(text);
  if (!tag) return undefined;
  const after = text.slice(tag[0].length);
  const m = COUNT_NUMBERS.exec(after);
  if (m) {
    const from = Number(m[1]);
    return {
      from,
      to: m[2] !== undefined ? Number(m[2]) : from,
      rest: after.slice(m[0].length),
      damaged: false,
    };
  }
  const token = /^\s*([^\s#]*)/.exec(after)!;
  const repaired = token[1]!.replace(/O/g, "0");
  const from = /^\d{1,3}$/.test(repaired) ? Number(repaired) : undefined;
  return { from, to: from, rest: after.slice(token[0].length), damaged: true };
}

// ---------------------------------------------------------------------------------------------

class Ctx {
  readonly consumed = new Set<number>();
  readonly diagnostics: Diagnostic[] = [];
  use(line: Line): void {
    this.consumed.add(line.no);
  }
  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
  note(
    line: Line,
    code: Diagnostic["code"],
    message: string,
    severity: Diagnostic["severity"] = "info",
  ): void {
    this.report({ severity, code, line: line.no, message, excerpt: line.text.trim() });
  }
}

interface MutDispo {
  type: DispositionType;
  text: string;
  date: SheetDate | undefined;
  severity: string | undefined;
  sentence: Sentence | undefined;
  sentenceLines: string[] | undefined;
  sentenceLine: number;
  mentions17b: boolean;
  comments: string[];
  line: number;
  isUpdate: boolean;
}

function isBlank(l: Line): boolean {
  return l.text.trim() === "";
}

/** The text after `RAC/` up to the next `TAG/` (`RAC/WHITE HGT/510` gives `WHITE`). */
function raceOf(t: string): string | undefined {
  const at = t.indexOf("RAC/");
  if (at < 0) return undefined;
  const rest = t.slice(at + 4);
  const next = /\s[A-Z]{2,3}\//.exec(rest);
  return (next ? rest.slice(0, next.index) : rest).trim() || undefined;
}

function parseHeader(lines: readonly Line[], ctx: Ctx): PersonalInfo {
  let cii: string | undefined;
  let dob: SheetDate | undefined;
  let sex: string | undefined;
  let race: string | undefined;
  const names: Record<string, string> = {};
  let inNames = false;
  for (const l of lines) {
    if (!isBlank(l)) ctx.use(l);
    const t = l.text;
    if (inNames) {
      const cont = /^\s*(\d{2,3})\s+(\S.*)$/.exec(t);
      if (cont) {
        names[cont[1]!] ??= cont[2]!.trimEnd();
        continue;
      }
      inNames = false;
    }
    cii ??= /CII\/\s*([AHM]\d{8})/.exec(t)?.[1];
    const d = /DOB\/\s*((?:\d\.*){7}\d)/.exec(t);
    if (d && !dob) {
      dob = readSheetDate(d[1]!);
      if (!dob.value)
        ctx.report({
          severity: "warning",
          code: "INVALID_DATE",
          line: l.no,
          message: "the date of birth (DOB/) is not a real calendar date; it is left unknown",
          excerpt: dob.raw,
        });
    }
    sex ??= /SEX\/(\S)/.exec(t)?.[1];
    race ??= raceOf(t);
    const n = /NAM\/\s*(\d{2,3})\s*(.*)$/.exec(t);
    if (n) {
      names[n[1]!] ??= n[2]!.trimEnd();
      inNames = true;
    }
    if (RECORD_ERROR.test(t))
      ctx.report({
        severity: "warning",
        code: "RECORD_ERROR",
        line: l.no,
        message: "the DOJ marked this record as a RECORD ERROR; it may be incomplete",
        excerpt: t.trim(),
      });
  }
  return { cii, dob, sex, race, names };
}

interface Segment {
  type: EventType | undefined;
  headerIdx: number; // index into lines of the header line, -1 when none
  headerLength: number;
  lines: Line[];
}

function splitEvents(lines: readonly Line[], registrationCycle: boolean, ctx: Ctx): Segment[] {
  const segments: Segment[] = [];
  let cur: Segment = { type: undefined, headerIdx: -1, headerLength: 0, lines: [] };
  const flush = () => {
    if (cur.lines.some((l) => !isBlank(l))) segments.push(cur);
    cur = { type: undefined, headerIdx: -1, headerLength: 0, lines: [] };
  };
  for (const l of lines) {
    if (DASH_LINE.test(l.text) && (l.text.match(/-/g)?.length ?? 0) >= 2) {
      ctx.use(l);
      flush();
      continue;
    }
    const h = matchEventHeader(l.text);
    if (h) {
      const onlyJunk = cur.headerIdx < 0 && cur.lines.every((x) => isBlank(x) || NAM_ONLY.test(x.text));
      if (!onlyJunk) flush();
      cur.type = h.type;
      cur.headerIdx = cur.lines.length;
      cur.headerLength = h.length;
    }
    cur.lines.push(l);
  }
  flush();
  for (const s of segments) {
    if (s.type === undefined && registrationCycle) s.type = "registration";
  }
  return segments;
}

/** Reports a line an event did not use: a lost DISPO line is a warning, anything else a note. */
function ignoreLine(ctx: Ctx, l: Line, message: string): void {
  if (DISPO.test(l.text))
    ctx.note(
      l,
      "DISPOSITION_IGNORED",
      "a DISPO line outside any count was ignored: the count line (CNT:) above it is missing or unreadable",
      "warning",
    );
  else ctx.note(l, "UNRECOGNIZED_LINE", message);
}

function parseEvent(seg: Segment, ctx: Ctx): SheetEvent | undefined {
  const lines = seg.lines;
  const first = lines.find((l) => !isBlank(l))!;
  const last = [...lines].reverse().find((l) => !isBlank(l))!;
  // Leading junk before the header.
  const start = Math.max(seg.headerIdx, 0);
  for (let i = 0; i < start; i++) {
    const l = lines[i]!;
    if (isBlank(l)) continue;
    if (NAM_ONLY.test(l.text)) ctx.use(l);
    else ignoreLine(ctx, l, "text before the event header was ignored");
  }
  const firstCnt = lines.findIndex((l, i) => i >= start && isCountTag(l.text));
  const preEnd = firstCnt < 0 ? lines.length : firstCnt;
  if (seg.type === undefined) {
    if (firstCnt < 0) {
      ctx.report({
        severity: "warning",
        code: "UNRECOGNIZED_EVENT",
        line: first.no,
        endLine: last.no,
        message: "an event without a recognised header (COURT:, ARR/DET/CITE:, …) was skipped",
        excerpt: first.text.trim(),
      });
      return undefined;
    }
    ctx.report({
      severity: "warning",
      code: "UNRECOGNIZED_EVENT",
      line: first.no,
      message: "an event without a recognised header was read as type 'unknown'; its counts are kept",
      excerpt: first.text.trim(),
    });
  }
  const type: EventType = seg.type ?? "unknown";

  // Preamble: header remainder and lines up to the first count.
  let nameCode: string | undefined;
  let date: SheetDate | undefined;
  let agency: string | undefined;
  let wantAgency = false;
  for (let i = start; i < preEnd; i++) {
    const l = lines[i]!;
    let t = i === seg.headerIdx ? l.text.slice(seg.headerLength) : l.text;
    if (isBlank(l)) continue;
    ctx.use(l);
    const nam = /NAM\s*[:;]\s*(\d{2,3})(?!\d)/.exec(t);
    if (nam) {
      nameCode ??= nam[1];
      t = t.replace(nam[0], " ");
    }
    t = t.replace(/NAM\s*[:;]\s*\S*/g, " ");
    t = t.replace(/DOB\s*[:;]\s*(?:\d\.*){7}\d/g, " ");
    t = t.replace(/(?:^|\s)TOC\s*[:;]\s*[MFIN]?\b[\s.]*/g, " ");
    if (date === undefined) {
      const dm = DATE_TOKEN.exec(t);
      if (dm) {
        date = readSheetDate(dm[1]!);
        const rest = t
          .slice(dm.index + dm[0].length)
          .replace(/^[\s.']+/, "")
          .trim();
        if (rest) agency = rest;
        else wantAgency = true;
        continue;
      }
      if (t.trim() && i !== seg.headerIdx) ignoreLine(ctx, l, "text before the event date was ignored");
      continue; // the header line's remainder, such as "JAIL" after CUSTODY:, is not needed
    }
    if (wantAgency && t.trim()) {
      agency = t.trim();
      wantAgency = false;
      continue;
    }
    if (t.trim() && i !== seg.headerIdx)
      ignoreLine(ctx, l, "text between the event header and the first count was ignored");
  }
  const headerLine = lines[start]!;
  if (!date)
    ctx.report({
      severity: "warning",
      code: "EVENT_WITHOUT_DATE",
      line: headerLine.no,
      message: `a ${type} event has no date; it is kept with an unknown date`,
      excerpt: headerLine.text.trim(),
    });
  else if (!date.value)
    ctx.report({
      severity: "warning",
      code: "INVALID_DATE",
      line: headerLine.no,
      message: `the date of a ${type} event is not a real calendar date`,
      excerpt: date.raw,
    });

  let courthouse: string | undefined;
  let courthouseKnown = false;
  if (type === "court" && agency) {
    const c = lookupCourthouse(agency);
    courthouse = c.display;
    courthouseKnown = c.known;
    if (!c.known)
      ctx.report({
        severity: "info",
        code: "UNKNOWN_COURTHOUSE",
        line: headerLine.no,
        message: "courthouse not in the known table; shown as written",
        excerpt: agency,
      });
  }

  const counts: SheetCount[] = [];
  if (firstCnt >= 0) {
    let i = firstCnt;
    while (i < lines.length) {
      let j = i + 1;
      while (j < lines.length && !isCountTag(lines[j]!.text)) j++;
      counts.push(...parseCount(lines.slice(i, j), date, type, counts[counts.length - 1]?.number, ctx));
      i = j;
    }
  }
  return {
    type,
    date,
    agency,
    courthouse,
    courthouseKnown,
    nameCode,
    counts,
    potentialFelonyStrike: false,
    line: headerLine.no,
    endLine: last.no,
  };
}

/** An update date with its DISPO on the same line (`20150301 DISPO:…`): the date part, or null. */
function dateThenDispo(t: string): RegExpExecArray | null {
  const m = DATE_THEN_TEXT.exec(t);
  return m && DISPO.test(t.slice(m[0].length)) ? m : null;
}

/** Index of the first non-blank line at or after `from` (`lines.length` when none). */
function nextNonBlank(lines: readonly Line[], from: number): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i]!)) i++;
  return i;
}

/**
 * Reads a count's tag line and the lines that complete it: a count number on the next line after a
 * bare `CNT:` (docs/rap-sheet-format.md §1.8), a case number on the next line. A damaged count number
 * (`CNT:O2`, `CNT:XX`, `CNT:`) still starts a count, with a warning; when it cannot be repaired the
 * count is numbered after the previous one. `bodyStart` is the index of the first line of the body.
 */
function readCountHead(
  lines: readonly Line[],
  previousNumber: number | undefined,
  ctx: Ctx,
): { from: number; to: number; caseNo: string | undefined; bodyStart: number } {
  const head = lines[0]!;
  ctx.use(head);
  let { from, to, rest, damaged } = readCountTag(head.text)!;
  let bodyStart = 1;
  if (from === undefined && rest.trim() === "") {
    const j = nextNonBlank(lines, 1);
    const nm = j < lines.length ? COUNT_NUMBER_LINE.exec(lines[j]!.text.trim()) : null;
    if (nm) {
      ctx.use(lines[j]!);
      from = Number(nm[1]);
      to = nm[2] !== undefined ? Number(nm[2]) : from;
      rest = nm[3] ?? "";
      damaged = false;
      bodyStart = j + 1;
    }
  }
  const number = from ?? (previousNumber ?? 0) + 1;
  if (damaged)
    ctx.report({
      severity: "warning",
      code: "DAMAGED_COUNT_TAG",
      line: head.no,
      message: `the count number after CNT: is damaged or missing; a new count starts here, read as count ${number}`,
      excerpt: head.text.trim(),
    });
  let caseNo: string | undefined;
  const cm = CASE_NO.exec(rest);
  if (cm) caseNo = caseNumber(cm[1]!);
  else if (/^[\s.•·'*:]*$/.test(rest)) {
    const j = nextNonBlank(lines, bodyStart);
    const nm = j < lines.length ? CASE_NO.exec(lines[j]!.text) : null;
    if (nm) {
      ctx.use(lines[j]!);
      caseNo = caseNumber(nm[1]!);
      bodyStart = j + 1;
    }
  } else if (rest.trim()) {
    ctx.note(head, "UNRECOGNIZED_LINE", "text after the count number is not a case number (no '#'); ignored");
  }
  return { from: number, to: to ?? number, caseNo, bodyStart };
}

function parseCount(
  lines: readonly Line[],
  eventDate: SheetDate | undefined,
  eventType: EventType,
  previousNumber: number | undefined,
  ctx: Ctx,
): SheetCount[] {
  const head = lines[0]!;
  const { from, to, caseNo, bodyStart: k } = readCountHead(lines, previousNumber, ctx);

  const flags: string[] = [];
  const comments: string[] = [];
  let toc: string | undefined;
  let charge: ReturnType<typeof parseCharge> | undefined;
  let chargeRaw: string | undefined;
  let description: string | undefined;
  let chargeLine: Line | undefined;
  let seeComment = false;
  let commentCharge: { raw: string; parsed: ParsedCharge | undefined } | undefined;
  const dispos: MutDispo[] = [];
  let dispo: MutDispo | undefined;
  let updateDate: SheetDate | undefined;
  let inUpdate = false;
  const st: { context: "none" | "sentence" | "extra-sentence" | "comment" } = { context: "none" };

  const noteDenied = (l: Line, text: string) => {
    if (reliefDenied(text))
      ctx.note(l, "RELIEF_DENIED", "a motion or petition for relief was denied; it is not read as relief");
  };
  let dispositionsInBlock = 0; // dispositions since the count's start or the last update date
  const startDispo = (l: Line, body: string, full: string) => {
    const type = dispositionType(body);
    // A dated update that re-convicts (a felony reduced: CONVICTED, CONV STATUS:MISDEMEANOR) is normal;
    // any other second CONVICTED means the lines of another count ran into this one.
    const reconviction = inUpdate && dispositionsInBlock === 0;
    if (type === "convicted" && !reconviction && dispos.some((d) => d.type === "convicted"))
      ctx.note(
        l,
        "SECOND_CONVICTION",
        `a second CONVICTED disposition under the count of line ${head.no}: a count line (CNT:) above it may be missing or damaged`,
        "warning",
      );
    noteDenied(l, body);
    dispositionsInBlock++;
    dispo = {
      type,
      text: full.trim(),
      date: inUpdate ? updateDate : eventDate,
      severity: undefined,
      sentence: undefined,
      sentenceLines: undefined,
      sentenceLine: l.no,
      mentions17b: grants17b(body),
      comments: [],
      line: l.no,
      isUpdate: inUpdate,
    };
    dispos.push(dispo);
    st.context = "none";
  };

  const startSentence = (l: Line, text: string) => {
    if (!dispo) {
      comments.push(l.text.trim());
      st.context = "comment";
      return;
    }
    if (dispo.sentenceLines) {
      ctx.note(l, "EXTRA_SENTENCE_IGNORED", "a second sentence under the same disposition was ignored");
      st.context = "extra-sentence";
      return;
    }
    dispo.sentenceLines = [text];
    dispo.sentenceLine = l.no;
    st.context = "sentence";
  };

  for (let i = k; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text;
    if (isBlank(l)) continue;
    ctx.use(l);
    if (PAGE_LINE.test(t) || STAR_LINE.test(t)) continue;
    const dOnly = DATE_ONLY.exec(t) ?? dateThenDispo(t);
    if (dOnly) {
      updateDate = readSheetDate(dOnly[1]!);
      inUpdate = true;
      dispositionsInBlock = 0;
      dispo = undefined;
      st.context = "none";
      const after = t.slice(dOnly[0].length);
      const dm = DISPO.exec(after);
      if (dm) startDispo(l, dm[1]!, after);
      continue;
    }
    const dm = DISPO.exec(t);
    if (dm) {
      startDispo(l, dm[1]!, t);
      continue;
    }
    const cs = CONV_STATUS.exec(t);
    if (cs) {
      st.context = "none";
      const v = cs[1]!.trim();
      if (dispo) dispo.severity ??= v ? v.charAt(0) : undefined;
      else ctx.note(l, "UNRECOGNIZED_LINE", "CONV STATUS outside a disposition was ignored");
      if (dispo && grants17b(v)) dispo.mentions17b = true;
      continue;
    }
    const sen = SEN.exec(t);
    if (sen) {
      startSentence(l, sen[1]!);
      continue;
    }
    const com = COM.exec(t);
    if (com) {
      const body = com[1]!;
      st.context = "comment";
      (dispo ? dispo.comments : comments).push(body.trim());
      if (dispo && grants17b(body)) dispo.mentions17b = true;
      noteDenied(l, body);
      const chg = COM_CHARGE.exec(body);
      if (chg && !commentCharge) commentCharge = { raw: chg[1]!, parsed: parseCharge(chg[1]!) };
      const cse = COM_SENTENCE.exec(body);
      if (cse && dispo) startSentence(l, cse[1]!);
      continue;
    }
    const tocm = TOC.exec(trimEndWhile(t, /[\s.]/));
    if (tocm) {
      toc ??= tocm[1];
      st.context = "none";
      continue;
    }
    if (REALIGNMENT.test(t)) {
      comments.push(t.trim());
      continue;
    }
    if (SEE_COMMENT.test(t) && !chargeLine) {
      seeComment = true;
      chargeLine = l;
      continue;
    }
    if (FLAG_LINE.test(t) && !DASH_LINE.test(t)) {
      for (const f of t.trim().split(/(?<=\s)(?=-\s*[A-Z])/)) flags.push(f.trim());
      continue;
    }
    if (OTHER_TAG.test(t)) {
      (dispo ? dispo.comments : comments).push(t.trim());
      st.context = "comment";
      continue;
    }
    if (st.context === "sentence" && dispo?.sentenceLines) {
      dispo.sentenceLines.push(t);
      continue;
    }
    if (st.context === "extra-sentence" || st.context === "comment") {
      const target = dispo ? dispo.comments : comments;
      target.push(t.trim());
      continue;
    }
    if (!chargeLine && dispos.length === 0) {
      chargeLine = l;
      chargeRaw = t.trim();
      charge = parseCharge(t);
      if (!charge) description = withoutTrailingToc(t).trim() || undefined;
      continue;
    }
    ctx.note(l, "UNRECOGNIZED_LINE", "a line inside a count was not understood and was ignored");
  }

  if (seeComment) {
    if (commentCharge?.parsed) {
      charge = commentCharge.parsed;
      chargeRaw = commentCharge.raw.trim();
    } else {
      description = "SEE COMMENT FOR CHARGE";
    }
  }
  if (charge) {
    description = charge.description;
    if (charge.attempt && !flags.includes("-ATTEMPTED")) flags.push("-ATTEMPTED");
  }

  const dispositions: SheetDisposition[] = dispos.map((d) => {
    let sentence: Sentence | undefined;
    if (d.sentenceLines) {
      const text = cleanSentenceText(d.sentenceLines);
      const ps = parseSentence(text);
      sentence = { text, components: ps.components, line: d.sentenceLine };
      for (const u of ps.unreadable)
        ctx.report({
          severity: "warning",
          code: "UNPARSED_SENTENCE_PART",
          line: d.sentenceLine,
          message: "a sentence part has a length in a unit that could not be read; kept without a length",
          excerpt: u,
        });
    }
    return {
      type: d.type,
      text: d.text,
      date: d.date,
      severity: d.severity,
      sentence,
      mentions17b: d.mentions17b,
      comments: d.comments,
      line: d.line,
      isUpdate: d.isUpdate,
    };
  });
  const convicted = dispositions.some((d) => d.type === "convicted");
  if (convicted && !charge)
    ctx.report({
      severity: "warning",
      code: "COUNT_WITHOUT_CODE_SECTION",
      line: (chargeLine ?? head).no,
      message: "a convicted count has no readable code section",
      excerpt: (chargeLine ?? head).text.trim(),
    });
  if (convicted && eventType !== "court")
    ctx.report({
      severity: "warning",
      code: "CONVICTION_OUTSIDE_COURT_EVENT",
      line: head.no,
      message: `a count of a ${eventType} event has a CONVICTED disposition; it is not listed as a conviction`,
    });
  for (const d of dispositions) {
    if (d.date && !d.date.value)
      ctx.report({
        severity: "warning",
        code: "INVALID_DATE",
        line: d.line,
        message: "the date of a disposition is not a real calendar date",
        excerpt: d.date.raw,
      });
  }

  const lastLine = [...lines].reverse().find((l) => !isBlank(l)) ?? head;
  const out: SheetCount[] = [];
  for (let n = from; n <= Math.max(from, Math.min(to, from + 99)); n++) {
    out.push({
      number: n,
      caseNumber: caseNo,
      code: charge?.code,
      section: charge?.section,
      codeSection: charge ? `${charge.code} ${charge.section}` : undefined,
      chargeRaw,
      description,
      flags: [...flags],
      toc,
      comments: [...comments, ...(charge?.also.length ? [`ALSO: ${charge.also.join(", ")}`] : [])],
      dispositions,
      line: head.no,
      endLine: lastLine.no,
    });
  }
  return out;
}

/** True when the line starts an event (`COURT:`, …) or a count (`CNT:`). */
function startsRecord(text: string): boolean {
  return matchEventHeader(text) !== undefined || isCountTag(text);
}

/**
 * Reports the (non-blank) lines after END OF MESSAGE, all ignored: plain trailing text is a note; from
 * the first line that looks like an event or a count on, a warning (the sheet may go on past its trailer).
 */
function reportTextAfterEnd(rest: readonly Line[], ctx: Ctx): void {
  if (rest.length === 0) return;
  const last = rest[rest.length - 1]!;
  const record = rest.findIndex((l) => startsRecord(l.text));
  const plainEnd = record < 0 ? rest.length : record;
  if (plainEnd > 0)
    ctx.report({
      severity: "info",
      code: "TEXT_AFTER_END",
      line: rest[0]!.no,
      endLine: rest[plainEnd - 1]!.no,
      message: "text after END OF MESSAGE was ignored",
    });
  if (record >= 0)
    ctx.report({
      severity: "warning",
      code: "TEXT_AFTER_END",
      line: rest[record]!.no,
      endLine: last.no,
      message:
        "text after END OF MESSAGE was ignored, and it holds an event or a count line (COURT:, CNT:, …)",
    });
}

/** Finds cycle delimiters, banners and END OF MESSAGE; returns delimiter runs as [startIdx, endIdx]. */
function scanStructure(lines: readonly Line[], ctx: Ctx) {
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (END_OF_MESSAGE.test(lines[i]!.text)) {
      end = i;
      ctx.use(lines[i]!);
      reportTextAfterEnd(
        lines.slice(i + 1).filter((l) => !isBlank(l)),
        ctx,
      );
      break;
    }
  }
  // The DOJ ends every sheet with an END OF MESSAGE line (docs/rap-sheet-format.md §1.1, §1.3); the
  // parser accepts a sheet without it, but the text may have been cut short when printed or copied.
  const lastText = [...lines].reverse().find((l) => !isBlank(l));
  if (end === lines.length && lastText)
    ctx.report({
      severity: "warning",
      code: "NO_END_OF_MESSAGE",
      line: lastText.no,
      message: "the sheet has no END OF MESSAGE line: it may be cut short",
    });
  const isStar = (i: number) => i < end && STAR_LINE.test(lines[i]!.text) && lines[i]!.text.includes("*");
  const bannerAfter = new Set<number>(); // index of a banner's first line
  const noise = new Set<number>();
  for (let i = 0; i < end; i++) {
    if (!BANNER.test(lines[i]!.text)) continue;
    let a = i;
    let b = i;
    if (isStar(a - 1)) a--;
    if (isStar(b + 1)) b++;
    for (let x = a; x <= b; x++) noise.add(x);
    bannerAfter.add(a);
  }
  const delimiters: Array<[number, number]> = [];
  let i = 0;
  while (i < end) {
    if (!isStar(i) || noise.has(i)) {
      i++;
      continue;
    }
    let j = i;
    let stars = 0;
    while (isStar(j) && !noise.has(j)) {
      stars += (lines[j]!.text.match(/\*/g) ?? []).length;
      j++;
    }
    if (stars >= 3 && stars <= 4) delimiters.push([i, j - 1]);
    else for (let x = i; x < j; x++) noise.add(x);
    i = j;
  }
  for (const x of noise) ctx.use(lines[x]!);
  for (const [a, b] of delimiters) for (let x = a; x <= b; x++) ctx.use(lines[x]!);
  return { end, delimiters, bannerAfter, noise };
}

/** Index of the first line before `end` that starts an event or a count (banner lines skipped), if any. */
function firstRecordLine(
  lines: readonly Line[],
  end: number,
  noise: ReadonlySet<number>,
): number | undefined {
  for (let i = 0; i < end; i++) if (!noise.has(i) && startsRecord(lines[i]!.text)) return i;
  return undefined;
}

/** Options for {@link parseRapSheet}. */
export interface ParseRapSheetOptions {
  /** Accepted for symmetry with other readers; diagnostics always carry excerpts, callers decide to show them. */
  readonly keepExcerpts?: boolean;
}

/**
 * Parses rap sheet text. Never throws for content problems: unreadable parts become diagnostics
 * with their document line numbers and the rest is used.
 * @example parseRapSheet(text).cycles.flatMap((c) => c.events)
 */
export function parseRapSheet(text: string, options: ParseRapSheetOptions = {}): RapSheet {
  const lines = cleanText(text);
  const ctx = new Ctx();
  const { end, delimiters, bannerAfter, noise } = scanStructure(lines, ctx);

  type Range = [number, number]; // [start, endExclusive] in line indexes
  let headerRange: Range;
  const cycleRanges: Range[] = [];
  if (delimiters.length > 0) {
    const first = delimiters[0]![0];
    const early = firstRecordLine(lines, first, noise);
    headerRange = [0, early ?? first];
    if (early !== undefined) {
      // The header ends at the first event or count even when the delimiter before it is lost.
      cycleRanges.push([early, first]);
      ctx.report({
        severity: "warning",
        code: "EVENT_IN_HEADER",
        line: lines[early]!.no,
        message:
          "an event header or count line comes before the first cycle delimiter (* * * *): the header ends here and the lines up to the delimiter were read as a cycle",
      });
    }
    for (let d = 0; d < delimiters.length; d++) {
      const s = delimiters[d]![1] + 1;
      const e = d + 1 < delimiters.length ? delimiters[d + 1]![0] : end;
      cycleRanges.push([s, e]);
    }
  } else {
    const firstHeader = firstRecordLine(lines, end, noise) ?? -1;
    if (firstHeader >= 0) {
      headerRange = [0, firstHeader];
      cycleRanges.push([firstHeader, end]);
      ctx.report({
        severity: "warning",
        code: "NO_CYCLE_DELIMITER",
        line: lines[firstHeader]!.no,
        message: "the sheet has no cycle delimiter (* * * *); everything from here on was read as one cycle",
      });
    } else {
      headerRange = [0, end];
      ctx.report({
        severity: "warning",
        code: "NO_EVENTS",
        line: 1,
        message: "the sheet has no cycle delimiter and no event header; no events were read",
      });
    }
  }

  const personalInfo = parseHeader(
    lines.slice(headerRange[0], headerRange[1]).filter((_, i) => !noise.has(headerRange[0] + i)),
    ctx,
  );

  const cycles: SheetCycle[] = [];
  for (const [s, e] of cycleRanges) {
    const cl = lines.slice(s, e);
    const content = cl.filter((_l, i) => !noise.has(s + i));
    const firstContent = content.find((l) => !isBlank(l));
    const registrationCycle = firstContent
      ? matchEventHeader(firstContent.text)?.type === "registration"
      : false;
    const segments = splitEvents(content, registrationCycle, ctx);
    const events: SheetEvent[] = [];
    for (const seg of segments) {
      const ev = parseEvent(seg, ctx);
      if (!ev) continue;
      // Banner directly after this event's lines?
      let strike = false;
      for (const b of bannerAfter) {
        const bl = lines[b]!.no;
        if (bl > ev.line && bl > ev.endLine && bl <= ev.endLine + 3) strike = true;
        if (bl > ev.line && bl <= ev.endLine) strike = true;
      }
      events.push(strike ? { ...ev, potentialFelonyStrike: true } : ev);
    }
    const lastNo = cl.length > 0 ? cl[cl.length - 1]!.no : (lines[s - 1]?.no ?? 1);
    cycles.push({ events, line: cl[0]?.no ?? lastNo, endLine: lastNo });
  }
  void options;

  // Safety net: every non-blank line is consumed or covered by a diagnostic.
  const covered = new Set<number>(ctx.consumed);
  for (const d of ctx.diagnostics) for (let n = d.line; n <= (d.endLine ?? d.line); n++) covered.add(n);
  for (const l of lines) {
    if (!isBlank(l) && !covered.has(l.no))
      ctx.note(l, "UNRECOGNIZED_LINE", "a line was not understood and was ignored");
  }
  ctx.diagnostics.sort((a, b) => a.line - b.line);
  return {
    personalInfo,
    cycles,
    diagnostics: ctx.diagnostics,
    lineCount: lines.length,
    consumedLines: [...ctx.consumed].sort((a, b) => a - b),
  };
}
