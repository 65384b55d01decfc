/**
 * @module policy-file/parse — reads a policy file in three steps (stack-and-style.md §5 rule 8):
 * parse (the zod schema), normalize (one tree of typed conditions: lists, upper-cased texts, dates as
 * LocalDate) and cross-validate (relations between parts: unique rule ids, `{section}` placeholders,
 * rules that can never decide). Every problem is reported with its dotted path, e.g.
 * `rules[3].when.all[1]: unknown predicate "age"…`, all at once.
 */
import { type Level, type LocalDate, parseIsoDate } from "@clearance/core";
import type { Prop64Section } from "../gogen/matchers.ts";
import {
  type PolicyCondition,
  type PolicyDetermination,
  type PolicyFile,
  policyFileSchema,
} from "./schema.ts";

/** Boolean facts of the person or conviction a condition can name. */
export type FactName =
  | "felony"
  | "onlyProp64Convictions"
  | "deceased"
  | "allSentencesCompleted"
  | "servingSentence"
  | "priorSuperstrike"
  | "priorPc290";

/** A condition after normalisation: one discriminated union the evaluator switches over. */
export type NormalCondition =
  | { readonly kind: "all" | "any"; readonly of: readonly NormalCondition[] }
  | { readonly kind: "not"; readonly of: NormalCondition }
  | { readonly kind: "fact"; readonly fact: FactName; readonly value: boolean }
  | { readonly kind: "level"; readonly levels: readonly Level[] }
  | { readonly kind: "section" | "sectionStartsWith" | "county"; readonly values: readonly string[] }
  | { readonly kind: "prop64Section"; readonly values: readonly Prop64Section[] }
  | { readonly kind: "convictedBefore" | "convictedOnOrAfter"; readonly date: LocalDate }
  | {
      readonly kind:
        | "ageAtConvictionUnder"
        | "currentAgeAtLeast"
        | "currentAgeAtMost"
        | "yearsSinceConvictionAtLeast"
        | "priorsSameSectionAtLeast";
      readonly n: number;
    }
  | { readonly kind: "noConvictionWithinYears"; readonly years: number; readonly inclusive: boolean };

/** A rule after normalisation. */
export interface NormalRule {
  readonly id: string;
  readonly citation?: string;
  readonly when: NormalCondition;
  readonly determination: PolicyDetermination;
  readonly reason: string;
  /** The reason contains `{section}`, filled with the section value the condition matched. */
  readonly fillsSection: boolean;
}

/** A policy file after normalisation. */
export interface NormalPolicy {
  readonly id: string;
  readonly label: string;
  readonly rules: readonly NormalRule[];
  readonly otherwise: {
    readonly id: string;
    readonly citation?: string;
    readonly determination: PolicyDetermination;
    readonly reason: string;
  };
}

/** Result of reading a policy file: the file, or every problem by path; warnings either way. */
export type PolicyFileResult =
  | { readonly ok: true; readonly value: PolicyFile; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[]; readonly warnings: readonly string[] };

/** `["rules", 3, "when", "all", 1]` → `rules[3].when.all[1]`; the empty path is `(file)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out === "" ? "(file)" : out;
}

/**
 * Validates a parsed JSON value as a policy file. Schema problems and cross-validation problems are
 * reported together, each as `path: message`.
 * @example parsePolicyFile(JSON.parse(text)) // { ok: false, errors: ["rules[0].when: unknown predicate \"age\"; …"] }
 */
export function parsePolicyFile(json: unknown): PolicyFileResult {
  const parsed = policyFileSchema.safeParse(json);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  const cross = crossValidate(json);
  errors.push(...cross.errors);
  if (!parsed.success || errors.length > 0) return { ok: false, errors, warnings: cross.warnings };
  return { ok: true, value: parsed.data, warnings: cross.warnings };
}

/** Step 2: the typed tree the evaluator runs. Only for a file that passed the schema. */
export function normalizePolicyFile(file: PolicyFile): NormalPolicy {
  return {
    id: file.id,
    label: file.label,
    rules: file.rules.map((r) => ({
      id: r.id,
      ...(r.citation !== undefined ? { citation: r.citation } : {}),
      when: normalizeCondition(r.when),
      determination: r.determination,
      reason: r.reason,
      fillsSection: r.reason.includes(SECTION_PLACEHOLDER),
    })),
    otherwise: {
      id: file.otherwise.id ?? "otherwise",
      ...(file.otherwise.citation !== undefined ? { citation: file.otherwise.citation } : {}),
      determination: file.otherwise.determination,
      reason: file.otherwise.reason,
    },
  };
}

const list = <T extends string>(v: T | readonly T[]): T[] => (typeof v === "string" ? [v] : [...v]);
const upper = (v: string | readonly string[]): string[] => list(v).map((s) => s.trim().toUpperCase());

