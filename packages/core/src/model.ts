/**
 * @module model — the canonical model every source becomes: Person → Case → Count.
 *
 * A DOJ research file and a parsed rap sheet both produce these types. Every count keeps a
 * reference to where it came from (file, physical line, field) so a reviewer can check it.
 * Facts that may be missing or unreadable are explicit: a `DateFact` holds the raw text and the
 * parsed date only when it parsed (architecture decision 4: never a default date).
 */
import type { ParsedSection } from "./code-section.ts";
import type { LocalDate } from "./date.ts";

/** Where a fact came from. `line` is the 1-based physical line in `file`. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly field?: string;
}

/** A date as read: `value` is set only when `raw` parsed as a real date. */
export interface DateFact {
  readonly raw: string;
  readonly value: LocalDate | undefined;
}

/** Offence level: felony, misdemeanour, infraction; undefined when the source does not say. */
export type Level = "F" | "M" | "I";

/** One part of a sentence (jail, probation, prison, fine…), with its length where known. */
export interface SentencePart {
  readonly kind: string;
  readonly length?: number;
  readonly unit?: "D" | "M" | "Y" | "H";
  readonly text?: string;
}

/** What happened to a count, with its date. `type` examples: `convicted`, `dismissed`, `1203.4`, `17(b)`. */
export interface Disposition {
  readonly type: string;
  readonly date: DateFact | undefined;
  readonly text?: string;
  readonly source?: SourceRef;
}

/** One charge of a case. */
export interface Count {
  /** Stable id within a run or document (e.g. `1:57` for file 1, line 57). */
  readonly id: string;
  /** Code section as written in the source. */
  readonly codeSection: string;
  readonly parsed: ParsedSection;
  /** Free-text description of the offence, if any. */
  readonly description?: string;
  readonly convicted: boolean;
  /** Conviction (or disposition) date. */
  readonly date: DateFact;
  readonly level: Level | undefined;
  readonly county: string | undefined;
  readonly dispositions: readonly Disposition[];
  readonly sentence: readonly SentencePart[];
  /** End of the sentence where the source lets us compute it. */
  readonly sentenceEnd: LocalDate | undefined;
  /** Markers such as `attempt`, `conspiracy`, `conviction-offense`, `bad-date`. */
  readonly flags: readonly string[];
  readonly source: SourceRef;
}

/** A court case (DOJ: cycle + step; rap sheet: a court event) with its counts. */
export interface Case {
  readonly key: string;
  readonly caseNumbers: readonly string[];
  readonly courthouse?: string;
  readonly county?: string;
  readonly counts: readonly Count[];
}

/** A person with their whole history as far as the source shows it. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly cii?: string;
  readonly dob: DateFact;
  readonly deceased: boolean;
  /** A PC 290 registration event exists (the step type, not a conviction). */
  readonly pc290Registration: boolean;
  readonly cases: readonly Case[];
}

/** Three-valued truth for facts that may be unknown (architecture decision 4). */
export type Tri = true | false | "unknown";
