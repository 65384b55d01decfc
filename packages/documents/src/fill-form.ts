/**
 * @module fill-form — the optional official-form path: fill a user-supplied AcroForm PDF (for
 * example the Judicial Council's CR-400 or CR-403) from a field map, with @cantoo/pdf-lib. The
 * official forms are not shipped; the office supplies the PDF and a field map for its version.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { DocumentInputError } from "./input-error.ts";
import type { OfficeProfile } from "./office.ts";
import { reliefText } from "./relief.ts";
import { stripBom } from "./run-folder.ts";
import type { PersonRecord } from "./scan.ts";
import { displayDate, longDate, toWinAnsi } from "./text.ts";

/**
 * A field map: for each PDF field, the value it takes. `from` names a value (see
 * {@link formValues}); `text` is a literal. Checkboxes are ticked when their value is true or a
 * non-empty string other than "false".
 * @example {"form":"CR-400 (rev. 2017)","fields":[{"field":"Name","from":"person.name"}]}
 */
export const FieldMapSchema = z.strictObject({
  form: z.string().optional(),
  flatten: z.boolean().default(true),
  fields: z
    .array(
      z.union([
        z.strictObject({ field: z.string().min(1), from: z.string().min(1) }),
        z.strictObject({ field: z.string().min(1), text: z.string() }),
      ]),
    )
    .min(1),
});

/** A validated field map. */
export type FieldMap = z.output<typeof FieldMapSchema>;

/** Names a field map's `from` can use, besides `convictions.<i>.<name>` (see {@link formValues}). */
export const FORM_VALUE_NAMES: readonly string[] = [
  "person.name",
  "person.dob",
  "person.cii",
  "person.caseNumbers",
  "relief.dismiss",
  "relief.redesignate",
  "relief.serving",
  "relief.completed",
  "office.name",
  "office.address",
  "office.phone",
  "office.email",
  "attorney.name",
  "attorney.barNumber",
  "attorney.title",
  "court.name",
  "court.county",
  "court.address",
  "date",
];

/** Per-conviction value names, as `convictions.<i>.<name>`. */
const CONVICTION_VALUE = /^convictions\.\d+\.(caseNumbers|codeSection|date|level|relief)$/;

/** True when a field map's `from` names a value {@link formValues} provides. */
export function isFormValueName(name: string): boolean {
  return FORM_VALUE_NAMES.includes(name) || CONVICTION_VALUE.test(name);
}

/** Values a field map can refer to, for one person. */
export function formValues(
  p: PersonRecord,
  office: OfficeProfile,
  date: string,
): Record<string, string | boolean> {
  const filed = p.convictions.filter((c) => c.relief !== undefined);
  const v: Record<string, string | boolean> = {
    "person.name": p.name,
    "person.dob": displayDate(p.dob),
    "person.cii": p.cii,
    "person.caseNumbers": [...new Set(filed.flatMap((c) => c.caseNumbers))].join("; "),
    "relief.dismiss": filed.some((c) => c.relief === "dismiss-and-seal"),
    "relief.redesignate": filed.some((c) => c.relief === "redesignate"),
    "relief.serving": filed.some((c) => c.statutoryRemedy === "recall-and-resentence"),
    "relief.completed": !filed.some((c) => c.statutoryRemedy === "recall-and-resentence"),
    "office.name": office.officeName,
    "office.address": office.address.join(", "),
    "office.phone": office.phone,
    "office.email": office.email,
    "attorney.name": office.attorney.name,
    "attorney.barNumber": office.attorney.barNumber,
    "attorney.title": office.attorney.title,
    "court.name": office.court.name,
    "court.county": office.county,
    "court.address": office.court.address.join(", "),
    date: longDate(date),
  };
  filed.forEach((c, i) => {
    const k = `convictions.${i}`;
    v[`${k}.caseNumbers`] = c.caseNumbers.join("; ");
    v[`${k}.codeSection`] = c.codeSection;
    v[`${k}.date`] = displayDate(c.convictionDate);
    v[`${k}.level`] = c.level ?? "";
    v[`${k}.relief`] = c.relief === undefined ? "" : reliefText(c.relief, c.level, c.statutoryRemedy);
  });
  return v;
}

