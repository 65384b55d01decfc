/**
 * `clearance run`, then `clearance documents` on the run folder it wrote — once on the gogen fixture and once
 * on the `npm start` sample (the same generator seed, size, county, policy and dates as scripts/start.mjs,
 * in a temporary folder): every document is generated, and the PDFs agree with results.ndjson and gogen.json.
 */
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import { BIN, cli, fixtureRunArgs } from "../testing.ts";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const OFFICE = join(REPO, "examples", "office.json");

interface Result {
  name: string;
  caseNumbers: string[];
  codeSection: string;
  determination: string;
  personId: string;
}

async function text(path: string, layout = false): Promise<string> {
  const r = await run("pdftotext", [...(layout ? ["-layout"] : []), path, "-"], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return r.stdout;
}

const RUNS = [
  { label: "the gogen fixture", date: "2024-05-01", runArgs: (dir: string) => fixtureRunArgs(dir) },
  {
    label: "the npm start sample (seed 2016, 20,000 rows)",
    date: "2025-01-01",
    runArgs: (dir: string) => [
      "run",
      "--input",
      join(dir, "..", "doj-sample-20k.csv"),
      "--county",
      "LOS ANGELES",
      "--policy",
      join(REPO, "examples", "policies", "bear-default.json"),
      "--compute-at",
      "2025-01-01",
      "--out",
      dir,
    ],
    generate: ["generate", "--county", "LOS ANGELES", "--rows", "20000", "--seed", "2016", "--quiet"],
  },
];

describe.each(RUNS)("documents for $label", (spec) => {
  let runDir = "";
  let out = "";
  let stdout = "";
  const results: Result[] = [];

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), "clearance-cli-documents-"));
    runDir = join(root, "run");
    out = join(root, "docs");
    if (spec.generate) {
      const g = await cli([...spec.generate, "--out", join(root, "doj-sample-20k.csv")]);
      expect(g.code).toBe(0);
    }
    const r1 = await cli([...spec.runArgs(runDir), "--quiet"]);
    expect(r1.code).toBe(0);
    const r2 = await cli([
      "documents",
      "--run",
      runDir,
      "--office",
      OFFICE,
      "--out",
      out,
      "--date",
      spec.date,
    ]);
    expect(r2.code).toBe(0);
    stdout = r2.stdout;
    for await (const line of createInterface({ input: createReadStream(join(runDir, "results.ndjson")) })) {
      if (line.trim() !== "") results.push(JSON.parse(line));
    }
  }, 300_000);

  test("every document is generated from the real run folder", async () => {
    const files = await readdir(out);
    for (const f of [
      "motion.pdf",
      "proposed-order.pdf",
      "pd-list.csv",
      "pd-list.pdf",
      "impact-report.pdf",
      "documents.json",
    ]) {
      expect(files).toContain(f);
    }
    const people = new Set(
      results.filter((r) => r.determination.startsWith("Eligible")).map((r) => r.personId),
    );
    expect(await readdir(join(out, "petitions"))).toHaveLength(people.size * 2);
    expect(await readdir(join(out, "notices"))).toHaveLength(people.size);
    const dismiss = results.filter((r) => r.determination === "Eligible for Dismissal").length;
    const reduce = results.filter((r) => r.determination === "Eligible for Reduction").length;
    expect(stdout).toContain(
      `Exhibit A (dismiss and seal): ${dismiss} convictions; Exhibit B (redesignate): ${reduce}`,
    );
  });

  test("the motion lists every filed conviction's name, case numbers and section", async () => {
    const body = (await text(join(out, "motion.pdf"), true))
      .replace(/^ {0,2}\d{1,2}(?= {2,}|$)/gm, "")
      .replace(/\s+/g, " ");
    const filed = results.filter((r) => r.determination.startsWith("Eligible"));
    expect(filed.length).toBeGreaterThan(10);
    for (const r of filed) {
      // A long name or section wraps inside its table cell (after a comma, slash or space; a word wider than
      // the column between characters), so each part is checked by its first eight characters.
      for (const part of `${r.name} ${r.codeSection}`.split(/[\s,/;-]+/).filter((p) => p !== ""))
        expect(body).toContain(part.slice(0, 8));
      for (const c of r.caseNumbers.map((c) => c.trim()).filter((c) => c !== "" && c !== "NULL"))
        expect(body).toContain(c);
    }
    expect(body).not.toMatch(/\bNULL\b/);
  });

  test("the impact report shows gogen.json's figures and finds the charts consistent", async () => {
    const g = JSON.parse(await readFile(join(runDir, "gogen.json"), "utf8"));
    const t = await text(join(out, "impact-report.pdf"), true);
    expect(t).toMatch(
      new RegExp(`Prop 64 felony convictions {2,}${g.prop64FelonyConvictionsCountInCounty}\\b`),
    );
    expect(t).toMatch(new RegExp(`People getting some relief {2,}${g.subjectsWithSomeReliefCount}\\b`));
    for (const [k, v] of Object.entries(g.prop64ConvictionsCountInCountyByCodeSection)) {
      expect(t).toMatch(new RegExp(`Convictions under HS ${k} {2,}${v}\\b`));
    }
    expect(t).not.toContain("do not match the run summary");
  });

  test("bad usage exits 1 with a message", async () => {
    const e = await run(process.execPath, [
      BIN,
      "documents",
      "--run",
      out,
      "--office",
      OFFICE,
      "--out",
      out,
    ]).catch((err: { code: number; stderr: string }) => err);
    expect((e as { code: number }).code).toBe(1);
    expect((e as { stderr: string }).stderr).toMatch(/gogen\.json/);
  });
});
