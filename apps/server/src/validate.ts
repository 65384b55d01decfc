/**
 * @module validate — checks what the API is sent (the new-run wizard's form, review filters and pages,
 * overrides) and returns problems keyed by field, so the UI can show each message next to its field.
 * Threshold messages are the original tool's (gogen §4.4).
 */
import { OFFICE_DETERMINATIONS } from "@clearance/law";
import type { ReviewFilter, ReviewQuery, ReviewSort, ReviewState } from "@clearance/store";

/** Field → message. Empty when the input is valid. */
export type FieldErrors = Record<string, string>;

/** The sections the original options file can list. */
export const SECTIONS = ["11357", "11358", "11359", "11360"] as const;

/** BEAR's final defaults (gogen-behaviour §4.4): the wizard's starting values. */
export const BEAR_DEFAULTS = {
  baselineEligibility: { dismiss: [...SECTIONS], reduce: [] as string[] },
  additionalRelief: {
    subjectUnder21AtConviction: false,
    subjectAgeThreshold: 0,
    yearsSinceConvictionThreshold: 5,
    yearsCrimeFreeThreshold: 5,
    subjectHasOnlyProp64Charges: true,
    subjectIsDeceased: false,
  },
} as const;

/** BEAR always ran with this compute-at date; the wizard offers it as the default. */
export const BEAR_COMPUTE_AT = "2020-07-01";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** Validates original-format options (BEAR's form or a policy file); `prefix` names the field group. */
export function validateGogenOptions(o: unknown, prefix = "policy"): FieldErrors {
  const errors: FieldErrors = {};
  if (!isRecord(o)) return { [prefix]: "The options must be a JSON object." };
  const base = o.baselineEligibility ?? {};
  const extra = o.additionalRelief ?? {};
  if (!isRecord(base)) errors[`${prefix}.baselineEligibility`] = "baselineEligibility must be an object.";
  else {
    for (const key of ["dismiss", "reduce"] as const) {
      const v = base[key] ?? [];
      if (!Array.isArray(v) || v.some((s) => !(SECTIONS as readonly unknown[]).includes(s))) {
        errors[`${prefix}.${key}`] = `${key} must list only the sections ${SECTIONS.join(", ")}.`;
      }
    }
  }
  if (!isRecord(extra)) errors[`${prefix}.additionalRelief`] = "additionalRelief must be an object.";
  else {
    const int = (k: string, ok: (n: number) => boolean, msg: string) => {
      const v = extra[k] ?? 0;
      if (typeof v !== "number" || !Number.isInteger(v) || !ok(v)) errors[`${prefix}.${k}`] = msg;
    };
    int(
      "subjectAgeThreshold",
      (n) => n === 0 || (n >= 40 && n <= 65),
      "SubjectAgeThreshold should be between 40 and 65, or 0",
    );
    int(
      "yearsSinceConvictionThreshold",
      (n) => n === 0 || (n >= 1 && n <= 15),
      "YearsSinceConvictionThreshold should be between 1 and 15, or 0",
    );
    int(
      "yearsCrimeFreeThreshold",
      (n) => n === 0 || (n >= 1 && n <= 15),
      "YearsCrimeFreeThreshold should be between 1 and 15, or 0",
    );
    for (const k of ["subjectUnder21AtConviction", "subjectHasOnlyProp64Charges", "subjectIsDeceased"]) {
      if (extra[k] !== undefined && typeof extra[k] !== "boolean")
        errors[`${prefix}.${k}`] = `${k} must be true or false.`;
    }
  }
  return errors;
}

/** The wizard's request body, before validation. */
export interface NewRunBody {
  county?: unknown;
  uploadIds?: unknown;
  computeAt?: unknown;
  policy?: unknown;
  who?: unknown;
}

/** Validates the fields that need no I/O; upload existence is checked by the caller. */
export function validateNewRun(b: NewRunBody): FieldErrors {
  const errors: FieldErrors = {};
  if (typeof b.county !== "string" || b.county.trim() === "") errors.county = "Choose the county.";
  else if (!/^[A-Za-z][A-Za-z .'-]{1,40}$/.test(b.county.trim()))
    errors.county = "Use the county's name, e.g. LOS ANGELES.";
  if (!Array.isArray(b.uploadIds) || b.uploadIds.length === 0)
    errors.uploads = "Upload at least one DOJ file.";
  else if (b.uploadIds.some((id) => typeof id !== "string")) errors.uploads = "Upload ids must be strings.";
  if (!isIsoDate(b.computeAt)) errors.computeAt = "Enter a real date as YYYY-MM-DD.";
  const p = b.policy;
  if (!isRecord(p)) errors.policy = "Choose a policy.";
  else if (p.kind === "gogen") Object.assign(errors, validateGogenOptions(p.options));
  else if (p.kind === "file") {
    if (typeof p.uploadId !== "string") errors["policy.file"] = "Upload the policy file.";
  } else if (p.kind !== "los-angeles" && p.kind !== "statute") errors.policy = "Choose a policy.";
  return errors;
}

/** A checked value, or the problems found, by field. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: FieldErrors };

/** The keys a review filter may have (the queue's query and "Accept all matching"). */
export const FILTER_KEYS = ["determination", "reason", "section", "flag", "name", "review"] as const;
const REVIEWS: readonly ReviewState[] = ["pending", "accepted", "overridden"];
const SORTS: readonly ReviewSort[] = ["line", "name", "section", "determination", "convictionDate"];

/**
 * Reads a review filter. `strict` (bulk accept) refuses keys that are not filters: a misspelt key must not
 * quietly widen an acceptance to the whole run. The queue's query also carries the page and the token, so
 * there only the filter keys are read. Every value must be text; `review` one of the review states.
 */
export function checkReviewFilter(
  source: unknown,
  strict: boolean,
  prefix = "filter",
): Checked<ReviewFilter> {
  if (source === undefined) return { ok: true, value: {} };
  if (!isRecord(source))
    return { ok: false, errors: { [prefix || "filter"]: "The filter must be a JSON object." } };
  const errors: FieldErrors = {};
  const field = (k: string) => (prefix ? `${prefix}.${k}` : k);
  const f: { -readonly [K in keyof ReviewFilter]: ReviewFilter[K] } = {};
  if (strict) {
    for (const k of Object.keys(source)) {
      if (!(FILTER_KEYS as readonly string[]).includes(k))
        errors[field(k)] = `There is no filter "${k}"; the filters are ${FILTER_KEYS.join(", ")}.`;
    }
  }
  for (const k of FILTER_KEYS) {
    const v = source[k];
    if (v === undefined) continue;
    if (typeof v !== "string") {
      errors[field(k)] = `The ${k} filter must be text.`;
      continue;
    }
    if (k === "review") {
      if (!(REVIEWS as readonly string[]).includes(v))
        errors[field("review")] = `The review filter must be one of ${REVIEWS.join(", ")}.`;
      else f.review = v as ReviewState;
    } else if (k === "determination" || k === "reason") f[k] = v;
    else if (v !== "") f[k] = v; // an empty section, flag or name filters nothing, as in the queue's form
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: f };
}

/** Pages are counted from 1; a page past the end is empty. Larger numbers than this are refused. */
const MAX_PAGE = 1_000_000_000;

/** Reads the review queue's query string: filter, page, page size, sort and direction. */
export function checkReviewQuery(q: Record<string, string | undefined>): Checked<ReviewQuery> {
  const filter = checkReviewFilter(q, false, "");
  const errors: FieldErrors = filter.ok ? {} : { ...filter.errors };
  const whole = (name: "page" | "pageSize", fallback: number, max: number): number => {
    const v = q[name];
    if (v === undefined || v === "") return fallback;
    if (!/^\d{1,10}$/.test(v) || Number(v) < 1 || Number(v) > max) {
      errors[name] = `${name} must be a whole number from 1 to ${max.toLocaleString("en-US")}.`;
      return fallback;
    }
    return Number(v);
  };
  const page = whole("page", 1, MAX_PAGE);
  const pageSize = whole("pageSize", 50, 500);
  const sort = q.sort ?? "line";
  if (!(SORTS as readonly string[]).includes(sort)) errors.sort = `sort must be one of ${SORTS.join(", ")}.`;
  const dir = q.dir ?? "asc";
  if (dir !== "asc" && dir !== "desc") errors.dir = "dir must be asc or desc.";
  if (Object.keys(errors).length > 0 || !filter.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { ...filter.value, page, pageSize, sort: sort as ReviewSort, dir: dir as "asc" | "desc" },
  };
}

/** Determinations a reviewer may set: the outcome vocabulary (architecture.md), not "nothing applies". */
export const OVERRIDE_DETERMINATIONS = OFFICE_DETERMINATIONS;
/** Longest reason a reviewer may give, and longest replacement for the Eligibility Reason cell. */
export const MAX_WHY = 2000;

/** An override as sent by the person page. */
export interface OverrideBody {
  readonly determination: string;
  readonly why: string;
  readonly reason?: string;
}

/** Checks an override: a determination of the vocabulary, and a reason (required, at most {@link MAX_WHY}). */
export function checkOverride(b: Record<string, unknown>): Checked<OverrideBody> {
  const errors: FieldErrors = {};
  if (typeof b.determination !== "string" || b.determination === "")
    errors.determination = "Choose the new determination.";
  else if (!OVERRIDE_DETERMINATIONS.includes(b.determination))
    errors.determination = `The determination must be one of: ${OVERRIDE_DETERMINATIONS.join("; ")}.`;
  if (typeof b.why !== "string" || b.why.trim() === "") errors.why = "Give the reason for the override.";
  else if (b.why.length > MAX_WHY)
    errors.why = `Keep the reason under ${MAX_WHY.toLocaleString("en-US")} characters.`;
  if (b.reason !== undefined && (typeof b.reason !== "string" || b.reason.length > MAX_WHY))
    errors.reason = `The reason cell must be text under ${MAX_WHY.toLocaleString("en-US")} characters.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      determination: b.determination as string,
      why: b.why as string,
      ...(typeof b.reason === "string" ? { reason: b.reason } : {}),
    },
  };
}
