/**
 * @module progress — renders pipeline progress events on stderr: a bar with rows/s and ETA when stderr
 * is a terminal; otherwise (a log file, a pipe, a scheduled job) plain lines, once a run has taken a few
 * seconds, at each phase and every ten seconds; nothing with --quiet.
 */
import type { ProgressEvent } from "@clearance/pipeline";
import cliProgress from "cli-progress";

/** Creates a renderer; call `stop()` at the end. */
export function progressRenderer(quiet: boolean): { update(e: ProgressEvent): void; stop(): void } {
  if (quiet) return { update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    const lines = progressLines(
      (line) => process.stderr.write(`${line}\n`),
      () => performance.now(),
    );
    return { update: (e) => lines(e), stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: " {phase} {file} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}",
      hideCursor: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const state = barState(() => performance.now());
  return {
    update(e) {
      const b = state(e);
      if (!started) {
        bar.start(b.total, 0, { phase: "", file: "", rows: "0", rate: "0" });
        started = true;
      }
      bar.setTotal(b.total);
      bar.update(b.value, b.payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** What the bar shows for an event: its position out of `total` (both passes' bytes) and its labels. */
export interface BarState {
  readonly value: number;
  readonly total: number;
  readonly payload: { phase: string; file: string; rows: string; rate: string };
}

/**
 * The bar's state for each event, with a clock in milliseconds (injected for tests). Rows per second are
 * the current phase's; at the end, the whole run's.
 */
export function barState(now: () => number): (e: ProgressEvent) => BarState {
  let runStart: number | undefined;
  let phaseStart = 0;
  let phase = "";
  return (e) => {
    const t = now();
    runStart ??= t;
    if (e.phase !== phase) {
      phase = e.phase;
      phaseStart = t;
    }
    const secs = (t - (e.phase === "done" ? runStart : phaseStart)) / 1000;
    const done =
      e.phase === "pass1" ? e.bytesDone : e.bytesTotal + (e.phase === "pass2" ? e.bytesDone : e.bytesTotal);
    return {
      value: done,
      total: Math.max(1, e.bytesTotal * 2),
      payload: {
        phase: PHASES[e.phase].words,
        file: `${e.fileIndex}/${e.files}`,
        rows: e.rowsDone.toLocaleString("en-US"),
        rate: (secs > 0 ? Math.round(e.rowsDone / secs) : 0).toLocaleString("en-US"),
      },
    };
  };
}

/**
 * Each phase in words, and the pass it is, if one: the bar shows the words, the plain lines both
 * ("reading (pass 1 of 2)"). Pass 2 writes each person's rows as soon as they are decided, so deciding
 * and writing go on together.
 */
const PHASES: Readonly<Record<ProgressEvent["phase"], { readonly words: string; readonly pass?: string }>> = {
  pass1: { words: "reading", pass: "pass 1 of 2" },
  evaluate: { words: "deciding" },
  pass2: { words: "deciding and writing", pass: "pass 2 of 2" },
  done: { words: "done" },
};

function phaseWithPass(phase: ProgressEvent["phase"]): string {
  const p = PHASES[phase];
  return p.pass === undefined ? p.words : `${p.words} (${p.pass})`;
}

/** Seconds a run goes quietly before its first line (short runs print none). */
export const QUIET_SECONDS = 5;
/** Seconds between lines within a phase. */
export const LINE_EVERY_SECONDS = 10;

/**
 * Progress as plain lines, for a stderr that is not a terminal: none during the first `QUIET_SECONDS`,
 * then one at each new phase or file and one every `LINE_EVERY_SECONDS`, each with the part of the file
 * done, rows, rows/s and the time left in the phase. `now` gives milliseconds (injected for tests).
 */
export function progressLines(write: (line: string) => void, now: () => number): (e: ProgressEvent) => void {
  const started = now();
  let phaseKey = "";
  let phaseStart = started;
  let lastLine = Number.NEGATIVE_INFINITY;
  return (e) => {
    const t = now();
    const key = `${e.fileIndex}:${e.phase}`;
    const newPhase = key !== phaseKey;
    if (newPhase) {
      phaseKey = key;
      phaseStart = t;
    }
    if (e.phase === "done" || t - started < QUIET_SECONDS * 1000) return;
    if (!newPhase && t - lastLine < LINE_EVERY_SECONDS * 1000) return;
    lastLine = t;
    const secs = (t - phaseStart) / 1000;
    const parts = [`clearance: ${phaseWithPass(e.phase)}, file ${e.fileIndex} of ${e.files} (${e.file})`];
    if (e.phase !== "evaluate") {
      const share = e.bytesTotal > 0 ? e.bytesDone / e.bytesTotal : 1;
      parts.push(`${Math.floor(share * 100)}% of ${(e.bytesTotal / 1e6).toFixed(0)} MB`);
      parts.push(`${e.rowsDone.toLocaleString("en-US")} rows`);
      if (secs >= 1 && e.bytesDone > 0) {
        parts.push(`${Math.round(e.rowsDone / secs).toLocaleString("en-US")} rows/s`);
        parts.push(
          `about ${Math.ceil(((e.bytesTotal - e.bytesDone) * secs) / e.bytesDone)} s left in this pass`,
        );
      }
    } else parts.push(`${e.rowsDone.toLocaleString("en-US")} rows read`);
    write(parts.join(", "));
  };
}
