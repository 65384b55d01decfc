/**
 * @module commands/rapsheet — `clearance rapsheet FILE`: one client's CA rap sheet (text or PDF) →
 * a table of convictions with their outcome, or the JSON document of docs/rapsheet.md.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseIsoDate } from "@clearance/core";
import {
  buildRapSheetReport,
  ConfigError,
  formatConvictionTable,
  loadPolicy,
  readRapSheetBytes,
} from "@clearance/pipeline";
import { pageOfLine, parseRapSheet } from "@clearance/sources";
import { Command } from "@commander-js/extra-typings";
import { ExitError, fileSystemMessage } from "../boundary.ts";
import { LA_AGE_HELP, LA_YEARS_HELP, laOptions } from "../la-options.ts";

/** Today's date at the shell edge (the core never reads the clock). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Writes `path` through `path.partial` and a rename; the partial file never stays behind. */
async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.partial`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** What the user can do about a file-system error writing `--out`, by its code. */
function outFix(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case "EISDIR":
    case "EEXIST":
    case "ENOTDIR":
      return "move or remove what is in the way, or choose another --out folder";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "choose an --out folder you can write to";
    case "ENOSPC":
    case "EDQUOT":
      return "free some disk space, or choose another --out folder";
    default:
      return "choose another --out folder";
  }
}

/** Registers `rapsheet`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerRapsheet(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("rapsheet")
      .description("Read one CA rap sheet (text or text-layer PDF) and decide each Prop 64 conviction.")
      .argument("<file>", "rap sheet: .txt (as printed) or .pdf with a text layer")
      .option(
        "-p, --policy <file|los-angeles|statute>",
        "office policy: options file in the original format (baselineEligibility…), a policy file (clearance-policy/1, docs/policy-files.md), los-angeles, or statute (decide what H&S 11361.8 provides)",
      )
      .option("--compute-at <YYYY-MM-DD>", "date the decisions are made at (default: today)")
      .option("--json", "print the JSON document (schema in docs/rapsheet.md) instead of the table", false)
      .option("-o, --out <dir>", "also write rapsheet.json and rapsheet.txt into this folder")
      .option(
        "-v, --verbose",
        "show the sheet text each diagnostic is about (may contain personal data)",
        false,
      )
      .option("--la-age <n>", LA_AGE_HELP)
      .option("--la-years <n>", LA_YEARS_HELP)
      .addHelpText(
        "after",
        `
Every conviction is listed with date, court, case number, code section, level (after later
reductions), dispositions, outcome and reason. Convictions already dismissed (PC 1203.4, 1203.4a,
1203.41, 1203.42) or already reduced or relieved (PC 17(b), H&S 11361.8) are shown as
"already relieved". A conviction whose code section cannot be read needs review (outcome null,
Hand Review). Parts of the sheet that could not be read are listed on stderr with their line
number, and PDF pages without text with their page number; the rest is used. Text files may be
UTF-8 (a line that is not is read as Latin-1), Latin-1, or UTF-16 with a byte-order mark.
Exit codes: 0 ok; 1 bad usage, an unreadable file, a PDF without text, or an --out folder that
cannot be written.

Example:
  clearance rapsheet examples/rapsheet/sample.txt --policy los-angeles --compute-at 2024-01-15`,
      )
      .action(async (file, opts) => {
        const computeAtText = opts.computeAt ?? today();
        const computeAt = parseIsoDate(computeAtText);
        if (computeAt === undefined)
          throw new ExitError(
            1,
            `--compute-at must be a real date as YYYY-MM-DD, got ${JSON.stringify(computeAtText)}`,
          );

        const la = laOptions(opts, opts.policy);

        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await readFile(file));
        } catch (e) {
          throw new ExitError(
            1,
            fileSystemMessage(e) ??
              `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          );
        }
        const read = await readRapSheetBytes(bytes);
        if (!read.ok) throw new ExitError(1, `${file}: ${read.error}`);
        const { text, pdf, sourceDiagnostics } = read;

        let policy: Awaited<ReturnType<typeof loadPolicy>> | undefined;
        if (opts.policy) {
          try {
            policy = await loadPolicy(opts.policy, la);
          } catch (e) {
            if (e instanceof ConfigError) throw new ExitError(1, e.message);
            throw e;
          }
          for (const w of policy.warnings ?? [])
            process.stderr.write(`clearance: warning: policy ${opts.policy}: ${w}\n`);
        }

        const sheet = parseRapSheet(text);
        const report = buildRapSheetReport(sheet, {
          file: basename(file),
          format: pdf ? "pdf" : "text",
          computeAt,
          ...(policy ? { policy: policy.policy, policyName: policy.description } : {}),
          verbose: opts.verbose,
          sourceDiagnostics,
        });

        // Diagnostics on stderr: line (and page for PDFs) and reason; sheet text only with --verbose.
        for (const d of report.diagnostics) {
          if (d.severity === "info" && !opts.verbose) continue;
          // A page without text has no line of its own: its message names the page.
          const where =
            d.page !== undefined
              ? ""
              : pdf
                ? `line ${d.line} (page ${pageOfLine(pdf, d.line)}): `
                : `line ${d.line}: `;
          const excerpt = opts.verbose && "excerpt" in d && d.excerpt ? `: ${JSON.stringify(d.excerpt)}` : "";
          process.stderr.write(`${d.severity}: ${where}${d.message} [${d.code}]${excerpt}\n`);
        }
        const info = report.summary.diagnostics.info;
        if (info > 0 && !opts.verbose)
          process.stderr.write(`${info} note(s) about ignored lines; run with --verbose to see them\n`);

        const json = `${JSON.stringify(report, null, 2)}\n`;
        const unreadable = report.convictions.filter((c) => c.missingFacts.includes("code-section")).length;
        const table = [
          formatConvictionTable(report),
          "",
          `${report.summary.convictions} conviction(s), ${report.summary.prop64Convictions} under H&S 11357–11360, ` +
            `${report.summary.alreadyRelieved} already relieved` +
            (unreadable > 0 ? `, ${unreadable} with an unreadable code section (review by hand)` : "") +
            `. Compute-at ${report.computeAt}.`,
          report.evaluation.note,
          "",
        ].join("\n");
        if (opts.out) {
          try {
            await mkdir(opts.out, { recursive: true });
            await writeAtomic(join(opts.out, "rapsheet.json"), json);
            await writeAtomic(join(opts.out, "rapsheet.txt"), table);
          } catch (e) {
            const what = fileSystemMessage(e) ?? `cannot write to ${opts.out}: ${(e as Error).message}`;
            throw new ExitError(
              1,
              `${what}; ${outFix(e)} (rapsheet.json and rapsheet.txt are written there)`,
            );
          }
        }
        process.stdout.write(opts.json ? json : table);
      }),
  );
}
