/**
 * `clearance explain` on a real run: `clearance run` on the gogen fixture into a temp folder, then one
 * person's explanation; and the clear failures (no run folder, person not in the run).
 */
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { formatExplanation, readPersonResults } from "./explain.ts";

const exec = promisify(execFile);
const BIN = fileURLToPath(new URL("../../bin/clearance.js", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../../../../shared/fixtures/gogen/", import.meta.url));

let root: string;
let runDir: string;

async function clearance(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, [BIN, ...args]);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "clearance-cli-explain-"));
  runDir = join(root, "run");
  const r = await clearance([
    "run",
    "--input",
    join(FIXTURES, "configurable_flow_input.csv"),
    "--county",
    "SACRAMENTO",
    "--policy",
    join(FIXTURES, "configurable_flow_options.json"),
    "--compute-at",
    "2019-11-11",
    "--out",
    runDir,
    "--quiet",
  ]);
  expect(r.code).toBe(0);
}, 120_000);

describe("clearance explain", () => {
  it("prints each conviction with office and statute decisions, flags and both traces", async () => {
    const r = await clearance(["explain", "--run", runDir, "--person", "17954908"]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain("Person 17954908 — BIRD,BIG");
    expect(out).toContain("2 Prop 64 conviction(s) decided in this run");
    expect(out).toContain("1. 11357(C)HS, convicted 1979-06-01, felony, SACRAMENTO");
    expect(out).toContain("   Office:  Eligible for Dismissal — Dismiss all HS 11357 convictions");
    expect(out).toContain("   Statute: redesignate-infraction (H&S 11361.8(e); basis H&S 11357(a)(1))");
    expect(out).toContain("   Statute flags: beyond-statute");
    expect(out).toContain("2. 11359(C) HS, convicted 1985-11-01, felony");
    expect(out).toContain("   Missing facts: pc290-conviction-date");
    expect(out).toMatch(/ {3}Office trace:\n {5}\S+ +gogen\./);
    expect(out).toMatch(/ {3}Statute trace:\n {5}(fired|not-fired|unknown) +\S+ {2}H&S /);
    expect(out).toMatch(/fired +gogen\.dismiss-section/);
  }, 60_000);

  it("--json prints the person's results.ndjson objects", async () => {
    const r = await clearance(["explain", "--run", runDir, "--person", "17954908", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { line: number; statutoryRemedy: string }[];
    expect(list.map((c) => [c.line, c.statutoryRemedy])).toEqual([
      [9, "redesignate-infraction"],
      [11, "needs-review"],
    ]);
  }, 60_000);

  it("exits 1 with a clear message when the person is not in the run", async () => {
    const r = await clearance(["explain", "--run", runDir, "--person", "99999999"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("person 99999999 not found in");
    expect(r.stderr).toContain("(18 conviction(s) read)");
  }, 60_000);

  it("exits 1 with a clear message when the run folder does not exist or is not a run", async () => {
    const missing = await clearance(["explain", "--run", join(root, "nope"), "--person", "1"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`run folder ${join(root, "nope")} not found`);
    const notRun = await clearance(["explain", "--run", root, "--person", "1"]);
    expect(notRun.code).toBe(1);
    expect(notRun.stderr).toContain(`no results.ndjson in ${root}`);
  }, 60_000);

  it("reads only the person's lines and formats them without the CLI", async () => {
    const { convictions, lines } = await readPersonResults(runDir, "43322421");
    expect(lines).toBe(18);
    expect(convictions).toHaveLength(1);
    const text = formatExplanation("43322421", convictions);
    expect(text).toContain("Statute: recall-and-resentence (H&S 11361.8(a); basis H&S 11359(b))");
    expect(text).toContain("Statute flags: none (the office decision is within what the statute provides)");
  });
});
