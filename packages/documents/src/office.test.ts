import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { loadOfficeProfile, parseOfficeProfile, sameCounty } from "./office.ts";

const EXAMPLE = new URL("../../../examples/office.json", import.meta.url).pathname;

test("the shipped example profile is valid", async () => {
  const r = await loadOfficeProfile(EXAMPLE);
  expect(r.ok).toBe(true);
  if (r.ok) expect(r.value.role).toBe("prosecutor");
});

test("errors name the field", async () => {
  const r = parseOfficeProfile({ officeName: "X", county: "Y", attorney: { name: "A", barNumber: "12ab" } });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.errors.some((e) => e.startsWith("attorney.barNumber:"))).toBe(true);
    expect(r.errors.some((e) => e.startsWith("court:"))).toBe(true);
    expect(r.errors.some((e) => e.startsWith("email:"))).toBe(true);
  }
});

test("unknown keys and bad JSON are rejected", async () => {
  const dir = await mkdtemp(join(tmpdir(), "office-"));
  await writeFile(join(dir, "bad.json"), "{");
  const bad = await loadOfficeProfile(join(dir, "bad.json"));
  expect(bad.ok).toBe(false);
  const r = parseOfficeProfile({ officeName: "X", extra: 1 });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.errors.join("\n")).toMatch(/extra/);
});

test("a profile saved with a UTF-8 byte-order mark is read", async () => {
  const dir = await mkdtemp(join(tmpdir(), "office-"));
  await writeFile(join(dir, "bom.json"), `\uFEFF${await readFile(EXAMPLE, "utf8")}`);
  const r = await loadOfficeProfile(join(dir, "bom.json"));
  expect(r.ok ? r.value.county : r.errors).toBe("Sacramento");
});

test("counties compare ignoring case and spacing", () => {
  expect(sameCounty("LOS ANGELES", " Los  angeles ")).toBe(true);
  expect(sameCounty("KERN", "Sacramento")).toBe(false);
});
