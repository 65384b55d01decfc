/**
 * @module api — talks to the local server. The per-launch token arrives in the address (`?token=`),
 * is kept in sessionStorage and removed from the address bar, and goes with every API call.
 */

const KEY = "clearance-token";

/** Reads the token from the address once, then from sessionStorage. */
export function token(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY) ?? "";
}

/** An API error with the server's message and per-field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Calls the API and returns its JSON, or throws {@link ApiError}. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token()}`);
  if (init.body && typeof init.body === "string") headers.set("content-type", "application/json");
  const res = await fetch(path, { ...init, headers });
  const body = (await res.json().catch(() => ({}))) as { error?: string; errors?: Record<string, string> };
  if (!res.ok) {
    const msg =
      body.error ?? (res.status === 401 ? "Open the address printed by `clearance serve`." : res.statusText);
    throw new ApiError(res.status, msg, body.errors ?? {});
  }
  return body as T;
}

/** A URL that carries the token (downloads and SSE, which cannot send headers). */
export function withToken(path: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}token=${encodeURIComponent(token())}`;
}

/** Uploads one file as a raw streamed body. */
export function upload(file: File): Promise<{ id: string; name: string; bytes: number }> {
  return api(`/api/uploads?name=${encodeURIComponent(file.name)}`, { method: "PUT", body: file });
}

/** A run as the server lists it. */
export interface Run {
  id: string;
  createdAt: string;
  createdBy: string;
  status: string;
  county: string;
  policy: { kind: string; options?: unknown };
  computeAt: string;
  inputs: { name: string; bytes: number }[];
  summary?: Summary;
  report?: {
    rows?: { read: number; used: number; rejected: number };
    /** What the run should tell the user, e.g. that no conviction was in the county asked for. */
    warnings?: string[];
  };
  error?: string;
  convictionCount: number;
  files?: string[];
  overrides?: number;
}

/** The run's gogen.json (same numbers as the CLI). */
export interface Summary {
  county: string;
  earliestConviction: string;
  lineCount: number;
  reliefWithCurrentEligibilityChoices: Relief;
  reliefWithDismissAllProp64: Relief;
  prop64ConvictionsCountInCountyByCodeSection: Record<string, number>;
  subjectsWithProp64ConvictionCountInCounty: number;
  prop64FelonyConvictionsCountInCounty: number;
  prop64NonFelonyConvictionsCountInCounty: number;
  subjectsWithSomeReliefCount: number;
  convictionDismissalCountByCodeSection: Record<string, number>;
  convictionReductionCountByCodeSection: Record<string, number>;
  convictionDismissalCountByAdditionalRelief: Record<string, number>;
}

/** The three "full relief" counters. */
export interface Relief {
  CountSubjectsNoConviction: number;
  CountSubjectsNoConvictionLast7Years: number;
  CountSubjectsNoFelony: number;
}

/** Live progress of a run. */
export interface Live {
  status: string;
  phase: string;
  file: string;
  rowsDone: number;
  bytesDone: number;
  bytesTotal: number;
  rowsPerSecond: number;
  etaSeconds?: number;
  error?: string;
}

/** A conviction row of the review queue. */
export interface Conviction {
  key: string;
  personId: string;
  name: string;
  file: string;
  line: number;
  rowIndex: number;
  codeSection: string;
  section: string;
  county: string;
  convictionDate: string;
  level: string;
  caseNumbers: string[];
  flags: string[];
  determination: string;
  reason: string;
  review: string;
}

/** A conviction with the rules' outcome and trace (person view). */
export interface ConvictionDetail extends Conviction {
  ruleDetermination: string;
  ruleReason: string;
  trace: { rule: string; outcome: string; citation?: string }[];
  statutoryRemedy?: string;
  statuteCitation?: string;
}

/** An audit event. */
export interface AuditEvent {
  id: number;
  at: string;
  who: string;
  kind: string;
  detail: Record<string, unknown>;
}

/** Dashboard aggregates from the store (current decisions). */
export interface Charts {
  bySectionAndOutcome: { section: string; determination: string; count: number }[];
  byReason: { reason: string; count: number }[];
  byReview: { review: string; count: number }[];
  flags: { flag: string; count: number }[];
  felonies: { total: number; relieved: number };
}

/** Determinations a reviewer can choose (the compatible strings). */
export const DETERMINATIONS = [
  "Eligible for Dismissal",
  "Eligible for Reduction",
  "Not eligible",
  "Hand Review",
  "To be reviewed by City Attorneys",
  "Maybe Eligible - Flag for Review",
];
