/**
 * @module explain-files — the three explanation files of a bulk run (results.ndjson,
 * Statute_Review.csv, Related_Charges.csv), filled person by person by `explainPerson` and committed
 * together at the end of the run.
 */
import { join } from "node:path";
import { AtomicWriter, csvRow, type Digest, type DigestWorker } from "@clearance/outputs";
import { type DecidedPerson, type ExplainContext, explainPerson } from "./explain.ts";
import {
  emptyStatuteFigures,
  RELATED_CHARGES_HEADER,
  STATUTE_REVIEW_HEADER,
  type StatuteFigures,
} from "./statute-review.ts";

/** The explanation files, in the order of `ExplainResult.digests`. */
export const EXPLAIN_OUTPUTS = ["results.ndjson", "Statute_Review.csv", "Related_Charges.csv"] as const;

/** What explaining a run produced. */
export interface ExplainResult {
  /** Relevant convictions explained. */
  readonly relevant: number;
  readonly figures: StatuteFigures;
  /** Digest of each of `EXPLAIN_OUTPUTS`. */
  readonly digests: readonly Digest[];
}

/** The three files, open, with their headers. */
export class ExplainFiles {
  readonly ndjson: AtomicWriter;
  readonly review: AtomicWriter;
  readonly related: AtomicWriter;
  readonly figures = emptyStatuteFigures();
  relevant = 0;

  constructor(outDir: string, digests?: DigestWorker) {
    const [ndjson, review, related] = EXPLAIN_OUTPUTS;
    this.ndjson = new AtomicWriter(join(outDir, ndjson), 1 << 20, digests);
    this.review = new AtomicWriter(join(outDir, review), 1 << 20, digests);
    this.review.write(`${csvRow(STATUTE_REVIEW_HEADER)}\n`);
    this.related = new AtomicWriter(join(outDir, related), 1 << 18, digests);
    this.related.write(`${csvRow(RELATED_CHARGES_HEADER)}\n`);
  }

  private readonly sinks = {
    ndjson: (line: string) => this.ndjson.write(line),
    review: (line: string) => this.review.write(line),
    related: (line: string) => this.related.write(line),
  };

  private people = 0;

  /** Explains one person into the files; a returned promise asks the caller to wait for the disk. */
  explain(ctx: ExplainContext, p: DecidedPerson): Promise<void> | undefined {
    this.relevant += explainPerson(p, ctx, this.sinks, this.figures);
    return ++this.people % 64 === 0 ? this.drained() : undefined;
  }

  /** Resolves when every file has room again; undefined when all have. */
  drained(): Promise<void> | undefined {
    const waits = [this.ndjson, this.review, this.related]
      .map((w) => w.drained())
      .filter((w) => w !== undefined);
    return waits.length === 0 ? undefined : Promise.all(waits).then(() => undefined);
  }

  /** Commits the three files. */
  async commit(): Promise<ExplainResult> {
    const writers = [this.ndjson, this.review, this.related];
    for (const w of writers) await w.commit();
    return {
      relevant: this.relevant,
      figures: this.figures,
      digests: await Promise.all(writers.map((w) => w.digest())),
    };
  }

  /** Abandons the three files. */
  async abort(): Promise<void> {
    await Promise.all([this.ndjson.abort(), this.review.abort(), this.related.abort()]);
  }
}