function isoDate(text: string): LocalDate {
  const d = parseIsoDate(text);
  if (d === undefined) throw new Error(`policy file date ${JSON.stringify(text)} was not validated`);
  return d;
}

/** Normalizes one condition (exactly one key, as the schema guarantees). */
export function normalizeCondition(c: PolicyCondition): NormalCondition {
  if (c.all !== undefined) return { kind: "all", of: c.all.map(normalizeCondition) };
  if (c.any !== undefined) return { kind: "any", of: c.any.map(normalizeCondition) };
  if (c.not !== undefined) return { kind: "not", of: normalizeCondition(c.not) };
  if (c.level !== undefined) return { kind: "level", levels: list(c.level) };
  if (c.section !== undefined) return { kind: "section", values: upper(c.section) };
  if (c.sectionStartsWith !== undefined)
    return { kind: "sectionStartsWith", values: upper(c.sectionStartsWith) };
  if (c.county !== undefined) return { kind: "county", values: upper(c.county) };
  if (c.prop64Section !== undefined) return { kind: "prop64Section", values: list(c.prop64Section) };
  if (c.convictedBefore !== undefined) return { kind: "convictedBefore", date: isoDate(c.convictedBefore) };
  if (c.convictedOnOrAfter !== undefined)
    return { kind: "convictedOnOrAfter", date: isoDate(c.convictedOnOrAfter) };
  if (c.noConvictionWithinYears !== undefined)
    return {
      kind: "noConvictionWithinYears",
      years: c.noConvictionWithinYears.years,
      inclusive: c.noConvictionWithinYears.boundary === "inclusive",
    };
  for (const kind of [
    "ageAtConvictionUnder",
    "currentAgeAtLeast",
    "currentAgeAtMost",
    "yearsSinceConvictionAtLeast",
    "priorsSameSectionAtLeast",
  ] as const) {
    const n = c[kind];
    if (n !== undefined) return { kind, n };
  }
  for (const fact of [
    "felony",
    "onlyProp64Convictions",
    "deceased",
    "allSentencesCompleted",
    "servingSentence",
    "priorSuperstrike",
    "priorPc290",
  ] as const) {
    const value = c[fact];
    if (value !== undefined) return { kind: "fact", fact, value };
  }
  throw new Error(`policy file condition ${JSON.stringify(c)} was not validated`);
}

/** The one placeholder a reason may contain. */
export const SECTION_PLACEHOLDER = "{section}";
const SECTION_KEYS = ["section", "sectionStartsWith", "prop64Section"];

/**
 * Step 3: relations the schema cannot express. Works on the raw JSON so that its problems are listed
 * together with the schema's, skipping parts whose shape is wrong (the schema reports those).
 */
function crossValidate(json: unknown): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObject(json)) return { errors, warnings };
  const seen = new Map<string, string>();
  const whenSeen = new Map<string, string>();
  const id = (v: unknown, path: string) => {
    if (typeof v !== "string") return;
    const first = seen.get(v);
    if (first) errors.push(`${path}: duplicate rule id ${JSON.stringify(v)} (also ${first})`);
    else seen.set(v, path);
  };
  const reason = (outcome: unknown, path: string, when: unknown) => {
    if (!isObject(outcome) || typeof outcome.reason !== "string") return;
    for (const m of outcome.reason.matchAll(/\{[^{}]*\}/g)) {
      if (m[0] !== SECTION_PLACEHOLDER)
        errors.push(`${path}.reason: unknown placeholder ${m[0]}; only ${SECTION_PLACEHOLDER} is filled in`);
      else if (
        !(isObject(when) && Object.keys(when).length === 1 && SECTION_KEYS.includes(Object.keys(when)[0]!))
      )
        errors.push(
          `${path}.reason: ${SECTION_PLACEHOLDER} needs the rule's "when" to be one of ${SECTION_KEYS.join(", ")}`,
        );
    }
  };
  const rules = Array.isArray(json.rules) ? json.rules : [];
  rules.forEach((r: unknown, i) => {
    const path = `rules[${i}]`;
    if (!isObject(r)) return;
    id(r.id, `${path}.id`);
    reason(r, path, r.when);
    if (r.citation === undefined)
      warnings.push(`${path}: no citation; name the statute subsection it rests on`);
    if (r.when !== undefined) {
      const key = canonical(r.when);
      const earlier = whenSeen.get(key);
      if (earlier) warnings.push(`${path}: never decides, ${earlier} has the same condition and comes first`);
      else whenSeen.set(key, path);
    }
  });
  if (isObject(json.otherwise)) {
    id(json.otherwise.id, "otherwise.id");
    reason(json.otherwise, "otherwise", undefined);
  }
  return { errors, warnings };
}

/** JSON text with object keys sorted, to compare conditions. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
