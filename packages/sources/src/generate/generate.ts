/**
 * @module generate/generate — synthetic CA DOJ research-file rows, a pure function of (county, rows, seed).
 *
 * Shape follows the original `generate_test_data` (gogen-behaviour.md §5.7) and goes further so that
 * readers and rules meet the cases real files contain: several counties per person, every Prop 64
 * section in several spellings, related and unrelated charges, felonies and misdemeanours, attempts
 * (PC 664), conspiracies (PC 182), super strikes, PC 290 offences and registrations, deceased people,
 * multi-row sentences, comment-only charges and a few malformed dates.
 *
 * Each person is a run of contiguous rows. Cases ("cycles") are numbered 101, 102, … in date order;
 * a case has one arrest row per count (step 001) then, unless it never reached court, one court row
 * per count (step 002), the court row of a convicted count repeated once per sentence part.
 * Persons are generated until at least `rows` rows exist, so the output overshoots by part of one
 * person (never a partial person). No clock and no `Math.random`: same options, same rows.
 */
import { addDays, CA_COUNTIES, fromYmd, fullYearsBetween, type LocalDate, toYmd } from "@clearance/core";
import { COL, DOJ_COLUMNS } from "../doj/columns.ts";
import {
  ATTEMPT_OFFENCES,
  CONSPIRACY_COMMENTS,
  CONSPIRACY_OFFENCE,
  type OffenceSpec,
  OTHER_OFFENCES,
  PC290_REGISTRABLE,
  PROP64_OFFENCES,
  REGISTRATION_OFFENCE,
  RELATED_OFFENCES,
  SEE_COMMENT,
} from "./offences.ts";
import { EYES, FIRST_NAMES, HAIRS, LAST_NAMES, OTHER_COUNTIES, RACES } from "./people.ts";
import { createRng, type Rng } from "./prng.ts";

/** What to generate. */
export interface GenerateDojOptions {
  /** STP_ORI_CNTY_NAME of most cases (~75 %), used verbatim (DOJ files use upper case, e.g. `LOS ANGELES`). */
  readonly county: string;
  /** Minimum number of data rows; the last person is kept whole, so a few more may come. */
  readonly rows: number;
  /** Any safe integer; the output is a pure function of the options. */
  readonly seed: number;
}

/** Counts reported when generation finishes. */
export interface GenerateDojSummary {
  /** Data rows produced (header excluded); ≥ the requested rows. */
  readonly rows: number;
  /** Persons (distinct SUBJECT_IDs) produced. */
  readonly persons: number;
}

/** The original generator's filler (it put it in every column it did not model); here in `*_SEG_SEP` columns. */
export const FILLER = "  -  ";
/** First SUBJECT_ID; later persons count up from here. */
export const FIRST_SUBJECT_ID = 10000001;
/** Latest date the generator writes (dates never depend on the wall clock). */
export const LAST_GENERATED_DATE: LocalDate = fromYmd(2024, 12, 31);

const FIRST_CASE_DATE = fromYmd(1970, 1, 1);
const FIRST_DOB = fromYmd(1945, 1, 1);
const LAST_DOB = fromYmd(2002, 12, 31);
const LAST_CASE_DATE = addDays(LAST_GENERATED_DATE, -500);
const DEFAULT_COMMENT = "THIS IS A COMMENT";
const OTHER_COMMENTS = [
  "",
  "DEFT PRESENT, COUNSEL PRESENT",
  "PROBATION MODIFIED",
  "PER PC 1203.4, DISMISSED",
  'DEFT PLED "NOLO CONTENDERE"',
];

type Kind = "prop64" | "conviction" | "arrest" | "registration" | "deceased";

interface Sentence {
  readonly loc: string;
  readonly locCode: string;
  readonly length: number;
  readonly unit: "D" | "M" | "Y";
}

