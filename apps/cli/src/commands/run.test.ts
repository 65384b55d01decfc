import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { writeDojFile } from "@clearance/sources";
import { describe, expect, it } from "vitest";
import { BIN, cli, fixtureRunArgs, shared } from "../testing.ts";

const fixtureArgs = fixtureRunArgs;

describe("clearance run", () => {
  it("writes the bundle, prints a summary and exits 0", async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-")), "out");
    const r = await cli(fixtureArgs(out));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rows read 38, used 38, rejected 0");
    expect(r.stdout).toContain("Prop 64 convictions decided: 18");
    expect(await readFile(path.join(out, "All_Results.csv"), "utf8")).toBe(
      await readFile(shared("fixtures/gogen/configurable_flow_expected_full.csv"), "utf8"),
    );
  });

  it("warns (stderr, even with -q, and summary.json) when no conviction is in the county asked for", async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-")), "out");
    const args = fixtureArgs(out);
    args[args.indexOf("--county") + 1] = "sacramento";
    const r = await cli([...args, "-q"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^clearance: warning: .*configurable_flow_input\.csv: none of its \d+ convictions is in county "sacramento" .*Did you mean "SACRAMENTO"\? Counties of its convictions: "SACRAMENTO" \(\d+\)/m,
    );
    const summary = JSON.parse(await readFile(path.join(out, "summary.json"), "utf8"));
    expect(summary.relevantConvictions).toBe(0);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toContain('Did you mean "SACRAMENTO"?');
    // The run as meant has no warning.
    const good = path.join(path.dirname(out), "good");
    const ok = await cli(fixtureArgs(good));
    expect(ok.stderr).not.toContain("warning");
    expect(JSON.parse(await readFile(path.join(good, "summary.json"), "utf8")).warnings).toEqual([]);
  });

  it("warns about an options file's misspelt key, deciding as the original did (it ignored the key)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-"));
    const options = JSON.parse(
      await readFile(shared("fixtures/gogen/configurable_flow_options.json"), "utf8"),
    );
    options.additionalRelief.subjectAgeTreshold = 50; // a slip for subjectAgeThreshold
    const file = path.join(dir, "options.json");
    await writeFile(file, JSON.stringify(options));
    const args = fixtureArgs(path.join(dir, "out"));
    args[args.indexOf("--policy") + 1] = file;
    const r = await cli([...args, "-q"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^clearance: warning: policy .*options\.json: additionalRelief\.subjectAgeTreshold: not an option, ignored/m,
    );
    const summary = JSON.parse(await readFile(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.warnings).toEqual([expect.stringContaining("subjectAgeTreshold: not an option")]);
    expect(await readFile(path.join(dir, "out", "All_Results.csv"), "utf8")).toBe(
      await readFile(shared("fixtures/gogen/configurable_flow_expected_full.csv"), "utf8"),
    );
  });

  it("warns when a file has no data rows (here: a header line only)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-"));
    const headerOnly = path.join(dir, "header-only.csv");
    const fixture = await readFile(shared("fixtures/gogen/configurable_flow_input.csv"), "utf8");
    await writeFile(headerOnly, `${fixture.split("\n")[0]}\n`);
    const args = fixtureArgs(path.join(dir, "out"));
    args[args.indexOf("--input") + 1] = headerOnly;
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rows read 0, used 0, rejected 0");
    expect(r.stderr).toContain(
      `clearance: warning: ${headerOnly}: no data rows (the file is empty or holds only a header line), so nothing was decided.`,
    );
  });

  it("warns when every row of a file is rejected (not a DOJ file)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-"));
    const notDoj = path.join(dir, "notes.txt");
    await writeFile(notDoj, "Dear colleague,\nplease find attached the list.\n");
    const args = fixtureArgs(path.join(dir, "out"));
    args[args.indexOf("--input") + 1] = notDoj;
    const r = await cli([...args, "-q"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `clearance: warning: ${notDoj}: every one of its 2 rows was rejected (see rejects.csv), so nothing was decided. Is it a DOJ research file (95 columns, comma-separated)?\n`,
    );
  });

  it("exits 2 under --strict when rows are rejected, naming file and line", async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-")), "out");
    const r = await cli([...fixtureArgs(out, "bad.csv"), "--strict"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.csv, line 2: wrong number of fields: 94, expected 95");
    expect(await readFile(path.join(out, "rejects.csv"), "utf8")).toContain("wrong number of fields");
  });

  it("without --strict keeps going and reports the rejects (exit 0)", async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-")), "out");
    const r = await cli(fixtureArgs(out, "bad.csv"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("37 row(s) rejected");
  });

  it("exits 1 with a clear message for bad configuration", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-"));
    const opts = path.join(dir, "opts.json");
    await writeFile(
      opts,
      '{"baselineEligibility":{"dismiss":["11357(a)"]},"additionalRelief":{"yearsCrimeFreeThreshold":20}}',
    );
    const args = fixtureArgs(path.join(dir, "out"));
    args[args.indexOf("--policy") + 1] = opts;
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('baselineEligibility.dismiss[0]: unknown section "11357(a)"');
    expect(r.stderr).toContain("YearsCrimeFreeThreshold should be between 1 and 15, or 0");
    const bad = await cli([
      ...fixtureArgs(path.join(dir, "out2")).slice(0, -4),
      "--compute-at",
      "2019-13-01",
      "--out",
      path.join(dir, "o"),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Must be a valid date in the format YYYY-MM-DD");
    const missing = await cli(["run", "--county", "X", "--policy", "los-angeles", "--out", dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--input");
  });

  it("rejects bad Los Angeles criteria, and criteria without --policy los-angeles, naming the option (exit 1)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-run-"));
    const la = (flags: string[], policy = "los-angeles") => {
      const args = fixtureArgs(path.join(dir, "out"));
      args[args.indexOf("--policy") + 1] = policy;
      return cli([...args, ...flags]);
    };
    for (const [flags, message] of [
      [["--la-age", "abc"], '--la-age must be a whole number from 40 to 65 (default 50), got "abc"'],
      [["--la-age", "0"], '--la-age must be a whole number from 40 to 65 (default 50), got "0"'],
      [["--la-age", "12abc"], '--la-age must be a whole number from 40 to 65 (default 50), got "12abc"'],
      [["--la-years", "-3"], '--la-years must be a whole number from 1 to 15 (default 10), got "-3"'],
    ] as const) {
      const r = await la([...flags]);
      expect(r.code, flags.join(" ")).toBe(1);
      expect(r.stderr).toContain(message);
    }
    const other = await la(["--la-age", "45"], "statute");
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("--la-age and --la-years go with --policy los-angeles");
  });

  it.each([
    ["SIGINT", "Ctrl-C", 130],
    ["SIGTERM", "SIGTERM", 143],
  ] as const)(
    "stops cleanly on %s: a message, exit 128 + the signal, and no unfinished file left",
    async (signal, how, code) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-"));
      const input = path.join(dir, "doj.csv");
      await writeDojFile({ county: "LOS ANGELES", rows: 300_000, seed: 3, out: input });
      const out = path.join(dir, "out");
      const policy = fileURLToPath(
        new URL("../../../../examples/policies/bear-default.json", import.meta.url),
      );
      const child = spawn(process.execPath, [
        BIN,
        "run",
        "--input",
        input,
        "--county",
        "LOS ANGELES",
        "--policy",
        policy,
        "--compute-at",
        "2025-01-01",
        "--out",
        out,
        "-q",
      ]);
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      // Once the run has begun writing (its first unfinished file is there), send the signal.
      while (!(await readdir(out).catch(() => [] as string[])).some((n) => n.endsWith(".partial")))
        await sleep(10);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(stderr).toContain(`clearance: ${how}: stopping (${how} again to stop at once)`);
      expect(stderr).toMatch(/stopped: the files this run had not finished were removed/);
      expect(await readdir(out)).toEqual([]);
    },
  );

  it("prints help with every option and exits 0", async () => {
    const r = await cli(["run", "--help"]);
    expect(r.code).toBe(0);
    for (const o of [
      "--input",
      "--county",
      "--policy",
      "--compute-at",
      "--out",
      "--format",
      "--strict",
      "--quiet",
    ])
      expect(r.stdout).toContain(o);
  });
});
