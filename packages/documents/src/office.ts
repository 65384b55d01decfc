/**
 * @module office — the office profile printed on every document (caption, letterhead, signature).
 * A JSON file validated with zod; `examples/office.json` is a fictional example.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { stripBom } from "./run-folder.ts";

const line = z.string().trim().min(1);

/** Schema of the office profile JSON. */
export const OfficeProfileSchema = z.strictObject({
  /** Office name, e.g. "Office of the District Attorney, County of Example". */
  officeName: line,
  /** Who files: the prosecution (bulk motion by the People) or defence counsel (petitions for a client). */
  role: z.enum(["prosecutor", "defense"]).default("prosecutor"),
  /** County name without "County", e.g. "Sacramento". */
  county: line,
  court: z.strictObject({
    /** e.g. "Superior Court of the State of California". */
    name: line,
    /** Street address lines of the courthouse. */
    address: z.array(line).min(1),
  }),
  attorney: z.strictObject({
    name: line,
    /** State Bar of California number. */
    barNumber: z
      .string()
      .trim()
      .regex(/^\d{1,7}$/, "a State Bar number is 1–7 digits"),
    /** e.g. "Deputy District Attorney". */
    title: line,
  }),
  /** Office street address lines. */
  address: z.array(line).min(1),
  phone: line,
  email: z.email(),
  /** Printed under the signature rule, e.g. "JANE Q. EXAMPLE, Deputy District Attorney". */
  signatureLine: line,
  /** Who the attorney represents, printed on caption line 7. Defaults by role. */
  attorneysFor: line.optional(),
});

/** A validated office profile. */
export type OfficeProfile = z.output<typeof OfficeProfileSchema>;

/** Result of validating a profile: the value, or messages with dotted paths. */
export type OfficeProfileResult = { ok: true; value: OfficeProfile } | { ok: false; errors: string[] };

/** Validates an already-parsed JSON value as an office profile. */
export function parseOfficeProfile(json: unknown): OfficeProfileResult {
  const r = OfficeProfileSchema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`),
  };
}

/** Reads and validates an office profile file (a small config file, not user data). */
export async function loadOfficeProfile(path: string): Promise<OfficeProfileResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    return { ok: false, errors: [`cannot read ${path}: ${(err as Error).message}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch (err) {
    return { ok: false, errors: [`${path} is not valid JSON: ${(err as Error).message}`] };
  }
  return parseOfficeProfile(json);
}

/** The two counties are the same, ignoring case and spacing ("Los Angeles" = "LOS  ANGELES"). */
export function sameCounty(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").toUpperCase().replace(/\s+/g, "");
  return norm(a) === norm(b);
}

/** Every text of the profile with its dotted path (`court.address.1`), for checks on what is printed. */
export function officeTexts(office: OfficeProfile): [string, string][] {
  const out: [string, string][] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === "string") out.push([path, v]);
    else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}.${i}`);
    } else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) walk(x, path === "" ? k : `${path}.${k}`);
  };
  walk(office, "");
  return out;
}

/** The caption's "Attorneys for …" line. */
export function attorneysFor(office: OfficeProfile): string {
  if (office.attorneysFor !== undefined) return office.attorneysFor;
  return office.role === "prosecutor"
    ? "Attorneys for The People of the State of California"
    : "Attorneys for Petitioner";
}