interface CountPlan {
  readonly descr: string;
  readonly comment: string;
  readonly toc: "F" | "M";
  readonly convStat: string;
  readonly convicted: boolean;
  readonly pc290: boolean;
  readonly sentences: readonly Sentence[];
}

interface EventPlan {
  readonly kind: Kind;
  readonly date: LocalDate;
  readonly court: LocalDate;
  readonly county: string;
  readonly reachedCourt: boolean;
  readonly ofn: string;
  readonly ofnFirstCountOnly: boolean;
  readonly agency: "PD" | "SO";
  readonly counts: readonly CountPlan[];
}

/** Weighted chooser over a fixed table (cumulative weights, binary search). */
function chooser(table: readonly OffenceSpec[]): (rng: Rng) => OffenceSpec {
  const cum: number[] = [];
  let total = 0;
  for (const spec of table) {
    total += spec.weight;
    cum.push(total);
  }
  return (rng) => {
    const x = rng.float() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return table[lo] as OffenceSpec;
  };
}

const pickProp64 = chooser(PROP64_OFFENCES);
const pickAttempt = chooser(ATTEMPT_OFFENCES);
const pickRelated = chooser(RELATED_OFFENCES);
const pickOther = chooser(OTHER_OFFENCES);

const pad2 = (n: number): string => (n < 10 ? "0" + n : String(n));
const pad3 = (n: number): string => (n < 10 ? "00" + n : n < 100 ? "0" + n : String(n));

/** `YYYYMMDD` for a date in years 1000–9999. */
function ymd8(d: LocalDate): string {
  const { year, month, day } = toYmd(d);
  return String(year) + pad2(month) + pad2(day);
}

function countyCode(county: string): string {
  const i = CA_COUNTIES.indexOf(county);
  return i < 0 ? "99" : pad2(i + 1);
}

function comment(rng: Rng): string {
  return rng.chance(0.94) ? DEFAULT_COMMENT : rng.pick(OTHER_COMMENTS);
}

function sentence(rng: Rng, felony: boolean): Sentence {
  const r = rng.float();
  if (felony ? r < 0.4 : false) {
    return rng.chance(0.7)
      ? { loc: "PRISON", locCode: "S", length: rng.int(1, 10), unit: "Y" }
      : { loc: "PRISON", locCode: "S", length: rng.int(16, 48), unit: "M" };
  }
  if (felony ? r < 0.75 : r < 0.55) {
    return rng.chance(0.6)
      ? { loc: "JAIL", locCode: "J", length: rng.int(1, 365), unit: "D" }
      : { loc: "JAIL", locCode: "J", length: rng.int(1, 12), unit: "M" };
  }
  return rng.chance(0.5)
    ? { loc: "PROBATION", locCode: "P", length: rng.int(6, 36), unit: "M" }
    : { loc: "PROBATION", locCode: "P", length: rng.int(1, 5), unit: "Y" };
}

function count(rng: Rng, spec: OffenceSpec, convicted: boolean, conspiracyComment = false): CountPlan {
  const toc = spec.level === "F" ? "F" : spec.level === "M" ? "M" : rng.chance(0.6) ? "F" : "M";
  let convStat = "";
  if (convicted && !rng.chance(0.03)) {
    const felony = toc === "F" && rng.chance(spec.level === "F" ? 0.9 : 0.6);
    convStat = felony ? "FELONY" : "MISDEMEANOR";
  }
  let descr = spec.descr;
  let text = conspiracyComment && rng.chance(0.5) ? rng.pick(CONSPIRACY_COMMENTS) : comment(rng);
  const r = rng.float();
  if (r < 0.005) {
    descr = SEE_COMMENT;
    text = spec.descr;
  } else if (r < 0.007) {
    descr = "";
    text = spec.descr;
  }
  const sentences: Sentence[] = [];
  if (convicted) {
    const felony = convStat === "FELONY" || (convStat === "" && toc === "F");
    const s = rng.float();
    const parts = s < 0.65 ? 1 : s < 0.9 ? 2 : 3;
    for (let i = 0; i < parts; i++) sentences.push(sentence(rng, felony));
  }
  return {
    descr,
    comment: text,
    toc,
    convStat,
    convicted,
    pc290: PC290_REGISTRABLE.has(spec.descr),
    sentences,
  };
}

