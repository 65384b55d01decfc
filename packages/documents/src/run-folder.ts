/**
 * @module run-folder — reads a `clearance run` folder: `results.ndjson` streamed line by line (never
 * slurped) with overrides applied, and the `gogen.json` summary.
 */
import { createReadStream } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { OFFICE_DETERMINATIONS, prop64Section as prop64SectionOf } from "@clearance/law";
import { z } from "zod";
import { DocumentInputError } from "./input-error.ts";

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? "" : String(v)));

/** Schema of one line of `results.ndjson` (fields this package uses; others are ignored). */
export const ResultLineSchema = z.object({
  personId: z.union([z.string(), z.number()]).transform(String),
  name: text,
  dob: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  cii: text,
  file: text,
  fileIndex: z.number().int(),
  line: z.number().int(),
  codeSection: text,
  parsed: z
    .object({ section: text })
    .partial()
    .nullish()
    .transform((v) => v ?? {}),
  county: text,
  convictionDate: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  level: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  caseNumbers: z
    .union([z.array(z.string()), z.string()])
    .nullish()
    .transform((v) =>
      v === null || v === undefined
        ? []
        : (Array.isArray(v) ? v : v.split(";"))
            .flatMap((s) => s.split(";"))
            .map((s) => s.trim())
            // DOJ writes "NULL" where a court number is missing; it is not a case number.
            .filter((s) => s !== "" && s.toUpperCase() !== "NULL"),
    ),
  determination: text,
  reason: text,
  statutoryRemedy: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  statuteCitation: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
});

/** One relevant conviction of the run, after overrides. */
export type ResultLine = z.output<typeof ResultLineSchema> & {
  /** True when an override replaced the run's determination. */
  readonly overridden: boolean;
};

/** A reviewer's override of one conviction's determination. */
export interface Override {
  readonly determination: string;
  readonly reason?: string;
}

/** Overrides keyed by `<fileIndex>:<line>` (the review store's key). */
export type OverrideMap = ReadonlyMap<string, Override> | Readonly<Record<string, Override>>;

/** Raised when a run folder cannot be read or a line does not have the expected shape. */
export class RunFolderError extends DocumentInputError {}

function lookup(overrides: OverrideMap | undefined, key: string): Override | undefined {
  if (overrides === undefined) return undefined;
  if (overrides instanceof Map) return overrides.get(key);
  return Object.hasOwn(overrides, key) ? (overrides as Record<string, Override>)[key] : undefined;
}

/**
 * Streams the run's `results.ndjson`, one validated conviction per line, overrides applied.
 * Memory stays constant whatever the file's size.
 */
export async function* readResults(runDir: string, overrides?: OverrideMap): AsyncGenerator<ResultLine> {
  const path = join(runDir, "results.ndjson");
  const input = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      if (raw.trim() === "") continue;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (err) {
        throw new RunFolderError(`${path} line ${n}: not JSON (${(err as Error).message})`);
      }
      const r = ResultLineSchema.safeParse(json);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new RunFolderError(
          `${path} line ${n}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid"}`,
        );
      }
      const o = lookup(overrides, `${r.data.fileIndex}:${r.data.line}`);
      yield o === undefined
        ? { ...r.data, overridden: false }
        : { ...r.data, determination: o.determination, reason: o.reason ?? r.data.reason, overridden: true };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT")
      throw new RunFolderError(`no results.ndjson in ${runDir}`);
    throw err;
  } finally {
    lines.close();
    input.destroy();
  }
}

const counts = z.record(z.string(), z.number());
const relief = z.object({
  CountSubjectsNoConviction: z.number(),
  CountSubjectsNoConvictionLast7Years: z.number(),
  CountSubjectsNoFelony: z.number(),
});

