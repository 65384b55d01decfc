/**
 * @module run-bulk — the bulk use case: DOJ research files → determinations → the result bundle.
 *
 * read (pass 1: per-person facts) → decide (pure policies) → write (pass 2: annotated rows), per input
 * file, as the original tool did (each file evaluated on its own, summaries added up). Pass 2 runs on a
 * second thread, row by row as the people are decided (pass2-thread.ts). Outputs go to temporary names
 * and are renamed when complete; the manifest records hashes and row accounting.
 */
import { mkdir, realpath, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { formatIso, type LocalDate, parseIsoDate } from "@clearance/core";
import {
  AtomicWriter,
  addSummaries,
  csvRow,
  type Digest,
  DigestWorker,
  emptySummary,
  type Flavor,
  type GogenSummary,
  gogenJson,
} from "@clearance/outputs";
import { type RowReject, readDojFile, SubjectCollector } from "@clearance/sources";
import { evaluateFile, type FileEvaluation, type PilotsReportFigures } from "./evaluate-file.ts";
import { EXPLAIN_OUTPUTS, ExplainFiles } from "./explain-files.ts";
import { collectGarbage } from "./memory.ts";
import { lockOutDir, removeLeftovers } from "./out-lock.ts";
import {
  CancelledError,
  checkUnchanged,
  InputChangedError,
  type Pass2Digests,
  type Pass2Job,
  startPass2Here,
} from "./pass2.ts";
import { Pass2Thread } from "./pass2-thread.ts";
import { pilotsJson, pilotsReport } from "./pilots-report.ts";
import { ConfigError, type LoadedPolicy, loadPolicy } from "./policy-spec.ts";
import { countyWarning, noUsableRowsWarning } from "./run-warnings.ts";

/** Options of a bulk run (the CLI's and the server's). */
export interface RunOptions {
  readonly inputs: readonly string[];
  readonly county: string;
  /** Path to an options JSON file in the original format, or `los-angeles`. */
  readonly policy: string;
  /** `YYYY-MM-DD`; required here (shells default it). */
  readonly computeAt: string;
  readonly outDir: string;
  readonly format?: "gogen" | "gogen-pilots";
  readonly strict?: boolean;
  /** Los Angeles parameters (default 50 and 10). */
  readonly laAge?: number;
  readonly laYears?: number;
  /** File-name suffix `_S` of the original's hidden `--file-name-suffix`. */
  readonly suffix?: string;
  /**
   * Write pass 2 on a second thread, fed the records as this one decides them (default true); false keeps
   * everything on this thread (same outputs, byte for byte).
   */
  readonly pass2Thread?: boolean;
}

/** A progress event, in bytes so it is determinate without a pre-count. */
export interface ProgressEvent {
  readonly phase: "pass1" | "evaluate" | "pass2" | "done";
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly rowsDone: number;
}

/** Row accounting for one file: read = used + rejected. */
export interface FileRows {
  readonly file: string;
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
}

/** What a run reports back. */
export interface RunReport {
  readonly outDir: string;
  readonly summary: Record<string, unknown>;
  readonly files: readonly string[];
  readonly rows: { read: number; used: number; rejected: number };
  readonly perFile: readonly FileRows[];
  readonly rejects: number;
  readonly relevantConvictions: number;
  readonly seconds: number;
  /** Things the user should know about the run that did not stop it (run-warnings.ts); also in summary.json. */
  readonly warnings: readonly string[];
}

/** The run was refused because rows were rejected in strict mode (exit code 2). */
export class StrictRejectError extends Error {
  constructor(
    message: string,
    readonly firstReject: RowReject,
  ) {
    super(message);
  }
}

export { CancelledError, InputChangedError };

const TOOL_VERSION = "0.1.0";

/** Runs the bulk job. */
export async function runBulk(
  options: RunOptions,
  onProgress?: (e: ProgressEvent) => void,
  signal?: AbortSignal,
): Promise<RunReport> {
  const started = performance.now();
  const computeAt = parseIsoDate(options.computeAt);
  if (computeAt === undefined)
    throw new ConfigError(
      `invalid --compute-at date ${JSON.stringify(options.computeAt)}: Must be a valid date in the format YYYY-MM-DD`,
    );
  if (options.inputs.length === 0) throw new ConfigError("at least one --input file is required");
  if (options.county.trim() === "") throw new ConfigError("--county must not be empty");
  const loaded = await loadPolicy(options.policy, {
    ...(options.laAge !== undefined ? { age: options.laAge } : {}),
    ...(options.laYears !== undefined ? { yearsConvictionFree: options.laYears } : {}),
  });
  const flavor: Flavor = options.format === "gogen-pilots" ? "pilots" : "gogen";
  if (flavor === "pilots" && loaded.kind !== "los-angeles")
    throw new ConfigError(
      "--format gogen-pilots goes with --policy los-angeles (the pilot layout is the Los Angeles flow's)",
    );
  for (const input of options.inputs) {
    try {
      const st = await stat(input);
      if (!st.isFile()) throw new ConfigError(`input ${input} is not a file`);
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(
        `cannot read input ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
  // The suffix becomes part of each output's name: a path in it would write outside --out.
  if (options.suffix && (!/^[A-Za-z0-9_.-]{1,64}$/.test(options.suffix) || options.suffix.includes("..")))
    throw new ConfigError(
      `--suffix ${JSON.stringify(options.suffix)}: use letters, digits, "_", "-" or "." (it becomes part of each output's file name)`,
    );
  await refuseInputsAmongOutputs(options, flavor);
  await mkdir(options.outDir, { recursive: true });
  // One run at a time in a folder; then the partial files there are a killed run's, and can go.
  const lock = await lockOutDir(options.outDir);
  try {
    await removeLeftovers(options.outDir);

    const suffix = options.suffix ? `_${options.suffix}` : "";
    const multi = options.inputs.length > 1;
    const dismissKeys = loaded.options?.dismiss ?? [];
    const reduceKeys = loaded.options?.reduce ?? [];
    let total: GogenSummary | undefined;
    const perFile: FileRows[] = [];
    const outputs: string[] = [];
    const inputHashes: { file: string; digest: Promise<Digest> }[] = [];
    // Every input and output byte is hashed on a second thread (digests.ts).
    const digests = new DigestWorker();
    // Started now, so it has loaded its code when pass 2 begins.
    const pass2Thread = options.pass2Thread === false ? undefined : new Pass2Thread(digests.share());
    try {
      const rejectsWriter = new AtomicWriter(join(options.outDir, "rejects.csv"), 1 << 20, digests);
      rejectsWriter.write("file,line,end_line,reason,raw\n");
      let rejectCount = 0;
      let firstReject: RowReject | undefined;
      // The statute beside the office policy, for people (explain.ts).
      const explainer = new ExplainFiles(options.outDir, digests);
      const reports: { figures: PilotsReportFigures; summary: GogenSummary }[] = [];
      const timings: Record<string, number>[] = [];
      const hashes = new Map<string, Digest | Promise<Digest>>();
      // What the policy file says that deserves a look (a key the original ignored, a rule without a citation).
      const warnings: string[] = (loaded.warnings ?? []).map((w) => `policy ${options.policy}: ${w}`);

      try {
        for (let fi = 0; fi < options.inputs.length; fi++) {
          const input = options.inputs[fi]!;
          const label = input;
          const fileStart = performance.now();
          const { size, mtimeMs } = await stat(input);
          const progress = (phase: ProgressEvent["phase"], bytesDone: number, rowsDone: number) =>
            onProgress?.({
              phase,
              file: label,
              fileIndex: fi + 1,
              files: options.inputs.length,
              bytesDone,
              bytesTotal: size,
              rowsDone,
            });
          const checkAbort = () => signal?.aborted === true;

          // Pass 1: per-person facts; row accounting (the input is hashed on the digest thread).
          const collector = new SubjectCollector();
          let rejectedHere = 0;
          inputHashes.push({ file: label, digest: digests.file(input) });
          await readDojFile(input, label, {
            onRow: (rec) => collector.add(rec),
            onReject: (rej) => {
              rejectedHere++;
              rejectCount++;
              firstReject ??= rej;
              rejectsWriter.write(
                `${csvRow([rej.file, String(rej.line), String(rej.endLine), rej.reason, rej.raw])}\n`,
              );
            },
            afterChunk: (bytes) => {
              progress("pass1", bytes, collector.rowIndex);
              return rejectsWriter.drained();
            },
            aborted: checkAbort,
          });
          if (checkAbort()) throw new CancelledError("run cancelled");
          if (options.strict && rejectedHere > 0 && firstReject) {
            throw new StrictRejectError(
              `${firstReject.file}, line ${firstReject.line}: ${firstReject.reason} (${rejectedHere} row(s) rejected; see rejects.csv; --strict refuses the run)`,
              firstReject,
            );
          }
          // A file that changed while pass 1 read it would not give the rows pass 2 finds.
          const asRead = { bytes: size, mtimeMs, rows: collector.rowIndex };
          await checkUnchanged(input, label, asRead);
          collector.trim();
          for (const w of [
            noUsableRowsWarning(label, collector.rowIndex + rejectedHere, rejectedHere),
            countyWarning(label, options.county, collector.convictionsByCounty()),
          ])
            if (w !== undefined) warnings.push(w);
          collectGarbage();
          const pass1End = performance.now();

          // Decide and explain, while pass 2 writes the annotated rows on its own thread as their records
          // come (without the thread, pass 2 runs after). Either failing stops the other; the run fails
          // with the first real error.
          const names = outputNames(flavor, fi + 1, multi, suffix);
          if (flavor === "pilots") await mkdir(join(options.outDir, names.dir), { recursive: true });
          const job: Pass2Job = {
            input,
            label,
            flavor,
            outDir: options.outDir,
            full: names.full,
            condensed: names.condensed,
            prop64: names.prop64,
            expect: asRead,
          };
          const stop = new AbortController();
          const stopAll = () => stop.abort();
          signal?.addEventListener("abort", stopAll);
          if (signal?.aborted) stopAll();
          const pass2Progress = (bytes: number, rows: number) => progress("pass2", bytes, rows);
          const pass2 = pass2Thread
            ? pass2Thread.start(job, pass2Progress, stop.signal)
            : startPass2Here(job, pass2Progress, stop.signal, digests);
          let pass2End = pass1End;
          let evalEnd = pass1End;
          const writing = pass2.done.then(
            (d) => {
              pass2End = performance.now();
              return d;
            },
            (e: unknown) => {
              stopAll();
              throw e;
            },
          );
          progress("evaluate", size, collector.rowIndex);
          const explainContext = { county: options.county, computeAt, file: label, fileIndex: fi + 1 };
          const deciding = evaluateFile(collector, {
            county: options.county,
            computeAt,
            policy: loaded.policy,
            flavor,
            dismissKeys,
            reduceKeys,
            file: label,
            fileIndex: fi + 1,
            explain: (p) => explainer.explain(explainContext, p),
            records: pass2.feed,
            aborted: () => stop.signal.aborted,
          }).then(
            (evaluation) => {
              evalEnd = performance.now();
              // Stopped early, the records are incomplete: pass 2 was cancelled and must not write to the end.
              if (!stop.signal.aborted) pass2.feed.finish();
              return evaluation;
            },
            (e: unknown) => {
              stopAll();
              throw e;
            },
          );
          const settled = await Promise.allSettled([deciding, writing]);
          signal?.removeEventListener("abort", stopAll);
          const failures = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
          const failure = failures.find((e) => !(e instanceof CancelledError)) ?? failures[0];
          if (failure !== undefined) throw failure;
          if (checkAbort()) throw new CancelledError("run cancelled");
          const evaluation = (settled[0] as PromiseFulfilledResult<FileEvaluation>).value;
          const pass2Digests = (settled[1] as PromiseFulfilledResult<Pass2Digests>).value;
          [names.full, names.condensed, names.prop64].forEach((name, k) => {
            hashes.set(name, pass2Digests[k]!);
          });
          const used = collector.rowIndex;
          collector.subjects.clear();
          collectGarbage();
          outputs.push(names.full, names.condensed, names.prop64);
          const fileEnd = Math.max(pass2End, evalEnd);
          const fileSummary = {
            ...evaluation.summary,
            processingTimeInSeconds: (fileEnd - fileStart) / 1000,
          };
          total = total ? addSummaries(total, fileSummary) : fileSummary;
          reports.push({ figures: evaluation.report, summary: fileSummary });
          if (flavor === "pilots") {
            const out = join(names.dir, `gogen_pilots_${fi + 1}${suffix}.out`);
            hashes.set(
              out,
              await writeAtomic(
                join(options.outDir, out),
                pilotsReport(evaluation.report, fileSummary, options.county, loaded),
              ),
            );
            outputs.push(out);
          }
          perFile.push({ file: label, read: used + rejectedHere, used, rejected: rejectedHere });
          timings.push({
            pass1: (pass1End - fileStart) / 1000,
            // With pass 2 on its own thread, the two run at the same time; without it, pass 2 follows.
            evaluate: (evalEnd - pass1End) / 1000,
            pass2: (pass2End - (pass2Thread ? pass1End : evalEnd)) / 1000,
          });
          progress("done", size, used);
        }
      } catch (e) {
        // The rows rejected so far stay readable (they often explain the failure); nothing else unfinished does.
        if (rejectCount > 0) await rejectsWriter.commit();
        else await rejectsWriter.abort();
        await explainer.abort();
        throw e;
      }

      const explained = await explainer.commit();
      const relevant = explained.relevant;
      const statuteFigures = explained.figures;
      EXPLAIN_OUTPUTS.forEach((name, k) => {
        outputs.push(name);
        hashes.set(name, explained.digests[k]!);
      });
      if (rejectCount > 0) {
        await rejectsWriter.commit();
        outputs.push("rejects.csv");
        hashes.set("rejects.csv", rejectsWriter.digest());
      } else {
        await rejectsWriter.abort();
        // An earlier run's rejects.csv would say this run rejected rows.
        await rm(join(options.outDir, "rejects.csv"), { force: true });
      }

      const summary = total ?? emptySummary(options.county, dismissKeys, reduceKeys);
      const seconds = (performance.now() - started) / 1000;
      summary.processingTimeInSeconds = seconds;
      const summaryName = flavor === "gogen" ? `gogen${suffix}.json` : `gogen_pilots${suffix}.json`;
      const summaryText =
        flavor === "gogen" ? gogenJson(summary, computeAt) : pilotsJson(summary, computeAt, loaded);
      hashes.set(summaryName, await writeAtomic(join(options.outDir, summaryName), summaryText));
      outputs.push(summaryName);
      const rows = {
        read: perFile.reduce((a, f) => a + f.read, 0),
        used: perFile.reduce((a, f) => a + f.used, 0),
        rejected: perFile.reduce((a, f) => a + f.rejected, 0),
      };
      const summaryObj = JSON.parse(summaryText) as Record<string, unknown>;
      const summaryHash = await writeAtomic(
        join(options.outDir, "summary.json"),
        `${JSON.stringify(
          {
            ...summaryObj,
            computeAt: formatIso(computeAt),
            policy: loaded.description,
            relevantConvictions: relevant,
            ...statuteFigures,
            rows,
            rejects: rejectCount,
            warnings,
            note: "CountSubjectsNoConvictionLast7Years is measured back from computeAt, not from the wall clock.",
          },
          null,
          2,
        )}\n`,
      );
      outputs.push("summary.json");
      hashes.set("summary.json", summaryHash);
      await writeManifest(
        options,
        loaded,
        computeAt,
        inputHashes,
        outputs,
        hashes,
        perFile,
        timings,
        seconds,
      );
      return {
        outDir: options.outDir,
        summary: summaryObj,
        files: [...outputs, "manifest.json"],
        rows,
        perFile,
        rejects: rejectCount,
        relevantConvictions: relevant,
        seconds,
        warnings,
      };
    } finally {
      await Promise.all([digests.close(), pass2Thread?.close()]);
    }
  } finally {
    await lock.release();
  }
}

/**
 * Stops the run before anything is written when an input is one of the files it would write: the outputs
 * are written under temporary names and renamed over what is there, so such an input would be replaced,
 * before it is read when it is a later input (`--input out/All_Results_2.csv --out out`).
 */
async function refuseInputsAmongOutputs(options: RunOptions, flavor: Flavor): Promise<void> {
  let outDir: string;
  try {
    outDir = await realpath(options.outDir);
  } catch {
    return; // a folder that does not exist yet holds no input
  }
  const suffix = options.suffix ? `_${options.suffix}` : "";
  const multi = options.inputs.length > 1;
  const names = [
    "rejects.csv",
    "summary.json",
    "manifest.json",
    ...EXPLAIN_OUTPUTS,
    flavor === "gogen" ? `gogen${suffix}.json` : `gogen_pilots${suffix}.json`,
    ...options.inputs.flatMap((_, fi) => {
      const n = outputNames(flavor, fi + 1, multi, suffix);
      return [
        n.full,
        n.condensed,
        n.prop64,
        ...(flavor === "pilots" ? [join(n.dir, `gogen_pilots_${fi + 1}${suffix}.out`)] : []),
      ];
    }),
  ];
  const outputs = new Set(names.map((n) => join(outDir, n)));
  for (const input of options.inputs) {
    const real = await realpath(input);
    if (outputs.has(real))
      throw new ConfigError(
        `input ${input} is one of the files this run writes in ${options.outDir} (${basename(real)}), so the run would replace it; ` +
          "move it out of that folder, or choose another --out folder",
      );
  }
}

/** Output file names (gogen §5.1; pilots §5.6 layout). */
function outputNames(flavor: Flavor, i: number, multi: boolean, suffix: string) {
  if (flavor === "gogen") {
    const idx = multi ? `_${i}` : "";
    return {
      dir: "",
      full: `All_Results${idx}${suffix}.csv`,
      condensed: `All_Results_Condensed${idx}${suffix}.csv`,
      prop64: `Prop64_Results${idx}${suffix}.csv`,
    };
  }
  const dir = `DOJ_Input_File_${i}_Results${suffix}`;
  return {
    dir,
    full: join(dir, `doj_results_${i}${suffix}.csv`),
    condensed: join(dir, `doj_results_condensed_${i}${suffix}.csv`),
    prop64: join(dir, `doj_results_convictions_${i}${suffix}.csv`),
  };
}

async function writeAtomic(path: string, text: string): Promise<Digest> {
  const w = new AtomicWriter(path, 1 << 16);
  w.write(text);
  await w.commit();
  return w.digest();
}

async function writeManifest(
  options: RunOptions,
  loaded: LoadedPolicy,
  computeAt: LocalDate,
  inputs: { file: string; digest: Promise<Digest> }[],
  outputs: string[],
  hashes: Map<string, Digest | Promise<Digest>>,
  perFile: FileRows[],
  timings: Record<string, number>[],
  seconds: number,
): Promise<void> {
  const outs = [];
  for (const name of outputs) {
    const d = await hashes.get(name);
    outs.push({ file: name, sha256: d?.sha256 ?? "", bytes: d?.bytes ?? 0 });
  }
  const ins = [];
  for (const i of inputs) {
    const d = await i.digest;
    ins.push({ file: i.file, sha256: d.sha256, bytes: d.bytes, name: basename(i.file) });
  }
  const manifest = {
    tool: "clearance",
    toolVersion: TOOL_VERSION,
    rulePackVersion: TOOL_VERSION,
    policy: loaded.description,
    county: options.county,
    computeAt: formatIso(computeAt),
    format: options.format ?? "gogen",
    strict: options.strict ?? false,
    inputs: ins,
    outputs: outs,
    rows: perFile,
    timingsSeconds: { total: seconds, perFile: timings },
  };
  await writeAtomic(join(options.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
