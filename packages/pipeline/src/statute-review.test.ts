/**
 * The statute beside the office policy in a bulk run (architecture.md decision 3): results.ndjson
 * fields, Statute_Review.csv, Related_Charges.csv, the summary.json figures, the manifest, and
 * `--policy statute`. The compatible gogen files themselves are proven byte-identical by
 * run-bulk.test.ts and conformance.test.ts.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBulk } from "./run-bulk.ts";
import { RELATED_CHARGES_HEADER, STATUTE_REVIEW_HEADER } from "./statute-review.ts";
import { parseCsv, shared, tempDir } from "./test/helpers.ts";

const fixture = (name: string) => shared(`fixtures/gogen/${name}`);
const INPUT = fixture("configurable_flow_input.csv");

async function run(input: string, policy = fixture("configurable_flow_options.json")) {
  const out = join(await tempDir(), "out");
  const report = await runBulk({
    inputs: [input],
    county: "SACRAMENTO",
    policy,
    computeAt: "2019-11-11",
    outDir: out,
  });
  const results = (await readFile(join(out, "results.ndjson"), "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { out, report, results };
}

const csvText = (rows: string[][]) =>
  `${rows.map((r) => r.map((f) => (/[,"\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",")).join("\n")}\n`;

/** A copy of the fixture with some cells changed: [data row index (0-based), column, value]. */
async function edited(changes: readonly [row: number, col: number, value: string][]): Promise<string> {
  const rows = parseCsv(await readFile(INPUT, "utf8"));
  for (const [r, c, v] of changes) rows[r + 1]![c] = v;
  const path = join(await tempDir(), "input.csv");
  await writeFile(path, csvText(rows));
  return path;
}

const NAME = 12; // PRI_NAME
const OFFENSE_DESCR = 54;

describe("statute beside the configurable policy (fixture, SACRAMENTO, 2019-11-11)", () => {
  it("adds the statute fields to every results.ndjson object", async () => {
    const { results } = await run(INPUT);
    expect(results).toHaveLength(18);
    for (const r of results) {
      expect(r).toHaveProperty("statutoryRemedy");
      expect(r).toHaveProperty("statuteCitation");
      expect(Array.isArray(r.missingFacts)).toBe(true);
      expect(typeof r.statuteReason).toBe("string");
      expect(Array.isArray(r.statuteTrace)).toBe(true);
      expect(Array.isArray(r.statuteFlags)).toBe(true);
      expect(r.relatedCounts).toEqual([]);
    }
    // BIRD's 1979 11357(c) felony: the office dismisses; the statute redesignates it as an infraction.
    expect(results.find((r) => r.line === 9)).toMatchObject({
      determination: "Eligible for Dismissal",
      statutoryRemedy: "redesignate-infraction",
      statuteCitation: "H&S 11361.8(e)",
      statuteBasis: "H&S 11357(a)(1)",
      missingFacts: [],
      statuteReason:
        "Redesignate as an infraction (H&S 11361.8(e); basis H&S 11357(a)(1)): the conduct is now an infraction.",
      statuteFlags: ["beyond-statute"],
    });
    // SKYWALKER's 11358 felony: the amount decides between redesignation and dismissal.
    const luke = results.find((r) => r.line === 7)!;
    expect(luke).toMatchObject({
      statutoryRemedy: "needs-review",
      missingFacts: ["quantity"],
      statutePossible: ["redesignate-misdemeanor", "dismiss-and-seal"],
      statuteFlags: [],
    });
    expect(luke.statuteTrace).toContainEqual(
      expect.objectContaining({ ruleId: expect.any(String), citation: expect.any(String) }),
    );
    // Only the conviction's own section's offence rules are listed when they did not fire.
    const own = `hs${(luke.parsed as { section: string }).section}.`;
    const others = (luke.statuteTrace as { ruleId: string; outcome: string }[]).filter(
      (t) =>
        /^hs(1135[789]|11360)\./.test(t.ruleId) && !t.ruleId.startsWith(own) && t.outcome === "not-fired",
    );
    expect(others).toEqual([]);
    expect((luke.statuteTrace as { ruleId: string }[]).some((t) => t.ruleId.startsWith(own))).toBe(true);
  });

  it("writes Statute_Review.csv (one row per relevant conviction) and counts flags and remedies in summary.json only", async () => {
    const { out, results, report } = await run(INPUT);
    const rows = parseCsv(await readFile(join(out, "Statute_Review.csv"), "utf8"));
    expect(rows[0]).toEqual([...STATUTE_REVIEW_HEADER]);
    expect(rows).toHaveLength(1 + results.length);
    const bird = rows.find((r) => r.at(-1) === "1:9")!;
    expect(bird).toEqual([
      "17954908",
      "BIRD,BIG",
      "",
      "398765; 678544",
      "11357(C)HS",
      "1979-06-01",
      "Felony",
      "Eligible for Dismissal",
      "Dismiss all HS 11357 convictions",
      "redesignate-infraction",
      "H&S 11361.8(e); H&S 11357(a)(1)",
      "beyond-statute",
      "Redesignate as an infraction (H&S 11361.8(e); basis H&S 11357(a)(1)): the conduct is now an infraction.",
      "",
      "1:9",
    ]);
    const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    const flagged = (f: string) => results.filter((r) => (r.statuteFlags as string[]).includes(f)).length;
    expect(summary.statuteFlags).toEqual({
      "below-statute": flagged("below-statute"),
      "beyond-statute": flagged("beyond-statute"),
    });
    expect(summary.statuteFlags["beyond-statute"]).toBe(10);
    const remedies: Record<string, number> = {};
    for (const r of results)
      remedies[r.statutoryRemedy as string] = (remedies[r.statutoryRemedy as string] ?? 0) + 1;
    expect(summary.statutoryRemedies).toEqual(remedies);
    const gogen = JSON.parse(await readFile(join(out, "gogen.json"), "utf8"));
    expect(gogen).not.toHaveProperty("statuteFlags");
    expect(gogen).not.toHaveProperty("statutoryRemedies");
    expect(report.files).toContain("Statute_Review.csv");
    expect(report.files).toContain("Related_Charges.csv");
  });

  it("lists both files in the manifest with their SHA-256", async () => {
    const { out } = await run(INPUT);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    for (const name of ["Statute_Review.csv", "Related_Charges.csv"]) {
      const entry = manifest.outputs.find((o: { file: string }) => o.file === name);
      const bytes = await readFile(join(out, name));
      expect(entry).toEqual({
        file: name,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes: bytes.length,
      });
    }
  });

  it("neutralises cells that a spreadsheet would run as a formula", async () => {
    // Data rows 6–10 are BIRD's.
    const name = '=HYPERLINK("http://x","BIRD")';
    const input = await edited([6, 7, 8, 9, 10].map((r) => [r, NAME, name] as [number, number, string]));
    const { out } = await run(input);
    const rows = parseCsv(await readFile(join(out, "Statute_Review.csv"), "utf8"));
    expect(rows.find((r) => r.at(-1) === "1:9")![1]).toBe(`'${name}`);
  });
});

