/**
 * @module commands/generate — `clearance generate`: a seeded synthetic CA DOJ research file.
 */

import { writeDojFile } from "@clearance/sources";
import { Command } from "@commander-js/extra-typings";
import { ExitError } from "../boundary.ts";

/** Parses `--rows`: a positive integer (digits only). */
export function parseRows(text: string): number {
  const t = text.trim();
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(n) || n < 1) {
    throw new ExitError(1, `--rows must be a positive integer, got "${text}"`);
  }
  return n;
}

/** Parses `--seed`: any integer, negative allowed, within ±2^53. */
export function parseSeed(text: string): number {
  const t = text.trim();
  const n = Number(t);
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(n)) {
    throw new ExitError(
      1,
      `--seed must be an integer between -9007199254740991 and 9007199254740991, got "${text}"`,
    );
  }
  return n;
}

/** Normalises `--county`: trimmed, upper case (DOJ files spell counties in upper case), non-empty. */
export function parseCounty(text: string): string {
  const c = text.trim().toUpperCase();
  if (c === "") throw new ExitError(1, '--county must name a county, e.g. "LOS ANGELES"');
  return c;
}

const FS_USAGE_ERRORS = new Set(["ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "EROFS", "ENOSPC"]);

/** Registers `generate`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerGenerate(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("generate")
      .description("Write a synthetic CA DOJ research file (95 columns) for tests, demos and benchmarks.")
      .requiredOption("-c, --county <name>", 'county of most cases (~75 %), e.g. "LOS ANGELES" (upper-cased)')
      .requiredOption("-n, --rows <n>", "minimum number of data rows (the last person is kept whole)")
      .option("-s, --seed <integer>", "seed; the same seed and options give a byte-identical file", "1")
      .requiredOption("-o, --out <file>", "CSV file to write (replaced atomically; its folder must exist)")
      .option("-q, --quiet", "print nothing on success", false)
      .addHelpText(
        "after",
        `
The file has the 95-column DOJ header and at least --rows data rows: persons are generated whole
until the count is reached, so it overshoots by part of one person (the actual count is printed).
RFC-4180 CSV, "\\n" line endings, fields quoted only when they hold a comma, quote or line break
(names are "LAST,FIRST M").

Content is invented (no real people) and is a pure function of the options, never of the clock:
SUBJECT_IDs from 10000001; birth dates 1945-2002; case dates 1970-2024; cases (cycles 101, 102, ...)
mostly in --county and otherwise in YOLO, SAN JOAQUIN, ALAMEDA and others; an arrest row per count
(ARREST/DETAINED/CITED) then court rows (COURT ACTION, CONVICTED or DISMISSED, FELONY or
MISDEMEANOR), a convicted count repeated once per sentence part (JAIL/PROBATION/PRISON, D/M/Y);
all four Prop 64 sections (HS 11357-11360) in several spellings, related and other charges,
attempts (664-/664/), conspiracies (182(A)(1) PC with the target in COMMENT_TEXT), super strikes,
PC 290 offences with REGISTRATION steps, DECEASED steps, comment-only charges and about 0.2 % of
rows with malformed dates (e.g. 19800000, 7 digits, blank, 31 February).

Example:
  clearance generate --county "LOS ANGELES" --rows 100000 --seed 42 --out la-100k.csv`,
      )
      .action(async (opts) => {
        const county = parseCounty(opts.county);
        const rows = parseRows(opts.rows);
        const seed = parseSeed(opts.seed);
        try {
          const result = await writeDojFile({ county, rows, seed, out: opts.out });
          if (!opts.quiet) {
            process.stdout.write(
              `wrote ${result.rows} rows (${result.persons} persons, ${result.bytes} bytes; asked for at least ${rows}) to ${opts.out}\n`,
            );
          }
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === "ENOENT" || code === "ENOTDIR") {
            throw new ExitError(1, `cannot write ${opts.out}: its folder does not exist`);
          }
          if (code !== undefined && FS_USAGE_ERRORS.has(code)) {
            throw new ExitError(1, `cannot write ${opts.out}: ${(err as Error).message}`);
          }
          throw err;
        }
      }),
  );
}
