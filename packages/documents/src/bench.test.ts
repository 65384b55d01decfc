import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { benchmarkExhibit } from "./bench.ts";
import { pdfPages, pdfText } from "./pdf-test-helpers.ts";

test("a 10,000-case exhibit generates completely (rows streamed, pages flushed as drawn)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "clearance-bench-"));
  const r = await benchmarkExhibit({ cases: 10_000, dir });
  expect(r.cases).toBe(10_000);
  const pages = await pdfPages(r.file);
  expect(pages).toBeGreaterThan(300);
  // One in 16 synthetic cases is a reduction (Exhibit B), the rest dismissals (Exhibit A).
  const text = (await pdfText(r.file)).replace(/\s+/g, " ");
  expect(text).toContain("9,375 convictions of 9,375 persons");
  expect(text).toContain("625 convictions of 625 persons");
  const b = text.indexOf("EXHIBIT B");
  expect(text.lastIndexOf("EXHIBIT A (continued)")).toBeLessThan(b);
  // The last row of each exhibit is there, numbered.
  const layout = await pdfText(r.file, { layout: true });
  // (names wrap in the Name column: "PALPATINE,SHEEV" / "09999")
  expect(layout).toMatch(/^ *(\d+ +)?9375 +PALPATINE,SHEEV\b/m);
  expect(layout).toMatch(/^ *(\d+ +)?625 +COUNT,COUNT VON\b/m);
  expect(layout.indexOf(" 09999")).toBeLessThan(layout.indexOf("EXHIBIT B"));
  expect(layout.indexOf(" 09993")).toBeGreaterThan(layout.indexOf("EXHIBIT B"));
  // Case numbers of rows spread through the file.
  for (const n of [0, 2500, 5000, 7500, 9999]) expect(text).toContain(`CASE-${n}-0`);
});
