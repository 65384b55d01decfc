/**
 * @module commands/run — `clearance run`: the bulk job on DOJ research files.
 */

import {
  CancelledError,
  ConfigError,
  InputChangedError,
  runBulk,
  StrictRejectError,
} from "@clearance/pipeline";
import { Command, Option } from "@commander-js/extra-typings";
import { ExitError } from "../boundary.ts";
import { LA_AGE_HELP, LA_YEARS_HELP, laOptions } from "../la-options.ts";
import { progressRenderer } from "../progress.ts";

/** Today's date at the shell edge (the core never reads the clock). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").filter((v) => v !== "")];
}

/** Registers `run`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerRun(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("run")
      .description("Decide every Prop 64 conviction in CA DOJ research files and write the result bundle.")
      .requiredOption(
        "-i, --input <file>",
        "DOJ research file (CSV, 95 columns); repeat or comma-separate for several",
        collect,
        [] as string[],
      )
      .requiredOption(
        "-c, --county <name>",
        'county whose convictions are decided, as written in the data, e.g. "LOS ANGELES"',
      )
      .requiredOption(
        "-p, --policy <file|los-angeles|statute>",
        "options file in the original format (baselineEligibility…), a policy file (clearance-policy/1, docs/policy-files.md), los-angeles, or statute (decide what H&S 11361.8 provides)",
      )
      .option("--compute-at <YYYY-MM-DD>", "date the decisions are made at (default: today)")
      .requiredOption("-o, --out <dir>", "output folder (created if missing)")
      .addOption(
        new Option("-f, --format <format>", "output layout")
          .choices(["gogen", "gogen-pilots"] as const)
          .default("gogen" as const),
      )
      .option("--strict", "fail (exit 2) if any input row is rejected", false)
      .option("--la-age <n>", LA_AGE_HELP)
      .option("--la-years <n>", LA_YEARS_HELP)
      .option("--suffix <s>", "file-name suffix, as the original's --file-name-suffix")
      .option("-q, --quiet", "no progress bar and no summary table", false)
      .addHelpText(
        "after",
        `
Outputs (in --out): All_Results.csv, All_Results_Condensed.csv, Prop64_Results.csv, gogen.json
(or the gogen-pilots layout), Statute_Review.csv, Related_Charges.csv, results.ndjson, summary.json,
manifest.json, and rejects.csv when rows were rejected. Warnings (a county with none of a file's
convictions, a file with no usable row) go to stderr, even with --quiet, and into summary.json.

Exit codes: 0 ok; 1 bad usage or configuration, or a file or folder that cannot be read or written
(a full disk, a permission); 2 rows rejected with --strict; 130 stopped with Ctrl-C, 143 with SIGTERM
(the run's unfinished files are removed; a second signal stops at once).

Example (on the sample file \`npm start\` writes):
  clearance run --input examples/sample/doj-sample-20k.csv --county "LOS ANGELES" \\
    --policy examples/policies/bear-default.json --compute-at 2020-07-01 --out out/run1`,
      )
      .action(async (opts) => {
        const la = laOptions(opts, opts.policy);
        const progress = progressRenderer(opts.quiet);
        // Ctrl-C (SIGINT) or a scheduler's SIGTERM stops the run cleanly, its unfinished files removed;
        // a second signal stops at once. The exit code is 128 + the signal's number, as a shell reports it.
        const controller = new AbortController();
        let stopCode = 130;
        const stopOn = (how: string, code: number) => () => {
          if (controller.signal.aborted) process.exit(code);
          stopCode = code;
          process.stderr.write(`\nclearance: ${how}: stopping (${how} again to stop at once)\n`);
          controller.abort();
        };
        const onInt = stopOn("Ctrl-C", 130);
        const onTerm = stopOn("SIGTERM", 143);
        process.on("SIGINT", onInt);
        process.on("SIGTERM", onTerm);
        try {
          const report = await runBulk(
            {
              inputs: opts.input,
              county: opts.county,
              policy: opts.policy,
              computeAt: opts.computeAt ?? todayIso(),
              outDir: opts.out,
              format: opts.format,
              strict: opts.strict,
              ...(la.age !== undefined ? { laAge: la.age } : {}),
              ...(la.yearsConvictionFree !== undefined ? { laYears: la.yearsConvictionFree } : {}),
              ...(opts.suffix !== undefined ? { suffix: opts.suffix } : {}),
            },
            (e) => progress.update(e),
            controller.signal,
          );
          progress.stop();
          // Warnings go to stderr even with --quiet: they say the outputs may not be what was meant.
          for (const w of report.warnings) process.stderr.write(`clearance: warning: ${w}\n`);
          if (!opts.quiet) {
            const s = report.summary as Record<string, unknown>;
            const n = (x: number) => x.toLocaleString("en-US");
            const lines = [
              `Rows read ${n(report.rows.read)}, used ${n(report.rows.used)}, rejected ${n(report.rows.rejected)}`,
              `Prop 64 convictions decided: ${n(report.relevantConvictions)}`,
              `People with some relief: ${typeof s.subjectsWithSomeReliefCount === "number" ? n(s.subjectsWithSomeReliefCount) : "-"}`,
              `Outputs in ${report.outDir}: ${report.files.join(", ")}`,
            ];
            if (report.rejects > 0)
              lines.push(`${report.rejects} row(s) rejected: see ${report.outDir}/rejects.csv`);
            process.stdout.write(`${lines.join("\n")}\n`);
          }
        } catch (e) {
          progress.stop();
          if (e instanceof ConfigError || e instanceof InputChangedError) throw new ExitError(1, e.message);
          if (e instanceof StrictRejectError) throw new ExitError(2, e.message);
          if (e instanceof CancelledError)
            throw new ExitError(
              stopCode,
              `stopped: the files this run had not finished were removed from ${opts.out}`,
            );
          throw e;
        } finally {
          process.off("SIGINT", onInt);
          process.off("SIGTERM", onTerm);
        }
      }),
  );
}
