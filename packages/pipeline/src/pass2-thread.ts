/**
 * @module pass2-thread — runs pass 2 (pass2.ts) on a second thread, so that on a two-core machine the
 * annotated files are written while the main thread writes the explanations (results.ndjson and the
 * statute review), which pass 2 does not need.
 *
 * The thread needs only the input's path, the output names and the decided records: the records' bytes
 * move to it without a copy (`RecordStore.parts`). Cancelling sets a flag in shared memory that the
 * thread's reader checks between chunks. From the bundle, the thread runs `pass2-worker.mjs` built beside
 * it (apps/cli/build.mjs); from the TypeScript sources (tests, `CLEARANCE_TSX=1`), it runs
 * `pass2-worker.ts` through tsx.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type MessagePort, Worker } from "node:worker_threads";
import { CancelledError, type Pass2Digests, type Pass2Job } from "./pass2.ts";
import type { Pass2Message, Pass2Reply } from "./pass2-worker.ts";
import type { RecordStore } from "./record-store.ts";

/** Starts the thread's code: the bundle's worker file, or the sources through tsx. */
function startWorker(digests: MessagePort | undefined): Worker {
  const here = import.meta.url;
  const options = digests ? { workerData: { digests }, transferList: [digests] } : {};
  if (!here.endsWith(".ts")) return new Worker(new URL("./pass2-worker.mjs", here), options);
  // tsx's module hooks are per thread: the worker registers them before it loads the TypeScript entry.
  const require = createRequire(here);
  const pkgPath = require.resolve("tsx/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = pathToFileURL(join(dirname(pkgPath), pkg.exports["./esm/api"]!.import.default)).href;
  const entry = new URL("./pass2-worker.ts", here).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** Pass 2's thread for one run: jobs run one at a time. Call `close()` when done. */
export class Pass2Thread {
  private readonly worker: Worker;
  private current:
    | {
        resolve: (d: Pass2Digests) => void;
        reject: (e: Error) => void;
        progress: (bytes: number, rows: number) => void;
      }
    | undefined;
  private failed: Error | undefined;

  /**
   * Started early, so the thread has loaded its code by the time pass 2 begins. With `digests` (from
   * `DigestWorker.share`), the files are hashed on the run's hashing thread instead of this one.
   */
  constructor(digests?: MessagePort) {
    this.worker = startWorker(digests);
    this.worker.on("message", (m: Pass2Reply) => {
      const c = this.current;
      if (!c) return;
      if (m.type === "progress") c.progress(m.bytes, m.rows);
      else {
        this.current = undefined;
        if (m.type === "done") c.resolve(m.digests as unknown as Pass2Digests);
        else {
          const e = m.cancelled ? new CancelledError(m.message) : new Error(m.message);
          if (m.stack !== undefined) e.stack = m.stack;
          c.reject(e);
        }
      }
    });
    this.worker.on("error", (e) => this.fail(new Error(`pass 2 thread failed: ${e.message}`)));
    this.worker.on("exit", (code) => this.fail(new Error(`pass 2 thread stopped (exit code ${code})`)));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    const c = this.current;
    this.current = undefined;
    c?.reject(e);
  }

  /**
   * Writes the annotated files of `job` from `records` (which move to the thread: do not use them after).
   * When `signal` aborts, the thread stops at its next chunk and this rejects with `CancelledError`.
   */
  run(
    job: Pass2Job,
    records: RecordStore,
    progress: (bytesDone: number, rowsDone: number) => void,
    signal?: AbortSignal,
  ): Promise<Pass2Digests> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.current) return Promise.reject(new Error("pass 2 thread is busy"));
    const abort = new SharedArrayBuffer(4);
    const flag = new Int32Array(abort);
    const onAbort = () => Atomics.store(flag, 0, 1);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort);
    const { parts, transfer } = records.parts();
    const message: Pass2Message = { job, records: parts, abort };
    return new Promise<Pass2Digests>((resolve, reject) => {
      this.current = { resolve, reject, progress };
      this.worker.postMessage(message, transfer);
    }).finally(() => signal?.removeEventListener("abort", onAbort));
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}
