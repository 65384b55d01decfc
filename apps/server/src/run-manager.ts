/**
 * @module run-manager — starts bulk runs in the background, keeps their live progress for SSE, cancels
 * them, and loads the finished results into the store. The rules live in the pipeline; this module only
 * calls `runBulk` and records what happened.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ProgressEvent, runBulk } from "@clearance/pipeline";
import type { RunInput, RunStatus, Store } from "@clearance/store";

/** The pipeline's bulk use case, injected so the server stays a thin shell. */
export type RunBulk = typeof runBulk;

/** The policy a user chose in the wizard. */
export type PolicyChoice =
  | { readonly kind: "gogen"; readonly options: Record<string, unknown> }
  | { readonly kind: "los-angeles" }
  | { readonly kind: "statute" }
  | { readonly kind: "file"; readonly uploadId: string };

/** Live state of a run, as sent over SSE. */
export interface LiveState {
  readonly runId: string;
  readonly status: string;
  readonly phase: string;
  readonly file: string;
  readonly rowsDone: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** Rows per second since the run started. */
  readonly rowsPerSecond: number;
  /** Seconds left, estimated from bytes in the current phase; undefined until there is a rate. */
  readonly etaSeconds: number | undefined;
  readonly error?: string;
}

type Listener = (s: LiveState) => void;

interface Job {
  readonly controller: AbortController;
  /** Who asked for the cancel, once someone has. */
  cancelledBy?: string;
  /** Upload path → the name it was uploaded under (progress names inputs by the latter). */
  readonly names: ReadonlyMap<string, string>;
  readonly startedAt: number;
  phaseStartedAt: number;
  state: LiveState;
  readonly listeners: Set<Listener>;
  done: Promise<void>;
}

/** Parameters of {@link RunManager.start}. */
export interface StartRun {
  readonly runId: string;
  readonly who: string;
  readonly county: string;
  readonly computeAt: string;
  readonly policy: PolicyChoice;
  /** Path of the policy file when `policy.kind` is `file`. */
  readonly policyFilePath?: string;
  /** The name it was uploaded under (the warnings name it so, not by its path in the data folder). */
  readonly policyFileName?: string;
  readonly inputs: readonly RunInput[];
}

/** The answer to a cancel: done, or why not. */
export type CancelOutcome = "cancelling" | "not-running" | "already-cancelling" | "too-late";

/** The abort reason of a server shutdown (a user's cancel has none). */
const SHUTDOWN = "the server stopped during the run";

/** Runs bulk jobs one process-wide map at a time; state outside the map lives in the store. */
export class RunManager {
  readonly #jobs = new Map<string, Job>();

  constructor(
    private readonly store: Store,
    private readonly runsDir: string,
    private readonly runBulk: () => Promise<RunBulk>,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Records the run and starts it in the background. */
  async start(p: StartRun): Promise<void> {
    const outDir = join(this.runsDir, p.runId);
    await mkdir(outDir, { recursive: true });
    let policySpec: string;
    if (p.policy.kind === "los-angeles") policySpec = "los-angeles";
    else if (p.policy.kind === "statute") policySpec = "statute";
    else if (p.policy.kind === "file") policySpec = p.policyFilePath!;
    else {
      policySpec = join(outDir, "..", `${p.runId}.options.json`);
      await writeFile(policySpec, JSON.stringify(p.policy.options, null, 2));
    }
    this.store.createRun({
      id: p.runId,
      createdBy: p.who,
      county: p.county,
      policy: p.policy,
      computeAt: p.computeAt,
      outDir,
      inputs: p.inputs,
    });
    this.store.audit(p.runId, p.who, "run-started", {
      county: p.county,
      computeAt: p.computeAt,
      policy: p.policy,
      inputs: p.inputs.map((i) => ({ name: i.name, bytes: i.bytes })),
    });
    const now = this.clock();
    const job: Job = {
      controller: new AbortController(),
      names: new Map(p.inputs.map((i) => [i.path, i.name])),
      startedAt: now,
      phaseStartedAt: now,
      state: {
        runId: p.runId,
        status: "running",
        phase: "starting",
        file: "",
        rowsDone: 0,
        bytesDone: 0,
        bytesTotal: p.inputs.reduce((a, i) => a + i.bytes, 0),
        rowsPerSecond: 0,
        etaSeconds: undefined,
      },
      listeners: new Set(),
      done: Promise.resolve(),
    };
    this.#jobs.set(p.runId, job);
    job.done = this.#execute(job, p, outDir, policySpec);
  }

  async #execute(job: Job, p: StartRun, outDir: string, policySpec: string): Promise<void> {
    try {
      const runBulk = await this.runBulk();
      const report = await runBulk(
        {
          inputs: p.inputs.map((i) => i.path),
          county: p.county,
          policy: policySpec,
          computeAt: p.computeAt,
          outDir,
          format: "gogen",
        },
        (e) => this.#progress(job, e),
        job.controller.signal,
      );
      if (job.controller.signal.aborted) throw new DOMException("cancelled", "AbortError");
      this.store.finishRun(p.runId, "importing");
      this.#publish(job, { ...job.state, status: "importing", phase: "loading results for review" });
      await this.store.importResults(p.runId, join(report.outDir, "results.ndjson"));
      this.store.finishRun(p.runId, "done", {
        summary: report.summary,
        report: {
          files: report.files,
          rows: report.rows,
          // The warnings name each input by the name it was uploaded under, not its path in the data folder.
          warnings: report.warnings.map((w) =>
            [
              ...p.inputs.map((i) => [i.path, i.name] as const),
              ...(p.policyFilePath && p.policyFileName
                ? [[p.policyFilePath, p.policyFileName] as const]
                : []),
            ].reduce((t, [path, name]) => t.replaceAll(path, name), w),
          ),
        },
      });
      this.store.audit(p.runId, p.who, "run-finished", { rows: report.rows });
      this.#publish(job, { ...job.state, status: "done", phase: "done", etaSeconds: 0 });
    } catch (err) {
      const signal = job.controller.signal;
      // A cancel names the person who asked; a shutdown leaves the run interrupted, as a crash would.
      const [status, kind, who, message]: [RunStatus, string, string, string] = !signal.aborted
        ? ["failed", "run-failed", p.who, (err as Error)?.message || String(err)]
        : signal.reason === SHUTDOWN
          ? ["interrupted", "run-interrupted", p.who, SHUTDOWN]
          : ["cancelled", "run-cancelled", job.cancelledBy ?? p.who, "cancelled"];
      this.store.finishRun(p.runId, status, { error: message });
      this.store.audit(p.runId, who, kind, { error: message });
      this.#publish(job, { ...job.state, status, error: message });
    } finally {
      this.#jobs.delete(p.runId);
      job.listeners.clear();
    }
  }

