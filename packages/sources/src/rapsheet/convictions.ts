/**
 * @module rapsheet/convictions — the convictions of a parsed sheet, and the sheet as the canonical
 * model (`Person → Case → Count`) that the statute and policy layers evaluate.
 *
 * Deliberate differences from the original parser (docs/rapsheet.md): severity is the severity
 * *after* later reductions (an update `CONV STATUS:MISDEMEANOR`, `REDUCED TO MISDEMEANOR` or a
 * `17(B)` comment), with the original kept beside it; 1203.4a, 1203.41 and 1203.42 dismissals and
 * 11361.8 relief are their own disposition types.
 */
import {
  addYears,
  CA_COUNTIES,
  type Case,
  type Count,
  type DateFact,
  type Disposition,
  daysInMonth,
  fromYmd,
  type LocalDate,
  type Person,
  parseCodeSection,
  type SentencePart,
  toYmd,
} from "@clearance/core";
import type {
  DispositionType,
  Duration,
  RapSheet,
  Sentence,
  SheetCount,
  SheetDate,
  SheetDisposition,
  SheetEvent,
} from "./types.ts";

/** Disposition types meaning the conviction was already dismissed or relieved after judgment. */
export const RELIEF_TYPES: ReadonlySet<DispositionType> = new Set<DispositionType>([
  "pc1203_dismissed",
  "pc1203_4a_dismissed",
  "pc1203_41_dismissed",
  "pc1203_42_dismissed",
  "hs11361_8_relief",
  "reduced_17b",
]);

/** Human name of a relief disposition, e.g. `dismissed under PC 1203.4`. */
export function reliefName(type: DispositionType): string {
  switch (type) {
    case "pc1203_dismissed":
      return "dismissed under PC 1203.4";
    case "pc1203_4a_dismissed":
      return "dismissed under PC 1203.4a";
    case "pc1203_41_dismissed":
      return "dismissed under PC 1203.41";
    case "pc1203_42_dismissed":
      return "dismissed under PC 1203.42";
    case "hs11361_8_relief":
      return "relief already granted under H&S 11361.8";
    case "reduced_17b":
      return "reduced to a misdemeanor under PC 17(b)";
    default:
      return type;
  }
}

/** One convicted count of a court event, with what the sheet says happened to it later. */
export interface SheetConviction {
  readonly event: SheetEvent;
  readonly count: SheetCount;
  /** Index of the cycle (0-based). */
  readonly cycle: number;
  /** Date of the first CONVICTED disposition (the court event's date, or an update's). */
  readonly date: SheetDate | undefined;
  /** The count's case number, or the first case number of the event. */
  readonly caseNumber: string | undefined;
  /** Severity after later reductions (`F`, `M`, `I`), or undefined. */
  readonly severity: string | undefined;
  /** Severity of the first CONVICTED disposition that states one. */
  readonly originalSeverity: string | undefined;
  /** The sentence of the last disposition that has one. */
  readonly sentence: Sentence | undefined;
  readonly sentenceDate: SheetDate | undefined;
  /** The later disposition that already dismissed, reduced or relieved this conviction. */
  readonly relief: SheetDisposition | undefined;
}

/** The relief a disposition stands for: its own type, or a 17(b) reduction named in a comment. */
export function reliefType(d: SheetDisposition): DispositionType {
  return RELIEF_TYPES.has(d.type) ? d.type : "reduced_17b";
}

function reliefOf(count: SheetCount): SheetDisposition | undefined {
  const explicit = count.dispositions.find((d) => RELIEF_TYPES.has(d.type));
  if (explicit) return explicit;
  return count.dispositions.find((d) => d.mentions17b);
}

/** Severity before and after later reductions (docs/rap-sheet-format.md §4.2, "felony later reduced"). */
export function severities(count: SheetCount): { original: string | undefined; current: string | undefined } {
  const firstConv = count.dispositions.findIndex((d) => d.type === "convicted");
  if (firstConv < 0) return { original: undefined, current: undefined };
  let original: string | undefined;
  let current: string | undefined;
  for (let i = firstConv; i < count.dispositions.length; i++) {
    const d = count.dispositions[i]!;
    if (d.type === "convicted" && d.severity && original === undefined) {
      original = d.severity;
      current = d.severity;
      continue;
    }
    if (original === undefined) continue;
    if (d.severity) current = d.severity;
    if ((d.type === "reduced_17b" || d.mentions17b) && current === "F") current = "M";
  }
  return { original, current };
}

