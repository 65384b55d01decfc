/**
 * The rap-sheet report on the bundled sample: a conviction whose code section could not be read is
 * never decided as "not Prop 64"; it goes to a person (outcome null, Hand Review) naming the text.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseIsoDate } from "@clearance/core";
import { parseRapSheet } from "@clearance/sources";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "./policy-spec.ts";
import { buildRapSheetReport, formatConvictionTable } from "./rapsheet-report.ts";

const SAMPLE = fileURLToPath(new URL("../../../examples/rapsheet/sample.txt", import.meta.url));
const computeAt = parseIsoDate("2024-01-15")!;

async function sampleWithCode(code: string): Promise<string> {
  const text = await readFile(SAMPLE, "utf8");
  expect(text).toContain("11359 HS-POSSESS MARIJUANA FOR SALE");
  return text.replaceAll("11359 HS-POSSESS", `11359 ${code}-POSSESS`);
}

describe("buildRapSheetReport", () => {
  it.each(["H&S", "H5", "XX"])(
    "sends a conviction whose code section is unreadable (11359 %s) to review, never to 'not Prop 64'",
    async (code) => {
      const sheet = parseRapSheet(await sampleWithCode(code));
      const policy = (await loadPolicy("los-angeles")).policy;
      const withPolicy = buildRapSheetReport(sheet, { file: "s.txt", format: "text", computeAt, policy });
      const row = withPolicy.convictions[0]!;
      expect(row.codeSection).toBeNull();
      expect(row).toMatchObject({
        outcome: null,
        determination: "Hand Review",
        remedy: "needs-review",
        missingFacts: ["code-section"],
      });
      expect(row.reason).toBe(`Unreadable code section: "11359 ${code}"`);
      expect(row.trace).toEqual([
        expect.objectContaining({ rule: "clearance.unreadable-code-section", outcome: "unknown" }),
      ]);
      // The other rows are unchanged, and the table says review rather than "not Prop 64".
      expect(withPolicy.convictions.map((c) => c.outcome)).toEqual([
        null,
        "already relieved",
        "not Prop 64",
        "already relieved",
      ]);
      const table = formatConvictionTable(withPolicy).split("\n")[2]!;
      expect(table).toContain("needs-review / Hand Review");
      expect(table).not.toContain("not Prop 64");

      const attempt = parseRapSheet(
        (await sampleWithCode(code)).replaceAll(`11359 ${code}`, `664-11359 ${code}`),
      );
      const a = buildRapSheetReport(attempt, { file: "s.txt", format: "text", computeAt });
      expect(a.convictions[0]!.reason).toBe(`Unreadable code section: "664-11359 ${code}"`);

      const statuteOnly = buildRapSheetReport(sheet, { file: "s.txt", format: "text", computeAt });
      expect(statuteOnly.convictions[0]).toMatchObject({
        outcome: null,
        determination: null,
        remedy: "needs-review",
        reason: `Unreadable code section: "11359 ${code}"`,
      });
    },
  );
});
