/**
 * @module bench — the exhibit benchmark `npm run bench` calls: a synthetic run of N eligible
 * convictions (10,000 by default) through the bulk motion, reporting time, output size and peak RSS.
 */
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDocuments } from "./generate.ts";
import type { OfficeProfile } from "./office.ts";
import { summaryFor, syntheticResults, writeRunFolder } from "./test-support.ts";

/** Result of {@link benchmarkExhibit}. */
export interface ExhibitBenchResult {
  readonly cases: number;
  readonly seconds: number;
  readonly bytes: number;
  readonly peakRssMb: number;
  readonly file: string;
}

const OFFICE: OfficeProfile = {
  officeName: "Office of the District Attorney, County of Sacramento",
  role: "prosecutor",
  // The synthetic run's county (the documents refuse a run of another county).
  county: "Sacramento",
  court: { name: "Superior Court of the State of California", address: ["1 Example Courthouse Way"] },
  attorney: { name: "Jane Q. Example", barNumber: "123456", title: "Deputy District Attorney" },
  address: ["100 Example Plaza"],
  phone: "(555) 010-0164",
  email: "prop64@da.example.org",
  signatureLine: "JANE Q. EXAMPLE, Deputy District Attorney",
};

/**
 * Generates the bulk motion for `cases` synthetic convictions in a temp folder (or `dir`) and
 * measures it. The folder is removed afterwards unless `keep` is set.
 */
export async function benchmarkExhibit(
  options: { cases?: number; dir?: string; keep?: boolean } = {},
): Promise<ExhibitBenchResult> {
  const cases = options.cases ?? 10_000;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), "clearance-exhibit-bench-")));
  const runDir = join(dir, "run");
  await mkdir(runDir, { recursive: true });
  const head = [...syntheticResults(Math.min(cases, 16))];
  await writeRunFolder(runDir, syntheticResults(cases), summaryFor(head, head[0]?.county));
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    await generateDocuments({
      runDir,
      office: OFFICE,
      outDir: join(dir, "docs"),
      kinds: ["motion"],
      date: "2024-01-02",
    });
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  const file = join(dir, "docs", "motion.pdf");
  const bytes = (await stat(file)).size;
  if (!options.keep && options.dir === undefined) await rm(dir, { recursive: true, force: true });
  return { cases, seconds, bytes, peakRssMb: Math.round(peak / 1e6), file };
}
