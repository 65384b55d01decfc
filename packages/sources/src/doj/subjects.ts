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
import {
  ByteBlocks,
  type Column,
  numberColumn as ids,
  int32Column as int32,
  uint8Column as uint8,
} from "../compact.ts";
import { COL } from "./columns.ts";
import { FIELD_ESCAPED, type ScannedRecord } from "./csv-scanner.ts";

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
const TOC_F = ascii("F");
const DECEASED = ascii("DECEASED");
const COURT_ACTION = ascii("COURT ACTION");
const REGISTRATION = ascii("REGISTRATION");
const B290 = ascii("290");

const SEP = "\u0000";

/** Why a row with a blank SUBJECT_ID is rejected. */
const BLANK_SUBJECT_ID = "SUBJECT_ID is blank: the row cannot be given to a person";
/** Why a conviction row with a blank CNT_ORDER is rejected. */
const BLANK_CNT_ORDER =
  "CNT_ORDER is blank on a conviction row: the conviction cannot be told apart from the person's other counts";

/**
 * Whether field `col` of `rec` is empty or only whitespace (as `String.prototype.trim` sees it). Read from
 * the bytes: a real key's first byte settles it; only a field of ASCII spaces then a non-ASCII byte is decoded.
 */
function isBlank(rec: ScannedRecord, col: number): boolean {
  if (col >= rec.count) return true;
  const buf = rec.buf;
  const end = rec.ends[col]!;
  for (let k = rec.starts[col]!; k < end; k++) {
    const b = buf[k]!;
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    return b >= 0x80 && rec.field(col).trim() === "";
  }
  return true;
}

/**
 * Why a row cannot be grouped (gogen-behaviour.md §2.1–2.2, defect 11), or undefined when it can: a blank
 * SUBJECT_ID gives no person (the original put every such row into one), and a blank CNT_ORDER on a
 * conviction row gives no count (the original merged such convictions and took a later one for a sentence
 * row of an earlier). The reader rejects these rows in both passes (docs/deviations.md); no allocation.
 */
export function blankKeyProblem(rec: ScannedRecord): string | undefined {
  if (isBlank(rec, COL.SUBJECT_ID)) return BLANK_SUBJECT_ID;
  if (isBlank(rec, COL.CNT_ORDER) && rec.startsWith(COL.DISP_DESCR, CONVICTED)) return BLANK_CNT_ORDER;
  return undefined;
}

/** A row that `blankKeyProblem` rejects reached the collector: a caller's bug, never a silent merge. */
function unrejected(reason: string, rec: ScannedRecord): Error {
  return new Error(`${reason} (line ${rec.line}): such rows must be rejected before SubjectCollector.add`);
}

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
 * Strings kept as UTF-8 bytes (`ByteBlocks`), six bytes of bookkeeping each: a person's id, name, CII
 * and date of birth cost a third of what four JavaScript strings and their array slots do.
 */
class TextColumn {
  private readonly bytes = new ByteBlocks();
  /** Place of each string's first byte. */
  private readonly starts = int32();
  /** Byte length of each string (two bytes each until a string needs more). */
  private readonly lengths = ids();

  get length(): number {
    return this.starts.length;
  }

  push(text: string): number {
    const n = Buffer.byteLength(text);
    const at = this.bytes.reserve(n);
    this.bytes.write(at, text);
    this.starts.push(at);
    return this.lengths.push(n);
  }

  get(i: number): string {
    return this.bytes.text(this.starts.data[i]!, this.lengths.data[i]!);
  }

  trim(): void {
    this.starts.trim();
    this.lengths.trim();
  }
}

/** No value in an `HoursColumn`. */
const NO_HOURS = -2147483648;
/** A value of an `HoursColumn` kept in its side map. */
const BIG_HOURS = -2147483647;

/**
 * Numbers of hours, four bytes each: whole numbers within the four-byte range in the column, anything
 * else (the absurd sentence lengths a file may hold) exactly in a side map; NaN for none.
 */
class HoursColumn {
  readonly col = int32();
  private readonly big = new Map<number, number>();

  push(hours: number): number {
    const i = this.col.push(NO_HOURS);
    this.set(i, hours);
    return i;
  }

  get(i: number): number {
    const v = this.col.data[i]!;
    return v === NO_HOURS ? Number.NaN : v === BIG_HOURS ? this.big.get(i)! : v;
  }