/** Outcome of filling: the PDF bytes, the fields set, and problems (missing fields, unknown values). */
export interface FillResult {
  readonly bytes: Uint8Array;
  readonly filled: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Fills an AcroForm PDF. Unknown PDF fields and unknown value names are reported, never guessed;
 * a value the map names that the person does not have (e.g. a fourth conviction) leaves the field
 * empty.
 */
export async function fillAcroForm(
  pdf: Uint8Array,
  map: FieldMap,
  values: Readonly<Record<string, string | boolean>>,
): Promise<FillResult> {
  // Loaded here, not at start-up: pdf-lib takes a third of a second to load and only this needs it.
  const { PDFCheckBox, PDFDocument, PDFDropdown, PDFRadioGroup, PDFTextField } = await import(
    "@cantoo/pdf-lib"
  );
  const doc = await PDFDocument.load(pdf);
  const form = doc.getForm();
  const byName = new Map(form.getFields().map((f) => [f.getName(), f]));
  const filled: string[] = [];
  const problems: string[] = [];
  for (const entry of map.fields) {
    const f = byName.get(entry.field);
    if (f === undefined) {
      problems.push(`no field "${entry.field}" in the form`);
      continue;
    }
    let value: string | boolean;
    if ("text" in entry) value = entry.text;
    else if (Object.hasOwn(values, entry.from)) value = values[entry.from]!;
    else if (CONVICTION_VALUE.test(entry.from)) value = "";
    else {
      problems.push(`field "${entry.field}": unknown value "${entry.from}"`);
      continue;
    }
    // The form's fonts are the standard ones (WinAnsi): transliterate as the other documents do.
    if (typeof value === "string") value = toWinAnsi(value);
    if (f instanceof PDFTextField) f.setText(typeof value === "boolean" ? (value ? "X" : "") : value);
    else if (f instanceof PDFCheckBox) {
      if (value === true || (typeof value === "string" && value !== "" && value !== "false")) f.check();
      else f.uncheck();
    } else if (f instanceof PDFDropdown || f instanceof PDFRadioGroup) {
      if (typeof value === "string" && value !== "") f.select(value);
    } else {
      problems.push(`field "${entry.field}": unsupported field type`);
      continue;
    }
    filled.push(entry.field);
  }
  if (map.flatten) form.flatten();
  return { bytes: await doc.save(), filled, problems };
}

/** Reads and validates a field-map JSON file; errors name the file and the field. */
export async function loadFieldMap(path: string): Promise<FieldMap> {
  let json: unknown;
  try {
    json = JSON.parse(stripBom(await readFile(path, "utf8")));
  } catch (err) {
    if (err instanceof SyntaxError)
      throw new DocumentInputError(`field map ${path} is not valid JSON: ${err.message}`);
    throw err;
  }
  const r = FieldMapSchema.safeParse(json);
  if (!r.success) {
    throw new DocumentInputError(
      `field map ${path}: ${r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
  return r.data;
}

/** A form and its field map, read and checked against each other. */
export interface LoadedForm {
  readonly pdf: Uint8Array;
  readonly map: FieldMap;
}

/**
 * Reads the AcroForm PDF and the field map and checks them before anything is drawn: the PDF must
 * load, every mapped field must be in it and every `from` must name a known value. Errors name the
 * file and the field.
 */
export async function loadForm(pdfPath: string, fieldMapPath: string): Promise<LoadedForm> {
  const map = await loadFieldMap(fieldMapPath);
  const pdf = await readFile(pdfPath);
  const { PDFDocument } = await import("@cantoo/pdf-lib");
  let names: Set<string>;
  try {
    const doc = await PDFDocument.load(pdf);
    names = new Set(
      doc
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    );
  } catch (err) {
    throw new DocumentInputError(
      `form ${pdfPath} is not a PDF that can be filled: ${(err as Error).message.replace(/^Failed to parse PDF document \([^)]*\): /, "")}`,
    );
  }
  const problems: string[] = [];
  for (const entry of map.fields) {
    if (!names.has(entry.field)) problems.push(`no field "${entry.field}" in the form ${pdfPath}`);
    if ("from" in entry && !isFormValueName(entry.from))
      problems.push(`field "${entry.field}": unknown value "${entry.from}"`);
  }
  if (problems.length > 0) throw new DocumentInputError(`field map ${fieldMapPath}: ${problems.join("; ")}`);
  return { pdf, map };
}
