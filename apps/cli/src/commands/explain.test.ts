import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, fixtureRunArgs } from "../testing.ts";
import { formatExplanation, readPersonResults } from "./explain.ts";

let root: string;
let runDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "clearance-cli-explain-"));
  runDir = join(root, "run");
  const r = await cli([...fixtureRunArgs(runDir), "--quiet"]);
  expect(r.code).toBe(0);
}, 120_000);

describe("clearance explain", () => {
  it("prints each conviction with office and statute decisions, flags and both traces", async () => {
    const r = await cli(["explain", "--run", runDir, "--person", "17954908"]);
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
    const r = await cli(["explain", "--run", runDir, "--person", "17954908", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { line: number; statutoryRemedy: string }[];
    expect(list.map((c) => [c.line, c.statutoryRemedy])).toEqual([
      [9, "redesignate-infraction"],
      [11, "needs-review"],
    ]);
  }, 60_000);

  it("exits 1 with a clear message when the person is not in the run", async () => {
    const r = await cli(["explain", "--run", runDir, "--person", "99999999"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("person 99999999 not found in");
    expect(r.stderr).toContain("(18 conviction(s) read)");
  }, 60_000);

  it("exits 1 with a clear message when the run folder does not exist or is not a run", async () => {
    const missing = await cli(["explain", "--run", join(root, "nope"), "--person", "1"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`run folder ${join(root, "nope")} not found`);
    const notRun = await cli(["explain", "--run", root, "--person", "1"]);
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