  #progress(job: Job, e: ProgressEvent): void {
    const now = this.clock();
    if (e.phase !== job.state.phase) job.phaseStartedAt = now;
    const elapsed = (now - job.startedAt) / 1000;
    const phaseElapsed = (now - job.phaseStartedAt) / 1000;
    const rate = elapsed > 0 ? e.rowsDone / elapsed : 0;
    const eta =
      e.bytesDone > 0 && phaseElapsed > 0 && e.bytesTotal >= e.bytesDone
        ? (phaseElapsed * (e.bytesTotal - e.bytesDone)) / e.bytesDone
        : undefined;
    this.#publish(job, {
      ...job.state,
      phase: e.phase,
      file: job.names.get(e.file) ?? e.file,
      rowsDone: e.rowsDone,
      bytesDone: e.bytesDone,
      bytesTotal: e.bytesTotal,
      rowsPerSecond: Math.round(rate),
      etaSeconds: eta === undefined ? undefined : Math.round(eta),
    });
  }

  #publish(job: Job, s: LiveState): void {
    job.state = s;
    for (const l of job.listeners) l(s);
  }

  /** The live state of a running job, or undefined when none runs under that id. */
  live(runId: string): LiveState | undefined {
    return this.#jobs.get(runId)?.state;
  }

  /** Subscribes to a running job's state; returns the unsubscribe function, or undefined if not running. */
  subscribe(runId: string, l: Listener): (() => void) | undefined {
    const job = this.#jobs.get(runId);
    if (!job) return undefined;
    job.listeners.add(l);
    return () => job.listeners.delete(l);
  }

  /**
   * Asks a running job to stop. Not once its decisions are written and it is loading them for review
   * (the outputs are complete by then; the run ends "done" in moments), nor twice.
   */
  cancel(runId: string, who: string): CancelOutcome {
    const job = this.#jobs.get(runId);
    if (!job) return "not-running";
    if (job.controller.signal.aborted) return "already-cancelling";
    if (job.state.status === "importing") return "too-late";
    this.store.audit(runId, who, "cancel-requested", {});
    job.cancelledBy = who;
    job.controller.abort();
    return "cancelling";
  }

  /** Resolves when the run (if running) has finished; for tests and shutdown. */
  async settled(runId: string): Promise<void> {
    await this.#jobs.get(runId)?.done;
  }

  /** Stops every running job and waits for them (server shutdown): each ends `interrupted`. */
  async stopAll(): Promise<void> {
    const jobs = [...this.#jobs.values()];
    for (const j of jobs) if (j.state.status !== "importing") j.controller.abort(SHUTDOWN);
    await Promise.allSettled(jobs.map((j) => j.done));
  }
}

/**
 * Removes what a killed run left in its folder (its unfinished outputs and its lock; the pipeline's
 * `removeLeftovers`, loaded only when there is such a run), so an interrupted run's folder holds no
 * half-written file. Finished files are kept. Returns the names removed.
 */
export async function tidyInterruptedRun(outDir: string): Promise<string[]> {
  const { removeLeftovers } = await import("@clearance/pipeline");
  return removeLeftovers(outDir);
}
