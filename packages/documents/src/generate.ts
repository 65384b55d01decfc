/**
 * @module generate — the use case behind `clearance documents` and the web app: read a run folder,
 * apply overrides, write the chosen documents to an output folder, and record them (with SHA-256)
 * in `documents.json`.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { drawBulkMotion, drawProposedOrder } from "./bulk-filings.ts";
import { PleadingPaper } from "./layout.ts";
import type { OfficeProfile } from "./office.ts";
import { writePdf } from "./pdf-file.ts";
import { type OverrideMap, readRunSummary } from "./run-folder.ts";
import { scanRun } from "./scan.ts";

/** The documents `generateDocuments` can write. */
export const DOCUMENT_KINDS = ["motion", "order", "petitions", "notices", "pd-list", "report"] as const;

/** One kind of document. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Options of {@link generateDocuments}. */
export interface GenerateDocumentsOptions {
  /** A folder written by `clearance run` (results.ndjson, gogen.json). */
  readonly runDir: string;
  /** The validated office profile (see `loadOfficeProfile`). */
  readonly office: OfficeProfile;
  /** Where to write; created if missing. */
  readonly outDir: string;
  /** Which documents; all when omitted. */
  readonly kinds?: readonly DocumentKind[];
  /** Review overrides keyed `<fileIndex>:<line>`; they change what is filed. */
  readonly overrides?: OverrideMap;
  /** Date printed on the documents, `YYYY-MM-DD` (the caller's "today"; pure code reads no clock). */
  readonly date: string;
}

/** One written file. */
export interface GeneratedDocument {
  readonly kind: DocumentKind;
  /** Path relative to `outDir`. */
  readonly file: string;
  readonly sha256: string;
}

/** What {@link generateDocuments} wrote. */
export interface GenerateDocumentsResult {
  readonly documents: readonly GeneratedDocument[];
  readonly counts: { readonly dismissAndSeal: number; readonly redesignate: number; readonly people: number };
  readonly overridesApplied: number;
}

async function sha256(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/**
 * Generates the court filings, per-person documents, public defender list and impact report for a
 * run. Streams the results; safe for runs with many thousands of cases.
 * @example await generateDocuments({ runDir: "out/run", office, outDir: "out/docs", date: "2024-05-01" })
 */
export async function generateDocuments(options: GenerateDocumentsOptions): Promise<GenerateDocumentsResult> {
  const { runDir, office, outDir, overrides, date } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new RangeError(`document date must be YYYY-MM-DD, got ${date}`);
  const kinds = new Set(options.kinds ?? DOCUMENT_KINDS);
  const summary = await readRunSummary(runDir);
  const scan = await scanRun(runDir, overrides, kinds.has("petitions") || kinds.has("notices"));
  await mkdir(outDir, { recursive: true });
  const written: { kind: DocumentKind; file: string }[] = [];
  const author = office.officeName;
  const input = { runDir, overrides, office, counts: scan.counts, date };
  void summary;

  if (kinds.has("motion")) {
    const title = "Motion for bulk dismissal and sealing, and redesignation, of Prop 64 convictions";
    await writePdf(join(outDir, "motion.pdf"), { title, author }, date, (doc) =>
      drawBulkMotion(new PleadingPaper(doc, `${title} (H&S 11361.9)`), input),
    );
    written.push({ kind: "motion", file: "motion.pdf" });
  }
  if (kinds.has("order")) {
    const title =
      "[Proposed] order for bulk dismissal and sealing, and redesignation, of Prop 64 convictions";
    await writePdf(join(outDir, "proposed-order.pdf"), { title, author }, date, (doc) =>
      drawProposedOrder(new PleadingPaper(doc, `${title} (H&S 11361.9)`), input),
    );
    written.push({ kind: "order", file: "proposed-order.pdf" });
  }

  const documents: GeneratedDocument[] = [];
  for (const w of written) documents.push({ ...w, sha256: await sha256(join(outDir, w.file)) });
  const result: GenerateDocumentsResult = {
    documents,
    counts: {
      dismissAndSeal: scan.counts["dismiss-and-seal"].convictions,
      redesignate: scan.counts.redesignate.convictions,
      people: scan.people.length,
    },
    overridesApplied: scan.overridden,
  };
  const manifest = join(outDir, "documents.json");
  await writeFile(`${manifest}.partial`, `${JSON.stringify({ runDir, date, ...result }, null, 2)}\n`);
  await rename(`${manifest}.partial`, manifest);
  return result;
}
