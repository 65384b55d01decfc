/**
 * @module doj/subjects — pass 1 of a bulk run: DOJ rows → compact per-person facts → canonical Person.
 *
 * Only what the rules need is kept per person (their convictions with code section, level, dates,
 * sentence end, county and source line; case numbers; deceased and PC 290 registration flags), so
 * memory grows with the number of convictions, not with the file's bytes
 * (architecture decision 2). Grouping and sentence rules follow the original tool
 * (gogen-behaviour.md §1.3, §2.2), with the deviations listed in docs/deviations.md.
 */
import {
  type Count,
  type DateFact,
  type LocalDate,
  type Person,
  parseCodeSection,
  parseYmd8,
  type SourceRef,
} from "@clearance/core";
import { COL } from "./columns.ts";
import type { ScannedRecord } from "./csv-scanner.ts";

/** One conviction as kept between the passes. */
export interface ConvictionFact {
  /** 0-based data-row index in its file (the key of pass 2). */
  readonly rowIndex: number;
  readonly line: number;
  readonly countOrder: string;
  /** Code section as derived (gogen §1.3, with the attempt/conviction-offence deviations). */
  readonly codeSection: string;
  readonly dateRaw: string;
  readonly date: LocalDate | undefined;
  /** CONV_STAT_DESCR is FELONY (trimmed; deviation), or empty with OFFENSE_TOC F. */
  readonly felony: boolean;
  readonly levelRaw: string;
  readonly county: string;
  /**
   * Sentence end in hours since 1970-01-01 as the original computed it (date + all sentence parts,
   * §2.2 step 1; a month is 732 hours, so ends can fall at noon). Undefined when the date is unreadable.
   */
  sentenceEndHours: number | undefined;
  /** Sentence parts (hours, per the original's unit constants) for the statute layer's longest-part rule. */
  longestPartHours: number;
  readonly flags: readonly string[];
  /** COMMENT_TEXT when this conviction is a conspiracy whose object offence is only named there. */
  readonly conspiracyObject?: string;
}

/** Everything pass 1 keeps about one person. */
export interface SubjectFacts {
  readonly id: string;
  readonly name: string;
  readonly cii: string;
  readonly dobRaw: string;
  deceased: boolean;
  pc290Registration: boolean;
  readonly convictions: ConvictionFact[];
  /** CNT_ORDER values that already produced a conviction (small; a list is cheaper than a Set). */
  readonly seenCounts: string[];
  /** Case key (CNT_ORDER[0:6]) → OFNs of its court actions, first-seen order. */
  readonly caseNumbers: CaseNumbers;
  /** Rows of this person whose SUBJECT_ID… DOB disagreed with the first row (reported, not used). */
  dobConflicts: number;
}

const HOURS_PER_UNIT: Record<string, number> = { D: 24, M: 732, Y: 8784 };
const PLACEHOLDER = /^\s*-?\s*$/;

/**
 * The code section of a row (gogen §1.3): text before the first `-` of OFFENSE_DESCR, or of
 * COMMENT_TEXT when OFFENSE_DESCR is blank or `SEE COMMENT FOR CHARGE`, not trimmed.
 * Deviations: an attempt written `664-11359 HS-…` keeps the section after the prefix
 * (`664-11359 HS`); a filled conviction offence (CONV_OFFENSE_DESCR) that differs from the charge is
 * the offence judged.
 */
export function deriveCodeSection(
  offenseDescr: string,
  commentText: string,
  convOffenseDescr = "",
): { codeSection: string; fromConviction: boolean } {
  let fromConviction = false;
  let text: string;
  const conv = convOffenseDescr;
  if (conv !== "" && !PLACEHOLDER.test(conv) && conv.trim() !== offenseDescr.trim()) {
    text = conv;
    fromConviction = true;
  } else {
    const o = offenseDescr.trim();
    text = o === "" || o === "SEE COMMENT FOR CHARGE" ? commentText : offenseDescr;
  }
  const dash = text.indexOf("-");
  if (dash < 0) return { codeSection: text, fromConviction };
  if (/^\s*664\s*$/.test(text.slice(0, dash))) {
    const second = text.indexOf("-", dash + 1);
    return { codeSection: second < 0 ? text : text.slice(0, second), fromConviction };
  }
  return { codeSection: text.slice(0, dash), fromConviction };
}

