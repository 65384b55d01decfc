/**
 * @module source-rows — reads chosen physical lines of an input file so a reviewer can see the row a
 * decision came from. Streams the file and stops after the last wanted line; never reads it whole.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** Returns the text of the wanted 1-based physical lines (missing lines are simply absent). */
export async function readLines(path: string, wanted: readonly number[]): Promise<Map<number, string>> {
  const want = new Set(wanted);
  const out = new Map<number, string>();
  if (want.size === 0) return out;
  const last = Math.max(...want);
  const stream = createReadStream(path, "utf8");
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const text of rl) {
      n++;
      if (want.has(n)) out.set(n, text);
      if (n >= last) break;
    }
  } finally {
    rl.close();
    stream.destroy();
  }
  return out;
}
