import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitError } from "../boundary.ts";
import { cli } from "../testing.ts";
import { parseCounty, parseRows, parseSeed } from "./generate.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-generate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("option parsing", () => {
  it("accepts positive integer rows and integer seeds", () => {
    expect(parseRows("1000000")).toBe(1_000_000);
    expect(parseRows(" 7 ")).toBe(7);
    expect(parseSeed("-42")).toBe(-42);
    expect(parseSeed("0")).toBe(0);
    expect(parseCounty(" los angeles ")).toBe("LOS ANGELES");
  });

  it("rejects anything else with a usage error (exit 1)", () => {
    for (const bad of ["0", "-3", "1.5", "1e3", "", "ten", "99999999999999999999"]) {
      expect(() => parseRows(bad)).toThrow(ExitError);
    }
    for (const bad of ["1.5", "", "x", "99999999999999999999"])
      expect(() => parseSeed(bad)).toThrow(/--seed/);
    expect(() => parseCounty("   ")).toThrow(/--county/);
    try {
      parseRows("0");
    } catch (err) {
      expect((err as ExitError).code).toBe(1);
    }
  });
});

describe("clearance generate", () => {
  it("writes the file, reports the actual row count and is reproducible", async () => {
    const a = path.join(dir, "a.csv");
    const b = path.join(dir, "b.csv");
    const [first, second] = await Promise.all([
      cli(["generate", "--county", "yolo", "--rows", "500", "--seed", "9", "--out", a]),
      cli(["generate", "-c", "YOLO", "-n", "500", "-s", "9", "-o", b, "--quiet"]),
    ]);
    expect(first.code).toBe(0);
    const m = /^wrote (\d+) rows \((\d+) persons/.exec(first.stdout);
    expect(m).not.toBeNull();
    const text = await readFile(a, "utf8");
    const lines = text.split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.length - 2).toBe(Number(m?.[1]));
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(500);
    expect(text).toContain(",YOLO,");
    expect(second.code).toBe(0);
    expect(second.stdout).toBe("");
    const hash = (t: Buffer) => createHash("sha256").update(t).digest("hex");
    expect(hash(await readFile(b))).toBe(hash(await readFile(a)));
  });

  it("exits 1 with a clear message on bad options or a missing folder, writing nothing", async () => {
    const sub = await mkdtemp(path.join(dir, "bad-"));
    const out = path.join(sub, "x.csv");
    const [rows, seed, county, folder] = await Promise.all([
      cli(["generate", "--county", "YOLO", "--rows", "0", "--out", out]),
      cli(["generate", "--county", "YOLO", "--rows", "5", "--seed", "x", "--out", out]),
      cli(["generate", "--county", " ", "--rows", "5", "--out", out]),
      cli(["generate", "--county", "YOLO", "--rows", "5", "--out", path.join(sub, "no", "x.csv")]),
    ]);
    expect(rows.code).toBe(1);
    expect(rows.stderr).toContain("--rows must be a positive integer");
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain("--seed must be an integer");
    expect(county.code).toBe(1);
    expect(county.stderr).toContain("--county");
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain("folder does not exist");
    expect(await readdir(sub)).toEqual([]);
  });

  it("documents itself in --help", async () => {
    const help = await cli(["generate", "--help"]);
    expect(help.code).toBe(0);
    for (const word of ["--county", "--rows", "--seed", "--out", "REGISTRATION", "DECEASED", "overshoots"]) {
      expect(help.stdout).toContain(word);
    }
  });
});
