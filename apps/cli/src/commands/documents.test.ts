/**
 * `clearance run`, then `clearance documents` on the run folder it wrote — once on the gogen fixture and once
 * on the `npm start` sample (the same generator seed, size, county, policy and dates as scripts/start.mjs,
 * in a temporary folder): every document is generated, and the PDFs agree with results.ndjson and gogen.json.
 */
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import {
  sampleResults,
  summaryFor,
  writeRunFolder,
} from "../../../../packages/documents/src/test-support.ts";
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
  {
    label: "the gogen fixture",
    date: "2024-05-01",
    county: "Sacramento",
    runArgs: (dir: string) => fixtureRunArgs(dir),
  },
  {
    label: "the npm start sample (seed 2016, 20,000 rows)",
    date: "2025-01-01",
    county: "Los Angeles",
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
    // The office profile of the run's county (the documents refuse a run of another county).
    const office = join(root, "office.json");
    const profile = JSON.parse(await readFile(OFFICE, "utf8"));
    await writeFile(office, JSON.stringify({ ...profile, county: spec.county }));
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
      office,
      "--out",
      out,
      "--date",
      spec.date,
    ]);
    expect(r2.code, r2.stderr).toBe(0);
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

describe("documents: inputs the user must fix exit 1, warnings go to stderr", () => {
  let root = "";
  let runDir = "";
  const rows = sampleResults();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "clearance-cli-documents-inputs-"));
    runDir = join(root, "run");
    await mkdir(runDir);
    await writeRunFolder(runDir, rows, summaryFor(rows));
    await writeFile(join(root, "README.md"), "# not a PDF\n");
    await writeFile(join(root, "not-json.json"), "{ fields: [");
    await writeFile(join(root, "invalid.json"), JSON.stringify({ fields: [] }));
    await writeFile(
      join(root, "map.json"),
      JSON.stringify({ fields: [{ field: "name", from: "person.name" }] }),
    );
  });

  const docs = (out: string, ...more: string[]) =>
    cli([
      "documents",
      "--run",
      runDir,
      "--office",
      OFFICE,
      "--out",
      join(root, out),
      "--date",
      "2024-06-01",
      ...more,
    ]);

  test.each([
    [
      ["--form", "README.md", "--field-map", "map.json"],
      /form .*README\.md is not a PDF that can be filled: No PDF header found/,
    ],
    [["--form", "README.md", "--field-map", "not-json.json"], /field map .*not-json\.json is not valid JSON/],
    [["--form", "README.md", "--field-map", "invalid.json"], /field map .*invalid\.json: fields: /],
  ])("--form %j exits 1 naming the file, before any filing is written", async (args, message) => {
    const out = `form-${args[3]}`;
    const r = await docs(out, ...args.map((a) => (a.startsWith("-") ? a : join(root, a))));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error/);
    await expect(readdir(join(root, out))).rejects.toThrow(/ENOENT/);
  });

  test("--date must be a calendar date", async () => {
    for (const date of ["2024-13-45", "2024-02-30"]) {
      const r = await cli([
        "documents",
        "--run",
        runDir,
        "--office",
        OFFICE,
        "--out",
        join(root, "d"),
        "--date",
        date,
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`--date must be a calendar date YYYY-MM-DD, got ${date}`);
    }
  });

  test("a run of another county than the office profile's exits 1", async () => {
    const kern = join(root, "kern");
    await mkdir(kern);
    await writeRunFolder(kern, rows, summaryFor(rows, "KERN"));
    const r = await cli([
      "documents",
      "--run",
      kern,
      "--office",
      OFFICE,
      "--out",
      join(root, "kern-docs"),
      "--date",
      "2024-06-01",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `county "KERN" (gogen.json), but office profile ${OFFICE} is for county "Sacramento"`,
    );
  });

  test("an unknown override key or determination exits 1 naming it", async () => {
    const unknownKey = join(root, "unknown-key.json");
    await writeFile(unknownKey, JSON.stringify({ "7:7": { determination: "Not eligible" } }));
    const r1 = await docs("ovr-1", "--overrides", unknownKey);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain(`overrides ${unknownKey}: key "7:7" matches no conviction`);
    const misspelt = join(root, "misspelt.json");
    await writeFile(misspelt, JSON.stringify({ "0:2": { determination: "Elegible for Dismisal" } }));
    const r2 = await docs("ovr-2", "--overrides", misspelt);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(
      /"0:2": determination "Elegible for Dismisal" is not one of "Eligible for Dismissal"/,
    );
  });

  test("a run in the pilot format exits 1 saying documents need the default format", async () => {
    const pilots = join(root, "pilots");
    await mkdir(pilots);
    await writeRunFolder(pilots, rows, summaryFor(rows));
    await rename(join(pilots, "gogen.json"), join(pilots, "gogen_pilots.json"));
    const r = await cli(["documents", "--run", pilots, "--office", OFFICE, "--out", join(root, "p-docs")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pilot format .*documents need a run in the default gogen format/);
  });

  test("a name the fonts cannot print, and a run with nothing to file, are warnings on stderr", async () => {
    const cjk = join(root, "cjk");
    await mkdir(cjk);
    const people = [{ ...rows[0]!, personId: "C1", name: "王,小明" }];
    await writeRunFolder(cjk, people, summaryFor(people));
    const r = await cli([
      "documents",
      "--run",
      cjk,
      "--office",
      OFFICE,
      "--out",
      join(root, "cjk-docs"),
      "--kind",
      "notices",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'clearance: warning: person C1 "王,小明": the standard PDF fonts cannot print',
    );
    expect(r.stderr).toContain("notices/x-c1-notice.pdf");
    const none = join(root, "none");
    await mkdir(none);
    const notFiled = rows.filter((x) => !x.determination.startsWith("Eligible"));
    await writeRunFolder(none, notFiled, summaryFor(notFiled));
    const r2 = await cli(["documents", "--run", none, "--office", OFFICE, "--out", join(root, "none-docs")]);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stderr).toMatch(
      /warning: no conviction .* qualifies for relief: the bulk motion and proposed order were not written/,
    );
    expect(await readdir(join(root, "none-docs"))).not.toContain("motion.pdf");
  });
});