/** Whether a row's disposition is a conviction: DISP_DESCR starts with `CONVICTED` (§1.3). */
export function isConvictedDisposition(dispDescr: string): boolean {
  return dispDescr.startsWith("CONVICTED");
}

/** Felony test of §1.3, with trailing padding trimmed (deviation: `FELONY ` is a felony). */
export function isFelonyRow(convStatDescr: string, offenseToc: string): boolean {
  const s = convStatDescr.trim();
  return s === "FELONY" || (convStatDescr === "" && offenseToc === "F");
}

const PROP64_NUMBER = /(11357|11358|11359|11360)/;
const ascii = (t: string) => Buffer.from(t, "latin1");
const CONVICTED = ascii("CONVICTED");
const DECEASED = ascii("DECEASED");
const COURT_ACTION = ascii("COURT ACTION");
const REGISTRATION = ascii("REGISTRATION");
const B290 = ascii("290");

const NO_FLAGS: string[] = [];
const SEP = "\u0000";

/**
 * Case key (CNT_ORDER[0:6]) → OFNs of its court actions in first-seen order, stored flat (two small
 * arrays and one joined string per case) because a county file has hundreds of thousands of cases.
 */
export class CaseNumbers {
  private readonly keys: string[] = [];
  private readonly ofns: string[] = [];

  /** Adds an OFN to a case unless already there. */
  add(key: string, ofn: string): void {
    const i = this.keys.indexOf(key);
    if (i < 0) {
      this.keys.push(key);
      this.ofns.push(ofn);
    } else if (!this.ofns[i]!.split(SEP).includes(ofn)) this.ofns[i] += SEP + ofn;
  }

  /** The OFNs of a case, or undefined when the case has none. */
  get(key: string): string[] | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.ofns[i]!.split(SEP);
  }

  /** Whether the case has OFNs. */
  has(key: string): boolean {
    return this.keys.includes(key);
  }
}

/**
 * Keeps one copy of each repeated string. DOJ values repeat heavily (a few hundred code sections,
 * structural count orders, county names, dates), so this cuts the memory per conviction. Bounded: past
 * `limit` distinct values new ones are returned as they are.
 */
export class Interner {
  private readonly map = new Map<string, string>();
  constructor(private readonly limit = 200_000) {}
  intern(s: string): string {
    const known = this.map.get(s);
    if (known !== undefined) return known;
    // Flatten sliced or concatenated strings so no parent string is kept alive.
    const flat = s.length > 0 ? (JSON.parse(JSON.stringify(s)) as string) : s;
    if (this.map.size < this.limit) this.map.set(flat, flat);
    return flat;
  }
}

/** Accumulates pass-1 facts for one input file. */
export class SubjectCollector {
  readonly subjects = new Map<string, SubjectFacts>();
  rowIndex = 0;
  /** Count of conviction rows with an unreadable STP_EVENT_DATE, and of persons with an unreadable DOB. */
  badDispositionDates = 0;

  /** Repeated values (code sections, count orders, counties, dates) are stored once. */
  private readonly strings = new Interner();
  private lastIdBytes = Buffer.alloc(0);
  private last: SubjectFacts | undefined;

