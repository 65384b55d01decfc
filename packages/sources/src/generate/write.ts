/**
 * @module generate/write — writes a generated research file atomically (temp file, then rename).
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { DOJ_COLUMNS } from "../doj/columns.ts";
import { encodeCsvLine } from "./csv-line.ts";
import { type GenerateDojOptions, type GenerateDojSummary, generateDojPersons } from "./generate.ts";

/** Options for {@link writeDojFile}. */
export interface WriteDojFileOptions extends GenerateDojOptions {
  /** Destination path; replaced atomically when complete, never left half-written. */
  readonly out: string;
  /** Called after each batch is handed to the stream, with the rows so far (for progress bars). */
  readonly onProgress?: (rowsWritten: number) => void;
}

/** What {@link writeDojFile} wrote. */
export interface WriteDojFileResult extends GenerateDojSummary {
  /** Absolute path of the file written. */
  readonly path: string;
  /** File size in bytes, header included. */
  readonly bytes: number;
}

const BATCH_CHARS = 1 << 20;
let tempCounter = 0;

/**
 * Generates a synthetic DOJ research file (header + ≥ `rows` data rows, `\n` line endings) and writes it
 * to `out` via a temporary file in the same folder, so readers never see a partial file.
 * @example await writeDojFile({ county: "LOS ANGELES", rows: 1000, seed: 1, out: "sample.csv" })
 */
export async function writeDojFile(options: WriteDojFileOptions): Promise<WriteDojFileResult> {
  const target = path.resolve(options.out);
  tempCounter++;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${tempCounter}.tmp`);
  const persons = generateDojPersons(options); // validates options before any file is created
  const first = persons.next();
  const stream = createWriteStream(temp, { flags: "wx" });
  try {
    await once(stream, "open");
    let batch = encodeCsvLine(DOJ_COLUMNS);
    let written = 0;
    let r = first;
    for (; !r.done; r = persons.next()) {
      for (const row of r.value) batch += encodeCsvLine(row);
      written += r.value.length;
      if (batch.length >= BATCH_CHARS) {
        const ok = stream.write(batch);
        batch = "";
        options.onProgress?.(written);
        if (!ok) await once(stream, "drain");
      }
    }
    stream.end(batch);
    await finished(stream);
    options.onProgress?.(written);
    await rename(temp, target);
    return { ...r.value, path: target, bytes: stream.bytesWritten };
  } catch (err) {
    stream.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}
