/**
 * @module rapsheet/types — the parsed rap sheet, close to the document's own structure, with the
 * 1-based line number of every part. `toPerson` (canonical.ts) turns it into the canonical model.
 */
import type { LocalDate } from "@clearance/core";

/** A date as read from the sheet: `value` only when `raw` is a real calendar date. */
export interface SheetDate {
  readonly raw: string;
  readonly value: LocalDate | undefined;
}

/** A problem or a note about part of the document. `excerpt` holds sheet text: show it only when verbose. */
export interface Diagnostic {
  readonly severity: "error" | "warning" | "info";
  readonly code: DiagnosticCode;
  /** 1-based line in the whole document. */
  readonly line: number;
  /** Last line covered, when the diagnostic covers several lines. */
  readonly endLine?: number;
  /** Why, in words that never contain personal data. */
  readonly message: string;
  /** The offending text (may contain personal data). */
  readonly excerpt?: string;
}

/** Diagnostic codes. */
export type DiagnosticCode =
  | "NO_CYCLE_DELIMITER"
  | "NO_EVENTS"
  | "RECORD_ERROR"
  | "UNRECOGNIZED_EVENT"
  | "EVENT_WITHOUT_DATE"
  | "INVALID_DATE"
  | "COUNT_WITHOUT_CODE_SECTION"
  | "UNPARSED_SENTENCE_PART"
  | "EXTRA_SENTENCE_IGNORED"
  | "UNRECOGNIZED_LINE"
  | "TEXT_OUTSIDE_COUNT"
  | "TEXT_AFTER_END"
  | "UNKNOWN_COURTHOUSE"
  | "CONVICTION_OUTSIDE_COURT_EVENT"
  | "DAMAGED_COUNT_TAG"
  | "SECOND_CONVICTION"
  | "EVENT_IN_HEADER"
  | "DISPOSITION_IGNORED"
  | "RELIEF_DENIED"
  | "NO_END_OF_MESSAGE";

/** Event kinds of a CA rap sheet. */
export type EventType =
  | "arrest"
  | "court"
  | "custody"
  | "probation"
  | "registration"
  | "supplemental_arrest"
  | "mental_health"
  | "applicant"
  | "deceased"
  | "unknown";

/** A length of time as written: amount and unit (hours, days, weeks are kept as written). */
export interface Duration {
  readonly amount: number;
  readonly unit: "Y" | "M" | "W" | "D" | "H";
}

/** One comma-separated part of a sentence. `duration` is undefined for a bare `JAIL` / `PROBATION`. */
export interface SentenceComponent {
  readonly kind: "probation" | "jail" | "prison" | "fine" | "restitution" | "other";
  readonly text: string;
  readonly duration?: Duration;
}

/** A sentence as written under a disposition. */
export interface Sentence {
  readonly text: string;
  readonly components: readonly SentenceComponent[];
  readonly line: number;
}

/** Disposition types. The first seven are the original parser's; the rest are additions. */
export type DispositionType =
  | "convicted"
  | "dismissed"
  | "prosecutor_rejected"
  | "sentence_modified"
  | "pc1203_dismissed"
  | "probation_revoked"
  | "other_disposition_type"
  | "pc1203_4a_dismissed"
  | "pc1203_41_dismissed"
  | "pc1203_42_dismissed"
  | "reduced_17b"
  | "hs11361_8_relief";

/** One disposition: the original under a count, or one from a later dated update. */
export interface SheetDisposition {
  readonly type: DispositionType;
  /** The DISPO line, trimmed. */
  readonly text: string;
  readonly date: SheetDate | undefined;
  /** First letter of CONV STATUS (`F`, `M`, `I`), or undefined. */
  readonly severity: string | undefined;
  readonly sentence: Sentence | undefined;
  /** A comment under this disposition mentions a PC 17(b) reduction. */
  readonly mentions17b: boolean;
  readonly comments: readonly string[];
  readonly line: number;
  /** True when it came from a dated update below the count. */
  readonly isUpdate: boolean;
}

/** One charge inside an event. */
export interface SheetCount {
  /** Count number as printed; a range `01-03` gives three counts numbered 1, 2, 3. */
  readonly number: number;
  readonly caseNumber: string | undefined;
  /** Statute code, e.g. `HS`, `PC`. */
  readonly code: string | undefined;
  /** Section, normalised: spaces removed, lower case, attempt marker removed, e.g. `11357(b)`. */
  readonly section: string | undefined;
  /** `HS 11357(b)` or undefined. */
  readonly codeSection: string | undefined;
  /** The charge text as written (for the canonical parser). */
  readonly chargeRaw: string | undefined;
  readonly description: string | undefined;
  /** Flags as printed (`-ATTEMPTED`, `-BENCH WARRANT`) plus `-ATTEMPTED` for 664 attempts. */
  readonly flags: readonly string[];
  readonly toc: string | undefined;
  readonly comments: readonly string[];
  readonly dispositions: readonly SheetDisposition[];
  /** Line of the `CNT:` tag. */
  readonly line: number;
  readonly endLine: number;
}

/** One event of a cycle. */
export interface SheetEvent {
  readonly type: EventType;
  readonly date: SheetDate | undefined;
  /** Agency as written (court events: the courthouse text), trimmed. */
  readonly agency: string | undefined;
  /** Court events: display name from the courthouse table, or the cleaned text. */
  readonly courthouse: string | undefined;
  readonly courthouseKnown: boolean;
  readonly nameCode: string | undefined;
  readonly counts: readonly SheetCount[];
  /** The DOJ printed a POTENTIAL FELONY STRIKE ENTRY banner after this event. */
  readonly potentialFelonyStrike: boolean;
  readonly line: number;
  readonly endLine: number;
}

/** One arrest or registration cycle. */
export interface SheetCycle {
  readonly events: readonly SheetEvent[];
  readonly line: number;
  readonly endLine: number;
}

/** The header fields. */
export interface PersonalInfo {
  readonly cii: string | undefined;
  readonly dob: SheetDate | undefined;
  readonly sex: string | undefined;
  readonly race: string | undefined;
  /** Name code → name, e.g. `{"01": "SAMPLE, PAT"}`. */
  readonly names: Readonly<Record<string, string>>;
}

/** A parsed rap sheet. */
export interface RapSheet {
  readonly personalInfo: PersonalInfo;
  readonly cycles: readonly SheetCycle[];
  readonly diagnostics: readonly Diagnostic[];
  /** Number of lines in the input. */
  readonly lineCount: number;
  /** Lines that a rule used (sorted). Every other non-blank line has a diagnostic covering it. */
  readonly consumedLines: readonly number[];
}
