/**
 * @module pass2-thread — runs pass 2 (pass2.ts) on a second thread, so that on a two-core machine the
 * annotated files are written while the main thread decides and writes the explanations (results.ndjson
 * and the statute review).
 *
 * The thread needs only the input's path, the output names and the decided records, which reach it as
 * they are decided (pass2-feed.ts), so it writes while the main thread decides and explains. Cancelling
 * sets a flag in shared memory that the thread checks at each row it waits for and between chunks. From the bundle, the thread runs `pass2-worker.mjs` built beside
 * it (apps/cli/build.mjs); from the TypeScript sources (tests, `CLEARANCE_TSX=1`), it runs
 * `pass2-worker.ts` through tsx.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import {
  CancelledError,
  InputChangedError,
  type Pass2Digests,
  type Pass2Job,
  type Pass2Run,
  systemFields,
} from "./pass2.ts";
import { FEED_CONTROL_BYTES, RecordFeed } from "./pass2-feed.ts";
import type { Pass2Message, Pass2Reply } from "./pass2-worker.ts";

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
        if (m.type === "done") c.resolve(m.digests);
        else {
          const e = m.cancelled
            ? new CancelledError(m.message)
            : m.inputChanged
              ? new InputChangedError(m.message)
              : new Error(m.message);
          if (m.stack !== undefined) e.stack = m.stack;
          Object.assign(e, systemFields(m));
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
   * Starts writing the annotated files of `job`: hand the records to the returned feed as they are
   * decided (`finish()` after the last), and await `done` for the files' digests. When `signal` aborts,
   * the thread stops at its next row or chunk and `done` rejects with `CancelledError`.
   */
  start(
    job: Pass2Job,
    progress: (bytesDone: number, rowsDone: number) => void,
    signal?: AbortSignal,
  ): Pass2Run {
    const { port1, port2 } = new MessageChannel();
    const control = new SharedArrayBuffer(FEED_CONTROL_BYTES);
    const feed = new RecordFeed(port1, control);
    if (this.failed) return { feed, done: Promise.reject(this.failed) };
    if (this.current) return { feed, done: Promise.reject(new Error("pass 2 thread is busy")) };
    const onAbort = () => feed.cancel();
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort);
    const message: Pass2Message = { job, feed: port2, control };
    const done = new Promise<Pass2Digests>((resolve, reject) => {
      this.current = { resolve, reject, progress };
      this.worker.postMessage(message, [port2]);
    }).finally(() => {
      signal?.removeEventListener("abort", onAbort);
      port1.close();
    });
    return { feed, done };
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}
