/**
 * @module fill-form — the optional official-form path: fill a user-supplied AcroForm PDF (for
 * example the Judicial Council's CR-400 or CR-403) from a field map, with @cantoo/pdf-lib. The
 * official forms are not shipped; the office supplies the PDF and a field map for its version.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { OfficeProfile } from "./office.ts";
import { reliefText } from "./relief.ts";
import type { PersonRecord } from "./scan.ts";
import { displayDate, longDate } from "./text.ts";

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
    else if (/^convictions\.\d+\./.test(entry.from)) value = "";
    else {
      problems.push(`field "${entry.field}": unknown value "${entry.from}"`);
      continue;
    }
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

/** Reads and validates a field-map JSON file. */
export async function loadFieldMap(path: string): Promise<FieldMap> {
  const r = FieldMapSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!r.success)
    throw new Error(`${path}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return r.data;
}
