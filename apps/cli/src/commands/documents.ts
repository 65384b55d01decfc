/**
 * @module commands/documents — `clearance documents`: court filings, per-person documents, the
 * public defender list and the impact report from a run folder written by `clearance run`.
 */
import { parseIsoDate } from "@clearance/core";
import {
  DOCUMENT_KINDS,
  DocumentInputError,
  type DocumentKind,
  generateDocuments,
  loadOfficeProfile,
  loadOverrides,
} from "@clearance/documents";
import { Command, Option } from "@commander-js/extra-typings";
import { ExitError } from "../boundary.ts";

/** Today's date at the shell edge (the document code never reads the clock). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Registers `documents`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerDocuments(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("documents")
      .description(
        "Write the bulk motion and proposed order (pleading paper, with exhibits), per-person petitions, orders and notices, the public defender list and the impact report for a run.",
      )
      .requiredOption("-r, --run <dir>", "run folder written by `clearance run` (results.ndjson, gogen.json)")
      .requiredOption(
        "--office <file>",
        "office profile JSON (see examples/office.json); its county must be the run's",
      )
      .requiredOption(
        "-o, --out <dir>",
        "output folder (created if missing); documents an earlier run wrote there and this one does not are removed, a folder holding other files is refused",
      )
      .addOption(
        new Option(
          "-k, --kind <kind...>",
          "documents to write (default: all); repeat or list several",
        ).choices(DOCUMENT_KINDS),
      )
      .option("--date <YYYY-MM-DD>", "date printed on the documents (default: today)")
      .option(
        "--overrides <file>",
        'review overrides JSON: {"<fileIndex>:<line>": {"determination", "reason"}}',
      )
      .option("--form <file>", "optional: an AcroForm PDF (e.g. CR-400) to fill for each person")
      .option("--field-map <file>", "field map JSON for --form")
      .action(async (opts) => {
        const date = opts.date ?? today();
        if (parseIsoDate(date) === undefined)
          throw new ExitError(1, `--date must be a calendar date YYYY-MM-DD, got ${date}`);
        if ((opts.form === undefined) !== (opts.fieldMap === undefined)) {
          throw new ExitError(1, "--form and --field-map go together");
        }
        const office = await loadOfficeProfile(opts.office);
        if (!office.ok)
          throw new ExitError(1, `office profile ${opts.office}:\n  ${office.errors.join("\n  ")}`);
        try {
          const overrides = opts.overrides === undefined ? undefined : await loadOverrides(opts.overrides);
          const r = await generateDocuments({
            overrides,
            runDir: opts.run,
            office: office.value,
            outDir: opts.out,
            kinds: opts.kind as DocumentKind[] | undefined,
            date,
            form:
              opts.form !== undefined && opts.fieldMap !== undefined
                ? { pdf: opts.form, fieldMap: opts.fieldMap }
                : undefined,
            sources: { office: `office profile ${opts.office}`, overrides: `overrides ${opts.overrides}` },
          });
          for (const w of r.warnings) process.stderr.write(`clearance: warning: ${w}\n`);
          process.stdout.write(
            (r.overridesApplied > 0 ? `Overrides applied: ${r.overridesApplied}\n` : "") +
              `Exhibit A (dismiss and seal): ${r.counts.dismissAndSeal} convictions; Exhibit B (redesignate): ${r.counts.redesignate}; people with relief: ${r.counts.people}\n` +
              `Wrote ${r.documents.length} files to ${opts.out} (list with SHA-256 in documents.json)` +
              (r.warnings.length > 0
                ? `; ${r.warnings.length} warning(s) on stderr and in documents.json`
                : "") +
              "\n",
          );
        } catch (err) {
          if (err instanceof DocumentInputError) throw new ExitError(1, err.message);
          if ((err as NodeJS.ErrnoException).code === "ENOENT")
            throw new ExitError(1, (err as Error).message);
          throw err;
        }
      }),
  );
}
