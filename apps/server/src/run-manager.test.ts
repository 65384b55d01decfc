/**
 * The run manager with a real store (SQLite file in a temp folder) and the real pipeline: what a cancel
 * can still stop, what a shutdown records, and what a killed run's folder is left with.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBulk } from "@clearance/pipeline";
import { writeDojFile } from "@clearance/sources";
import { openStore, type Store } from "@clearance/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LiveState, RunManager, type StartRun, tidyInterruptedRun } from "./run-manager.ts";

const FIXTURES = fileURLToPath(new URL("../../../../shared/fixtures/gogen/", import.meta.url));
const INPUT = join(FIXTURES, "configurable_flow_input.csv");

let dir: string;
let store: Store;
let runs: RunManager;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "clearance-runs-"));
  store = openStore(join(dir, "db.sqlite"));
  runs = new RunManager(store, join(dir, "runs"), async () => runBulk);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function request(runId: string, path: string, name: string): StartRun {
  return {
    runId,
    who: "amy",
    county: "SACRAMENTO",
    computeAt: "2019-11-11",
    policy: { kind: "los-angeles" },
    inputs: [{ uploadId: "u1", name, path, bytes: readFileSync(path).length }],
  };
}

describe("RunManager", () => {
  it("refuses a cancel once the run is loading its finished results; the run ends done", async () => {
    const answers: string[] = [];
    await runs.start(request("r1", INPUT, "fixture.csv"));
    runs.subscribe("r1", (s: LiveState) => {
      if (s.status === "importing" && answers.length === 0) answers.push(runs.cancel("r1", "bob"));
    });
    await runs.settled("r1");
    expect(answers).toEqual(["too-late"]);
    expect(store.getRun("r1")?.status).toBe("done");
    expect(store.auditLog("r1").map((e) => e.kind)).toEqual(["run-started", "run-finished"]);
  });

  it("records a cancel once, by the person who asked, and names inputs by their upload name", async () => {
    const file = join(dir, "big.csv");
    await writeDojFile({ county: "SACRAMENTO", rows: 60_000, seed: 5, out: file });
    const answers: string[] = [];
    const files = new Set<string>();
    await runs.start(request("r2", file, "county-extract.csv"));
    runs.subscribe("r2", (s) => {
      if (s.file) files.add(s.file);
      if (s.rowsDone > 0 && answers.length < 2)
        answers.push(runs.cancel("r2", "bob"), runs.cancel("r2", "cy"));
    });
    await runs.settled("r2");
    expect(answers).toEqual(["cancelling", "already-cancelling"]);
    expect(runs.cancel("r2", "bob")).toBe("not-running");
    expect([...files]).toEqual(["county-extract.csv"]);
    expect(store.getRun("r2")).toMatchObject({ status: "cancelled", error: "cancelled" });
    expect(store.auditLog("r2").map((e) => [e.kind, e.who])).toEqual([
      ["run-started", "amy"],
      ["cancel-requested", "bob"],
      ["run-cancelled", "bob"],
    ]);
  });

  it("leaves a run the server stops during interrupted, not cancelled", async () => {
    const file = join(dir, "big.csv");
    await writeDojFile({ county: "SACRAMENTO", rows: 60_000, seed: 5, out: file });
    await runs.start(request("r3", file, "big.csv"));
    let stopping: Promise<void> | undefined;
    runs.subscribe("r3", (s) => {
      if (s.rowsDone > 0 && !stopping) stopping = runs.stopAll();
    });
    await runs.settled("r3");
    await stopping;
    expect(store.getRun("r3")).toMatchObject({
      status: "interrupted",
      error: "the server stopped during the run",
    });
    expect(store.auditLog("r3").map((e) => e.kind)).toEqual(["run-started", "run-interrupted"]);
    expect(existsSync(join(dir, "runs", "r3", "All_Results.csv.partial"))).toBe(false);
  });
});

describe("tidyInterruptedRun", () => {
  it("removes a killed run's unfinished outputs and lock, and keeps its finished files", async () => {
    const out = join(dir, "runs", "r4");
    mkdirSync(out, { recursive: true });
    for (const f of [
      "All_Results.csv.partial",
      "results.ndjson.partial",
      ".clearance-run.lock",
      "gogen.json",
    ])
      writeFileSync(join(out, f), "x");
    expect(await tidyInterruptedRun(out)).toEqual([
      ".clearance-run.lock",
      "All_Results.csv.partial",
      "results.ndjson.partial",
    ]);
    expect(existsSync(join(out, "gogen.json"))).toBe(true);
    expect(existsSync(join(out, ".clearance-run.lock"))).toBe(false);
    expect(await tidyInterruptedRun(join(dir, "missing"))).toEqual([]);
  });
});
