/**
 * The bulk use case on the original tool's fixtures (../shared/fixtures/gogen, gogen-behaviour.md §6):
 * outputs cell for cell, summary figures, header handling, rejects and strict mode, several inputs.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./policy-spec.ts";
import { runBulk, StrictRejectError } from "./run-bulk.ts";
import { parseCsv, shared, tempDir } from "./test/helpers.ts";

const fixture = (name: string) => shared(`fixtures/gogen/${name}`);
const OPTIONS = fixture("configurable_flow_options.json");

async function run(inputs: string[], extra: Partial<Parameters<typeof runBulk>[0]> = {}) {
  const out = join(await tempDir(), "out");
  const report = await runBulk({
    inputs,
    county: "SACRAMENTO",
    policy: OPTIONS,
    computeAt: "2019-11-11",
    outDir: out,
    ...extra,
  });
  return { out, report };
}

describe("configurable flow fixture (county SACRAMENTO, compute-at 2019-11-11)", () => {
  it("reproduces the expected full, condensed and Prop 64 CSVs cell for cell and byte for byte", async () => {
    const { out } = await run([fixture("configurable_flow_input.csv")]);
    for (const [mine, theirs] of [
      ["All_Results.csv", "configurable_flow_expected_full.csv"],
      ["All_Results_Condensed.csv", "configurable_flow_expected_condensed.csv"],
      ["Prop64_Results.csv", "configurable_flow_expected_prop64.csv"],
    ] as const) {
      const a = await readFile(join(out, mine), "utf8");
      const e = await readFile(fixture(theirs), "utf8");
      expect(parseCsv(a)).toEqual(parseCsv(e));
      expect(a).toBe(e);
    }
  });

  it("writes the summary figures of §5.4 (7-year figure measured from compute-at)", async () => {
    const { out } = await run([fixture("configurable_flow_input.csv")]);
    const s = JSON.parse(await readFile(join(out, "gogen.json"), "utf8"));
    expect(s).toMatchObject({
      county: "SACRAMENTO",
      earliestConviction: "1979-06-01T00:00:00Z",
      lineCount: 38,
      reliefWithCurrentEligibilityChoices: {
        CountSubjectsNoConviction: 4,
        CountSubjectsNoConvictionLast7Years: 2,
        CountSubjectsNoFelony: 5,
      },
      reliefWithDismissAllProp64: {
        CountSubjectsNoConviction: 4,
        CountSubjectsNoConvictionLast7Years: 2,
        CountSubjectsNoFelony: 5,
      },
      prop64ConvictionsCountInCountyByCodeSection: { "11357": 3, "11358": 7, "11359": 8 },
      subjectsWithProp64ConvictionCountInCounty: 12,
      prop64FelonyConvictionsCountInCounty: 15,
      prop64NonFelonyConvictionsCountInCounty: 3,
      subjectsWithSomeReliefCount: 12,
      convictionDismissalCountByCodeSection: { "11357": 2, "11358": 6 },
      convictionReductionCountByCodeSection: { "11359": 1, "11360": 0 },
      convictionDismissalCountByAdditionalRelief: {
        "21 years or younger": 1,
        "57 years or older": 2,
        "Conviction occurred 10 or more years ago": 1,
        "Individual is deceased": 1,
        "Only has 11357-60 charges": 1,
      },
    });
    expect(Object.keys(s)).toEqual([
      "county",
      "earliestConviction",
      "lineCount",
      "processingTimeInSeconds",
      "reliefWithCurrentEligibilityChoices",
      "reliefWithDismissAllProp64",
      "prop64ConvictionsCountInCountyByCodeSection",
      "subjectsWithProp64ConvictionCountInCounty",
      "prop64FelonyConvictionsCountInCounty",
      "prop64NonFelonyConvictionsCountInCounty",
      "subjectsWithSomeReliefCount",
      "convictionDismissalCountByCodeSection",
      "convictionReductionCountByCodeSection",
      "convictionDismissalCountByAdditionalRelief",
    ]);
  });

  it("removes an earlier run's rejects.csv from the folder when this run rejects nothing", async () => {
    const { out } = await run([fixture("bad.csv")]);
    expect(await readdir(out)).toContain("rejects.csv");
    await runBulk({
      inputs: [fixture("configurable_flow_input.csv")],
      county: "SACRAMENTO",
      policy: OPTIONS,
      computeAt: "2019-11-11",
      outDir: out,
    });
    expect(await readdir(out)).not.toContain("rejects.csv");
  });

  it("records the SHA-256 and size of every input and output in manifest.json", async () => {
    const { createHash } = await import("node:crypto");
    const { out } = await run([fixture("configurable_flow_input.csv")]);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    const sha = async (f: string) =>
      createHash("sha256")
        .update(await readFile(f))
        .digest("hex");
    expect(manifest.inputs[0].sha256).toBe(await sha(fixture("configurable_flow_input.csv")));
    expect(manifest.outputs.length).toBeGreaterThanOrEqual(6);
    for (const o of manifest.outputs) {
      const bytes = await readFile(join(out, o.file));
      expect(o.bytes).toBe(bytes.length);
      expect(o.sha256).toBe(await sha(join(out, o.file)));
    }
    expect(manifest).toMatchObject({
      computeAt: "2019-11-11",
      county: "SACRAMENTO",
      rows: [{ read: 38, used: 38, rejected: 0 }],
    });
  });

  it("writes results.ndjson with one object per relevant conviction and its source line", async () => {
    const { out } = await run([fixture("configurable_flow_input.csv")]);
    const lines = (await readFile(join(out, "results.ndjson"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(18);
    const row5 = lines.find((r) => r.rowIndex === 5);
    expect(row5).toMatchObject({
      personId: "18675309",
      file: fixture("configurable_flow_input.csv"),
      line: 7, // header is line 1, data row 0 is line 2
      codeSection: "11358 HS",
      parsed: { code: "HS", section: "11358", attempt: false },
      determination: "Eligible for Dismissal",
      reason: "Dismiss all HS 11358 convictions",
      caseNumbers: ["NULL  ", "140192", "140193"],
      flags: [],
    });
    expect(row5.trace.at(-1)).toMatchObject({ rule: "gogen.dismiss-section", outcome: "fired" });
  });

  it("the same file twice: indexed names, every count doubled, earliest unchanged", async () => {
    const f = fixture("configurable_flow_input.csv");
    const { out, report } = await run([f, f]);
    const names = await readdir(out);
    for (const n of [
      "All_Results_1.csv",
      "All_Results_2.csv",
      "All_Results_Condensed_1.csv",
      "Prop64_Results_2.csv",
      "gogen.json",
    ])
      expect(names).toContain(n);
    const s = JSON.parse(await readFile(join(out, "gogen.json"), "utf8"));
    expect(s.lineCount).toBe(76);
    expect(s.earliestConviction).toBe("1979-06-01T00:00:00Z");
    expect(s.reliefWithCurrentEligibilityChoices).toEqual({
      CountSubjectsNoConviction: 8,
      CountSubjectsNoConvictionLast7Years: 4,
      CountSubjectsNoFelony: 10,
    });
    expect(s.prop64ConvictionsCountInCountyByCodeSection).toEqual({ "11357": 6, "11358": 14, "11359": 16 });
    expect(s.convictionReductionCountByCodeSection).toEqual({ "11359": 2, "11360": 0 });
    expect(report.rows).toEqual({ read: 76, used: 76, rejected: 0 });
  });
});

describe("Los Angeles flow fixture (compute-at 2019-11-11, age 50, 10 years)", () => {
  it("reproduces the expected pilots CSVs byte for byte and the report's figures", async () => {
    const { out } = await run([fixture("los_angeles_input.csv")], {
      county: "LOS ANGELES",
      policy: "los-angeles",
      format: "gogen-pilots",
    });
    const dir = join(out, "DOJ_Input_File_1_Results");
    expect(await readFile(join(dir, "doj_results_1.csv"), "utf8")).toBe(
      await readFile(fixture("los_angeles_expected_full.csv"), "utf8"),
    );
    expect(await readFile(join(dir, "doj_results_condensed_1.csv"), "utf8")).toBe(
      await readFile(fixture("los_angeles_expected_condensed.csv"), "utf8"),
    );
    expect(await readFile(join(dir, "doj_results_convictions_1.csv"), "utf8")).toBe(
      await readFile(fixture("los_angeles_expected_prop64.csv"), "utf8"),
    );
    const report = await readFile(join(dir, "gogen_pilots_1.out"), "utf8");
    expect(report).toContain("Found 35 Total rows in DOJ file");
    expect(report).toContain("Found 5 convictions with eligibility reason 50 years or older");
    expect(report).toContain("Found 1 466 PC convictions in this county");
    // Measured from compute-at 2019-11-11, the figures the original's tests asserted in 2019 (5 / 0 / 3 / 3).
    expect(report).toContain("5 individuals currently have convictions on their record in the last 7 years");
    const s = JSON.parse(await readFile(join(out, "gogen_pilots.json"), "utf8"));
    expect(s).toMatchObject({
      county: "LOS ANGELES",
      individualDismissAge: 50,
      yearsConvictionFree: 10,
      lineCount: 35,
    });
    expect(s.convictionDismissalCountByAdditionalRelief).toEqual({
      "11357(a) or 11357(b)": 1,
      "21 years or younger": 1,
      "50 years or older": 5,
      "Only has 11357-60 charges and completed sentence": 1,
    });
  });

  it("--la-age 40 changes the age criterion (pilots top-level spec)", async () => {
    const { out } = await run([fixture("los_angeles_input.csv")], {
      county: "LOS ANGELES",
      policy: "los-angeles",
      format: "gogen-pilots",
      laAge: 40,
    });
    const s = JSON.parse(await readFile(join(out, "gogen_pilots.json"), "utf8"));
    expect(s.individualDismissAge).toBe(40);
    expect(s.convictionDismissalCountByAdditionalRelief).toEqual({
      "11357(a) or 11357(b)": 1,
      "21 years or younger": 1,
      "40 years or older": 6,
      "Only has 11357-60 charges and completed sentence": 1,
    });
  });
});

describe("input handling", () => {
  it("runs no_headers.csv and extra_comma.csv (CRLF, header with an extra comma) with 38 rows each, same results", async () => {
    const a = await run([fixture("no_headers.csv")], { county: "SAN JOAQUIN" });
    const b = await run([fixture("extra_comma.csv")], { county: "SAN JOAQUIN" });
    for (const r of [a, b]) {
      const s = JSON.parse(await readFile(join(r.out, "gogen.json"), "utf8"));
      expect(s.lineCount).toBe(38);
      expect(s.prop64ConvictionsCountInCountyByCodeSection).toEqual({ "11357": 3, "11358": 8, "11359": 4 });
      expect(s.convictionDismissalCountByAdditionalRelief).toEqual({
        "21 years or younger": 1,
        "Conviction occurred 10 or more years ago": 1,
      });
      expect(r.report.rows).toEqual({ read: 38, used: 38, rejected: 0 });
    }
    expect(await readFile(join(a.out, "All_Results.csv"), "utf8")).toBe(
      await readFile(join(b.out, "All_Results.csv"), "utf8"),
    );
  });

  it("bad.csv (94 fields a row): every row in rejects.csv with line and reason, counts add up", async () => {
    const { out, report } = await run([fixture("bad.csv")]);
    const rejects = parseCsv(await readFile(join(out, "rejects.csv"), "utf8"));
    expect(rejects[0]).toEqual(["file", "line", "end_line", "reason", "raw"]);
    expect(rejects).toHaveLength(1 + 37);
    expect(rejects[1]!.slice(0, 4)).toEqual([
      fixture("bad.csv"),
      "2",
      "2",
      "wrong number of fields: 94, expected 95",
    ]);
    expect(report.rows).toEqual({ read: 37, used: 0, rejected: 37 });
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(manifest.rows[0]).toMatchObject({ read: 37, used: 0, rejected: 37 });
  });

  it("--strict refuses a file with rejected rows, naming file and line", async () => {
    const err = await run([fixture("bad.csv")], { strict: true }).catch((e) => e);
    expect(err).toBeInstanceOf(StrictRejectError);
    expect(err.message).toContain(`${fixture("bad.csv")}, line 2: wrong number of fields: 94, expected 95`);
  });

  it("keeps going past broken quoting and reports it; good rows around it are used", async () => {
    const dir = await tempDir();
    const lines = (await readFile(fixture("configurable_flow_input.csv"), "utf8")).split("\n");
    // Line 4 gets a bare quote in an unquoted field; line 5 a quoted field followed by text.
    lines[3] = lines[3]!.replace("ARREST/DETAINED/CITED", 'ARREST/DE"TAINED');
    lines[4] = lines[4]!.replace("DECEASED", '"DECEASED"X');
    const input = join(dir, "broken.csv");
    await writeFile(input, lines.join("\n"));
    const { out, report } = await run([input]);
    expect(report.rows).toEqual({ read: 38, used: 36, rejected: 2 });
    const rejects = parseCsv(await readFile(join(out, "rejects.csv"), "utf8"));
    expect(rejects.slice(1).map((r) => [r[1], r[3]])).toEqual([
      ["4", 'bare " in unquoted field 43'],
      ["5", 'text after a closing quote in field 43 (extraneous or missing ")'],
    ]);
  });

  it("several sentence rows: the policy adds them (the original's rule), the statute takes the longest part", async () => {
    const dir = await tempDir();
    const rows = parseCsv(await readFile(fixture("configurable_flow_input.csv"), "utf8"));
    // REN's 11359 felony of 2015-02-14 carries 5 Y; a second sentence row of the same count adds 5 Y more.
    const ren = rows.findIndex((r) => r[12] === "REN,KYLO" && r[54]?.startsWith("11359"));
    rows.splice(ren + 1, 0, [...rows[ren]!]);
    const input = join(dir, "sentences.csv");
    const esc = (f: string) => (/[,"\n]/.test(f) || /^\s/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
    await writeFile(input, rows.map((r) => r.map(esc).join(",")).join("\n"));
    const { out } = await run([input], { policy: "los-angeles", computeAt: "2021-01-01" });
    const results = (await readFile(join(out, "results.ndjson"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const r = results.find((x) => x.name === "REN,KYLO" && x.codeSection.startsWith("11359"));
    // Sum: 2015-02-14 + 10 × 366 days runs to 2025, so the LA criteria see a sentence still being served.
    expect(r).toMatchObject({ determination: "Hand Review", reason: "Currently serving sentence" });
    // Longest part: 5 × 366 days ends in 2020, before compute-at: not a recall-and-resentence case.
    expect(r.statutoryRemedy).not.toBe("recall-and-resentence");
  });

  it("never crashes on short CNT_ORDER values", async () => {
    const dir = await tempDir();
    const rows = parseCsv(await readFile(fixture("configurable_flow_input.csv"), "utf8"));
    rows[6]![50] = "1"; // a court row with an OFN
    rows[8]![50] = ""; // a conviction: blank, so rejected (deviations.md #17), not merged
    const input = join(dir, "short.csv");
    await writeFile(
      input,
      rows
        .map((r) => r.map((f) => (/[,"\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(","))
        .join("\n"),
    );
    const { report } = await run([input]);
    expect(report.rows).toEqual({ read: 38, used: 37, rejected: 1 });
  });

  it("rejects bad options and a bad compute-at with clear messages", async () => {
    const dir = await tempDir();
    const bad = join(dir, "opts.json");
    await writeFile(
      bad,
      JSON.stringify({
        baselineEligibility: { dismiss: ["11357(a)"] },
        additionalRelief: { subjectAgeThreshold: 30 },
      }),
    );
    const e1 = await run([fixture("configurable_flow_input.csv")], { policy: bad }).catch((e) => e);
    expect(e1).toBeInstanceOf(ConfigError);
    expect(e1.message).toContain('baselineEligibility.dismiss[0]: unknown section "11357(a)"');
    expect(e1.message).toContain("SubjectAgeThreshold should be between 40 and 65, or 0");
    const e2 = await run([fixture("configurable_flow_input.csv")], { computeAt: "2019-02-30" }).catch(
      (e) => e,
    );
    expect(e2.message).toContain("Must be a valid date in the format YYYY-MM-DD");
    const e3 = await run([join(dir, "missing.csv")]).catch((e) => e);
    expect(e3.message).toMatch(/cannot read input .*missing\.csv: ENOENT/);
  });

  it("sends a conviction with an unreadable disposition date to Hand Review naming the field and value", async () => {
    const dir = await tempDir();
    const rows = parseCsv(await readFile(fixture("configurable_flow_input.csv"), "utf8"));
    rows[35]![40] = "2012070"; // PALPATINE's 11359 felony, decided by "21 years or younger" in the fixture
    const input = join(dir, "dates.csv");
    await writeFile(
      input,
      rows
        .map((r) => r.map((f) => (/[,"\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(","))
        .join("\n"),
    );
    const { out } = await run([input]);
    const results = (await readFile(join(out, "results.ndjson"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const palpatine = results.find((r) => r.rowIndex === 34);
    expect(palpatine).toMatchObject({
      determination: "Hand Review",
      reason: 'Unreadable date: STP_EVENT_DATE "2012070"',
      convictionDate: null,
      flags: ["bad-date"],
    });
  });
});

describe("inputs among the outputs", () => {
  it("refuses, before writing anything, an input the run would replace (also a later input, named like an earlier one's output)", async () => {
    const dir = await tempDir();
    const out = join(dir, "out");
    const original = await readFile(fixture("configurable_flow_input.csv"));
    await mkdir(out);
    for (const [inputs, name] of [
      [["All_Results.csv"], "All_Results.csv"],
      [["All_Results_2.csv", "All_Results_1.csv"], "All_Results_2.csv"],
      [["results.ndjson"], "results.ndjson"],
    ] as const) {
      for (const f of inputs) await writeFile(join(out, f), original);
      const error = await runBulk({
        inputs: inputs.map((f) => join(out, f)),
        county: "SACRAMENTO",
        policy: OPTIONS,
        computeAt: "2019-11-11",
        outDir: out,
      }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(`(${name}), so the run would replace it`);
      for (const f of inputs) expect(await readFile(join(out, f))).toEqual(original);
      expect((await readdir(out)).sort()).toEqual([...inputs].sort());
      for (const f of inputs) await rm(join(out, f));
    }
  });

  it("runs an input kept in the output folder under a name the run does not write", async () => {
    const dir = await tempDir();
    const out = join(dir, "out");
    await mkdir(out);
    await writeFile(join(out, "doj.csv"), await readFile(fixture("configurable_flow_input.csv")));
    const { report } = await run([join(out, "doj.csv")], { outDir: out });
    expect(report.rows).toMatchObject({ read: 38, used: 38, rejected: 0 });
  });

  it("refuses a --suffix that is not a plain part of a file name", async () => {
    for (const suffix of ["x/../../escape", "..", "a b"]) {
      const error = await run([fixture("configurable_flow_input.csv")], { suffix }).catch((e: unknown) => e);
      expect(error, suffix).toBeInstanceOf(ConfigError);
    }
  });
});
