/**
 * Pass 2 on its own thread (pass2-thread.ts, run from the TypeScript sources here through tsx), fed the
 * records while they are decided: the same bytes as on the main thread, also when a person's rows are
 * spread through the file; a failure there fails the run with its message; cancelling stops it; and in
 * every case no partial file is left.
 */
import { createHash } from "node:crypto";
import { appendFileSync, copyFileSync, readFileSync, symlinkSync, truncateSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeDojFile } from "@clearance/sources";
import { beforeAll, describe, expect, it } from "vitest";
import { CancelledError, InputChangedError, type RunOptions, runBulk } from "./run-bulk.ts";
import { tempDir } from "./test/helpers.ts";

const POLICY = fileURLToPath(new URL("../../../examples/policies/bear-default.json", import.meta.url));
/** Outputs that record the run's own duration. */
const TIMED = new Set(["gogen.json", "summary.json", "manifest.json"]);

let input: string;
/** The same rows in another order: most people's rows far apart. */
let shuffled: string;
beforeAll(async () => {
  // About 12 MB: a dozen of the reader's chunks, so pass 2 reports progress several times.
  const dir = await tempDir();
  input = join(dir, "doj.csv");
  await writeDojFile({ county: "LOS ANGELES", rows: 30_000, seed: 7, out: input });
  const [header, ...rows] = (await readFile(input, "utf8")).split("\n").filter((l) => l !== "");
  let seed = 12345;
  for (let i = rows.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = (seed >>> 8) % (i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  shuffled = join(dir, "shuffled.csv");
  await writeFile(shuffled, `${[header, ...rows].join("\n")}\n`);
});

const options = async (extra: Partial<RunOptions> = {}): Promise<RunOptions> => ({
  inputs: [input],
  county: "LOS ANGELES",
  policy: POLICY,
  computeAt: "2025-01-01",
  outDir: join(await tempDir(), "out"),
  ...extra,
});

/** Pass 2 on its own thread, and on the main thread (`RunOptions.pass2Thread`). */
const BOTH_WAYS = [
  ["on its thread", true],
  ["on the main thread", false],
] as const;

const partials = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith(".partial"));

describe("pass 2 on its own thread", () => {
  it.each([
    ["rows grouped by person", () => input],
    ["rows shuffled", () => shuffled],
  ])("writes every output byte for byte as the same run on one thread does (%s)", async (_, file) => {
    const threaded = await options({ inputs: [file()] });
    const single = await options({ inputs: [file()], pass2Thread: false });
    const a = await runBulk(threaded);
    const b = await runBulk(single);
    expect(a.files).toEqual(b.files);
    expect(a.rows.used).toBeGreaterThanOrEqual(30_000);
    expect(a.relevantConvictions).toBeGreaterThan(100);
    for (const name of a.files.filter((f) => !TIMED.has(f))) {
      const [x, y] = await Promise.all([
        readFile(join(threaded.outDir, name)),
        readFile(join(single.outDir, name)),
      ]);
      expect(x.equals(y), name).toBe(true);
    }
    // The digests pass 2's thread had made on the hashing thread are the files' own.
    const manifest = JSON.parse(await readFile(join(threaded.outDir, "manifest.json"), "utf8")) as {
      outputs: { file: string; sha256: string; bytes: number }[];
    };
    const full = manifest.outputs.find((o) => o.file === "All_Results.csv")!;
    const bytes = await readFile(join(threaded.outDir, "All_Results.csv"));
    expect(full).toEqual({
      file: "All_Results.csv",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
    });
  });

  it("fails the run with the thread's error, naming the file, and leaves no partial file", async () => {
    const o = await options();
    // A folder in the way of the Prop 64 file: its rename into place fails on pass 2's thread.
    await mkdir(join(o.outDir, "Prop64_Results.csv", "in-the-way"), { recursive: true });
    await expect(runBulk(o)).rejects.toThrow(/Prop64_Results\.csv/);
    expect(await partials(o.outDir)).toEqual([]);
  });

  it.each(BOTH_WAYS)(
    "stops when cancelled during pass 2 (%s), leaving no partial file and no annotated file",
    async (_, onThread) => {
      const o = await options({ pass2Thread: onThread });
      const controller = new AbortController();
      let pass2Bytes = 0;
      const run = runBulk(
        o,
        (e) => {
          if (e.phase === "pass2" && e.bytesDone > 0 && !controller.signal.aborted) {
            pass2Bytes = e.bytesDone;
            controller.abort();
          }
        },
        controller.signal,
      );
      await expect(run).rejects.toBeInstanceOf(CancelledError);
      expect(pass2Bytes).toBeGreaterThan(0);
      // Nothing was finished, so nothing is left (not even an empty rejects.csv).
      expect(await readdir(o.outDir)).toEqual([]);
    },
  );

  it.each(BOTH_WAYS)(
    "fails with the output's name when the disk is full during pass 2 (%s), and leaves no partial file",
    async (_, onThread) => {
      const o = await options({ pass2Thread: onThread });
      // Once the run has cleared the folder of stale partial files (it does so first), All_Results.csv's
      // partial file is made a link to /dev/full, where every write fails with ENOSPC.
      let linked = false;
      const run = runBulk(o, (e) => {
        if (e.phase === "pass1" && !linked) {
          linked = true;
          symlinkSync("/dev/full", join(o.outDir, "All_Results.csv.partial"));
        }
      });
      await expect(run).rejects.toMatchObject({
        code: "ENOSPC",
        path: join(o.outDir, "All_Results.csv"),
        message: expect.stringMatching(/^cannot write .*All_Results\.csv: ENOSPC/),
      });
      expect(linked).toBe(true);
      expect(await partials(o.outDir)).toEqual([]);
    },
  );

  describe("an input that changes while the run reads it fails the run and writes no output", () => {
    const changes = {
      "cut short during pass 2": ["evaluate", (f: string) => truncateSync(f, 3_000_000)],
      "grown during pass 2": [
        "evaluate",
        (f: string) => appendFileSync(f, readFileSync(f).subarray(0, 2_000_000)),
      ],
      "grown during pass 1": [
        "pass1",
        (f: string) => appendFileSync(f, readFileSync(f).subarray(0, 2_000_000)),
      ],
    } as const;
    it.each(
      Object.keys(changes).flatMap((change) =>
        BOTH_WAYS.map(([way, onThread]) => [change, way, onThread] as const),
      ),
    )("%s (%s)", async (change, _, onThread) => {
      const [phase, alter] = changes[change as keyof typeof changes];
      const copy = join(await tempDir(), "doj.csv");
      copyFileSync(input, copy);
      const o = await options({ inputs: [copy], pass2Thread: onThread });
      let altered = false;
      const run = runBulk(o, (e) => {
        if (e.phase === phase && !altered) {
          altered = true;
          alter(copy);
        }
      });
      await expect(run).rejects.toBeInstanceOf(InputChangedError);
      await expect(run).rejects.toThrow(
        /doj\.csv changed while this run was reading it \(pass 1 read [\d,]+ bytes, [\d,]+ rows; now [\d,]+ bytes.*\), so its outputs were not written/,
      );
      expect(altered).toBe(true);
      // Only the rows pass 1 rejected stay (the appended bytes may start mid-line), as for any failed run.
      expect((await readdir(o.outDir)).filter((n) => n !== "rejects.csv")).toEqual([]);
    });
  });

  it("runs several files one after another on the same thread", async () => {
    const o = await options({ inputs: [input, input] });
    const report = await runBulk(o);
    expect(report.files).toContain("All_Results_1.csv");
    expect(report.files).toContain("All_Results_2.csv");
    const [one, two] = await Promise.all(
      ["All_Results_1.csv", "All_Results_2.csv"].map((n) => readFile(join(o.outDir, n))),
    );
    expect(one!.equals(two!)).toBe(true);
  });
});
