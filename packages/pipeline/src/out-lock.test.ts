/**
 * One run at a time in an output folder (out-lock.ts): a second run refuses rather than removing the
 * first's unfinished files; a lock left by a process that no longer runs is taken over; a lock from
 * another machine is respected, and the message says how to clear it.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCK_NAME, removeLeftovers } from "./out-lock.ts";
import { ConfigError } from "./policy-spec.ts";
import { type RunOptions, runBulk } from "./run-bulk.ts";
import { shared, tempDir } from "./test/helpers.ts";

const options = (outDir: string): RunOptions => ({
  inputs: [shared("fixtures/gogen/configurable_flow_input.csv")],
  county: "SACRAMENTO",
  policy: shared("fixtures/gogen/configurable_flow_options.json"),
  computeAt: "2019-11-11",
  outDir,
});

describe("the output folder's lock", () => {
  it("lets one of two runs into the same folder write, refuses the other, and is gone afterwards", async () => {
    const out = join(await tempDir(), "out");
    const results = await Promise.allSettled([runBulk(options(out)), runBulk(options(out))]);
    const done = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ConfigError);
    expect(refused[0]!.message).toBe(
      `${out} is being written by another run (process ${process.pid}): wait for it to finish or choose ` +
        `another --out folder (if no run is writing there, remove ${join(out, LOCK_NAME)})`,
    );
    const files = await readdir(out);
    expect(files).not.toContain(LOCK_NAME);
    expect(files).toEqual(expect.arrayContaining(["All_Results.csv", "gogen.json", "manifest.json"]));
    expect(files.filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const out = join(await tempDir(), "out");
    await mkdir(out);
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    const { hostname } = await import("node:os");
    await writeFile(join(out, LOCK_NAME), JSON.stringify({ pid: Number(gone.stdout), host: hostname() }));
    await writeFile(join(out, "All_Results.csv.partial"), "left by the killed run");
    const report = await runBulk(options(out));
    expect(report.rows.used).toBe(38);
    const files = await readdir(out);
    expect(files).not.toContain(LOCK_NAME);
    expect(files).not.toContain("All_Results.csv.partial");
  });

  it("respects a lock from another machine (a shared folder) and says how to clear it", async () => {
    const out = join(await tempDir(), "out");
    await mkdir(out);
    await writeFile(join(out, LOCK_NAME), JSON.stringify({ pid: 4242, host: "another-machine" }));
    await expect(runBulk(options(out))).rejects.toThrow(
      `${out} is being written by another run (process 4242 on another-machine): wait for it to finish or ` +
        `choose another --out folder (if no run is writing there, remove ${join(out, LOCK_NAME)})`,
    );
    expect(await readdir(out)).toEqual([LOCK_NAME]);
  });
});

describe("removeLeftovers", () => {
  it("removes .partial files and a lock no running process here holds; keeps a live lock, another machine's, and finished files", async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid!;
    const write = (f: string, text = "x") => writeFile(join(dir, f), text);
    await write("All_Results.csv.partial");
    await write("gogen.json");
    await write(LOCK_NAME, JSON.stringify({ pid: dead, host: hostname() }));
    expect(await removeLeftovers(dir)).toEqual([LOCK_NAME, "All_Results.csv.partial"]);
    expect(await readdir(dir)).toEqual(["gogen.json"]);
    for (const holder of [
      { pid: process.pid, host: hostname() },
      { pid: dead, host: "another-machine" },
    ]) {
      await write(LOCK_NAME, JSON.stringify(holder));
      expect(await removeLeftovers(dir)).toEqual([]);
    }
    expect(await removeLeftovers(join(dir, "missing"))).toEqual([]);
  });
});
