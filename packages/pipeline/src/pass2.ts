/**
 * @module pass2 — pass 2 of a bulk run for one input file: every row again, in the output dialect, with
 * the eligibility cells decided for it, into the full, condensed and Prop 64 files (annotate.ts). It needs
 * only the input, the decided records and the output names, so it runs on a thread of its own
 * (pass2-thread.ts) while the main thread decides (pass2-feed.ts brings it the records as they come).
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import {
  AtomicWriter,
  csvRow,
  type Digest,
  type DigestWorker,
  type Flavor,
  GOGEN_ELIGIBILITY_HEADER,
  PILOTS_ELIGIBILITY_HEADER,
} from "@clearance/outputs";
import { CONDENSED_COLUMNS, DOJ_COLUMNS, readDojFile } from "@clearance/sources";
import { CONDENSED_INDEX, RowAnnotator } from "./annotate.ts";
import type { RecordSink } from "./evaluate-file.ts";
import { RecordStore, type RowSlots } from "./record-store.ts";

/** The run was cancelled through its AbortSignal. */
export class CancelledError extends Error {}

/**
 * An input changed while the run was reading it (between or during the passes): the decisions made from
 * pass 1 would not match the rows pass 2 writes, so nothing is written.
 */
export class InputChangedError extends Error {}

/** An input as pass 1 found it: its size and modification time, and the rows it used. */
export interface InputState {
  readonly bytes: number;
  readonly mtimeMs: number;
  readonly rows: number;
}

/**
 * Fails with `InputChangedError` unless the input is as pass 1 found it: the same size and modification
 * time, and (after pass 2, which passes `rowsRead`) the same number of rows.
 */
export async function checkUnchanged(
  input: string,
  label: string,
  before: InputState,
  rowsRead?: number,
): Promise<void> {
  const now = await stat(input);
  if (
    now.size === before.bytes &&
    now.mtimeMs === before.mtimeMs &&
    (rowsRead ?? before.rows) === before.rows
  )
    return;
  const found = [`${now.size.toLocaleString("en-US")} bytes`];
  if (rowsRead !== undefined) found.push(`${rowsRead.toLocaleString("en-US")} rows`);
  if (now.mtimeMs !== before.mtimeMs) found.push("modified since");
  throw new InputChangedError(
    `${label} changed while this run was reading it (pass 1 read ${before.bytes.toLocaleString("en-US")} bytes, ` +
      `${before.rows.toLocaleString("en-US")} rows; now ${found.join(", ")}), so its outputs were not written. ` +
      "Run again on a copy of the file that nothing else writes to.",
  );
}

/** What pass 2 of one file reads and writes (plain data: it crosses to pass 2's thread). */
export interface Pass2Job {
  readonly input: string;
  /** The input as named in messages. */
  readonly label: string;
  readonly flavor: Flavor;
  readonly outDir: string;
  /** Output names, relative to `outDir`. */
  readonly full: string;
  readonly condensed: string;
  readonly prop64: string;
  /** The input as pass 1 read it; pass 2 fails with `InputChangedError` if it finds it otherwise. */
  readonly expect: InputState;
}

/** The digests of pass 2's three files, in the order full, condensed, Prop 64. */
export type Pass2Digests = readonly [Digest, Digest, Digest];

/** Where the deciding loop hands pass 2 its records. */
export interface Pass2Feed extends RecordSink {
  /** Every record is handed over: pass 2 may write to the end. */
  finish(): void;
  /** Pass 2 stops (its `done` rejects with `CancelledError`); its unfinished files are removed. */
  cancel(): void;
}

/** Pass 2 of one file, started: its feed, and the digests of its files when they are written. */
export interface Pass2Run {
  readonly feed: Pass2Feed;
  readonly done: Promise<Pass2Digests>;
}

/**
 * Pass 2 on this thread: the records are kept until `finish()`, then the rows are written. The same
 * shape as `Pass2Thread.start`, which writes while the records come. Aborting `signal` cancels.
 */