function prop64Case(rng: Rng): CountPlan[] {
  const n = rng.int(1, 4);
  const lead = rng.int(0, n - 1);
  const counts: CountPlan[] = [];
  for (let i = 0; i < n; i++) {
    if (i === lead) {
      counts.push(count(rng, rng.chance(0.97) ? pickProp64(rng) : pickAttempt(rng), true));
      continue;
    }
    const convicted = rng.chance(0.35);
    const r = rng.float();
    if (r < 0.5) counts.push(count(rng, pickProp64(rng), convicted));
    else if (r < 0.8) counts.push(count(rng, pickRelated(rng), convicted));
    else if (r < 0.88) counts.push(count(rng, pickOther(rng), convicted));
    else if (r < 0.94) counts.push(count(rng, pickAttempt(rng), convicted));
    else counts.push(count(rng, CONSPIRACY_OFFENCE, convicted, true));
  }
  return counts;
}

function convictionCase(rng: Rng): CountPlan[] {
  const n = rng.int(1, 4);
  const lead = rng.int(0, n - 1);
  const counts: CountPlan[] = [];
  for (let i = 0; i < n; i++) {
    const convicted = i === lead || rng.chance(0.35);
    const spec = rng.chance(i === lead ? 0.85 : 0.7) ? pickOther(rng) : pickRelated(rng);
    counts.push(count(rng, spec, convicted));
  }
  return counts;
}

function arrestCase(rng: Rng): CountPlan[] {
  const n = rng.int(1, 3);
  const counts: CountPlan[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.float();
    const spec = r < 0.2 ? pickProp64(rng) : r < 0.5 ? pickRelated(rng) : pickOther(rng);
    counts.push(count(rng, spec, false));
  }
  return counts;
}

function singleStep(descr: string, text: string): CountPlan[] {
  return [{ descr, comment: text, toc: "M", convStat: "", convicted: false, pc290: false, sentences: [] }];
}

interface PersonPlan {
  readonly fields: string[];
  readonly dob: LocalDate;
  readonly events: EventPlan[];
}