  /** Adds one accepted data row. */
  add(rec: ScannedRecord): void {
    const rowIndex = this.rowIndex++;
    // Rows of a person are usually contiguous: compare the id's bytes before decoding it.
    const idStart = rec.starts[COL.SUBJECT_ID]!;
    const idEnd = rec.ends[COL.SUBJECT_ID]!;
    let s: SubjectFacts | undefined;
    if (
      this.last &&
      rec.flags[COL.SUBJECT_ID] === 0 &&
      this.lastIdBytes.equals(rec.buf.subarray(idStart, idEnd))
    )
      s = this.last;
    const id = s ? s.id : rec.field(COL.SUBJECT_ID);
    s ??= this.subjects.get(id);
    if (!s) {
      s = {
        id,
        name: rec.field(COL.PRI_NAME),
        cii: rec.field(COL.CII_NUMBER),
        dobRaw: rec.field(COL.PRI_DOB),
        deceased: false,
        pc290Registration: false,
        convictions: [],
        seenCounts: [],
        caseNumbers: new CaseNumbers(),
        dobConflicts: 0,
      };
      this.subjects.set(id, s);
    }
    if (s !== this.last) {
      this.last = s;
      this.lastIdBytes = Buffer.from(rec.buf.subarray(idStart, idEnd));
    }
    const convicted = rec.startsWith(COL.DISP_DESCR, CONVICTED);
    const stepType = rec.equals(COL.STP_TYPE_DESCR, COURT_ACTION)
      ? "COURT ACTION"
      : rec.equals(COL.STP_TYPE_DESCR, DECEASED)
        ? "DECEASED"
        : rec.equals(COL.STP_TYPE_DESCR, REGISTRATION)
          ? "REGISTRATION"
          : "";
    if (!convicted && stepType === "") return;
    const countOrder = rec.field(COL.CNT_ORDER);

    // §2.2 step 1: a further sentence row of a count already convicted extends the latest conviction.
    if (convicted && s.seenCounts.includes(countOrder)) {
      const last = s.convictions[s.convictions.length - 1];
      if (last) {
        const hours = sentenceHours(rec);
        if (last.sentenceEndHours !== undefined) last.sentenceEndHours += hours;
        if (hours > last.longestPartHours) last.longestPartHours = hours;
      }
      this.noteRowEvents(s, rec, stepType);
      return;
    }
    this.noteRowEvents(s, rec, stepType);
    if (!convicted) return;

    const { codeSection, fromConviction } = deriveCodeSection(
      rec.field(COL.OFFENSE_DESCR),
      rec.field(COL.COMMENT_TEXT),
      rec.field(COL.CONV_OFFENSE_DESCR),
    );
    const dateRaw = rec.field(COL.STP_EVENT_DATE);
    const date = parseYmd8(dateRaw);
    if (date === undefined) this.badDispositionDates++;
    const hours = sentenceHours(rec);
    let flags: string[] = [];
    const parsed = parseCached(codeSection);
    if (parsed.attempt) flags.push("attempt");
    if (parsed.conspiracy) flags.push("conspiracy");
    if (fromConviction) flags.push("conviction-offense");
    if (date === undefined) flags.push("bad-date");
    if (stepType === "REGISTRATION" && rec.field(COL.OFFENSE_DESCR).startsWith("290"))
      flags.push("pc290-registration");
    let conspiracyObject: string | undefined;
    if (parsed.conspiracy && !PROP64_NUMBER.test(codeSection)) {
      const comment = rec.field(COL.COMMENT_TEXT);
      if (PROP64_NUMBER.test(comment)) {
        conspiracyObject = comment;
        flags.push("conspiracy-object");
      }
    }
    const convStat = rec.field(COL.CONV_STAT_DESCR);
    if (flags.length === 0) flags = NO_FLAGS;
    s.convictions.push({
      rowIndex,
      line: rec.line,
      countOrder: this.strings.intern(countOrder),
      codeSection: this.strings.intern(codeSection),
      dateRaw: this.strings.intern(dateRaw),
      date,
      felony: isFelonyRow(convStat, rec.field(COL.OFFENSE_TOC)),
      levelRaw: this.strings.intern(convStat.trim()),
      county: this.strings.intern(rec.field(COL.STP_ORI_CNTY_NAME)),
      sentenceEndHours: date === undefined ? undefined : date * 24 + hours,
      longestPartHours: hours,
      flags,
      ...(conspiracyObject !== undefined ? { conspiracyObject } : {}),
    });
    s.seenCounts.push(countOrder);
  }

