import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS, openStore, type ResultLine, type Store } from "./index.ts";

let dir: string;
let store: Store;

function line(i: number, over: Partial<ResultLine> = {}): ResultLine {
  return {
    personId: `P${Math.floor(i / 2)}`,
    name: i % 4 === 0 ? "ADAMS, ANN" : "BAKER, BOB",
    dob: "19800101",
    cii: `A${Math.floor(i / 2)}`,
    file: "in.csv",
    fileIndex: 1,
    line: i + 2,
    rowIndex: i,
    codeSection: i % 3 === 0 ? "11357(A) HS" : "11359 HS",
    parsed: { section: i % 3 === 0 ? "11357" : "11359" },
    county: "SACRAMENTO",
    convictionDate: "2010-01-01",
    level: i % 2 ? "F" : "M",
    caseNumbers: [`C${i}`],
    determination: i % 3 === 0 ? "Eligible for Dismissal" : "Eligible for Reduction",
    reason: i % 3 === 0 ? "Misdemeanor or Infraction" : "Reduce all HS 11359 convictions",
    trace: [{ rule: "misdemeanor", outcome: "fired", citation: "HS 11361.8(a)" }],
    flags: i === 5 ? ["bad-date"] : [],
    statuteFlags: i === 4 ? ["below-statute"] : [],
    ...over,
  };
}

function writeNdjson(n: number): string {
  const path = join(dir, "results.ndjson");
  writeFileSync(path, Array.from({ length: n }, (_, i) => JSON.stringify(line(i))).join("\n") + "\n");
  return path;
}

