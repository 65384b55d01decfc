/**
 * @module memory — a full garbage collection at the boundaries of a bulk run's phases.
 *
 * Between the passes most of what a phase allocated is garbage (the scanner's per-row strings, the
 * people built one at a time for the decisions, the fact columns once pass 2 starts). V8 would collect
 * it eventually, but only as the heap grows, so the process's peak memory would grow with the file. One
 * full collection at each boundary (tens of milliseconds) keeps the peak close to what is live.
 * (Collecting more often, every few hundred megabytes of input or every few thousand people, was
 * measured and bought almost nothing: 269 → 267 MB at 5,000,000 rows.)
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/** Runs a full garbage collection (the `gc` function V8 exposes on request). */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}
