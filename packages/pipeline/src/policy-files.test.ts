/**
 * Policy files in the pipeline (docs/policy-files.md): the committed JSON Schema and the Los Angeles
 * example are what the code generates; every example policy reads cleanly; `loadPolicy` runs options
 * files, `los-angeles` and `clearance-policy/1` files as policy files and lists every problem of an
 * invalid one by path; a custom policy runs a bulk job end to end.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { losAngelesPolicyFile, parsePolicyFile, renderPolicyFileJsonSchema } from "@clearance/law";
import { describe, expect, it } from "vitest";
import { ConfigError, loadPolicy } from "./policy-spec.ts";
import { runBulk } from "./run-bulk.ts";
import { shared, tempDir } from "./test/helpers.ts";

const repo = (rel: string) => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));
const REGENERATE = "regenerate: npx tsx packages/law/scripts/generate-policy-files.ts";

describe("generated files are current", () => {
  it(`docs/policy-file.schema.json is the JSON Schema of the zod schema (${REGENERATE})`, async () => {
    expect(await readFile(repo("docs/policy-file.schema.json"), "utf8")).toBe(renderPolicyFileJsonSchema());
  });

  it(`examples/policies/los-angeles.policy.json is losAngelesPolicyFile({age 50, 10 years}) (${REGENERATE})`, async () => {
    const committed = JSON.parse(await readFile(repo("examples/policies/los-angeles.policy.json"), "utf8"));
    expect(committed).toEqual(losAngelesPolicyFile({ age: 50, yearsConvictionFree: 10 }));
  });

  it("every examples/policies/*.policy.json reads without problems or warnings", async () => {
    const names = (await readdir(repo("examples/policies"))).filter((n) => n.endsWith(".policy.json"));
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const n of names) {
      const r = parsePolicyFile(JSON.parse(await readFile(repo(`examples/policies/${n}`), "utf8")));
      expect({ n, r }).toMatchObject({ n, r: { ok: true, warnings: [] } });
    }
  });
});

describe("loadPolicy", () => {
  it("an options file runs as the policy file written from it; options stay available for the summaries", async () => {
    const loaded = await loadPolicy(repo("examples/policies/dismiss-possession-reduce-sales.json"));
    expect(loaded.kind).toBe("configurable");
    expect(loaded.options?.dismiss).toEqual(["11357", "11358"]);
    expect(loaded.options?.reduce).toEqual(["11359", "11360"]);
    expect(loaded.file?.rules.map((r) => r.id)).toEqual([
      "gogen.misdemeanor",
      "gogen.dismiss-section",
      "gogen.under-21",
      "gogen.age-threshold",
      "gogen.years-since-conviction",
      "gogen.only-prop64",
      "gogen.deceased",
      "gogen.reduce-section",
    ]);
  });

  it("los-angeles runs the LA policy file for the given age and years", async () => {
    const loaded = await loadPolicy("los-angeles", { age: 40, yearsConvictionFree: 5 });
    expect(loaded).toMatchObject({
      kind: "los-angeles",
      la: { age: 40, yearsConvictionFree: 5 },
      description: "Los Angeles County criteria (age 40, 5 conviction-free years)",
    });
    expect(loaded.file).toEqual(losAngelesPolicyFile({ age: 40, yearsConvictionFree: 5 }));
  });

  it("a clearance-policy/1 file is a custom policy", async () => {
    const loaded = await loadPolicy(repo("examples/policies/example-county.policy.json"));
    expect(loaded.kind).toBe("custom");
    expect(loaded.policy.id).toBe("example-county");
    expect(loaded.warnings).toEqual([]);
    expect(loaded.options).toBeUndefined();
  });

  it("an invalid policy file is rejected with every problem listed by path", async () => {
    const dir = await tempDir();
    const bad = join(dir, "bad.json");
    await writeFile(
      bad,
      JSON.stringify({
        format: "clearance-policy/1",
        id: "bad",
        label: "Bad",
        rules: [
          { id: "a", when: { age: 50 }, determination: "Eligible for Dismissal", reason: "x" },
          { id: "a", when: { all: [{ felony: 1 }] }, determination: "Maybe", reason: "y" },
        ],
      }),
    );
    const err = await loadPolicy(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^rules\[0\]\.when: unknown predicate "age"/),
      "rules[1].when.all[0].felony: Invalid input: expected boolean, received number",
      expect.stringMatching(/^rules\[1\]\.determination: Invalid option/),
      "otherwise: Invalid input: expected object, received undefined",
      'rules[1].id: duplicate rule id "a" (also rules[0].id)',
    ]);
    expect((err as ConfigError).message).toContain(`policy file ${bad} has problems:`);
  });

  it("a file with rules but no format is read as a policy file (not as empty options)", async () => {
    const dir = await tempDir();
    const f = join(dir, "no-format.json");
    await writeFile(
      f,
      JSON.stringify({ id: "x", label: "X", rules: [], otherwise: { determination: "", reason: "" } }),
    );
    const err = await loadPolicy(f).catch((e: unknown) => e);
    expect((err as ConfigError).problems).toEqual(['format: Invalid input: expected "clearance-policy/1"']);
  });
});

describe("a custom policy file in a bulk run", () => {
  it("decides the configurable fixture with the file's rules and traces", async () => {
    const out = join(await tempDir(), "out");
    const report = await runBulk({
      inputs: [shared("fixtures/gogen/configurable_flow_input.csv")],
      county: "SACRAMENTO",
      policy: repo("examples/policies/example-county.policy.json"),
      computeAt: "2019-11-11",
      outDir: out,
    });
    expect(report.relevantConvictions).toBe(18);
    const file = JSON.parse(await readFile(repo("examples/policies/example-county.policy.json"), "utf8"));
    const rules = [...file.rules.map((r: { id: string }) => r.id), file.otherwise.id];
    const lines = (await readFile(join(out, "results.ndjson"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { trace: { rule: string }[]; determination: string });
    expect(lines).toHaveLength(18);
    for (const l of lines) for (const t of l.trace) expect(rules).toContain(t.rule);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(JSON.stringify(manifest)).toContain("example-county");
  });
});