function planPerson(rng: Rng, subjectId: number, county: string): PersonPlan {
  const f = BASE_TEMPLATE.slice();
  const dob = (FIRST_DOB + rng.int(0, LAST_DOB - FIRST_DOB)) as LocalDate;
  const gender = rng.chance(0.8) ? "M" : "F";
  const race = rng.pick(RACES);
  const eyes = rng.pick(EYES);
  const hair = rng.pick(HAIRS);
  f[COL.SUBJECT_ID] = String(subjectId);
  f[COL.CII_NUMBER] = rng.digits(10);
  f[COL.PRI_NAME] =
    `${rng.pick(LAST_NAMES)},${rng.pick(FIRST_NAMES)} ${String.fromCharCode(65 + rng.int(0, 25))}`;
  f[COL.GENDER] = gender;
  f[COL.PRI_DOB] = rng.chance(0.001) ? ymd8(dob).slice(0, 4) + "0000" : ymd8(dob);
  f[COL.PRI_SSN] = rng.digits(9);
  f[COL.PRI_CDL] = String.fromCharCode(65 + rng.int(0, 25)) + rng.digits(7);
  f[COL.FBI_NUMBER] = rng.digits(6) + String.fromCharCode(65 + rng.int(0, 25)) + rng.digits(2);
  f[COL.RACE_CODE] = race[0];
  f[COL.RACE_DESCR] = race[1];
  f[COL.EYE_COLOR_CODE] = eyes[0];
  f[COL.EYE_COLOR_DESCR] = eyes[1];
  f[COL.HAIR_COLOR_CODE] = hair[0];
  f[COL.HAIR_COLOR_DESCR] = hair[1];
  f[COL.HEIGHT] = String(rng.int(4, 6)) + pad2(rng.int(0, 11));
  f[COL.WEIGHT] = String(rng.int(100, 300));
  if (rng.chance(0.85)) {
    f[COL.POB_CODE] = "CA";
    f[COL.POB_NAME] = "CALIFORNIA";
  } else {
    const other = rng.pick([
      ["MX", "MEXICO"],
      ["TX", "TEXAS"],
      ["NY", "NEW YORK"],
      ["AZ", "ARIZONA"],
    ]) as [string, string];
    f[COL.POB_CODE] = other[0];
    f[COL.POB_NAME] = other[1];
  }

  // Where the person's other cases happen: two counties other than the main one.
  const alt1 = pickOtherCounty(rng, county, "");
  const alt2 = pickOtherCounty(rng, county, alt1);
  const caseCounty = (): string => (rng.chance(0.75) ? county : rng.chance(0.7) ? alt1 : alt2);

  const r = rng.float();
  const nProp64 = r < 0.78 ? 1 : r < 0.93 ? 2 : r < 0.98 ? 3 : 4;
  const nConviction = Math.min(25, Math.round(3 * rng.exp()));
  const nArrest = Math.min(30, Math.round(4 * rng.exp()));
  const kinds: Kind[] = [];
  for (let i = 0; i < nProp64; i++) kinds.push("prop64");
  for (let i = 0; i < nConviction; i++) kinds.push("conviction");
  for (let i = 0; i < nArrest; i++) kinds.push("arrest");
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = kinds[i] as Kind;
    kinds[i] = kinds[j] as Kind;
    kinds[j] = t;
  }
  const start = Math.max(FIRST_CASE_DATE, dob + 15 * 365 + rng.int(0, 3 * 365));
  const span = Math.max(0, LAST_CASE_DATE - start);
  const dates: number[] = kinds.map(() => start + rng.int(0, span));
  dates.sort((a, b) => a - b);

  const events: EventPlan[] = [];
  let registered = false;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i] as Kind;
    const date = dates[i] as LocalDate;
    const counts =
      kind === "prop64" ? prop64Case(rng) : kind === "conviction" ? convictionCase(rng) : arrestCase(rng);
    const court = addDays(date, rng.int(7, 365));
    events.push({
      kind,
      date,
      court,
      county: caseCounty(),
      reachedCourt: kind !== "arrest" || rng.chance(0.75),
      ofn: rng.digits(rng.int(6, 8)),
      ofnFirstCountOnly: rng.chance(0.1),
      agency: rng.chance(0.6) ? "PD" : "SO",
      counts,
    });
    if (!registered && counts.some((c) => c.convicted && c.pc290)) {
      registered = true;
      events.push(singleEvent("registration", addDays(court, rng.int(10, 90)), events.at(-1)!.county));
    }
  }
  if (!registered && rng.chance(0.005)) {
    events.push(singleEvent("registration", (start + rng.int(0, span)) as LocalDate, caseCounty()));
  }
  events.sort((a, b) => a.date - b.date);
  if (rng.chance(0.015)) {
    let last = events.length > 0 ? events.at(-1)!.date : (start as LocalDate);
    for (const e of events) if (e.reachedCourt && e.court > last) last = e.court;
    const date = addDays(last, rng.int(1, Math.max(1, LAST_GENERATED_DATE - last)));
    events.push(singleEvent("deceased", date, events.at(-1)?.county ?? county));
  }
  return { fields: f, dob, events };
}

function singleEvent(kind: "registration" | "deceased", date: LocalDate, county: string): EventPlan {
  const counts =
    kind === "registration"
      ? singleStep(REGISTRATION_OFFENCE, DEFAULT_COMMENT)
      : singleStep("", "SUBJECT DECEASED");
  return {
    kind,
    date,
    court: date,
    county,
    reachedCourt: false,
    ofn: "",
    ofnFirstCountOnly: false,
    agency: "SO",
    counts,
  };
}

