/**
 * @module generate — the use case behind `clearance documents` and the web app: read a run folder,
 * apply overrides, write the chosen documents to an output folder, and record them (with SHA-256)
 * in `documents.json`.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { drawBulkMotion, drawProposedOrder } from "./bulk-filings.ts";
import { fillAcroForm, formValues, loadFieldMap } from "./fill-form.ts";
import { collectImpact, drawImpactReport } from "./impact-report.ts";
import { PlainPaper, PleadingPaper } from "./layout.ts";
import type { OfficeProfile } from "./office.ts";
import { drawPdList, writePdListCsv } from "./pd-list.ts";
import { writePdf } from "./pdf-file.ts";
import { drawNotice, drawPersonOrder, drawPetition } from "./person-documents.ts";
import { type OverrideMap, readRunSummary } from "./run-folder.ts";
import { scanRun } from "./scan.ts";
import { slug } from "./text.ts";

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
  /** Optional official-form path: an AcroForm PDF and a field map; fills one copy per person. */
  readonly form?: { readonly pdf: string; readonly fieldMap: string };
}

/** One written file. */
export interface GeneratedDocument {
  readonly kind: DocumentKind | "forms";
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
  const scan = await scanRun(
    runDir,
    overrides,
    kinds.has("petitions") || kinds.has("notices") || options.form !== undefined,
  );
  await mkdir(outDir, { recursive: true });
  const written: { kind: DocumentKind | "forms"; file: string }[] = [];
  const author = office.officeName;
  const input = { runDir, overrides, office, counts: scan.counts, date };

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

  if (kinds.has("petitions") || kinds.has("notices")) {
    if (kinds.has("petitions")) await mkdir(join(outDir, "petitions"), { recursive: true });
    if (kinds.has("notices")) await mkdir(join(outDir, "notices"), { recursive: true });
    for (const p of scan.people) {
      const stem = `${slug(p.name)}-${slug(p.personId)}`;
      if (kinds.has("petitions")) {
        const t1 = `Petition/application under H&S 11361.8 (CR-400 content): ${p.name}`;
        const f1 = `petitions/${stem}-petition.pdf`;
        await writePdf(join(outDir, f1), { title: t1, author }, date, (doc) =>
          drawPetition(
            new PleadingPaper(doc, "Petition/application (H&S 11361.8) - adult crimes"),
            office,
            p,
            date,
          ),
        );
        const t2 = `[Proposed] order after petition/application under H&S 11361.8 (CR-403 content): ${p.name}`;
        const f2 = `petitions/${stem}-order.pdf`;
        await writePdf(join(outDir, f2), { title: t2, author }, date, (doc) =>
          drawPersonOrder(
            new PleadingPaper(doc, "[Proposed] order after petition/application (H&S 11361.8)"),
            office,
            p,
          ),
        );
        written.push({ kind: "petitions", file: f1 }, { kind: "petitions", file: f2 });
      }
      if (kinds.has("notices")) {
        const f = `notices/${stem}-notice.pdf`;
        await writePdf(join(outDir, f), { title: `Notice to ${p.name}`, author }, date, (doc) =>
          drawNotice(
            new PlainPaper(doc, {
              layout: "portrait",
              footerTitle: `${office.officeName} - notice`,
              margin: 64,
            }),
            office,
            p,
            date,
          ),
        );
        written.push({ kind: "notices", file: f });
      }
    }
  }
  if (options.form !== undefined) {
    const map = await loadFieldMap(options.form.fieldMap);
    const pdf = await readFile(options.form.pdf);
    await mkdir(join(outDir, "forms"), { recursive: true });
    for (const p of scan.people) {
      const filled = await fillAcroForm(pdf, map, formValues(p, office, date));
      if (filled.problems.length > 0)
        throw new RangeError(`${options.form.fieldMap}: ${filled.problems.join("; ")}`);
      const f = `forms/${slug(p.name)}-${slug(p.personId)}-form.pdf`;
      await writeFile(join(outDir, `${f}.partial`), filled.bytes);
      await rename(join(outDir, `${f}.partial`), join(outDir, f));
      written.push({ kind: "forms", file: f });
    }
  }
  if (kinds.has("pd-list")) {
    await writePdListCsv(join(outDir, "pd-list.csv"), runDir, overrides);
    const title = "Prop 64 cases: list for the public defender (H&S 11361.9(c))";
    await writePdf(join(outDir, "pd-list.pdf"), { title, author, layout: "landscape" }, date, (doc) =>
      drawPdList(
        new PlainPaper(doc, { layout: "landscape", footerTitle: title, margin: 36 }),
        office,
        runDir,
        overrides,
        date,
      ),
    );
    written.push({ kind: "pd-list", file: "pd-list.csv" }, { kind: "pd-list", file: "pd-list.pdf" });
  }
  if (kinds.has("report")) {
    const fig = await collectImpact(runDir, summary.county);
    const title = "Prop 64 record clearance: impact report";
    await writePdf(join(outDir, "impact-report.pdf"), { title, author }, date, (doc) =>
      drawImpactReport(
        new PlainPaper(doc, { layout: "portrait", footerTitle: title }),
        office,
        summary,
        fig,
        date,
        scan.overridden,
      ),
    );
    written.push({ kind: "report", file: "impact-report.pdf" });
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
