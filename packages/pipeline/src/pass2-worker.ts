/**
 * @module pass2-worker — the entry of pass 2's thread (pass2-thread.ts starts it): takes one job at a time,
 * writes the annotated files (pass2.ts) with the records as they arrive (pass2-feed.ts), and answers with
 * their digests, or with the error.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { DigestWorker } from "@clearance/outputs";
import {
  CancelledError,
  InputChangedError,
  type Pass2Digests,
  type Pass2Job,
  type SystemFields,
  systemFields,
  writeAnnotatedRows,
} from "./pass2.ts";
import { FedRecords } from "./pass2-feed.ts";

/** A job as the main thread posts it. */
export interface Pass2Message {
  readonly job: Pass2Job;
  /** The records arrive on this port (`RecordFeed` at the other end). */
  readonly feed: MessagePort;
  /** The feed's shared control words (wake-up counter, cancel flag). */
  readonly control: SharedArrayBuffer;
}

/** What the thread posts back. */
export type Pass2Reply =
  | { readonly type: "progress"; readonly bytes: number; readonly rows: number }
  | { readonly type: "done"; readonly digests: Pass2Digests }
  | ({
      readonly type: "failed";
      readonly message: string;
      readonly stack?: string;
      readonly cancelled: boolean;
      readonly inputChanged: boolean;
    } & SystemFields);

const port = parentPort;
if (!port) throw new Error("pass2-worker.ts runs as a worker thread (see pass2-thread.ts)");
const reply = (r: Pass2Reply) => port.postMessage(r);
// The run's hashing thread, when the main thread shared it (else each file is hashed here).
const shared = (workerData as { digests?: MessagePort } | null)?.digests;
const digests = shared ? new DigestWorker(shared) : undefined;

port.on("message", async (m: Pass2Message) => {
  const records = new FedRecords(m.feed, m.control);
  try {
    const files = await writeAnnotatedRows(
      m.job,
      records.store,
      {
        progress: (bytes, rows) => reply({ type: "progress", bytes, rows }),
        aborted: () => records.cancelled(),
        ...(digests ? { digests } : {}),
      },
      records,
    );
    reply({ type: "done", digests: files });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply({
      type: "failed",
      message: err.message,
      ...(err.stack !== undefined ? { stack: err.stack } : {}),
      ...systemFields(err),
      cancelled: e instanceof CancelledError,
      inputChanged: e instanceof InputChangedError,
    });
  } finally {
    m.feed.close();
  }
});