  set(i: number, hours: number): void {
    if (Number.isNaN(hours)) this.col.data[i] = NO_HOURS;
    else if (Number.isInteger(hours) && hours > BIG_HOURS && hours <= 0x7fffffff) this.col.data[i] = hours;
    else {
      this.col.data[i] = BIG_HOURS;
      this.big.set(i, hours);
    }
  }
}

/** Distinct strings stored once and referred to by number. */
class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      // Flatten sliced or concatenated strings so no parent string is kept alive.
      const flat = s.length > 0 ? (JSON.parse(JSON.stringify(s)) as string) : s;
      i = this.values.push(flat) - 1;
      this.ids.set(flat, i);
    }
    return i;
  }

  // The same numbers found from a field's bytes, so a value seen before is never decoded again:
  // open addressing on an FNV-1a hash of ASCII bytes (a field with other bytes takes the string path).
  private slots = new Int32Array(1024).fill(-1);
  private hashes: number[] = [];
  private indexed = 0;

  /** The number of field `col` of `rec` (its first `maxChars` characters when given). */
  fieldId(rec: ScannedRecord, col: number, maxChars = Number.POSITIVE_INFINITY): number {
    if (col >= rec.count || (rec.flags[col]! & FIELD_ESCAPED) !== 0)
      return this.id(rec.field(col).slice(0, maxChars));
    const buf = rec.buf;
    const start = rec.starts[col]!;
    const end = Math.min(rec.ends[col]!, start + maxChars);
    let h = 0x811c9dc5;
    for (let k = start; k < end; k++) {
      const b = buf[k]!;
      if (b >= 0x80) return this.id(rec.field(col).slice(0, maxChars));
      h = Math.imul(h ^ b, 0x01000193);
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v < 0) {
        const id = this.id(buf.toString("latin1", start, end));
        slots[i] = id;
        this.hashes[id] = h;
        if (++this.indexed * 2 > slots.length) this.rehash();
        return id;
      }
      if (this.hashes[v] === h && sameAscii(this.values[v]!, buf, start, end)) return v;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (const v of this.slots) {
      if (v < 0) continue;
      let i = this.hashes[v]! & mask;
      while (slots[i]! >= 0) i = (i + 1) & mask;
      slots[i] = v;
    }
    this.slots = slots;
  }
}

/** Whether an ASCII string equals bytes [start, end) of `buf`. */
function sameAscii(text: string, buf: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) !== buf[start + k]) return false;
  return true;
}

const NO_DATE = -2147483648;
const F_ATTEMPT = 1;
const F_CONSPIRACY = 2;
const F_CONVICTION_OFFENSE = 4;
const F_BAD_DATE = 8;
const F_REGISTRATION = 16;
const F_CONSPIRACY_OBJECT = 32;
const F_FELONY = 64;
const FLAG_NAMES: [number, string][] = [
  [F_ATTEMPT, "attempt"],
  [F_CONSPIRACY, "conspiracy"],
  [F_CONVICTION_OFFENSE, "conviction-offense"],
  [F_BAD_DATE, "bad-date"],
  [F_REGISTRATION, "pc290-registration"],
  [F_CONSPIRACY_OBJECT, "conspiracy-object"],
];
const flagsCache = new Map<number, string[]>();
function flagList(bits: number): string[] {
  const key = bits & ~F_FELONY;
  let list = flagsCache.get(key);
  if (!list) {
    list = FLAG_NAMES.filter(([b]) => (key & b) !== 0).map(([, n]) => n);
    flagsCache.set(key, list);
  }
  return list;
}

/** The people of a collector, as the per-person view the rules read (built on demand). */
export class SubjectsView {
  constructor(private readonly c: SubjectCollector) {}
  /** Number of people. */
  get size(): number {
    return this.c.people;
  }
  /** SUBJECT_IDs in first-seen order. */
  *keys(): IterableIterator<string> {
    for (let i = 0; i < this.c.people; i++) yield this.c.idOf(i);
  }
  /** One person's facts, or undefined. */
  get(id: string): SubjectFacts | undefined {
    const i = this.c.find(id);
    return i === undefined ? undefined : this.c.facts(i);
  }
  /** Every person's facts, in first-seen order (each built when reached). */
  *values(): IterableIterator<SubjectFacts> {
    for (let i = 0; i < this.c.people; i++) yield this.c.facts(i);
  }
  /** Drops everything collected. */
  clear(): void {
    this.c.clear();
  }
}

