import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "@cantoo/pdf-lib";
import { expect, test } from "vitest";
import { type FieldMap, FieldMapSchema, fillAcroForm, formValues, loadForm } from "./fill-form.ts";
import { loadOfficeProfile } from "./office.ts";
import { pdfText } from "./pdf-test-helpers.ts";
import type { PersonRecord } from "./scan.ts";

/** A small AcroForm PDF made here (the official forms are not shipped). */
async function makeForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText("TEST PETITION FORM", { x: 50, y: 740, size: 14, font });
  const form = doc.getForm();
  const fields = ["name", "dob", "cases", "section1", "section2", "attorney"];
  fields.forEach((f, i) => {
    const t = form.createTextField(f);
    t.addToPage(page, { x: 50, y: 680 - i * 40, width: 400, height: 20 });
  });
  form.createCheckBox("dismiss").addToPage(page, { x: 50, y: 400, width: 12, height: 12 });
  form.createCheckBox("redesignate").addToPage(page, { x: 80, y: 400, width: 12, height: 12 });
  return doc.save();
}

const person: PersonRecord = {
  personId: "84734892",
  name: "COUNT,COUNT VON",
  dob: "1972-11-27",
  cii: "A971951352",
  convictions: [
    {
      caseNumbers: ["757392"],
      codeSection: "11358 HS",
      convictionDate: "1998-05-04",
      level: "F",
      county: "SACRAMENTO",
      relief: "dismiss-and-seal",
      determination: "Eligible for Dismissal",
      statutoryRemedy: undefined,
    },
    {
      caseNumbers: ["757393"],
      codeSection: "11357(C) HS",
      convictionDate: "2015-05-22",
      level: "M",
      county: "SACRAMENTO",
      relief: undefined,
      determination: "Not eligible",
      statutoryRemedy: undefined,
    },
  ],
};

const map: FieldMap = FieldMapSchema.parse({
  form: "test form",
  flatten: false,
  fields: [
    { field: "name", from: "person.name" },
    { field: "dob", from: "person.dob" },
    { field: "cases", from: "person.caseNumbers" },
    { field: "section1", from: "convictions.0.codeSection" },
    { field: "section2", from: "convictions.1.codeSection" },
    { field: "attorney", from: "attorney.name" },
    { field: "dismiss", from: "relief.dismiss" },
    { field: "redesignate", from: "relief.redesignate" },
  ],
});

test("fills text fields and checkboxes from the field map; only filed convictions are used", async () => {
  const office = await loadOfficeProfile(new URL("../../../examples/office.json", import.meta.url).pathname);
  if (!office.ok) throw new Error("office");
  const r = await fillAcroForm(await makeForm(), map, formValues(person, office.value, "2024-05-01"));
  expect(r.problems).toEqual([]);
  expect(r.filled).toHaveLength(8);
  const doc = await PDFDocument.load(r.bytes);
  const form = doc.getForm();
  expect(form.getTextField("name").getText()).toBe("COUNT,COUNT VON");
  expect(form.getTextField("dob").getText()).toBe("11/27/1972");
  expect(form.getTextField("cases").getText()).toBe("757392");
  expect(form.getTextField("section1").getText()).toBe("11358 HS");
  expect(form.getTextField("section2").getText() ?? "").toBe("");
  expect(form.getTextField("attorney").getText()).toBe("Jane Q. Example");
  expect(form.getCheckBox("dismiss").isChecked()).toBe(true);
  expect(form.getCheckBox("redesignate").isChecked()).toBe(false);
});

test("a flattened form reads back with pdftotext", async () => {
  const office = await loadOfficeProfile(new URL("../../../examples/office.json", import.meta.url).pathname);
  if (!office.ok) throw new Error("office");
  const r = await fillAcroForm(
    await makeForm(),
    { ...map, flatten: true },
    formValues(person, office.value, "2024-05-01"),
  );
  const dir = await mkdtemp(join(tmpdir(), "form-"));
  await writeFile(join(dir, "filled.pdf"), r.bytes);
  const text = await pdfText(join(dir, "filled.pdf"));
  expect(text).toContain("COUNT,COUNT VON");
  expect(text).toContain("11358 HS");
  expect(text).toContain("Jane Q. Example");
  expect((await PDFDocument.load(r.bytes)).getForm().getFields()).toHaveLength(0);
});

test("unknown fields and unknown values are reported, not guessed", async () => {
  const bad = FieldMapSchema.parse({
    fields: [
      { field: "nope", from: "person.name" },
      { field: "name", from: "person.shoeSize" },
      { field: "dob", text: "literal" },
    ],
  });
  const r = await fillAcroForm(await makeForm(), bad, {});
  expect(r.problems).toEqual([
    'no field "nope" in the form',
    'field "name": unknown value "person.shoeSize"',
  ]);
  expect(r.filled).toEqual(["dob"]);
});

test("names are transliterated as in the other documents, not garbled (Ł → L, Đ → D)", async () => {
  const office = await loadOfficeProfile(new URL("../../../examples/office.json", import.meta.url).pathname);
  if (!office.ok) throw new Error("office");
  const r = await fillAcroForm(
    await makeForm(),
    { ...map, flatten: true },
    formValues({ ...person, name: "ŁUKASZ,ĐẶNG" }, office.value, "2024-05-01"),
  );
  const dir = await mkdtemp(join(tmpdir(), "form-"));
  await writeFile(join(dir, "filled.pdf"), r.bytes);
  expect(await pdfText(join(dir, "filled.pdf"))).toContain("LUKASZ,DANG");
});

test("loadForm checks the form and the field map against each other, naming the file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "form-"));
  await writeFile(join(dir, "form.pdf"), await makeForm());
  await writeFile(
    join(dir, "map.json"),
    JSON.stringify({
      fields: [
        { field: "nope", from: "person.name" },
        { field: "name", from: "convictions.0.shoe" },
      ],
    }),
  );
  await expect(loadForm(join(dir, "form.pdf"), join(dir, "map.json"))).rejects.toThrow(
    /^field map .*map\.json: no field "nope" in the form .*form\.pdf; field "name": unknown value "convictions\.0\.shoe"$/,
  );
  await writeFile(
    join(dir, "ok.json"),
    `\uFEFF${JSON.stringify({ fields: [{ field: "name", from: "person.name" }] })}`,
  );
  const loaded = await loadForm(join(dir, "form.pdf"), join(dir, "ok.json"));
  expect(loaded.map.fields).toHaveLength(1);
});
