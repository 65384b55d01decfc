/**
 * @module validate — checks the new-run wizard's input and returns problems keyed by form field, so the UI
 * can show each message next to its field. Threshold messages are the original tool's (gogen §4.4).
 */

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
