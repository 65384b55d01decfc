/**
 * @module generate — the use case behind `clearance documents` and the web app: read a run folder,
 * apply overrides, write the chosen documents to an output folder, and record them (with SHA-256)
 * in `documents.json`.
 *
 * Every input is read and checked before the first document is drawn (date, run summary, the run's
 * county against the office profile's, overrides, the optional form and field map, the output
 * folder), so a bad input leaves the output folder as it was.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseIsoDate } from "@clearance/core";
import { drawBulkMotion, drawProposedOrder } from "./bulk-filings.ts";
import { fillAcroForm, formValues, type LoadedForm, loadForm } from "./fill-form.ts";
import { collectImpact, drawImpactReport } from "./impact-report.ts";
import { DocumentInputError } from "./input-error.ts";
import { PlainPaper, PleadingPaper } from "./layout.ts";
import { type OfficeProfile, officeTexts, sameCounty } from "./office.ts";
import { generatedFiles, removeStale } from "./out-folder.ts";
import { drawPdList, writePdListCsv } from "./pd-list.ts";
import { writePdf } from "./pdf-file.ts";
import { drawNotice, drawPersonOrder, drawPetition } from "./person-documents.ts";
import { type OverrideMap, overrideProblems, readRunSummary } from "./run-folder.ts";
import { type RunScan, scanRun } from "./scan.ts";
import { codePointLabel, slug, toWinAnsiText } from "./text.ts";

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
  /** Where the office profile and the overrides came from (file names), for messages. */
  readonly sources?: { readonly office?: string; readonly overrides?: string };
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
  /**
   * What the user must look at: names the standard fonts cannot print (person and documents), a run
   * with nothing to file. Also in `documents.json`; the CLI prints them on stderr.
   */
  readonly warnings: readonly string[];
}