const SMALL_NUMBER = /^[1-9]\d{0,8}$/;

/** Whether a case's OFNs (a small number, or NUL-joined text) include `ofn`, without splitting. */
function hasOfn(have: string | number, ofn: string): boolean {
  if (typeof have === "number") return SMALL_NUMBER.test(ofn) && Number(ofn) === have;
  if (have === ofn) return true;
  const at = have.indexOf(ofn);
  if (at < 0) return false;
  return have.split(SEP).includes(ofn);
}

/** The typed columns of a `SubjectCollector`. */
const COLUMN_NAMES = [
  "sFlags",
  "sFirstRow",
  "sFirstConv",
  "sLastConv",
  "sFirstCase",
  "cRow",
  "cLine",
  "cCount",
  "cCode",
  "cDate",
  "cDateRaw",
  "cLevel",
  "cCounty",
  "cFlags",
  "cNext",
  "kKey",
  "kNext",
  "kOfns",
] as const;

/**
 * Accumulates pass-1 facts for one input file, in columns: a few bytes per person and per conviction
 * (typed arrays, numbered strings) instead of objects, so memory stays small and flat as files grow.
 */
export class SubjectCollector {
  rowIndex = 0;
  /** Count of conviction rows with an unreadable STP_EVENT_DATE. */
  badDispositionDates = 0;
  /** SUBJECT_ID → person number, while rows are added (`trim` drops it: the people are numbered 0…n-1). */
  private readonly index = new Map<string, number>();
  /** The people, as per-person views. */
  readonly subjects = new SubjectsView(this);

  // Distinct strings, one table per column so their numbers stay small (two bytes in the columns).
  private tCount = new StringTable();
  private tCode = new StringTable();
  private tDateRaw = new StringTable();
  private tLevel = new StringTable();
  private tCounty = new StringTable();
  private tCaseKey = new StringTable();
  // Pass 1 only: raw values whose derived facts are worked out once per distinct value.
  /** OFFENSE_DESCR of conviction rows with no COMMENT_TEXT and no CONV_OFFENSE_DESCR: → code section. */
  private tOffense = new StringTable();
  private offenseCode: number[] = []; // tCode number, by tOffense number
  private offenseFlags: number[] = []; // F_ATTEMPT | F_CONSPIRACY, by tOffense number
  private tLevelRaw = new StringTable(); // CONV_STAT_DESCR as written
  private levelOf: number[] = []; // tLevel number of the trimmed value, by tLevelRaw number
  private tSentLength = new StringTable();
  private unitsOf: number[] = []; // by tSentLength number
  private tSentCode = new StringTable();
  private hoursOf: number[] = []; // by tSentCode number
  // Person columns.
  private sId = new TextColumn();
  private sName = new TextColumn();
  private sCii = new TextColumn();
  private sDob = new TextColumn();
  private sFlags = uint8(); // 1 deceased, 2 registration
  /** Data-row index of each person's first row (increasing: people are numbered as first seen). */
  private sFirstRow = int32();
  private sFirstConv = int32();
  private sLastConv = int32();
  private sFirstCase = int32();
  // Conviction columns (a linked list per person through cNext).
  private cRow = int32();
  private cLine = int32();
  private cCount = ids();
  private cCode = ids();
  private cDate = int32();
  private cDateRaw = ids();
  private cLevel = ids();
  private cCounty = ids();
  private cFlags = uint8();
  /** Sentence end in hours since the epoch (NaN: none) and the longest sentence part in hours. */
  private cEnd = new HoursColumn();
  private cLongest = new HoursColumn();
  private cNext = int32();
  private conspiracyObjects = new Map<number, string>();
  // Case columns (a linked list per person through kNext): case key → OFNs joined by NUL.
  private kKey = ids();
  /** OFNs of a case: a small number when it is a single all-digit OFN (no heap object), else NUL-joined text. */
  private kOfns = int32(); // the number, or -1 - i for kOfnText[i]
  private kOfnText: string[] = [];
  private kNext = int32();

