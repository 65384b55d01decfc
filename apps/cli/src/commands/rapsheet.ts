/**
 * @module commands/rapsheet — `clearance rapsheet FILE`: one client's CA rap sheet (text or PDF) →
 * a table of convictions with their outcome, or the JSON document of docs/rapsheet.md.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseIsoDate } from "@clearance/core";
import { buildRapSheetReport, ConfigError, formatConvictionTable, loadPolicy } from "@clearance/pipeline";
import {
  extractPdfText,
  looksLikePdf,
  type PdfText,
  PdfUnreadableError,
  PdfWithoutTextError,
  pageOfLine,
  parseRapSheet,
} from "@clearance/sources";
import { Command, Option } from "@commander-js/extra-typings";
import { ExitError } from "../boundary.ts";

/** Today's date at the shell edge (the core never reads the clock). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.partial`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** Registers `rapsheet`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerRapsheet(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("rapsheet")
      .description("Read one CA rap sheet (text or text-layer PDF) and decide each Prop 64 conviction.")
      .argument("<file>", "rap sheet: .txt (as printed) or .pdf with a text layer")
      .option(
        "-p, --policy <file|los-angeles>",
        "office policy: options file in the original format, or los-angeles",
      )
      .option("--compute-at <YYYY-MM-DD>", "date the decisions are made at (default: today)")
      .option("--json", "print the JSON document (schema in docs/rapsheet.md) instead of the table", false)
      .option("-o, --out <dir>", "also write rapsheet.json and rapsheet.txt into this folder")
      .option(
        "-v, --verbose",
        "show the sheet text each diagnostic is about (may contain personal data)",
        false,
      )
      .addOption(
        new Option("--la-age <n>", "Los Angeles criteria: dismissal age").argParser((v) =>
          Number.parseInt(v, 10),
        ),
      )
      .addOption(
        new Option("--la-years <n>", "Los Angeles criteria: conviction-free years").argParser((v) =>
          Number.parseInt(v, 10),
        ),
      )
      .addHelpText(
        "after",
        `
Every conviction is listed with date, court, case number, code section, level (after later
reductions), dispositions, outcome and reason. Convictions already dismissed (PC 1203.4, 1203.4a,
1203.41, 1203.42) or already reduced or relieved (PC 17(b), H&S 11361.8) are shown as
"already relieved". Parts of the sheet that could not be read are listed on stderr with their line
number; the rest is used. Exit codes: 0 ok, 1 bad usage, unreadable file or a PDF without text.

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

        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await readFile(file));
        } catch (e) {
          throw new ExitError(
            1,
            `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          );
        }
        let text: string;
        let pdf: PdfText | undefined;
        if (looksLikePdf(bytes)) {
          try {
            pdf = await extractPdfText(bytes);
          } catch (e) {
            if (e instanceof PdfWithoutTextError || e instanceof PdfUnreadableError)
              throw new ExitError(1, `${file}: ${e.message}`);
            throw e;
          }
          text = pdf.text;
        } else {
          text = decodeText(bytes);
        }

        let policy: Awaited<ReturnType<typeof loadPolicy>> | undefined;
        if (opts.policy) {
          try {
            policy = await loadPolicy(opts.policy, {
              ...(opts.laAge !== undefined ? { age: opts.laAge } : {}),
              ...(opts.laYears !== undefined ? { yearsConvictionFree: opts.laYears } : {}),
            });
          } catch (e) {
            if (e instanceof ConfigError) throw new ExitError(1, e.message);
            throw e;
          }
        }

        const sheet = parseRapSheet(text);
        const report = buildRapSheetReport(sheet, {
          file: basename(file),
          format: pdf ? "pdf" : "text",
          computeAt,
          ...(policy ? { policy: policy.policy, policyName: policy.description } : {}),
          verbose: opts.verbose,
        });

        // Diagnostics on stderr: line (and page for PDFs) and reason; sheet text only with --verbose.
        for (const d of report.diagnostics) {
          if (d.severity === "info" && !opts.verbose) continue;
          const where = pdf ? `line ${d.line} (page ${pageOfLine(pdf, d.line)})` : `line ${d.line}`;
          const excerpt = opts.verbose && d.excerpt ? `: ${JSON.stringify(d.excerpt)}` : "";
          process.stderr.write(`${d.severity}: ${where}: ${d.message} [${d.code}]${excerpt}\n`);
        }
        const info = report.summary.diagnostics.info;
        if (info > 0 && !opts.verbose)
          process.stderr.write(`${info} note(s) about ignored lines; run with --verbose to see them\n`);

        const json = `${JSON.stringify(report, null, 2)}\n`;
        const table = [
          formatConvictionTable(report),
          "",
          `${report.summary.convictions} conviction(s), ${report.summary.prop64Convictions} under H&S 11357–11360, ` +
            `${report.summary.alreadyRelieved} already relieved. Compute-at ${report.computeAt}.`,
          report.evaluation.note,
          "",
        ].join("\n");
        if (opts.out) {
          try {
            await mkdir(opts.out, { recursive: true });
            await writeAtomic(join(opts.out, "rapsheet.json"), json);
            await writeAtomic(join(opts.out, "rapsheet.txt"), table);
          } catch (e) {
            throw new ExitError(
              1,
              `cannot write to ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
            );
          }
        }
        process.stdout.write(opts.json ? json : table);
      }),
  );
}
