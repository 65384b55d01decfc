/**
 * @module annotate — pass 2's row writer: each input row, in the output dialect, with its eligibility
 * cells, into the full, condensed and Prop 64 files (gogen-behaviour.md §5).
 */
import { possibleOtherP64 } from "@clearance/law";
import {
  type AtomicWriter,
  csvField,
  csvRow,
  emptyCells,
  type Flavor,
  writeRecord,
  writeRecordFields,
} from "@clearance/outputs";
import { COL, CONDENSED_COLUMNS, type ScannedRecord } from "@clearance/sources";
import { type RecordStore, RowCursor, type RowSlots } from "./record-store.ts";

/** The three annotated-row outputs of one input file. */
export interface AnnotatedOutputs {
  readonly full: AtomicWriter;
  readonly condensed: AtomicWriter;
  readonly prop64: AtomicWriter;
}

/**
 * The condensed file's fields, by index in a DOJ row. Pass 2's scan is told to pick these (`readDojFile`'s
 * `pick`), so a plain row's condensed cells are copied from the fast path's output in a few runs.
 */
export const CONDENSED_INDEX: readonly number[] = CONDENSED_COLUMNS.map((c) => COL[c]);

/** Writes the rows of a file, in order, each with the record decided for it (if any). */
export class RowAnnotator {
  private next: number;
  private readonly emptyTail: Buffer;

  constructor(
    private readonly records: RecordStore,
    private readonly flavor: Flavor,
    private readonly out: AnnotatedOutputs,
    /** Finds each row's record; by default the store's records sorted by row (all decided already). */
    private readonly cursor: RowSlots = new RowCursor(records),
  ) {
    this.next = 0;
    this.emptyTail = Buffer.from(`,${csvRow(emptyCells("", flavor))}\n`);
  }

  /** Rows written so far: the index of the next row. */
  get rowIndex(): number {
    return this.next;
  }

  /** Writes the next accepted row. */
  row(rec: ScannedRecord): void {
    const k = this.cursor.slot(this.next++);
    // "Possible Other P64 Charges" is empty unless COMMENT_TEXT names a Prop 64 section.
    const other = rec.hasProp64Number(COL.COMMENT_TEXT)
      ? possibleOtherP64(rec.field(COL.OFFENSE_DESCR), rec.field(COL.COMMENT_TEXT))
      : "";
    const { full, condensed, prop64 } = this.out;
    const n = writeRecord(full, rec);
    this.tail(full, k, other);
    writeRecordFields(condensed, rec, CONDENSED_INDEX, n);
    this.tail(condensed, k, other);
    if (k >= 0) {
      writeRecord(prop64, rec, n);
      this.tail(prop64, k, other);
    }
  }

  /** The eligibility cells and the line end. */
  private tail(w: AtomicWriter, k: number, other: string): void {
    if (k >= 0) {
      const r = this.records;
      w.writeByte(0x2c);
      r.writeBefore(w, k);
      w.writeByte(0x2c);
      if (other !== "") w.write(csvField(other));
      w.writeByte(0x2c);
      r.writeAfter(w, k);
      w.writeByte(0x0a);
    } else if (other === "") w.writeBytes(this.emptyTail, 0, this.emptyTail.length);
    else w.write(`,${csvRow(emptyCells(other, this.flavor))}\n`);
  }
}
