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
  laOptionsFromFlags,
  loadPolicy,
  type SourceDiagnostic,
} from "@clearance/pipeline";
import {
  extractPdfText,
  looksLikePdf,
  type PdfText,
  PdfUnreadableError,
  PdfWithoutTextError,
  pageOfLine,
  parseRapSheet,
} from "@clearance/sources";
import { Command } from "@commander-js/extra-typings";
import { ExitError, fileSystemMessage } from "../boundary.ts";

/** Today's date at the shell edge (the core never reads the clock). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A text file's characters, with warnings about bytes that had to be guessed. */
export interface DecodedText {
  readonly text: string;
  readonly diagnostics: readonly SourceDiagnostic[];
}

/**
 * Decodes a text rap sheet. A byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE. Without one the
 * file is UTF-8, line by line: a line that is not valid UTF-8 is read as Latin-1 (Windows-1252), so a
 * Latin-1 file reads as before and one stray Latin-1 byte no longer turns every other accented letter
 * of a UTF-8 file into mojibake. When the file mixes both (some lines valid UTF-8 with non-ASCII
 * letters, some not), each guessed line gets a warning naming it. Line numbers count LF, CRLF and CR
 * as the parser does.
 * @returns undefined when the file has NUL bytes and no byte-order mark (UTF-16 without a BOM, or not text)
 */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8Lines(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return {
      text: new TextDecoder("utf-16le", { ignoreBOM: true }).decode(bytes.subarray(2)),
      diagnostics: [],
    };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {
      text: new TextDecoder("utf-16be", { ignoreBOM: true }).decode(bytes.subarray(2)),
      diagnostics: [],
    };
  if (bytes.includes(0)) return undefined;
  return decodeUtf8Lines(bytes);
}

function decodeUtf8Lines(bytes: Uint8Array): DecodedText {
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return { text: utf8.decode(bytes), diagnostics: [] };
  } catch {
    // Some line is not UTF-8: decode line by line (CR and LF never occur inside a UTF-8 sequence).
  }
  const latin1 = new TextDecoder("latin1");
  const parts: string[] = [];
  const guessed: number[] = [];
  let utf8NonAscii = false;
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = start;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
    if (bytes[end] === 0x0d && bytes[end + 1] === 0x0a) end += 2;
    else if (end < bytes.length) end += 1;
    const segment = bytes.subarray(start, end);
    try {
      parts.push(utf8.decode(segment));
      if (segment.some((b) => b >= 0x80)) utf8NonAscii = true;
    } catch {
      parts.push(latin1.decode(segment));
      guessed.push(line);
    }
    start = end;
    line++;
  }
  // A file that is Latin-1 throughout is a documented input: warn only when it mixes encodings.
  const diagnostics: SourceDiagnostic[] = utf8NonAscii
    ? guessed.map((n) => ({
        severity: "warning",
        code: "NOT_UTF8",
        line: n,
        message:
          "the line is not valid UTF-8 (the rest of the file is); it was read as Latin-1 (Windows-1252): check its accented letters",
      }))
    : [];
  return { text: parts.join(""), diagnostics };
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
      .option(
        "--la-age <n>",
        "with --policy los-angeles: dismissal age, a whole number from 40 to 65 (default 50)",
      )
      .option(
        "--la-years <n>",
        "with --policy los-angeles: conviction-free years, a whole number from 1 to 15 (default 10)",
      )
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

        let la: ReturnType<typeof laOptionsFromFlags>;
        try {
          la = laOptionsFromFlags(opts);
        } catch (e) {
          if (e instanceof ConfigError) throw new ExitError(1, e.message);
          throw e;
        }
        if (!opts.policy && (opts.laAge !== undefined || opts.laYears !== undefined))
          throw new ExitError(
            1,
            "--la-age and --la-years go with --policy los-angeles; without --policy they would be ignored. " +
              "Add --policy los-angeles, or leave them out",
          );

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
        let text: string;
        let pdf: PdfText | undefined;
        let sourceDiagnostics: readonly SourceDiagnostic[];
        if (looksLikePdf(bytes)) {
          try {
            pdf = await extractPdfText(bytes);
          } catch (e) {
            if (e instanceof PdfWithoutTextError || e instanceof PdfUnreadableError)
              throw new ExitError(1, `${file}: ${e.message}`);
            throw e;
          }
          text = pdf.text;
          sourceDiagnostics = pdf.diagnostics;
        } else {
          const decoded = decodeText(bytes);
          if (decoded === undefined)
            throw new ExitError(
              1,
              `${file}: the file has NUL bytes, so it is not a text rap sheet as printed (UTF-16 without a byte-order mark, or not a text file); save it as UTF-8 text, or give the PDF`,
            );
          text = decoded.text;
          sourceDiagnostics = decoded.diagnostics;
        }

        let policy: Awaited<ReturnType<typeof loadPolicy>> | undefined;
        if (opts.policy) {
          try {
            policy = await loadPolicy(opts.policy, la);
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
