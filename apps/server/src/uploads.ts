/**
 * @module uploads — streams a raw request body to disk with a size limit. The bytes go to a `.part` file
 * that is renamed only when complete; on overflow, abort or error the part file is removed, so nothing
 * half-written is ever left under a final name.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Why an upload was refused. */
export type UploadProblem =
  | { readonly code: "too-large"; readonly limitBytes: number }
  | { readonly code: "empty" }
  | { readonly code: "aborted"; readonly message: string };

/** Result of {@link saveUpload}. */
export type UploadResult =
  | { readonly ok: true; readonly id: string; readonly path: string; readonly bytes: number }
  | { readonly ok: false; readonly problem: UploadProblem };

class TooLarge extends Error {}

/** Human wording of an upload problem. */
export function uploadMessage(p: UploadProblem): string {
  switch (p.code) {
    case "too-large":
      return `The file is larger than the upload limit of ${formatBytes(p.limitBytes)}. Nothing was saved. Start the server with a larger --max-upload-mb to accept it.`;
    case "empty":
      return "The file is empty.";
    case "aborted":
      return `The upload did not complete (${p.message}). Nothing was saved.`;
    default:
      return p satisfies never;
  }
}

/** Formats a byte count for messages (MB with up to one decimal). */
export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  const mb = n / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * Streams `body` into `dir/<id>.csv`. `declaredLength` (Content-Length) lets an oversize upload be refused
 * before a byte is written.
 */
export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  dir: string,
  limitBytes: number,
  declaredLength?: number,
): Promise<UploadResult> {
  if (declaredLength !== undefined && declaredLength > limitBytes) {
    return { ok: false, problem: { code: "too-large", limitBytes } };
  }
  if (!body) return { ok: false, problem: { code: "empty" } };
  const id = randomUUID();
  const finalPath = join(dir, `${id}.csv`);
  const partPath = `${finalPath}.part`;
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > limitBytes) cb(new TooLarge());
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>),
      limiter,
      createWriteStream(partPath, { flags: "wx" }),
    );
  } catch (err) {
    await rm(partPath, { force: true });
    if (err instanceof TooLarge) return { ok: false, problem: { code: "too-large", limitBytes } };
    return { ok: false, problem: { code: "aborted", message: (err as Error).message } };
  }
  if (bytes === 0) {
    await rm(partPath, { force: true });
    return { ok: false, problem: { code: "empty" } };
  }
  await rename(partPath, finalPath);
  return { ok: true, id, path: finalPath, bytes };
}