/** All convicted counts of court events, in document order. */
export function convictionsOf(sheet: RapSheet): SheetConviction[] {
  const out: SheetConviction[] = [];
  sheet.cycles.forEach((cycle, ci) => {
    for (const event of cycle.events) {
      if (event.type !== "court") continue;
      const eventCase = event.counts.find((c) => c.caseNumber)?.caseNumber;
      for (const count of event.counts) {
        const conv = count.dispositions.find((d) => d.type === "convicted");
        if (!conv) continue;
        const sev = severities(count);
        const withSentence = [...count.dispositions].reverse().find((d) => d.sentence);
        out.push({
          event,
          count,
          cycle: ci,
          date: conv.date,
          caseNumber: count.caseNumber ?? eventCase,
          severity: sev.current,
          originalSeverity: sev.original,
          sentence: withSentence?.sentence,
          sentenceDate: withSentence?.date,
          relief: reliefOf(count),
        });
      }
    }
  });
  return out;
}

// --- canonical model ---------------------------------------------------------------------------

const COUNTIES = CA_COUNTIES;

/**
 * The county a courthouse name starts with (`CASC Los Angeles Metro` → `LOS ANGELES`), or undefined
 * when the place is a city (`CASC San Jose`): the sheet does not say the county.
 */
export function countyOfCourthouse(display: string | undefined): string | undefined {
  if (!display) return undefined;
  const place = display.toUpperCase().replace(/^[A-Z]{4}\s+(?:MC\s+)?/, "");
  let best: string | undefined;
  for (const c of COUNTIES) {
    if ((place === c || place.startsWith(`${c} `)) && (!best || c.length > best.length)) best = c;
  }
  return best;
}

function fact(d: SheetDate | undefined): DateFact {
  return { raw: d?.raw ?? "", value: d?.value };
}

function addMonths(d: LocalDate, months: number): LocalDate {
  const { year, month, day } = toYmd(d);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const dim = daysInMonth(y, m);
  return day <= dim ? fromYmd(y, m, day) : ((fromYmd(y, m, dim) + (day - dim)) as LocalDate);
}

/** A duration in the canonical units (D, M, Y, H); weeks become days, 1.5 years becomes 18 months. */
export function canonicalLength(d: Duration): { length: number; unit: "D" | "M" | "Y" | "H" } {
  if (d.unit === "W") return { length: d.amount * 7, unit: "D" };
  if (d.unit === "Y" && !Number.isInteger(d.amount) && Number.isInteger(d.amount * 12))
    return { length: d.amount * 12, unit: "M" };
  return { length: d.amount, unit: d.unit };
}

/** Adds a duration to a date (calendar-aware; hours round up to whole days). */
export function addDuration(from: LocalDate, d: Duration): LocalDate | undefined {
  const c = canonicalLength(d);
  if (!Number.isInteger(c.length)) return undefined;
  switch (c.unit) {
    case "Y":
      return addYears(from, c.length);
    case "M":
      return addMonths(from, c.length);
    case "D":
      return (from + c.length) as LocalDate;
    case "H":
      return (from + Math.ceil(c.length / 24)) as LocalDate;
  }
}

/** Sentence parts in canonical form. */
export function sentenceParts(s: Sentence | undefined): SentencePart[] {
  if (!s) return [];
  return s.components.map((c) => {
    if (!c.duration) return { kind: c.kind, text: c.text };
    const l = canonicalLength(c.duration);
    return { kind: c.kind, length: l.length, unit: l.unit, text: c.text };
  });
}

/**
 * End of a sentence: its date plus its longest custody or probation part (the parts of one sentence
 * run concurrently; architecture.md, "several sentence rows"). Undefined when a date or length is unknown.
 */
export function sentenceEnd(s: Sentence | undefined, date: SheetDate | undefined): LocalDate | undefined {
  if (!s || !date?.value) return undefined;
  let end: LocalDate | undefined;
  for (const c of s.components) {
    if (c.kind !== "jail" && c.kind !== "prison" && c.kind !== "probation") continue;
    if (!c.duration) continue;
    const e = addDuration(date.value, c.duration);
    if (e === undefined) return undefined;
    if (end === undefined || e > end) end = e;
  }
  return end;
}