function pickOtherCounty(rng: Rng, main: string, not: string): string {
  for (;;) {
    const c = rng.pick(OTHER_COUNTIES);
    if (c !== main && c !== not) return c;
  }
}

/** Unmodelled columns are empty, except the segment separators, which carry the original's filler. */
const BASE_TEMPLATE: readonly string[] = DOJ_COLUMNS.map((name) => (name.endsWith("_SEG_SEP") ? FILLER : ""));

const TIME_DESCR = { D: "DAYS", M: "MONTHS", Y: "YEARS" } as const;

/** Replaces a date field with one of the malformed forms seen in real files. */
function spoilDate(rng: Rng, row: string[]): void {
  const which = rng.int(0, 3);
  const stp = row[COL.STP_EVENT_DATE] ?? "";
  if (which === 0) row[COL.STP_EVENT_DATE] = stp.slice(0, 7);
  else if (which === 1) row[COL.STP_EVENT_DATE] = "";
  else if (which === 2) row[COL.STP_EVENT_DATE] = stp.slice(0, 4) + "0231";
  else row[COL.PRI_DOB] = (row[COL.PRI_DOB] ?? "").slice(0, 4) + "0000";
}

/** Appends the rows of one person to `out`. */
function emitPerson(rng: Rng, person: PersonPlan, out: string[][]): void {
  const { fields, dob, events } = person;
  const n = Math.min(events.length, 899);
  for (let e = 0; e < n; e++) {
    const ev = events[e] as EventPlan;
    const cyc = String(101 + e);
    const code = countyCode(ev.county);
    const base = fields.slice();
    base[COL.CYC_ORDER] = cyc;
    base[COL.CYC_DATE] = ymd8(ev.date);
    base[COL.CYC_AGE] = String(fullYearsBetween(dob, ev.date));
    base[COL.STP_ORI_CNTY_CODE] = code;
    base[COL.STP_ORI_CNTY_NAME] = ev.county;

    // Step 001: arrest, registration or death.
    const first = ymd8(ev.date);
    const [typeCode, typeDescr] =
      ev.kind === "registration"
        ? ["50", "REGISTRATION"]
        : ev.kind === "deceased"
          ? ["90", "DECEASED"]
          : ["10", "ARREST/DETAINED/CITED"];
    const oriDescr = ev.kind === "deceased" ? "DOJ SACRAMENTO" : `${ev.agency} ${ev.county}`;
    for (let c = 0; c < ev.counts.length; c++) {
      const cp = ev.counts[c] as CountPlan;
      const row = base.slice();
      row[COL.STP_ORDER] = "001";
      row[COL.STP_EVENT_DATE] = first;
      row[COL.STP_TYPE_CODE] = typeCode;
      row[COL.STP_TYPE_DESCR] = typeDescr;
      row[COL.STP_ORI_TYPE] = "L";
      row[COL.STP_ORI_TYPE_DESCR] = "LAW ENFORCEMENT";
      row[COL.STP_ORI_CODE] = `CA${code}0${ev.agency === "PD" ? "1" : "0"}000`;
      row[COL.STP_ORI_DESCR] = oriDescr;
      row[COL.CNT_ORDER] = cyc + "001" + pad3(c + 1) + "000";
      row[COL.OFFENSE_DESCR] = cp.descr;
      row[COL.OFFENSE_TOC] = cp.toc;
      row[COL.COMMENT_TEXT] = cp.comment;
      if (rng.chance(0.001)) spoilDate(rng, row);
      out.push(row);
    }
    if (!ev.reachedCourt) continue;

    // Step 002: court action, one row per count, one per sentence part for convicted counts.
    const courtDate = ymd8(ev.court);
    for (let c = 0; c < ev.counts.length; c++) {
      const cp = ev.counts[c] as CountPlan;
      const row = base.slice();
      row[COL.STP_ORDER] = "002";
      row[COL.STP_EVENT_DATE] = courtDate;
      row[COL.STP_TYPE_CODE] = "20";
      row[COL.STP_TYPE_DESCR] = "COURT ACTION";
      row[COL.STP_ORI_TYPE] = "C";
      row[COL.STP_ORI_TYPE_DESCR] = "COURT";
      row[COL.STP_ORI_CODE] = `CA${code}0000J`;
      row[COL.STP_ORI_DESCR] = `CASC ${ev.county}`;
      row[COL.CNT_ORDER] = cyc + "002" + pad3(c + 1) + "000";
      row[COL.DISP_DATE] = courtDate;
      row[COL.OFN] = ev.ofnFirstCountOnly && c > 0 ? "" : ev.ofn;
      row[COL.OFFENSE_DESCR] = cp.descr;
      row[COL.OFFENSE_TOC] = cp.toc;
      row[COL.COMMENT_TEXT] = cp.comment;
      row[COL.DISP_DESCR] = cp.convicted ? "CONVICTED" : "DISMISSED";
      row[COL.CONV_STAT_DESCR] = cp.convStat;
      if (cp.sentences.length === 0) {
        if (rng.chance(0.001)) spoilDate(rng, row);
        out.push(row);
        continue;
      }
      for (let s = 0; s < cp.sentences.length; s++) {
        const sp = cp.sentences[s] as Sentence;
        const part = s === cp.sentences.length - 1 ? row : row.slice();
        part[COL.SENT_ORDER] = pad3(s + 1);
        part[COL.SENT_LOC_CODE] = sp.locCode;
        part[COL.SENT_LOC_DESCR] = sp.loc;
        part[COL.SENT_LENGTH] = String(sp.length);
        part[COL.SENT_TIME_CODE] = sp.unit;
        part[COL.SENT_TIME_DESCR] = TIME_DESCR[sp.unit];
        if (rng.chance(0.001)) spoilDate(rng, part);
        out.push(part);
      }
    }
  }
}

