/**
 * @module pass2-feed — the decided records, from the thread that decides them to pass 2's thread, while
 * both run.
 *
 * The deciding side (`RecordFeed`) sends the records in batches over a message port, each batch with a
 * watermark: every data row before it has all its records. Pass 2's side (`FedRecords`) writes rows in
 * order; a row at or past the watermark waits (blocking its own thread, which has nothing else to do) for
 * the next batch. Records arrive in person order, not row order, so pass 2 keeps those not yet written in a
 * heap by row. A shared counter wakes the waiting side; a shared flag cancels it.
 */
import { type MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { CancelledError, type Pass2Feed } from "./pass2.ts";
import { RecordStore, type RowSlots } from "./record-store.ts";

/**
 * The shared control words: a counter bumped at each batch, the cancel flag, and whether pass 2's side is
 * waiting (only then is it woken: most batches arrive while it is busy).
 */
const SEQ = 0;
const CANCEL = 1;
const WAITING = 2;
/** Bytes of shared memory for the control words. */
export const FEED_CONTROL_BYTES = 12;

/** Records of data rows before this are all sent when the watermark is it: every row. */
const ALL_ROWS = 2 ** 31 - 1;
/** A batch goes when this many records wait, or when the watermark has moved this many rows. */
const BATCH_RECORDS = 512;
const BATCH_ROWS = 8192;
/** How long pass 2's side waits before it looks at the cancel flag again. */
const WAIT_MS = 250;

/** One batch as it crosses. */
interface FeedBatch {
  readonly rows: Int32Array;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** Every data row before this has all its records. */
  readonly watermark: number;
}

/** One end of a feed: its port and the shared control words. */
abstract class FeedEnd {
  protected readonly control: Int32Array;

  constructor(
    protected readonly port: MessagePort,
    control: SharedArrayBuffer,
  ) {
    this.control = new Int32Array(control);
  }
}

/** The deciding side: a `Pass2Feed` that sends records to pass 2's thread. */
export class RecordFeed extends FeedEnd implements Pass2Feed {
  private rows: number[] = [];
  private before: string[] = [];
  private after: string[] = [];
  private sent = 0;

  set(rowIndex: number, before: string, after: string): void {
    this.rows.push(rowIndex);
    this.before.push(before);
    this.after.push(after);
  }

  settled(rows: number): void {
    if (this.rows.length >= BATCH_RECORDS || rows - this.sent >= BATCH_ROWS) this.send(rows);
  }

  /** Every record is sent: pass 2 may write to the end. */
  finish(): void {
    this.send(ALL_ROWS);
  }

  /** Pass 2 stops at its next row (it fails with `CancelledError`). */
  cancel(): void {
    Atomics.store(this.control, CANCEL, 1);
    this.wake();
  }

  private send(watermark: number): void {
    const batch: FeedBatch = {
      rows: new Int32Array(this.rows),
      before: this.before,
      after: this.after,
      watermark,
    };
    this.port.postMessage(batch, [batch.rows.buffer as ArrayBuffer]);
    this.rows = [];
    this.before = [];
    this.after = [];
    this.sent = watermark;
    this.wake();
  }

  private wake(): void {
    // Pass 2's side reads the counter before it decides to wait, and waits only while it is unchanged.
    Atomics.add(this.control, SEQ, 1);
    if (Atomics.load(this.control, WAITING) !== 0) Atomics.notify(this.control, SEQ);
  }
}

/** Pass 2's side: the records as they arrive, found row by row (`RowSlots`) for `RowAnnotator`. */
export class FedRecords extends FeedEnd implements RowSlots {
  readonly store = new RecordStore();
  private watermark = 0;
  /** Record numbers not yet written, as a binary heap by row. */
  private heap = new Int32Array(1024);
  private size = 0;

  /** Whether the deciding side cancelled. */
  cancelled(): boolean {
    return Atomics.load(this.control, CANCEL) !== 0;
  }

  slot(rowIndex: number): number {
    while (rowIndex >= this.watermark) this.receive();
    if (this.size === 0) return -1;
    const top = this.store.rowOf(this.heap[0]!);
    if (top > rowIndex) return -1;
    if (top < rowIndex)
      throw new Error(`internal: the record of data row ${top} came after the row was written`);
    return this.pop();
  }

  /** Waits for the next batch and takes it in. */
  private receive(): void {
    for (;;) {
      if (this.cancelled()) throw new CancelledError("run cancelled");
      const seq = Atomics.load(this.control, SEQ);
      const m = receiveMessageOnPort(this.port);
      if (m) {
        const batch = m.message as FeedBatch;
        for (let i = 0; i < batch.rows.length; i++) {
          this.store.set(batch.rows[i]!, batch.before[i]!, batch.after[i]!);
          this.push(this.store.size - 1);
        }
        this.watermark = batch.watermark;
        return;
      }
      Atomics.store(this.control, WAITING, 1);
      Atomics.wait(this.control, SEQ, seq, WAIT_MS);
      Atomics.store(this.control, WAITING, 0);
    }
  }

  private push(k: number): void {
    if (this.size === this.heap.length) {
      const bigger = new Int32Array(this.heap.length * 2);
      bigger.set(this.heap);
      this.heap = bigger;
    }
    const h = this.heap;
    const row = this.store.rowOf(k);
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.store.rowOf(h[parent]!) <= row) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = k;
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0]!;
    const last = h[--this.size]!;
    const row = this.store.rowOf(last);
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.store.rowOf(h[child + 1]!) < this.store.rowOf(h[child]!)) child++;
      if (this.store.rowOf(h[child]!) >= row) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }
}
