/**
 * @module digests — SHA-256 of the run's inputs and outputs on a second thread.
 *
 * The manifest records the SHA-256 of every input and output byte (about 1.2 GB for a 1M-row file).
 * Hashing them on the thread that scans and writes would cost that thread about a tenth of the run, so a
 * worker thread hashes instead: it reads each file itself, from the operating system's page cache, up to
 * the length the writer says is on disk. Nothing is copied between threads but a few numbers per chunk.
 * A file being written is read at its temporary name or, once renamed into place, at its final name:
 * the rename is atomic and the content the same, so the reader never sees a wrong byte.
 */
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";

// The worker is dependency-free, so it runs from this string both from the sources and from the bundle.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { openSync, readSync, closeSync, fstatSync } = require("node:fs");
const buf = Buffer.allocUnsafe(1 << 20);
function pump(out, jobs, id, j) {
  try {
    if (j.fd < 0) j.fd = openEither(j);
    while (j.done < j.target) {
      const n = readSync(j.fd, buf, 0, Math.min(buf.length, j.target - j.done), j.done);
      if (n === 0) throw new Error("file is shorter than written: " + j.done + " of " + j.target + " bytes");
      j.hash.update(n === buf.length ? buf : buf.subarray(0, n));
      j.done += n;
    }
    if (j.end >= 0 && j.done >= j.end) {
      finish(jobs, id, j);
      out.postMessage({ id, sha256: j.hash.digest("hex"), bytes: j.done });
    }
  } catch (e) {
    finish(jobs, id, j);
    out.postMessage({ id, error: String((e && e.message) || e) });
  }
}
// A file being written may already have been renamed into place: then it is at its final name.
function openEither(j) {
  try {
    return openSync(j.path, "r");
  } catch (e) {
    if (!j.renamed || !e || e.code !== "ENOENT") throw e;
    return openSync(j.renamed, "r");
  }
}
function finish(jobs, id, j) {
  jobs.delete(id);
  if (j.fd >= 0) try { closeSync(j.fd); } catch {}
}
// Requests come from the main thread and from other threads' ports (DigestWorker.share); each source
// numbers its own files and gets its answers back on the way it asked.
function listen(out) {
  const jobs = new Map();
  out.on("message", (m) => {
    if (m.type === "port") return listen(m.port);
    if (m.type === "open") {
      jobs.set(m.id, { path: m.path, renamed: m.renamed, fd: -1, hash: createHash("sha256"), done: 0, target: 0, end: -1 });
      return;
    }
    const j = jobs.get(m.id);
    if (!j) return;
    if (m.type === "cancel") return finish(jobs, m.id, j);
    if (m.type === "whole") {
      // A whole existing file: its length now is the length to hash.
      try {
        if (j.fd < 0) j.fd = openEither(j);
        j.end = j.target = fstatSync(j.fd).size;
      } catch (e) {
        finish(jobs, m.id, j);
        out.postMessage({ id: m.id, error: String((e && e.message) || e) });
        return;
      }
    } else j.target = m.bytes;
    if (m.type === "end") j.end = m.bytes;
    pump(out, jobs, m.id, j);
  });
}
listen(parentPort);
`;

/** The SHA-256 of a file's content and its length. */
export interface Digest {
  readonly sha256: string;
  readonly bytes: number;
}

/** A file being written whose bytes the worker hashes as they reach the file. */
export interface FollowedFile {
  /** The first `bytes` bytes of the file are written: hash up to there. */
  advance(bytes: number): void;
  /** The file is complete at `bytes` bytes: resolves with its digest. */
  end(bytes: number): Promise<Digest>;
  /** The file is abandoned. */
  cancel(): void;
}

/**
 * One worker thread hashing files for one run. Call `close()` when done. Another thread reaches the same
 * worker through a port: `new DigestWorker(port)` there with a port from `share()` here.
 */
export class DigestWorker {
  private readonly worker: Worker | MessagePort;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (d: Digest) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(port?: MessagePort) {
    this.worker = port ?? new Worker(WORKER_SOURCE, { eval: true });
    if (!port) {
      // The worker must not keep the process alive on its own.
      this.worker.unref();
      this.worker.on("error", (e) => this.fail(e));
      this.worker.on("exit", (code) => {
        if (this.waiting.size > 0) this.fail(new Error(`hashing thread stopped (exit code ${code})`));
      });
    } else
      port.on("close", () => {
        if (this.waiting.size > 0) this.fail(new Error("hashing thread's port closed"));
      });
    this.worker.on("message", (m: { id: number; sha256?: string; bytes?: number; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new Error(`hashing failed: ${m.error}`));
      else w.resolve({ sha256: m.sha256!, bytes: m.bytes! });
    });
  }

  /** A port through which another thread hashes on this worker (pass it to `new DigestWorker(port)`). */
  share(): MessagePort {
    if (!(this.worker instanceof Worker)) throw new Error("share() is for the thread that owns the worker");
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ type: "port", port: port1 }, [port1]);
    return port2;
  }

  private fail(e: Error): void {
    this.failed = e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  private result(id: number): Promise<Digest> {
    const p: Promise<Digest> = this.failed
      ? Promise.reject(this.failed)
      : new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // A run that fails part-way never asks for some digests: that is not an unhandled rejection.
    p.catch(() => {});
    return p;
  }

  /** Hashes a whole existing file (read by the worker on its own). */
  file(path: string): Promise<Digest> {
    const id = this.nextId++;
    const p = this.result(id);
    this.worker.postMessage({ type: "open", id, path });
    this.worker.postMessage({ type: "whole", id });
    return p;
  }

  /** Follows a file being written at `path`, which is renamed to `renamed` when complete. */
  follow(path: string, renamed: string): FollowedFile {
    const id = this.nextId++;
    this.worker.postMessage({ type: "open", id, path, renamed });
    let ended = false;
    return {
      advance: (bytes) => {
        if (!ended) this.worker.postMessage({ type: "advance", id, bytes });
      },
      end: (bytes) => {
        ended = true;
        const p = this.result(id);
        this.worker.postMessage({ type: "end", id, bytes });
        return p;
      },
      cancel: () => {
        if (ended) return;
        ended = true;
        this.worker.postMessage({ type: "cancel", id });
      },
    };
  }

  /** Stops the worker, or closes this thread's port to it (after every digest asked for has arrived, or to abandon them). */
  async close(): Promise<void> {
    if (this.worker instanceof Worker) await this.worker.terminate();
    else this.worker.close();
  }
}
