/**
 * @module progress — renders pipeline progress events on stderr: a bar with rows/s and ETA when stderr
 * is a terminal, nothing otherwise (or with --quiet).
 */
import type { ProgressEvent } from "@clearance/pipeline";
import cliProgress from "cli-progress";

/** Creates a renderer; call `stop()` at the end. */
export function progressRenderer(quiet: boolean): { update(e: ProgressEvent): void; stop(): void } {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
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
  let phaseStart = performance.now();
  let phase = "";
  return {
    update(e) {
      if (!started) {
        bar.start(Math.max(1, e.bytesTotal * 2), 0, { phase: "", file: "", rows: 0, rate: 0 });
        started = true;
      }
      if (e.phase !== phase) {
        phase = e.phase;
        phaseStart = performance.now();
      }
      const secs = (performance.now() - phaseStart) / 1000;
      const done =
        e.phase === "pass1" ? e.bytesDone : e.bytesTotal + (e.phase === "pass2" ? e.bytesDone : e.bytesTotal);
      bar.setTotal(Math.max(1, e.bytesTotal * 2));
      bar.update(done, {
        phase: e.phase === "pass1" ? "reading" : e.phase === "pass2" ? "writing" : e.phase,
        file: `${e.fileIndex}/${e.files}`,
        rows: e.rowsDone,
        rate: secs > 0 ? Math.round(e.rowsDone / secs) : 0,
      });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