function dispositionType(t: DispositionType): string {
  switch (t) {
    case "pc1203_dismissed":
      return "1203.4";
    case "pc1203_4a_dismissed":
      return "1203.4a";
    case "pc1203_41_dismissed":
      return "1203.41";
    case "pc1203_42_dismissed":
      return "1203.42";
    case "reduced_17b":
      return "17(b)";
    case "hs11361_8_relief":
      return "11361.8";
    default:
      return t;
  }
}

function canonicalCount(
  event: SheetEvent,
  count: SheetCount,
  file: string,
  county: string | undefined,
): Count {
  const convictedD = count.dispositions.find((d) => d.type === "convicted");
  const sev = severities(count);
  const withSentence = [...count.dispositions].reverse().find((d) => d.sentence);
  const attempt = count.flags.some((f) => f.replace(/\s+/g, "") === "-ATTEMPTED");
  const parsedRaw =
    count.code && count.section ? `${count.section.toUpperCase()} ${count.code}` : (count.chargeRaw ?? "");
  const parsed0 = parseCodeSection(parsedRaw);
  const parsed = { ...parsed0, raw: count.chargeRaw ?? parsedRaw, attempt: parsed0.attempt || attempt };
  const flags: string[] = [];
  if (attempt) flags.push("attempt");
  if (parsed.conspiracy) flags.push("conspiracy");
  if (event.potentialFelonyStrike) flags.push("potential-felony-strike");
  if (!count.codeSection) flags.push("no-code-section");
  const dateD = convictedD?.date ?? event.date;
  if (!dateD?.value) flags.push("bad-date");
  const relief = reliefOf(count);
  if (relief) flags.push(`relieved:${dispositionType(reliefType(relief))}`);
  if (sev.original && sev.current && sev.original !== sev.current) flags.push("reduced");
  const dispositions: Disposition[] = count.dispositions.map((d) => ({
    type: dispositionType(d.type),
    date: d.date ? fact(d.date) : undefined,
    text: d.text,
    source: { file, line: d.line },
  }));
  const level = sev.current === "F" || sev.current === "M" || sev.current === "I" ? sev.current : undefined;
  return {
    id:
      count.number > 1 && event.counts.filter((c) => c.line === count.line).length > 1
        ? `${count.line}#${count.number}`
        : `${count.line}`,
    // The DOJ's spelling (`11357(B) HS`, `664-11359 HS`), which the compatible policies' matchers expect.
    codeSection:
      count.code && count.section
        ? `${attempt ? "664-" : ""}${count.section.toUpperCase()} ${count.code}`
        : "",
    parsed,
    description: count.description,
    convicted: convictedD !== undefined,
    date: fact(dateD),
    level,
    county,
    dispositions,
    sentence: sentenceParts(withSentence?.sentence),
    sentenceEnd: sentenceEnd(withSentence?.sentence, withSentence?.date),
    flags,
    source: { file, line: count.line },
  };
}

/**
 * The sheet as the canonical model: one `Case` per court event, with all its counts.
 * @param file the name shown in source references (no directories needed)
 */
export function toPerson(sheet: RapSheet, file: string): Person {
  const pi = sheet.personalInfo;
  const events = sheet.cycles.flatMap((c) => c.events);
  const cases: Case[] = [];
  for (const ev of events) {
    if (ev.type !== "court") continue;
    const county = countyOfCourthouse(ev.courthouse);
    const caseNumbers = [...new Set(ev.counts.map((c) => c.caseNumber).filter((c): c is string => !!c))];
    cases.push({
      key: `court:${ev.line}`,
      caseNumbers,
      courthouse: ev.courthouse,
      county,
      counts: ev.counts.map((c) => canonicalCount(ev, c, file, county)),
    });
  }
  const firstName = Object.keys(pi.names).sort()[0];
  return {
    id: `rapsheet:${pi.cii ?? file}`,
    name: firstName ? pi.names[firstName]! : "",
    cii: pi.cii,
    dob: fact(pi.dob),
    deceased: events.some((e) => e.type === "deceased"),
    pc290Registration: events.some(
      (e) =>
        e.type === "registration" &&
        e.counts.some((c) => c.code === "PC" && /^290(?![.\d])/.test(c.section ?? "")),
    ),
    cases,
  };
}
