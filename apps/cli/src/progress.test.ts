/**
 * Progress lines for a stderr that is not a terminal (a log, a pipe, a scheduled job): quiet for short
 * runs, then one line per phase and one every ten seconds, with share done, rows/s and time left.
 */
import type { ProgressEvent } from "@clearance/pipeline";
import { describe, expect, it } from "vitest";
import { barState, progressLines } from "./progress.ts";

const MB = 1_000_000;

function event(
  phase: ProgressEvent["phase"],
  bytesDone: number,
  rowsDone: number,
  fileIndex = 1,
): ProgressEvent {
  return { phase, file: "doj.csv", fileIndex, files: 2, bytesDone, bytesTotal: 400 * MB, rowsDone };
}

/** progressLines with a clock the test sets: `at(ms)` moves it, `lines` collects what was printed. */
function recorder() {
  const lines: string[] = [];
  let t = 0;
  const update = progressLines(
    (l) => lines.push(l),
    () => t,
  );
  return {
    lines,
    update,
    at: (ms: number) => {
      t = ms;
    },
  };
}

describe("progressLines", () => {
  it("prints nothing for a run shorter than five seconds", () => {
    const { lines, update, at } = recorder();
    for (let i = 1; i <= 40; i++) {
      at(i * 100);
      update(event(i < 20 ? "pass1" : "pass2", i * 10 * MB, i * 1000));
    }
    update(event("done", 400 * MB, 40_000));
    expect(lines).toEqual([]);
  });

  it("after five seconds: a line at once, then at each new phase or file and every ten seconds", () => {
    const { lines, update, at } = recorder();
    // Pass 1 reads 10 MB (25,000 rows) a second.
    for (let s = 0; s <= 16; s++) {
      at(s * 1000);
      update(event("pass1", s * 10 * MB, s * 25_000));
    }
    expect(lines).toEqual([
      "clearance: reading (pass 1 of 2), file 1 of 2 (doj.csv), 12% of 400 MB, 125,000 rows, 25,000 rows/s, about 35 s left in this pass",
      "clearance: reading (pass 1 of 2), file 1 of 2 (doj.csv), 37% of 400 MB, 375,000 rows, 25,000 rows/s, about 25 s left in this pass",
    ]);
    at(17_000);
    update(event("evaluate", 400 * MB, 1_000_000));
    at(20_000);
    update(event("pass2", 0, 0));
    at(20_500);
    update(event("pass2", 5 * MB, 12_500));
    at(21_000);
    update(event("pass2", 10 * MB, 25_000, 2)); // the next file: a new line at once
    update(event("done", 400 * MB, 1_000_000, 2));
    expect(lines.slice(2)).toEqual([
      "clearance: deciding, file 1 of 2 (doj.csv), 1,000,000 rows read",
      "clearance: deciding and writing (pass 2 of 2), file 1 of 2 (doj.csv), 0% of 400 MB, 0 rows",
      "clearance: deciding and writing (pass 2 of 2), file 2 of 2 (doj.csv), 2% of 400 MB, 25,000 rows",
    ]);
  });
});

describe("barState (the bar on a terminal)", () => {
  it("shows the phase in words, both passes' share, and the rate of the phase, then of the whole run", () => {
    let t = 0;
    const state = barState(() => t);
    expect(state(event("pass1", 0, 0))).toMatchObject({ value: 0, total: 800 * MB });
    t = 2_000;
    expect(state(event("pass1", 200 * MB, 500_000))).toMatchObject({
      value: 200 * MB,
      payload: { phase: "reading", file: "1/2", rows: "500,000", rate: "250,000" },
    });
    t = 4_000;
    state(event("pass2", 0, 0));
    t = 5_000;
    expect(state(event("pass2", 100 * MB, 300_000))).toMatchObject({
      value: 500 * MB,
      payload: { phase: "deciding and writing", rows: "300,000", rate: "300,000" },
    });
    // The last event comes at once after the one before: its rate is the whole run's, not a division by
    // a moment.
    t = 8_000;
    expect(state(event("done", 400 * MB, 1_000_000))).toMatchObject({
      value: 800 * MB,
      payload: { phase: "done", rows: "1,000,000", rate: "125,000" },
    });
  });
});