describe("related charges (possible plea bargains, never relieved)", () => {
  it("writes Related_Charges.csv rows and relatedCounts on the Prop 64 convictions of the case", async () => {
    // Data row 10 (line 12): BIRD's 503 VC conviction becomes H&S 11364 (paraphernalia), same case as
    // his 11357(c) (line 9) and 11359(c) (line 11) convictions.
    const input = await edited([[10, OFFENSE_DESCR, "11364 HS-POSSESS PARAPHERNALIA"]]);
    const { out, results } = await run(input);
    const rows = parseCsv(await readFile(join(out, "Related_Charges.csv"), "utf8"));
    expect(rows[0]).toEqual([...RELATED_CHARGES_HEADER]);
    expect(rows.slice(1)).toEqual([
      [
        "17954908",
        "BIRD,BIG",
        "",
        "398765; 678544",
        "11364 HS",
        "possession of drug paraphernalia",
        "1985-11-01",
        "Felony",
        "1:12",
        "1:9; 1:11",
        "Possible plea bargain for a Prop 64 charge: review; not relieved automatically (H&S 11361.8(a))",
      ],
    ]);
    for (const line of [9, 11])
      expect(results.find((r) => r.line === line)!.relatedCounts).toEqual([
        {
          id: "1:12",
          codeSection: "11364 HS",
          line: 12,
          label: "possession of drug paraphernalia",
          convictionDate: "1985-11-01",
        },
      ]);
    // Still one object per relevant Prop 64 conviction: the related count gets none of its own.
    expect(results.some((r) => r.line === 12)).toBe(false);
    expect(results).toHaveLength(18);
  });
});

describe("--policy statute", () => {
  it("decides what the statute provides, in the compatible strings and gogen layout", async () => {
    const { out, results } = await run(INPUT, "statute");
    const byLine = new Map(results.map((r) => [r.line, r]));
    expect(byLine.get(9)).toMatchObject({
      determination: "Eligible for Reduction",
      statutoryRemedy: "redesignate-infraction",
      statuteFlags: [],
    });
    expect(byLine.get(25)).toMatchObject({ determination: "Not eligible", statutoryRemedy: "no-relief" });
    expect(byLine.get(39)).toMatchObject({
      determination: "Not eligible",
      statutoryRemedy: "not-applicable",
    });
    // KYLO REN, still serving: Hand Review citing H&S 11361.8(a).
    expect(byLine.get(33)).toMatchObject({
      determination: "Hand Review",
      statutoryRemedy: "recall-and-resentence",
    });
    expect(byLine.get(33)!.reason).toMatch(/^Still serving the sentence: .*\(H&S 11361\.8\(a\)\)/);
    // Missing amount: Hand Review naming it.
    expect(byLine.get(7)).toMatchObject({ determination: "Hand Review", missingFacts: ["quantity"] });
    expect(byLine.get(7)!.reason).toContain("Missing: the amount (grams, concentrate, or number of plants)");
    // Never flagged against itself.
    expect(results.map((r) => r.statuteFlags)).toEqual(results.map(() => []));
    const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    expect(summary.statuteFlags).toEqual({ "below-statute": 0, "beyond-statute": 0 });

    const prop64 = parseCsv(await readFile(join(out, "Prop64_Results.csv"), "utf8"));
    const expectedHeader = parseCsv(
      await readFile(fixture("configurable_flow_expected_prop64.csv"), "utf8"),
    )[0];
    expect(prop64[0]).toEqual(expectedHeader);
    expect(prop64.slice(1).map((r) => r.at(-2))).toEqual(results.map((r) => r.determination));
    const gogen = JSON.parse(await readFile(join(out, "gogen.json"), "utf8"));
    expect(gogen.convictionDismissalCountByCodeSection).toEqual({});
    expect(gogen.convictionReductionCountByCodeSection).toEqual({});
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(manifest.policy).toBe("Statute: decide what H&S 11361.8 provides");
  });
});
