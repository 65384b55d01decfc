/**
 * @module types — the records the store reads and writes. Plain readonly data; JSON columns are
 * decoded at the edge so callers never see SQL text.
 */

/** Lifecycle of a run. `interrupted` marks runs that were in flight when the server stopped. */
export type RunStatus = "running" | "importing" | "done" | "failed" | "cancelled" | "interrupted";

/** One uploaded input file kept under the data folder. */
export interface UploadRecord {
  readonly id: string;
  readonly name: string;
  readonly bytes: number;
  readonly path: string;
  readonly createdAt: string;
}

/** An input of a run, as recorded when the run started. */
export interface RunInput {
  readonly uploadId: string;
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
}

/** A run: its parameters, status and (when done) the summary written by the pipeline. */
export interface RunRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly status: RunStatus;
  readonly county: string;
  /** What the user chose, e.g. `{ kind: "gogen", options: {...} }`. */
  readonly policy: unknown;
  readonly computeAt: string;
  readonly outDir: string;
  readonly inputs: readonly RunInput[];
  /** The run's gogen.json object (numbers identical to the CLI). */
  readonly summary: Record<string, unknown> | undefined;
  /** The rest of the pipeline's run report (files, rows). */
  readonly report: Record<string, unknown> | undefined;
  readonly error: string | undefined;
  readonly convictionCount: number;
  readonly finishedAt: string | undefined;
}

/** One line of a run's results.ndjson (the fields the store keeps). */
export interface ResultLine {
  readonly personId: string;
  readonly name: string;
  readonly dob: string | null;
  readonly cii: string;
  readonly file: string;
  readonly fileIndex: number;
  readonly line: number;
  readonly rowIndex: number;
  readonly codeSection: string;
  readonly parsed?: { readonly section?: string | null | undefined } | undefined;
  readonly county: string;
  readonly convictionDate: string | null;
  readonly level: string | null;
  readonly caseNumbers: readonly string[];
  readonly determination: string;
  readonly reason: string;
  readonly trace: readonly { readonly rule: string; readonly outcome: string; readonly citation?: string }[];
  readonly flags: readonly string[];
  readonly statutoryRemedy?: string;
  readonly statuteCitation?: string;
  readonly statuteFlags?: readonly string[];
}

/** Review state of a conviction. */
export type ReviewState = "pending" | "accepted" | "overridden";

/** A conviction as the review queue shows it. */
export interface ConvictionRow {
  readonly key: string;
  readonly personId: string;
  readonly name: string;
  readonly file: string;
  readonly fileIndex: number;
  readonly line: number;
  readonly rowIndex: number;
  readonly codeSection: string;
  readonly section: string;
  readonly county: string;
  readonly convictionDate: string;
  readonly level: string;
  readonly caseNumbers: readonly string[];
  readonly flags: readonly string[];
  readonly determination: string;
  readonly reason: string;
  readonly review: ReviewState;
}

/** A conviction with what the rules said (the person view). */
export interface ConvictionDetail extends ConvictionRow {
  readonly ruleDetermination: string;
  readonly ruleReason: string;
  readonly trace: ResultLine["trace"];
  readonly statutoryRemedy: string | undefined;
  readonly statuteCitation: string | undefined;
  readonly statuteFlags: readonly string[];
}

/** Filter of the review queue; every field optional, combined with AND. */
export interface ReviewFilter {
  readonly determination?: string;
  readonly reason?: string;
  readonly section?: string;
  readonly flag?: string;
  readonly review?: ReviewState;
  /** Prefix of the person's name (case-insensitive). */
  readonly name?: string;
}

/** Sortable columns of the review queue. */
export type ReviewSort = "line" | "name" | "section" | "determination" | "convictionDate";

/** One page request of the review queue. */
export interface ReviewQuery extends ReviewFilter {
  readonly page?: number;
  readonly pageSize?: number;
  readonly sort?: ReviewSort;
  readonly dir?: "asc" | "desc";
}

/** One page of the review queue. */
export interface ReviewPage {
  /** Matching convictions; when `totalCapped`, at least this many. */
  readonly total: number;
  readonly totalCapped: boolean;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: readonly ConvictionRow[];
}

/** An override as stored: who changed what, when and why. */
export interface OverrideRecord {
  readonly id: number;
  readonly runId: string;
  readonly key: string;
  readonly who: string;
  readonly at: string;
  readonly before: { readonly determination: string; readonly reason: string };
  readonly after: { readonly determination: string; readonly reason: string };
  readonly why: string;
}

/** An audit event. `detail` is free-form JSON. */
export interface AuditEvent {
  readonly id: number;
  readonly runId: string | undefined;
  readonly at: string;
  readonly who: string;
  readonly kind: string;
  readonly detail: Record<string, unknown>;
}