/** Schema of the run's `gogen.json` summary (the figures every report must reproduce). */
export const RunSummarySchema = z.object({
  county: z.string(),
  earliestConviction: z.string().optional(),
  lineCount: z.number(),
  reliefWithCurrentEligibilityChoices: relief,
  reliefWithDismissAllProp64: relief,
  prop64ConvictionsCountInCountyByCodeSection: counts,
  subjectsWithProp64ConvictionCountInCounty: z.number(),
  prop64FelonyConvictionsCountInCounty: z.number(),
  prop64NonFelonyConvictionsCountInCounty: z.number(),
  subjectsWithSomeReliefCount: z.number(),
  convictionDismissalCountByCodeSection: counts,
  convictionReductionCountByCodeSection: counts,
  convictionDismissalCountByAdditionalRelief: counts,
});

/** The run's gogen-compatible summary. */
export type RunSummary = z.output<typeof RunSummarySchema>;

/** Reads and validates `gogen.json` from a run folder. */
export async function readRunSummary(runDir: string): Promise<RunSummary> {
  const path = join(runDir, "gogen.json");
  let json: unknown;
  try {
    json = JSON.parse(stripBom(await readFile(path, "utf8")));
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === "ENOENT" &&
      (await exists(join(runDir, "gogen_pilots.json")))
    ) {
      throw new RunFolderError(
        `${runDir} is a run in the pilot format (gogen_pilots.json, no gogen.json): documents need a run in the default gogen format; run \`clearance run\` again without --format gogen-pilots`,
      );
    }
    throw new RunFolderError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const r = RunSummarySchema.safeParse(json);
  if (!r.success) {
    throw new RunFolderError(
      `${path}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return r.data;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A UTF-8 text file's content without the byte-order mark some (Windows) editors write: not part of the JSON. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The Prop 64 section number ("11357"…"11360") of a conviction, or "" when its code section names none
 * (e.g. a PC 182 conspiracy held for review): the rule the run's summary counts by (gogen-behaviour.md §3.1).
 */
export function prop64Section(r: Pick<ResultLine, "codeSection">): string {
  return prop64SectionOf(r.codeSection) ?? "";
}

/** Determinations an override may set (the law package's list). */
export const OVERRIDE_DETERMINATIONS = OFFICE_DETERMINATIONS;

const OverridesFileSchema = z.record(
  z.string().regex(/^\d+:\d+$/, "keys are <fileIndex>:<line>"),
  z.object({ determination: z.string(), reason: z.string().optional() }),
);

function entries(overrides: OverrideMap): [string, Override][] {
  return overrides instanceof Map ? [...overrides.entries()] : Object.entries(overrides);
}

/**
 * Problems with overrides' determinations: one message per override whose determination is not one
 * of {@link OVERRIDE_DETERMINATIONS} (a misspelt value would silently leave a case out of the filings).
 */
export function overrideProblems(overrides: OverrideMap): string[] {
  const allowed = OVERRIDE_DETERMINATIONS.map((d) => `"${d}"`).join(", ");
  return entries(overrides)
    .filter(([, o]) => !OVERRIDE_DETERMINATIONS.includes(o.determination))
    .map(([key, o]) => `"${key}": determination ${JSON.stringify(o.determination)} is not one of ${allowed}`);
}

/** Reads an overrides JSON file `{ "<fileIndex>:<line>": { determination, reason } }` (e.g. exported from the review store). */
export async function loadOverrides(path: string): Promise<Map<string, Override>> {
  let json: unknown;
  try {
    json = JSON.parse(stripBom(await readFile(path, "utf8")));
  } catch (err) {
    throw new RunFolderError(`cannot read overrides ${path}: ${(err as Error).message}`);
  }
  const r = OverridesFileSchema.safeParse(json);
  if (!r.success) {
    throw new RunFolderError(
      `${path}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const problems = overrideProblems(r.data);
  if (problems.length > 0) throw new RunFolderError(`overrides ${path}: ${problems.join("; ")}`);
  return new Map(Object.entries(r.data));
}