async function sha256(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** Checks the inputs that need no run scan; throws {@link DocumentInputError} naming what to fix. */
function checkDate(date: string): void {
  if (parseIsoDate(date) === undefined)
    throw new DocumentInputError(`document date must be a real calendar date YYYY-MM-DD, got ${date}`);
}

/** Names the files of `written` that print the person's name, for a warning. */
function personWarnings(scan: RunScan, written: readonly Written[], wrote: ReadonlySet<string>): string[] {
  const warnings: string[] = [];
  for (const p of scan.unprintable.values()) {
    const files: string[] = [];
    if (p.hasRelief) {
      for (const f of ["motion.pdf", "proposed-order.pdf"]) if (wrote.has(f)) files.push(f);
      files.push(...written.filter((w) => w.personId === p.personId).map((w) => w.file));
    }
    if (wrote.has("pd-list.pdf")) files.push("pd-list.pdf");
    if (files.length === 0) continue;
    const what = [...p.fields.entries()]
      .map(([field, chars]) => `${field} (${chars.map((c) => `${c} ${codePointLabel(c)}`).join(", ")})`)
      .join(", ");
    warnings.push(
      `person ${p.personId} ${JSON.stringify(p.name)}: the standard PDF fonts cannot print characters of the ${what}; they are printed as "?" in ${files.join(", ")}: correct these documents by hand before filing or sending them`,
    );
  }
  return warnings;
}

function officeWarnings(office: OfficeProfile, source: string): string[] {
  const warnings: string[] = [];
  for (const [path, value] of officeTexts(office)) {
    const bad = toWinAnsiText(value).unprintable;
    if (bad.length > 0) {
      warnings.push(
        `${source} field ${path}: the standard PDF fonts cannot print ${bad.map((c) => `${c} ${codePointLabel(c)}`).join(", ")}; printed as "?" in every document: write it with Latin letters`,
      );
    }
  }
  return warnings;
}

interface Written {
  readonly kind: DocumentKind | "forms";
  readonly file: string;
  readonly personId?: string;
}

/**
 * Generates the court filings, per-person documents, public defender list and impact report for a
 * run. Streams the results; safe for runs with many thousands of cases.
 *
 * Throws {@link DocumentInputError} (naming the file and field) before anything is written when the
 * date is not a calendar date, the run's county is not the office profile's, an override names no
 * conviction of the run or an unknown determination, the form or field map is unusable, or the
 * output folder holds files Clearance did not write. Earlier generated documents in the output
 * folder that this run does not write are removed.
 * @example await generateDocuments({ runDir: "out/run", office, outDir: "out/docs", date: "2024-05-01" })
 */
export async function generateDocuments(options: GenerateDocumentsOptions): Promise<GenerateDocumentsResult> {
  const { runDir, office, outDir, overrides, date } = options;
  const officeSource = options.sources?.office ?? "office profile";
  const overridesSource = options.sources?.overrides ?? "overrides";
  checkDate(date);
  const kinds = new Set(options.kinds ?? DOCUMENT_KINDS);
  const summary = await readRunSummary(runDir);
  if (!sameCounty(summary.county, office.county)) {
    throw new DocumentInputError(
      `the run in ${runDir} decided convictions of county ${JSON.stringify(summary.county)} (gogen.json), but ${officeSource} is for county ${JSON.stringify(office.county)}: the filings would go to the wrong court; use the office profile of ${summary.county} County`,
    );
  }
  if (overrides !== undefined) {
    const problems = overrideProblems(overrides);
    if (problems.length > 0) throw new DocumentInputError(`${overridesSource}: ${problems.join("; ")}`);
  }
  const form: LoadedForm | undefined =
    options.form === undefined ? undefined : await loadForm(options.form.pdf, options.form.fieldMap);
  await generatedFiles(outDir); // refuses a folder holding other files
  const scan = await scanRun(
    runDir,
    overrides,
    kinds.has("petitions") || kinds.has("notices") || form !== undefined,
  );
  if (scan.unmatchedOverrides.length > 0) {
    const shown = scan.unmatchedOverrides.slice(0, 10).map((k) => `"${k}"`);
    throw new DocumentInputError(
      `${overridesSource}: ${scan.unmatchedOverrides.length === 1 ? "key" : "keys"} ${shown.join(", ")}${scan.unmatchedOverrides.length > 10 ? ", …" : ""} ${scan.unmatchedOverrides.length === 1 ? "matches" : "match"} no conviction of the run in ${runDir} (keys are <fileIndex>:<line> of results.ndjson); remove ${scan.unmatchedOverrides.length === 1 ? "it" : "them"} or use the overrides of this run`,
    );
  }
  const warnings = officeWarnings(office, officeSource);
  const filed = scan.counts["dismiss-and-seal"].convictions + scan.counts.redesignate.convictions;
  if (
    filed === 0 &&
    (kinds.has("motion") ||
      kinds.has("order") ||
      kinds.has("petitions") ||
      kinds.has("notices") ||
      form !== undefined)
  ) {
    warnings.push(
      `no conviction of the run in ${runDir} qualifies for relief${scan.overridden > 0 ? ` (after ${scan.overridden} override(s))` : ""}: the bulk motion and proposed order were not written (they would ask for nothing), and there are no per-person documents`,
    );
  }

  await mkdir(outDir, { recursive: true });
  // The earlier run's list goes first: until this run's list is written, the folder has none.
  await rm(join(outDir, "documents.json"), { force: true });
  const written: Written[] = [];
  const author = office.officeName;
  const input = { runDir, overrides, office, counts: scan.counts, date };

  if (kinds.has("motion") && filed > 0) {
    const title = "Motion for bulk dismissal and sealing, and redesignation, of Prop 64 convictions";
    await writePdf(join(outDir, "motion.pdf"), { title, author }, date, (doc) =>
      drawBulkMotion(new PleadingPaper(doc, `${title} (H&S 11361.9)`), input),
    );
    written.push({ kind: "motion", file: "motion.pdf" });
  }
  if (kinds.has("order") && filed > 0) {
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
        written.push(
          { kind: "petitions", file: f1, personId: p.personId },
          { kind: "petitions", file: f2, personId: p.personId },
        );
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
        written.push({ kind: "notices", file: f, personId: p.personId });
      }
    }
  }
  if (form !== undefined) {
    await mkdir(join(outDir, "forms"), { recursive: true });
    for (const p of scan.people) {
      const filled = await fillAcroForm(form.pdf, form.map, formValues(p, office, date));
      // loadForm checked the map against the form; a problem here is a bug.
      if (filled.problems.length > 0)
        throw new Error(`form for ${p.personId}: ${filled.problems.join("; ")}`);
      const f = `forms/${slug(p.name)}-${slug(p.personId)}-form.pdf`;
      await writeFile(join(outDir, `${f}.partial`), filled.bytes);
      await rename(join(outDir, `${f}.partial`), join(outDir, f));
      written.push({ kind: "forms", file: f, personId: p.personId });
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
  for (const w of written)
    documents.push({ kind: w.kind, file: w.file, sha256: await sha256(join(outDir, w.file)) });
  const wrote = new Set(written.map((w) => w.file));
  await removeStale(outDir, wrote);
  warnings.push(...personWarnings(scan, written, wrote));
  const result: GenerateDocumentsResult = {
    documents,
    counts: {
      dismissAndSeal: scan.counts["dismiss-and-seal"].convictions,
      redesignate: scan.counts.redesignate.convictions,
      people: scan.peopleWithRelief,
    },
    overridesApplied: scan.overridden,
    warnings,
  };
  const manifest = join(outDir, "documents.json");
  await writeFile(`${manifest}.partial`, `${JSON.stringify({ runDir, date, ...result }, null, 2)}\n`);
  await rename(`${manifest}.partial`, manifest);
  return result;
}