function newRun(id = "r1") {
  return store.createRun({
    id,
    createdBy: "tester",
    county: "SACRAMENTO",
    policy: { kind: "los-angeles" },
    computeAt: "2019-11-11",
    outDir: join(dir, id),
    inputs: [{ uploadId: "u1", name: "in.csv", path: join(dir, "in.csv"), bytes: 10 }],
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "clearance-store-"));
  store = openStore(join(dir, "db.sqlite"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("store", () => {
  it("uses WAL and migrates to the latest version", () => {
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("user_version", { simple: true })).toBe(3);
  });

  it("imports results in batches and pages, filters and sorts the review queue", async () => {
    newRun();
    expect(await store.importResults("r1", writeNdjson(25), 7)).toBe(25);
    expect(store.getRun("r1")?.convictionCount).toBe(25);

    const first = store.reviewPage("r1", { pageSize: 10 });
    expect(first.total).toBe(25);
    expect(first.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const last = store.reviewPage("r1", { pageSize: 10, page: 3 });
    expect(last.rows.map((r) => r.key)).toEqual(["1:22", "1:23", "1:24", "1:25", "1:26"]);

    const dismissals = store.reviewPage("r1", { determination: "Eligible for Dismissal" });
    expect(dismissals.total).toBe(9);
    expect(dismissals.rows.every((r) => r.section === "11357")).toBe(true);

    expect(store.reviewPage("r1", { flag: "below-statute" }).rows.map((r) => r.key)).toEqual(["1:6"]);
    expect(store.reviewPage("r1", { flag: "bad-date" }).rows.map((r) => r.key)).toEqual(["1:7"]);
    expect(store.reviewPage("r1", { flag: "bad-date", section: "11357" }).total).toBe(0);
    expect(
      store.reviewPage("r1", { flag: "below-statute", sort: "name", dir: "desc" }).rows.map((r) => r.key),
    ).toEqual(["1:6"]);
    expect(store.reviewPage("r1", { name: "adams" }).total).toBe(7);
    expect(store.reviewPage("r1", { name: "%" }).total).toBe(0);
    expect(store.reviewPage("r1", { name: "BAKER, BOB" }).total).toBe(18);
    expect(store.reviewPage("r1", { name: "BAKER, BOBBY" }).total).toBe(0);

    const desc = store.reviewPage("r1", { sort: "section", dir: "desc", pageSize: 1 });
    expect(desc.rows[0]?.section).toBe("11359");
    expect(desc.rows[0]?.line).toBe(25);

    expect(store.facets("r1")).toEqual({
      determinations: ["Eligible for Dismissal", "Eligible for Reduction"],
      reasons: ["Misdemeanor or Infraction", "Reduce all HS 11359 convictions"],
      sections: ["11357", "11359"],
      flags: ["bad-date", "below-statute"],
    });
  });

  it("records overrides with who, when, before, after and why, and audits them", async () => {
    let t = 0;
    store.close();
    store = openStore(join(dir, "db.sqlite"), { now: () => `2024-01-01T00:00:0${t++}Z` });
    newRun();
    await store.importResults("r1", writeNdjson(6));
    expect(() =>
      store.override("r1", "1:3", { who: "amy", determination: "Not eligible", why: "  " }),
    ).toThrow(/reason/);
    const o = store.override("r1", "1:3", {
      who: "amy",
      determination: "Not eligible",
      why: "Prior super strike",
    });
    expect(o).toMatchObject({
      key: "1:3",
      who: "amy",
      before: { determination: "Eligible for Reduction", reason: "Reduce all HS 11359 convictions" },
      after: { determination: "Not eligible", reason: "Reviewer override: Prior super strike" },
      why: "Prior super strike",
    });
    expect(store.override("r1", "9:9", { who: "amy", determination: "x", why: "y" })).toBeUndefined();
    expect(store.conviction("r1", "1:3")).toMatchObject({
      determination: "Not eligible",
      review: "overridden",
    });
    expect([...store.overriddenDecisions("r1")]).toEqual([
      ["1:3", { determination: "Not eligible", reason: "Reviewer override: Prior super strike" }],
    ]);
    const person = store.person("r1", "P0");
    expect(person?.convictions.map((c) => [c.key, c.ruleDetermination, c.determination])).toEqual([
      ["1:2", "Eligible for Dismissal", "Eligible for Dismissal"],
      ["1:3", "Eligible for Reduction", "Not eligible"],
    ]);
    expect(person?.convictions[0]?.trace[0]?.citation).toBe("HS 11361.8(a)");
    const log = store.auditLog("r1");
    expect(log.map((e) => e.kind)).toEqual(["override"]);
    expect(log[0]?.detail).toMatchObject({ key: "1:3", why: "Prior super strike" });
  });

  it("bulk-accepts a filtered set of pending convictions only", async () => {
    newRun();
    await store.importResults("r1", writeNdjson(12));
    expect(store.reviewPage("r1", { review: "accepted" }).total).toBe(0); // remembered, then invalidated
    store.override("r1", "1:2", { who: "amy", determination: "Hand Review", why: "check" });
    const n = store.bulkAccept("r1", { section: "11357" }, "amy");
    expect(n).toBe(3); // 4 with section 11357, one already overridden
    expect(store.reviewPage("r1", { review: "accepted" }).total).toBe(3);
    expect(store.charts("r1").byReview).toEqual([
      { review: "pending", count: 8 },
      { review: "accepted", count: 3 },
      { review: "overridden", count: 1 },
    ]);
    expect(store.auditLog("r1").at(-1)).toMatchObject({ kind: "bulk-accept", detail: { count: 3 } });
    // odd i are felonies (6); of those, i = 3 and 9 are 11357 dismissals and the rest reductions
    expect(store.charts("r1").felonies).toEqual({ total: 6, relieved: 6 });
    store.override("r1", "1:3", { who: "amy", determination: "Not eligible", why: "check" });
    expect(store.charts("r1").felonies).toEqual({ total: 6, relieved: 5 });
  });

  it("keeps runs and overrides across reopen, and marks in-flight runs interrupted", async () => {
    newRun("r1");
    await store.importResults("r1", writeNdjson(4));
    store.finishRun("r1", "done", { summary: { lineCount: 4 } });
    store.override("r1", "1:4", { who: "amy", determination: "Not eligible", why: "reason" });
    newRun("r2");
    store.close();
    store = openStore(join(dir, "db.sqlite"));
    expect(store.markInterrupted("server").map((r) => [r.id, r.status, r.error])).toEqual([
      ["r2", "interrupted", "the server stopped during the run"],
    ]);
    expect(store.auditLog("r2").map((e) => [e.kind, e.who])).toEqual([["run-interrupted", "server"]]);
    expect(store.markInterrupted("server")).toEqual([]);
    expect(
      store
        .listRuns()
        .map((r) => [r.id, r.status])
        .sort(),
    ).toEqual([
      ["r1", "done"],
      ["r2", "interrupted"],
    ]);
    expect(store.getRun("r1")?.summary).toEqual({ lineCount: 4 });
    expect(store.overrides("r1")).toHaveLength(1);
    expect(store.conviction("r1", "1:4")?.determination).toBe("Not eligible");
  });

  it("counts large filtered sets up to a cap and says so", async () => {
    newRun();
    await store.importResults("r1", writeNdjson(10_050), 2000);
    const all = store.reviewPage("r1", { pageSize: 1 });
    expect(all).toMatchObject({ total: 10_050, totalCapped: false });
    const pending = store.reviewPage("r1", { review: "pending", pageSize: 1 });
    expect(pending).toMatchObject({ total: 10_000, totalCapped: true });
    const few = store.reviewPage("r1", { determination: "Eligible for Dismissal" });
    expect(few).toMatchObject({ total: 3350, totalCapped: false });
  });

  it("migrates a version-1 database and keeps its flags", () => {
    const path = join(dir, "v1.sqlite");
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma("user_version = 1");
    old.exec(`INSERT INTO convictions (id, run_id, conv_key, person_id, name, file, file_index, line, row_index,
      code_section, section, county, conviction_date, level, case_numbers, flags, determination, reason)
      VALUES (7, 'r', '1:9', 'P', 'N', 'f', 1, 9, 7, '11357 HS', '11357', 'X', '', 'M', '[]', '["bad-date"]', '', '')`);
    old.exec("INSERT INTO conviction_flags (conviction_id, run_id, flag) VALUES (7, 'r', 'bad-date')");
    old.close();
    const migrated = openStore(path);
    try {
      expect(migrated.db.pragma("user_version", { simple: true })).toBe(3);
      expect(migrated.reviewPage("r", { flag: "bad-date" }).rows.map((r) => r.key)).toEqual(["1:9"]);
    } finally {
      migrated.close();
    }
  });
});
