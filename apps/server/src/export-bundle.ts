/**
 * @module export-bundle — the gogen-compatible CSV bundle of a run as a zip stream, reflecting overrides.
 *
 * Row mapping: `All_Results[_i].csv` and `All_Results_Condensed[_i].csv` hold every data row of input i in
 * input order, so data row r is the conviction with `rowIndex` r of file i. `Prop64_Results[_i].csv` holds
 * only the relevant convictions in input order, so its k-th data row is file i's k-th conviction by
 * `rowIndex`. Overridden rows get the reviewed determination and reason; every other byte is copied.
 */
import { createReadStream, readdirSync } from "node:fs";
import { join, sep } from "node:path";
import type { Readable } from "node:stream";
import type { Store } from "@clearance/store";
import yazl from "yazl";
import { type CellPatch, formatField, rewriteEligibility, spreadsheetSafe } from "./csv-rewrite.ts";

const CSV_NAME = /^(All_Results_Condensed|All_Results|Prop64_Results)(?:_(\d+))?\.csv$/;
const PLAIN_FILES = /^(gogen\.json|summary\.json|manifest\.json|rejects\.csv)$/;

/** The files of a run folder that the bundle contains, in a stable order. */
export function bundleFiles(outDir: string): string[] {
  return readdirSync(outDir)
    .filter((f) => CSV_NAME.test(f) || PLAIN_FILES.test(f))
    .sort();
}

interface ConvRef {
  readonly fileIndex: number;
  readonly rowIndex: number;
  readonly key: string;
}

/** Builds the zip. The returned stream is the zip's bytes; entries are read one at a time. */
export function exportBundle(store: Store, runId: string, outDir: string): Readable {
  const patches = store.overriddenDecisions(runId);
  // rowIndex → patch for each input file (Full/Condensed), and the per-file list of overridden ordinals
  // among the relevant convictions (Prop64).
  const byRow = new Map<number, Map<number, CellPatch>>();
  const byOrdinal = new Map<number, Map<number, CellPatch>>();
  if (patches.size > 0) {
    const ordinal = new Map<number, number>();
    const stmt = store.db.prepare(
      "SELECT file_index AS fileIndex, row_index AS rowIndex, conv_key AS key FROM convictions WHERE run_id = ? ORDER BY file_index, row_index",
    );
    for (const c of stmt.iterate(runId) as Iterable<ConvRef>) {
      const k = ordinal.get(c.fileIndex) ?? 0;
      ordinal.set(c.fileIndex, k + 1);
      const p = patches.get(c.key);
      if (!p) continue;
      if (!byRow.has(c.fileIndex)) byRow.set(c.fileIndex, new Map());
      if (!byOrdinal.has(c.fileIndex)) byOrdinal.set(c.fileIndex, new Map());
      byRow.get(c.fileIndex)!.set(c.rowIndex, p);
      byOrdinal.get(c.fileIndex)!.set(k, p);
    }
  }

  const zip = new yazl.ZipFile();
  for (const name of bundleFiles(outDir)) {
    const m = CSV_NAME.exec(name);
    const path = join(outDir, name);
    if (!m || patches.size === 0) {
      zip.addReadStreamLazy(name, (cb) => cb(null, createReadStream(path)));
      continue;
    }
    const fileIndex = m[2] ? Number(m[2]) : 1;
    const table =
      (m[1] === "Prop64_Results" ? byOrdinal : byRow).get(fileIndex) ?? new Map<number, CellPatch>();
    zip.addReadStreamLazy(name, (cb) => {
      const src = createReadStream(path);
      const out = rewriteEligibility((r) => table.get(r));
      src.on("error", (e) => out.destroy(e));
      cb(null, src.pipe(out));
    });
  }
  const overrides = store.overrides(runId);
  if (overrides.length > 0) {
    const header = "Key,Who,At,Before Determination,Before Reason,After Determination,After Reason,Why\n";
    const lines = overrides.map(
      (o) =>
        [
          o.key,
          o.who,
          o.at,
          o.before.determination,
          o.before.reason,
          o.after.determination,
          o.after.reason,
          o.why,
        ]
          .map((v) => formatField(spreadsheetSafe(v)))
          .join(",") + "\n",
    );
    zip.addBuffer(Buffer.from(header + lines.join("")), "overrides.csv");
  }
  zip.end();
  return zip.outputStream as Readable;
}

/** Zips the listed files (paths relative to `dir`) plus small generated text entries. */
export function zipFolder(
  dir: string,
  files: readonly string[],
  extra: Record<string, string> = {},
): Readable {
  const zip = new yazl.ZipFile();
  for (const f of files) {
    zip.addReadStreamLazy(f.split(sep).join("/"), (cb) => cb(null, createReadStream(join(dir, f))));
  }
  for (const [name, text] of Object.entries(extra)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return zip.outputStream as Readable;
}
