import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AtomicWriter } from "./csv.ts";
import { DigestWorker } from "./digests.ts";

const dir = mkdtempSync(join(tmpdir(), "clearance-digests-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("DigestWorker", () => {
  it("hashes a whole file on its own thread", async () => {
    const path = join(dir, "whole.bin");
    const bytes = Buffer.alloc(3_500_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(path, bytes);
    const w = new DigestWorker();
    try {
      expect(await w.file(path)).toEqual({ sha256: sha(bytes), bytes: bytes.length });
    } finally {
      await w.close();
    }
  });

  it("reports a missing file with its name", async () => {
    const w = new DigestWorker();
    try {
      await expect(w.file(join(dir, "no-such-file.csv"))).rejects.toThrow(/no-such-file\.csv/);
    } finally {
      await w.close();
    }
  });

  it("follows files being written, renamed into place, in small chunks, several at once", async () => {
    const w = new DigestWorker();
    try {
      const writers = [0, 1, 2].map((k) => new AtomicWriter(join(dir, `out-${k}.csv`), 4096, w));
      for (let row = 0; row < 20_000; row++)
        writers.forEach((x, k) => {
          x.write(`${row},${k},"quoted, text ${row * k}",é\n`);
        });
      for (const x of writers) await x.commit();
      for (const [k, x] of writers.entries()) {
        const content = readFileSync(join(dir, `out-${k}.csv`));
        expect(await x.digest()).toEqual({ sha256: sha(content), bytes: content.length });
      }
    } finally {
      await w.close();
    }
  });

  it("abandons an aborted file without a digest or a leftover", async () => {
    const w = new DigestWorker();
    try {
      const x = new AtomicWriter(join(dir, "aborted.csv"), 4096, w);
      for (let row = 0; row < 5000; row++) x.write(`${row}\n`);
      await x.abort();
      await expect(x.digest()).rejects.toThrow(/not committed/);
      expect(() => readFileSync(join(dir, "aborted.csv.partial"))).toThrow();
      // The worker still serves later files.
      const y = new AtomicWriter(join(dir, "after.csv"), 4096, w);
      y.write("a,b\n");
      await y.commit();
      expect((await y.digest()).sha256).toBe(sha(Buffer.from("a,b\n")));
    } finally {
      await w.close();
    }
  });

  it("serves another thread through a shared port, each side numbering its own files", async () => {
    const w = new DigestWorker();
    // The far end of the port may be on any thread; here on this one, with its own numbering from 1.
    const remote = new DigestWorker(w.share());
    try {
      const mine = new AtomicWriter(join(dir, "mine.csv"), 4096, w);
      const theirs = new AtomicWriter(join(dir, "theirs.csv"), 4096, remote);
      // Both files open on the worker at once, under the same number on each side.
      const small = join(dir, "small.bin");
      writeFileSync(small, "abc");
      await remote.file(small);
      await w.file(small);
      for (let row = 0; row < 10_000; row++) {
        mine.write(`${row},mine\n`);
        theirs.write(`${row},theirs,${row * 3}\n`);
      }
      await Promise.all([mine.commit(), theirs.commit()]);
      for (const [name, x] of [
        ["mine.csv", mine],
        ["theirs.csv", theirs],
      ] as const) {
        const content = readFileSync(join(dir, name));
        expect(await x.digest()).toEqual({ sha256: sha(content), bytes: content.length });
      }
    } finally {
      await remote.close();
      await w.close();
    }
  }, 10_000);

  it("hashes on this thread when no worker is given", async () => {
    const x = new AtomicWriter(join(dir, "local.csv"), 4096);
    x.write("x,y\n1,2\n");
    await x.commit();
    expect(await x.digest()).toEqual({ sha256: sha(Buffer.from("x,y\n1,2\n")), bytes: 8 });
  });
});