  private noteRowEvents(s: SubjectFacts, rec: ScannedRecord, stepType: string): void {
    if (stepType === "DECEASED") s.deceased = true;
    if (stepType === "COURT ACTION") {
      const ofn = rec.field(COL.OFN);
      if (ofn !== "") {
        const key = rec.field(COL.CNT_ORDER).slice(0, 6);
        s.caseNumbers.add(this.strings.intern(key), ofn);
      }
    }
    if (stepType === "REGISTRATION" && rec.startsWith(COL.OFFENSE_DESCR, B290)) s.pc290Registration = true;
  }
}

/**
 * The first calendar day on which the sentence counts as completed: "completed by D" in the original
 * means end ≤ D at midnight, which for an end at noon is the next day.
 */
export function sentenceEndDate(c: ConvictionFact): LocalDate | undefined {
  return c.sentenceEndHours === undefined ? undefined : (Math.ceil(c.sentenceEndHours / 24) as LocalDate);
}

/** Sentence part length in hours with the original's unit constants (D 24 h, M 732 h, Y 8,784 h). */
function sentenceHours(rec: ScannedRecord): number {
  const lenText = rec.field(COL.SENT_LENGTH);
  const n = /^-?\d+$/.test(lenText) ? Number.parseInt(lenText, 10) : 0;
  return n * (HOURS_PER_UNIT[rec.field(COL.SENT_TIME_CODE)] ?? 0);
}

/** Builds the canonical Person for a subject: one case per case key, counts in conviction order. */
export function subjectToPerson(s: SubjectFacts, file: string, fileIndex: number): Person {
  const dob: DateFact = { raw: s.dobRaw, value: parseYmd8(s.dobRaw) };
  const cases = new Map<string, Count[]>();
  for (const c of s.convictions) {
    const key = c.countOrder.slice(0, 6);
    let list = cases.get(key);
    if (!list) {
      list = [];
      cases.set(key, list);
    }
    list.push(convictionToCount(c, file, fileIndex));
  }
  return {
    id: s.id,
    name: s.name,
    cii: s.cii,
    dob,
    deceased: s.deceased,
    pc290Registration: s.pc290Registration,
    cases: [...cases].map(([key, counts]) => ({ key, caseNumbers: s.caseNumbers.get(key) ?? [], counts })),
  };
}

const parsedCache = new Map<string, ReturnType<typeof parseCodeSection>>();
/** Code sections repeat heavily; parse each distinct text once (bounded cache). */
function parseCached(codeSection: string): ReturnType<typeof parseCodeSection> {
  let p = parsedCache.get(codeSection);
  if (!p) {
    p = parseCodeSection(codeSection);
    if (parsedCache.size < 50_000) parsedCache.set(codeSection, p);
  }
  return p;
}

/** The canonical Count of a kept conviction. */
export function convictionToCount(c: ConvictionFact, file: string, fileIndex: number): Count {
  const source: SourceRef = { file, line: c.line };
  return {
    id: `${fileIndex}:${c.line}`,
    codeSection: c.codeSection,
    parsed: parseCached(c.codeSection),
    convicted: true,
    date: { raw: c.dateRaw, value: c.date },
    level: c.felony
      ? "F"
      : c.levelRaw === "MISDEMEANOR"
        ? "M"
        : c.levelRaw === "INFRACTION"
          ? "I"
          : undefined,
    county: c.county,
    dispositions: [{ type: "convicted", date: { raw: c.dateRaw, value: c.date } }],
    sentence: [],
    sentenceEnd: sentenceEndDate(c),
    flags: c.flags,
    source,
    ...(c.conspiracyObject !== undefined ? { description: c.conspiracyObject } : {}),
  };
}