export function startPass2Here(
  job: Pass2Job,
  progress: (bytesDone: number, rowsDone: number) => void,
  signal: AbortSignal,
  digests?: DigestWorker,
): Pass2Run {
  const store = new RecordStore();
  let finish!: () => void;
  let cancel!: () => void;
  const handedOver = new Promise<void>((resolve, reject) => {
    finish = resolve;
    cancel = () => reject(new CancelledError("run cancelled"));
  });
  if (signal.aborted) cancel();
  signal.addEventListener("abort", cancel);
  const aborted = () => signal.aborted;
  const done = handedOver
    .then(() => writeAnnotatedRows(job, store, { progress, aborted, ...(digests ? { digests } : {}) }))
    .finally(() => signal.removeEventListener("abort", cancel));
  const feed: Pass2Feed = {
    set: (row, before, after) => store.set(row, before, after),
    settled: () => {},
    finish,
    cancel,
  };
  return { feed, done };
}

/** How pass 2 reports and is stopped. */
export interface Pass2Hooks {
  /** Input bytes and rows done so far. */
  readonly progress: (bytesDone: number, rowsDone: number) => void;
  readonly aborted: () => boolean;
  /** Hash on this worker's thread (else on the writing thread). */
  readonly digests?: DigestWorker;
}

/**
 * Writes the three annotated files of one input; nothing is left behind if it fails or is cancelled.
 * `slots` finds each row's record in `records` (by default: all decided, sorted by row).
 */
export async function writeAnnotatedRows(
  job: Pass2Job,
  records: RecordStore,
  hooks: Pass2Hooks,
  slots?: RowSlots,
): Promise<Pass2Digests> {
  const header = job.flavor === "gogen" ? GOGEN_ELIGIBILITY_HEADER : PILOTS_ELIGIBILITY_HEADER;
  const open = (name: string) => new AtomicWriter(join(job.outDir, name), 1 << 20, hooks.digests);
  const full = open(job.full);
  const condensed = open(job.condensed);
  const prop64 = open(job.prop64);
  try {
    const fullHeader = `${csvRow([...DOJ_COLUMNS, ...header])}\n`;
    full.write(fullHeader);
    prop64.write(fullHeader);
    condensed.write(`${csvRow([...CONDENSED_COLUMNS, ...header])}\n`);
    const annotator = new RowAnnotator(records, job.flavor, { full, condensed, prop64 }, slots);
    await readDojFile(
      job.input,
      job.label,
      {
        onRow: (rec) => annotator.row(rec),
        // Pass 1 reported the rejected rows.
        onReject: () => {},
        afterChunk: async (bytes) => {
          hooks.progress(bytes, annotator.rowIndex);
          await full.drained();
          await condensed.drained();
          await prop64.drained();
        },
        aborted: hooks.aborted,
      },
      { pick: CONDENSED_INDEX },
    );
    if (hooks.aborted()) throw new CancelledError("run cancelled");
    // The rows written must be the rows decided: the same file, unchanged since pass 1.
    await checkUnchanged(job.input, job.label, job.expect, annotator.rowIndex);
    await Promise.all([full.commit(), condensed.commit(), prop64.commit()]);
    return await Promise.all([full.digest(), condensed.digest(), prop64.digest()]);
  } catch (e) {
    await Promise.all([full.abort(), condensed.abort(), prop64.abort()]);
    throw e;
  }
}

/** A system error's fields (a full disk: code ENOSPC, syscall write, the path), which a thread's message would lose. */
export interface SystemFields {
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
}

/** The system fields of an error, to send them over (pass2-thread.ts puts them back). */
export function systemFields(e: unknown): SystemFields {
  const s = e as SystemFields;
  return {
    ...(typeof s.code === "string" ? { code: s.code } : {}),
    ...(typeof s.syscall === "string" ? { syscall: s.syscall } : {}),
    ...(typeof s.path === "string" ? { path: s.path } : {}),
  };
}
