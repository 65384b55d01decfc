/**
 * The record feed between the deciding thread and pass 2's (both ends on one thread here: every batch is
 * sent before pass 2's side reads, so it never has to wait): rows find their records whatever order the
 * records came in, a record that comes after its row is caught, and cancelling stops the reading side.
 */
import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { CancelledError } from "./pass2.ts";
import { FEED_CONTROL_BYTES, FedRecords, RecordFeed } from "./pass2-feed.ts";

function ends() {
  const { port1, port2 } = new MessageChannel();
  const control = new SharedArrayBuffer(FEED_CONTROL_BYTES);
  return {
    feed: new RecordFeed(port1, control),
    fed: new FedRecords(port2, control),
    close: () => port1.close(),
  };
}

/** A small deterministic generator. */
function random(seed: number) {
  return (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
}

describe("RecordFeed → FedRecords", () => {
  it("finds every row's record, the records sent out of row order and some long before their rows", () => {
    const { feed, fed, close } = ends();
    const next = random(99);
    const rows = 50_000;
    const hasRecord = new Set<number>();
    while (hasRecord.size < 6000) hasRecord.add(next(rows));
    // Watermarks every few hundred rows; before each, the records of the rows below it, shuffled, and
    // now and then one for a row far ahead (a person whose rows are spread through the file).
    const pending = [...hasRecord].sort((a, b) => a - b);
    const sentEarly = new Set<number>();
    for (let mark = 300; ; mark += 300 + next(700)) {
      const due: number[] = [];
      while (pending.length > 0 && pending[0]! < mark) {
        const row = pending.shift()!;
        if (!sentEarly.has(row)) due.push(row);
      }
      if (pending.length > 10 && next(4) === 0) {
        const ahead = pending[next(pending.length)]!;
        if (!sentEarly.has(ahead)) {
          sentEarly.add(ahead);
          due.push(ahead);
        }
      }
      for (let i = due.length - 1; i > 0; i--) {
        const j = next(i + 1);
        [due[i], due[j]] = [due[j]!, due[i]!];
      }
      for (const row of due) feed.set(row, `before ${row}`, `after ${row}`);
      if (pending.length === 0) break;
      feed.settled(mark);
    }
    feed.finish();
    let found = 0;
    for (let row = 0; row < rows; row++) {
      const k = fed.slot(row);
      if (hasRecord.has(row)) {
        expect(k, `row ${row}`).toBeGreaterThanOrEqual(0);
        expect(fed.store.rowOf(k)).toBe(row);
        found++;
      } else expect(k, `row ${row}`).toBe(-1);
    }
    expect(found).toBe(hasRecord.size);
    expect(sentEarly.size).toBeGreaterThan(10);
    close();
  });

  it("fails with an internal error when a record comes after its row was written", () => {
    const { feed, fed, close } = ends();
    feed.set(3, "a", "b");
    feed.settled(9000); // far enough to send: rows 0…8999 are complete
    feed.set(5, "late", "record");
    feed.finish();
    for (let row = 0; row < 9000; row++) expect(fed.slot(row)).toBe(row === 3 ? 0 : -1);
    expect(() => fed.slot(9000)).toThrow(/internal: the record of data row 5 came after the row was written/);
    close();
  });

  it("stops the reading side with CancelledError when cancelled", () => {
    const { feed, fed, close } = ends();
    feed.cancel();
    expect(fed.cancelled()).toBe(true);
    expect(() => fed.slot(0)).toThrow(CancelledError);
    close();
  });
});