function validate(options: GenerateDojOptions): void {
  if (typeof options.county !== "string" || options.county.trim() === "") {
    throw new RangeError("county must be a non-empty name");
  }
  if (!Number.isSafeInteger(options.rows) || options.rows < 1) {
    throw new RangeError(`rows must be a positive integer, got ${options.rows}`);
  }
  if (!Number.isSafeInteger(options.seed))
    throw new RangeError(`seed must be an integer, got ${options.seed}`);
}

/**
 * Generates research-file data rows (95 string fields each, header not included), person by person,
 * until at least `options.rows` rows exist. The generator's return value is the summary.
 * @example
 * const it = generateDojPersons({ county: "LOS ANGELES", rows: 100, seed: 1 });
 * for (let r = it.next(); !r.done; r = it.next()) console.log(r.value.length, "rows for one person");
 */
export function* generateDojPersons(options: GenerateDojOptions): Generator<string[][], GenerateDojSummary> {
  validate(options);
  const rng = createRng(options.seed);
  let rows = 0;
  let persons = 0;
  while (rows < options.rows) {
    const plan = planPerson(rng, FIRST_SUBJECT_ID + persons, options.county);
    const out: string[][] = [];
    emitPerson(rng, plan, out);
    if (out.length === 0) continue;
    persons++;
    rows += out.length;
    yield out;
  }
  return { rows, persons };
}

/**
 * The same rows as {@link generateDojPersons}, one 95-field array at a time.
 * @example [...generateDojRows({ county: "YOLO", rows: 10, seed: 7 })].length // ≥ 10
 */
export function* generateDojRows(options: GenerateDojOptions): Generator<string[], GenerateDojSummary> {
  const it = generateDojPersons(options);
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) return r.value;
    yield* r.value;
  }
}