  /** SUBJECT_ID bytes of the last row (reused buffer) and its person number. */
  private lastId = new Uint8Array(64);
  private lastIdLength = -1;
  private last = -1;

  /** Whether bytes [start, end) of `buf` are the last row's SUBJECT_ID (no allocation). */
  private sameId(buf: Uint8Array, start: number, end: number): boolean {
    if (end - start !== this.lastIdLength) return false;
    const id = this.lastId;
    for (let k = 0; k < this.lastIdLength; k++) if (buf[start + k] !== id[k]) return false;
    return true;
  }

  /** Adds one accepted data row (never one that `blankKeyProblem` rejects: `readDojFile` leaves those out). */
  add(rec: ScannedRecord): void {
    const rowIndex = this.rowIndex++;
    // Rows of a person are usually contiguous: compare the id's bytes before decoding it.
    const idStart = rec.starts[COL.SUBJECT_ID]!;
    const idEnd = rec.ends[COL.SUBJECT_ID]!;
    let s = -1;
    if (this.last >= 0 && rec.flags[COL.SUBJECT_ID] === 0 && this.sameId(rec.buf, idStart, idEnd))
      s = this.last;
    if (s < 0) {
      if (isBlank(rec, COL.SUBJECT_ID)) throw unrejected(BLANK_SUBJECT_ID, rec);
      const id = rec.field(COL.SUBJECT_ID);
      s = this.index.get(id) ?? -1;
      if (s < 0) {
        s = this.sId.push(id);
        this.index.set(id, s);
        this.sName.push(rec.field(COL.PRI_NAME));
        this.sCii.push(rec.field(COL.CII_NUMBER));
        this.sDob.push(rec.field(COL.PRI_DOB));
        this.sFlags.push(0);
        this.sFirstRow.push(rowIndex);
        this.sFirstConv.push(-1);
        this.sLastConv.push(-1);
        this.sFirstCase.push(-1);
      }
      this.last = s;
      if (rec.flags[COL.SUBJECT_ID] === 0) {
        if (idEnd - idStart > this.lastId.length) this.lastId = new Uint8Array(2 * (idEnd - idStart));
        this.lastId.set(rec.buf.subarray(idStart, idEnd));
        this.lastIdLength = idEnd - idStart;
      } else this.lastIdLength = -1;
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
    this.noteRowEvents(s, rec, stepType);
    if (!convicted) return;
    if (isBlank(rec, COL.CNT_ORDER)) throw unrejected(BLANK_CNT_ORDER, rec);

    // §2.2 step 1: a further sentence row of a count already convicted extends the latest conviction.
    const countId = this.tCount.fieldId(rec, COL.CNT_ORDER);
    for (let c = this.sFirstConv.data[s]!; c >= 0; c = this.cNext.data[c]!) {
      if (this.cCount.data[c] !== countId) continue;
      const last = this.sLastConv.data[s]!;
      const hours = this.sentenceHours(rec);
      const end = this.cEnd.get(last);
      if (!Number.isNaN(end)) this.cEnd.set(last, end + hours);
      if (hours > this.cLongest.get(last)) this.cLongest.set(last, hours);
      return;
    }

    const dateRawId = this.tDateRaw.fieldId(rec, COL.STP_EVENT_DATE);
    const date = parseYmd8(this.tDateRaw.values[dateRawId]!);
    if (date === undefined) this.badDispositionDates++;
    const hours = this.sentenceHours(rec);
    let flags = 0;
    let codeId: number;
    let codeSection: string | undefined;
    if (rec.length(COL.COMMENT_TEXT) === 0 && rec.length(COL.CONV_OFFENSE_DESCR) === 0) {
      // The usual row: the code section follows from OFFENSE_DESCR alone, worked out once per value.
      const o = this.tOffense.fieldId(rec, COL.OFFENSE_DESCR);
      if (this.offenseCode[o] === undefined) {
        const derived = deriveCodeSection(this.tOffense.values[o]!, "", "").codeSection;
        const parsed = parseCached(derived);
        this.offenseCode[o] = this.tCode.id(derived);
        this.offenseFlags[o] = (parsed.attempt ? F_ATTEMPT : 0) | (parsed.conspiracy ? F_CONSPIRACY : 0);
      }
      codeId = this.offenseCode[o]!;
      flags |= this.offenseFlags[o]!;
    } else {
      const derived = deriveCodeSection(
        rec.field(COL.OFFENSE_DESCR),
        rec.field(COL.COMMENT_TEXT),
        rec.field(COL.CONV_OFFENSE_DESCR),
      );
      codeSection = derived.codeSection;
      const parsed = parseCached(codeSection);
      codeId = this.tCode.id(codeSection);
      if (parsed.attempt) flags |= F_ATTEMPT;
      if (parsed.conspiracy) flags |= F_CONSPIRACY;
      if (derived.fromConviction) flags |= F_CONVICTION_OFFENSE;
    }
    const levelRaw = this.tLevelRaw.fieldId(rec, COL.CONV_STAT_DESCR);
    let level = this.levelOf[levelRaw];
    if (level === undefined) {
      level = this.tLevel.id(this.tLevelRaw.values[levelRaw]!.trim());
      this.levelOf[levelRaw] = level;
    }
    if (date === undefined) flags |= F_BAD_DATE;
    if (stepType === "REGISTRATION" && rec.startsWith(COL.OFFENSE_DESCR, B290)) flags |= F_REGISTRATION;
    if (isFelonyRow(this.tLevelRaw.values[levelRaw]!, rec.equals(COL.OFFENSE_TOC, TOC_F) ? "F" : ""))
      flags |= F_FELONY;
    const c = this.cRow.push(rowIndex);
    // A conspiracy whose object offence is named only in COMMENT_TEXT (never so without a comment).
    if (codeSection !== undefined && (flags & F_CONSPIRACY) !== 0 && !PROP64_NUMBER.test(codeSection)) {
      const comment = rec.field(COL.COMMENT_TEXT);
      if (PROP64_NUMBER.test(comment)) {
        this.conspiracyObjects.set(c, comment);
        flags |= F_CONSPIRACY_OBJECT;
      }
    }
    this.cLine.push(rec.line);
    this.cCount.push(countId);
    this.cCode.push(codeId);
    this.cDate.push(date ?? NO_DATE);
    this.cDateRaw.push(dateRawId);
    this.cLevel.push(level);
    this.cCounty.push(this.tCounty.fieldId(rec, COL.STP_ORI_CNTY_NAME));
    this.cFlags.push(flags);
    this.cEnd.push(date === undefined ? Number.NaN : date * 24 + hours);
    this.cLongest.push(hours);
    this.cNext.push(-1);
    const lastConv = this.sLastConv.data[s]!;
    if (lastConv < 0) this.sFirstConv.data[s] = c;
    else this.cNext.data[lastConv] = c;
    this.sLastConv.data[s] = c;
  }

  /** OFNs of case `k`: a small number, or NUL-joined text. */
  private ofnsOf(k: number): string | number {
    const v = this.kOfns.data[k]!;
    return v >= 0 ? v : this.kOfnText[-1 - v]!;
  }

  private setOfns(k: number, ofns: string | number): void {
    if (typeof ofns === "number") this.kOfns.data[k] = ofns;
    else {
      const v = this.kOfns.data[k]!;
      if (v < 0) this.kOfnText[-1 - v] = ofns;
      else this.kOfns.data[k] = -1 - (this.kOfnText.push(ofns) - 1);
    }
  }

  /** Hours of a row's sentence (SENT_LENGTH whole units × SENT_TIME_CODE hours), per distinct value. */
  private sentenceHours(rec: ScannedRecord): number {
    const l = this.tSentLength.fieldId(rec, COL.SENT_LENGTH);
    this.unitsOf[l] ??= sentenceUnits(this.tSentLength.values[l]!);
    const t = this.tSentCode.fieldId(rec, COL.SENT_TIME_CODE);
    this.hoursOf[t] ??= hoursPerUnit(this.tSentCode.values[t]!);
    return this.unitsOf[l]! * this.hoursOf[t]!;
  }

  private noteRowEvents(s: number, rec: ScannedRecord, stepType: string): void {
    if (stepType === "DECEASED") this.sFlags.data[s]! |= 1;
    if (stepType === "COURT ACTION") {
      const ofn = rec.field(COL.OFN);
      if (ofn !== "") this.addCaseNumber(s, this.tCaseKey.fieldId(rec, COL.CNT_ORDER, 6), ofn);
    }
    if (stepType === "REGISTRATION" && rec.startsWith(COL.OFFENSE_DESCR, B290)) this.sFlags.data[s]! |= 2;
  }

  private addCaseNumber(s: number, key: number, ofn: string): void {
    let prev = -1;
    for (let k = this.sFirstCase.data[s]!; k >= 0; k = this.kNext.data[k]!) {
      if (this.kKey.data[k] === key) {
        const have = this.ofnsOf(k);
        if (!hasOfn(have, ofn)) this.setOfns(k, `${have}${SEP}${ofn}`);
        return;
      }
      prev = k;
    }
    const k = this.kKey.push(key);
    this.kOfns.push(0);
    this.setOfns(k, SMALL_NUMBER.test(ofn) ? Number(ofn) : ofn);
    this.kNext.push(-1);
    if (prev < 0) this.sFirstCase.data[s] = k;
    else this.kNext.data[prev] = k;
  }

  /** The facts of person number `i`, as objects (built on demand; not kept). */
  facts(i: number): SubjectFacts {
    const convictions: ConvictionFact[] = [];
    const seenCounts: string[] = [];
    for (let c = this.sFirstConv.data[i]!; c >= 0; c = this.cNext.data[c]!) {
      const flags = this.cFlags.data[c]!;
      const date = this.cDate.data[c]!;
      const end = this.cEnd.get(c);
      const object = this.conspiracyObjects.get(c);
      const countOrder = this.tCount.values[this.cCount.data[c]!]!;
      seenCounts.push(countOrder);
      convictions.push({
        rowIndex: this.cRow.data[c]!,
        line: this.cLine.data[c]!,
        countOrder,
        codeSection: this.tCode.values[this.cCode.data[c]!]!,
        dateRaw: this.tDateRaw.values[this.cDateRaw.data[c]!]!,
        date: date === NO_DATE ? undefined : (date as LocalDate),
        felony: (flags & F_FELONY) !== 0,
        levelRaw: this.tLevel.values[this.cLevel.data[c]!]!,
        county: this.tCounty.values[this.cCounty.data[c]!]!,
        sentenceEndHours: Number.isNaN(end) ? undefined : end,
        longestPartHours: this.cLongest.get(c),
        flags: flagList(flags),
        ...(object !== undefined ? { conspiracyObject: object } : {}),
      });
    }
    const caseNumbers = new CaseNumbers();
    for (let k = this.sFirstCase.data[i]!; k >= 0; k = this.kNext.data[k]!)
      for (const ofn of String(this.ofnsOf(k)).split(SEP))
        caseNumbers.add(this.tCaseKey.values[this.kKey.data[k]!]!, ofn);
    return {
      id: this.sId.get(i),
      name: this.sName.get(i),
      cii: this.sCii.get(i),
      dobRaw: this.sDob.get(i),
      deceased: (this.sFlags.data[i]! & 1) !== 0,
      pc290Registration: (this.sFlags.data[i]! & 2) !== 0,
      convictions,
      seenCounts,
      caseNumbers,
      dobConflicts: 0,
    };
  }

  /** Number of people. */
  get people(): number {
    return this.sId.length;
  }

  /**
   * The data-row index of person `i`'s first row; the row count for `i` = `people`. Every row before it
   * belongs to a person numbered below `i`.
   */
  firstRowOf(i: number): number {
    return i < this.people ? this.sFirstRow.data[i]! : this.rowIndex;
  }

  /** SUBJECT_ID of person number `i`. */
  idOf(i: number): string {
    return this.sId.get(i);
  }

  /** Number of the person with this SUBJECT_ID, or undefined. */
  find(id: string): number | undefined {
    if (this.index.size > 0 || this.people === 0) return this.index.get(id);
    for (let i = 0; i < this.people; i++) if (this.sId.get(i) === id) return i; // after `trim`: rare, tests
    return undefined;
  }

  /**
   * After the last row: gives back the room the columns kept for growth, and the id index (the people
   * are read in order from here on).
   */
  trim(): void {
    for (const col of COLUMN_NAMES)
      (this[col] as Column<Int32Array | Float64Array | Uint8Array | Uint16Array>).trim();
    this.cEnd.col.trim();
    this.cLongest.col.trim();
    for (const text of [this.sId, this.sName, this.sCii, this.sDob]) text.trim();
    this.index.clear();
  }

  /**
   * The convictions collected, by their county as written (STP_ORI_CNTY_NAME): for telling the user
   * when the county they asked for matches none of them (the original compared counties exactly).
   */
  convictionsByCounty(): Map<string, number> {
    const tally = new Array<number>(this.tCounty.values.length).fill(0);
    const data = this.cCounty.data;
    for (let c = 0; c < this.cCounty.length; c++) tally[data[c]!]!++;
    return new Map(this.tCounty.values.map((county, i) => [county, tally[i]!]));
  }

  /** Releases everything collected (between the passes). */
  clear(): void {
    this.index.clear();
    this.tCount = new StringTable();
    this.tCode = new StringTable();
    this.tDateRaw = new StringTable();
    this.tLevel = new StringTable();
    this.tCounty = new StringTable();
    this.tCaseKey = new StringTable();
    this.tOffense = new StringTable();
    this.offenseCode = [];
    this.offenseFlags = [];
    this.tLevelRaw = new StringTable();
    this.levelOf = [];
    this.tSentLength = new StringTable();
    this.unitsOf = [];
    this.tSentCode = new StringTable();
    this.hoursOf = [];
    this.sId = new TextColumn();
    this.sName = new TextColumn();
    this.sCii = new TextColumn();
    this.sDob = new TextColumn();
    this.kOfnText = [];
    this.cEnd = new HoursColumn();
    this.cLongest = new HoursColumn();
    this.conspiracyObjects.clear();
    for (const col of COLUMN_NAMES) {
      (this[col] as Column<Int32Array | Float64Array | Uint8Array | Uint16Array>).reset();
    }
  }
}

/**
 * How a count's several sentence rows (jail + probation + fine) combine into its end: `sum` adds them,
 * as the original tool did (kept for the compatible policies); `longest` treats them as concurrent parts
 * of one sentence, which end with the longest part (the statute layer; architecture.md, "several sentence
 * rows for one count").
 */
export type SentenceRule = "sum" | "longest";

/** End of the sentence when its parts run concurrently: the date plus the longest part. */
export function longestPartEndDate(c: ConvictionFact): LocalDate | undefined {
  return c.date === undefined ? undefined : (Math.ceil((c.date * 24 + c.longestPartHours) / 24) as LocalDate);
}

/**
 * The first calendar day on which the sentence counts as completed: "completed by D" in the original
 * means end ≤ D at midnight, which for an end at noon is the next day.
 */
export function sentenceEndDate(c: ConvictionFact): LocalDate | undefined {
  return c.sentenceEndHours === undefined ? undefined : (Math.ceil(c.sentenceEndHours / 24) as LocalDate);
}

/** Sentence part length in hours with the original's unit constants (D 24 h, M 732 h, Y 8,784 h). */
/** Whole units of a SENT_LENGTH (0 when it is not a whole number). */
function sentenceUnits(lenText: string): number {
  return /^-?\d+$/.test(lenText) ? Number.parseInt(lenText, 10) : 0;
}

/** Hours in one unit of a SENT_TIME_CODE (0 for an unknown code). */
function hoursPerUnit(code: string): number {
  return Object.hasOwn(HOURS_PER_UNIT, code) ? HOURS_PER_UNIT[code]! : 0;
}

/** Builds the canonical Person for a subject: one case per case key, counts in conviction order. */
export function subjectToPerson(
  s: SubjectFacts,
  file: string,
  fileIndex: number,
  sentence: SentenceRule = "sum",
): Person {
  const dob: DateFact = { raw: s.dobRaw, value: parseYmd8(s.dobRaw) };
  const cases = new Map<string, Count[]>();
  for (const c of s.convictions) {
    const key = c.countOrder.slice(0, 6);
    let list = cases.get(key);
    if (!list) {
      list = [];
      cases.set(key, list);
    }
    list.push(convictionToCount(c, file, fileIndex, sentence));
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
export function convictionToCount(
  c: ConvictionFact,
  file: string,
  fileIndex: number,
  sentence: SentenceRule = "sum",
): Count {
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
    sentenceEnd: sentence === "sum" ? sentenceEndDate(c) : longestPartEndDate(c),
    flags: c.flags,
    source,
    ...(c.conspiracyObject !== undefined ? { description: c.conspiracyObject } : {}),
  };
}
