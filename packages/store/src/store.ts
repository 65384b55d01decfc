/**
 * @module store — the SQLite system of record for the web app: runs, uploads, people, convictions,
 * determinations, overrides and audit events. better-sqlite3 is synchronous, which suits a single-user
 * local tool; every multi-row change runs in one transaction.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";
import { migrate } from "./migrations.ts";
import type {
  AuditEvent,
  ConvictionDetail,
  ConvictionRow,
  OverrideRecord,
  ResultLine,
  ReviewFilter,
  ReviewPage,
  ReviewQuery,
  ReviewSort,
  ReviewState,
  RunInput,
  RunRecord,
  RunStatus,
  UploadRecord,
} from "./types.ts";

/** Options of {@link openStore}. `now` is injectable so tests can pin timestamps. */
export interface StoreOptions {
  readonly now?: () => string;
}

/** Parameters of a new run. */
export interface NewRun {
  readonly id: string;
  readonly createdBy: string;
  readonly county: string;
  readonly policy: unknown;
  readonly computeAt: string;
  readonly outDir: string;
  readonly inputs: readonly RunInput[];
}

/** A change of determination asked for by a reviewer. */
export interface OverrideInput {
  readonly who: string;
  readonly determination: string;
  readonly reason?: string;
  readonly why: string;
}

/** Counts behind the dashboard charts, from the current (reviewed) determinations. */
export interface RunCharts {
  readonly bySectionAndOutcome: readonly { section: string; determination: string; count: number }[];
  readonly byReason: readonly { reason: string; count: number }[];
  readonly byReview: readonly { review: string; count: number }[];
  readonly flags: readonly { flag: string; count: number }[];
  /** Felony convictions, and how many of them are dismissed or reduced ("felonies eliminated"). */
  readonly felonies: { total: number; relieved: number };
}

/** Distinct values the review filters offer. */
export interface ReviewFacets {
  readonly determinations: readonly string[];
  readonly reasons: readonly string[];
  readonly sections: readonly string[];
  readonly flags: readonly string[];
}

const SORT_COLUMNS: Record<ReviewSort, string> = {
  line: "file_index, line",
  name: "name, file_index, line",
  section: "section, file_index, line",
  determination: "determination, file_index, line",
  convictionDate: "conviction_date, file_index, line",
};

/** Filtered review totals are exact up to this many rows; beyond it the page says "at least". */
export const COUNT_CAP = 10_000;

const REVIEW_STATES: readonly ReviewState[] = ["pending", "accepted", "overridden"];

type Row = Record<string, unknown>;

function str(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

function sectionOf(line: ResultLine): string {
  const s = line.parsed?.section;
  if (s) return s;
  const m = /\d{3,5}(?:\.\d+)?/.exec(line.codeSection);
  return m ? m[0] : line.codeSection.trim();
}

function toRun(r: Row): RunRecord {
  return {
    id: str(r.id),
    createdAt: str(r.created_at),
    createdBy: str(r.created_by),
    status: str(r.status) as RunStatus,
    county: str(r.county),
    policy: JSON.parse(str(r.policy) || "null"),
    computeAt: str(r.compute_at),
    outDir: str(r.out_dir),
    inputs: JSON.parse(str(r.inputs) || "[]"),
    summary: r.summary ? JSON.parse(str(r.summary)) : undefined,
    report: r.report ? JSON.parse(str(r.report)) : undefined,
    error: r.error ? str(r.error) : undefined,
    convictionCount: Number(r.conviction_count ?? 0),
    finishedAt: r.finished_at ? str(r.finished_at) : undefined,
  };
}

function toConviction(r: Row): ConvictionRow {
  return {
    key: str(r.conv_key),
    personId: str(r.person_id),
    name: str(r.name),
    file: str(r.file),
    fileIndex: Number(r.file_index),
    line: Number(r.line),
    rowIndex: Number(r.row_index),
    codeSection: str(r.code_section),
    section: str(r.section),
    county: str(r.county),
    convictionDate: str(r.conviction_date),
    level: str(r.level),
    caseNumbers: JSON.parse(str(r.case_numbers) || "[]"),
    flags: JSON.parse(str(r.flags) || "[]"),
    determination: str(r.determination),
    reason: str(r.reason),
    review: str(r.review) as ReviewState,
  };
}

function toOverride(r: Row): OverrideRecord {
  return {
    id: Number(r.id),
    runId: str(r.run_id),
    key: str(r.conv_key),
    who: str(r.who),
    at: str(r.at),
    before: { determination: str(r.before_determination), reason: str(r.before_reason) },
    after: { determination: str(r.after_determination), reason: str(r.after_reason) },
    why: str(r.why),
  };
}

/** Builds the WHERE clause of a review filter. Values are always bound, never spliced. */
function whereOf(runId: string, f: ReviewFilter): { from: string; sql: string; params: unknown[] } {
  const parts = ["c.run_id = ?"];
  const params: unknown[] = [runId];
  if (f.determination !== undefined) {
    parts.push("c.determination = ?");
    params.push(f.determination);
  }
  if (f.reason !== undefined) {
    parts.push("c.reason = ?");
    params.push(f.reason);
  }
  if (f.section !== undefined) {
    parts.push("c.section = ?");
    params.push(f.section);
  }
  if (f.review !== undefined) {
    parts.push("c.review = ?");
    params.push(f.review);
  }
  if (f.name !== undefined && f.name !== "") {
    // A prefix as an index range (DOJ names are upper case): name >= P AND name < P + U+FFFF.
    const prefix = f.name.toUpperCase();
    parts.push("c.name >= ? AND c.name < ?");
    params.push(prefix, `${prefix}\uffff`);
  }
  // A flag filter drives the query from the flag table, which is ordered like the queue's default sort.
  let from = "convictions c";
  if (f.flag !== undefined) {
    from = "conviction_flags f JOIN convictions c ON c.id = f.conviction_id";
    parts.push("f.run_id = ? AND f.flag = ?");
    params.push(runId, f.flag);
  }
  return { from, sql: parts.join(" AND "), params };
}

/** The store: one SQLite database file (WAL mode). Create it with {@link openStore}. */
export class Store {
  readonly db: Database.Database;
  readonly #now: () => string;
  /** Review-queue totals by run and filter; cleared by every write that can change them. */
  readonly #counts = new Map<string, number>();

  constructor(path: string, options: StoreOptions = {}) {
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    migrate(this.db);
    this.#now = options.now ?? (() => new Date().toISOString());
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }

  /** Records an audit event and returns its id. */
  audit(runId: string | undefined, who: string, kind: string, detail: Record<string, unknown> = {}): number {
    const r = this.db
      .prepare("INSERT INTO audit_events (run_id, at, who, kind, detail) VALUES (?, ?, ?, ?, ?)")
      .run(runId ?? null, this.#now(), who, kind, JSON.stringify(detail));
    return Number(r.lastInsertRowid);
  }

  /** Audit events, oldest first; of one run, or all when `runId` is undefined. */
  auditLog(runId?: string): AuditEvent[] {
    const rows = (
      runId === undefined
        ? this.db.prepare("SELECT * FROM audit_events ORDER BY id").all()
        : this.db.prepare("SELECT * FROM audit_events WHERE run_id = ? ORDER BY id").all(runId)
    ) as Row[];
    return rows.map((r) => ({
      id: Number(r.id),
      runId: r.run_id === null ? undefined : str(r.run_id),
      at: str(r.at),
      who: str(r.who),
      kind: str(r.kind),
      detail: JSON.parse(str(r.detail) || "{}"),
    }));
  }

  /** Records a completed upload. */
  addUpload(u: Omit<UploadRecord, "createdAt">): UploadRecord {
    const rec = { ...u, createdAt: this.#now() };
    this.db
      .prepare("INSERT INTO uploads (id, name, bytes, path, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(rec.id, rec.name, rec.bytes, rec.path, rec.createdAt);
    return rec;
  }

  /** An upload by id, or undefined. */
  getUpload(id: string): UploadRecord | undefined {
    const r = this.db.prepare("SELECT * FROM uploads WHERE id = ?").get(id) as Row | undefined;
    if (!r) return undefined;
    return {
      id: str(r.id),
      name: str(r.name),
      bytes: Number(r.bytes),
      path: str(r.path),
      createdAt: str(r.created_at),
    };
  }

  /** Records a new run with status `running`. */
  createRun(run: NewRun): RunRecord {
    this.db
      .prepare(
        `INSERT INTO runs (id, created_at, created_by, status, county, policy, compute_at, out_dir, inputs)
         VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        this.#now(),
        run.createdBy,
        run.county,
        JSON.stringify(run.policy),
        run.computeAt,
        run.outDir,
        JSON.stringify(run.inputs),
      );
    return this.getRun(run.id)!;
  }

  /** Sets a run's status (and, when given, its summary, report or error). */
  finishRun(
    id: string,
    status: RunStatus,
    extra: { summary?: unknown; report?: unknown; error?: string } = {},
  ): void {
    const terminal = status !== "running" && status !== "importing";
    this.db
      .prepare(
        `UPDATE runs SET status = ?, summary = COALESCE(?, summary), report = COALESCE(?, report),
           error = COALESCE(?, error), finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?`,
      )
      .run(
        status,
        extra.summary === undefined ? null : JSON.stringify(extra.summary),
        extra.report === undefined ? null : JSON.stringify(extra.report),
        extra.error ?? null,
        terminal ? 1 : 0,
        this.#now(),
        id,
      );
  }

  /**
   * Marks runs left `running`/`importing` by a previous server process (killed before it could record
   * their end) as `interrupted`, with a `run-interrupted` audit event by `who`; returns those runs.
   */
  markInterrupted(who: string): RunRecord[] {
    return this.db.transaction(() => {
      const left = (
        this.db.prepare("SELECT * FROM runs WHERE status IN ('running', 'importing')").all() as Row[]
      ).map(toRun);
      for (const r of left) {
        this.finishRun(r.id, "interrupted", { error: "the server stopped during the run" });
        this.audit(r.id, who, "run-interrupted", {
          error: "the server stopped during the run",
          was: r.status,
        });
      }
      return left.map((r) => this.getRun(r.id)!);
    })();
  }

  /** A run by id, or undefined. */
  getRun(id: string): RunRecord | undefined {
    const r = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(id) as Row | undefined;
    return r ? toRun(r) : undefined;
  }

  /** All runs, newest first. */
  listRuns(): RunRecord[] {
    return (this.db.prepare("SELECT * FROM runs ORDER BY created_at DESC, rowid DESC").all() as Row[]).map(
      toRun,
    );
  }

  /**
   * Loads a run's results.ndjson: streams the lines and inserts them in batches, each batch in one
   * transaction. Returns the number of convictions loaded.
   */
  async importResults(runId: string, ndjsonPath: string, batchSize = 5000): Promise<number> {
    const insPerson = this.db.prepare(
      "INSERT OR IGNORE INTO people (run_id, person_id, name, dob, cii) VALUES (?, ?, ?, ?, ?)",
    );
    const insConv = this.db.prepare(
      `INSERT INTO convictions (run_id, conv_key, person_id, name, file, file_index, line, row_index, code_section,
         section, county, conviction_date, level, case_numbers, flags, determination, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insDet = this.db.prepare(
      `INSERT INTO determinations (conviction_id, determination, reason, trace, statutory_remedy, statute_citation,
         statute_flags) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insFlag = this.db.prepare(
      "INSERT OR IGNORE INTO conviction_flags (run_id, flag, file_index, line, conviction_id) VALUES (?, ?, ?, ?, ?)",
    );
    const insertBatch = this.db.transaction((batch: ResultLine[]) => {
      for (const l of batch) {
        insPerson.run(runId, l.personId, str(l.name), str(l.dob), str(l.cii));
        const flags = [...(l.flags ?? []), ...(l.statuteFlags ?? [])];
        const id = insConv.run(
          runId,
          `${l.fileIndex}:${l.line}`,
          l.personId,
          str(l.name),
          str(l.file),
          l.fileIndex,
          l.line,
          l.rowIndex,
          str(l.codeSection),
          sectionOf(l),
          str(l.county),
          str(l.convictionDate),
          str(l.level),
          JSON.stringify(l.caseNumbers ?? []),
          JSON.stringify(flags),
          str(l.determination),
          str(l.reason),
        ).lastInsertRowid;
        insDet.run(
          id,
          str(l.determination),
          str(l.reason),
          JSON.stringify(l.trace ?? []),
          l.statutoryRemedy ?? null,
          l.statuteCitation ?? null,
          JSON.stringify(l.statuteFlags ?? []),
        );
        for (const f of new Set(flags)) insFlag.run(runId, f, l.fileIndex, l.line, id);
      }
    });
    let batch: ResultLine[] = [];
    let count = 0;
    const lines = createInterface({
      input: createReadStream(ndjsonPath, "utf8"),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const text of lines) {
      if (text.trim() === "") continue;
      batch.push(JSON.parse(text) as ResultLine);
      if (batch.length >= batchSize) {
        insertBatch(batch);
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) insertBatch(batch);
    count += batch.length;
    this.db.prepare("UPDATE runs SET conviction_count = ? WHERE id = ?").run(count, runId);
    this.db.exec("ANALYZE"); // fresh statistics so the planner picks the review indexes
    this.#counts.clear();
    return count;
  }

  /** One page of the review queue, filtered and sorted on the server. */
  reviewPage(runId: string, q: ReviewQuery = {}): ReviewPage {
    const pageSize = Math.min(Math.max(Math.trunc(q.pageSize ?? 50), 1), 500);
    const page = Math.max(Math.trunc(q.page ?? 1), 1);
    const where = whereOf(runId, q);
    const order = SORT_COLUMNS[q.sort ?? "line"] ?? SORT_COLUMNS.line;
    const dir = q.dir === "desc" ? "DESC" : "ASC";
    const table = q.flag !== undefined && (q.sort ?? "line") === "line" ? "f" : "c";
    const orderSql = order
      .split(", ")
      .map((c) => `${table}.${c} ${dir}`)
      .join(", ");
    const unfiltered = where.params.length === 1;
    // Totals of filtered sets are counted up to COUNT_CAP (a bounded index scan) and remembered until the
    // next write; the UI shows "10,000+" beyond that.
    const countKey = JSON.stringify(where.params);
    let total = this.#counts.get(countKey);
    if (total === undefined) {
      total = unfiltered
        ? (this.getRun(runId)?.convictionCount ?? 0)
        : Number(
            (
              this.db
                .prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${where.from} WHERE ${where.sql} LIMIT ?)`)
                .get(...where.params, COUNT_CAP + 1) as Row
            ).n,
          );
      this.#counts.set(countKey, total);
    }
    const rows = this.db
      .prepare(`SELECT c.* FROM ${where.from} WHERE ${where.sql} ORDER BY ${orderSql} LIMIT ? OFFSET ?`)
      .all(...where.params, pageSize, (page - 1) * pageSize) as Row[];
    const capped = !unfiltered && total > COUNT_CAP;
    return {
      total: capped ? COUNT_CAP : total,
      totalCapped: capped,
      page,
      pageSize,
      rows: rows.map(toConviction),
    };
  }

  /** The distinct values for the review filters of a run. */
  facets(runId: string): ReviewFacets {
    const col = (sql: string) => (this.db.prepare(sql).all(runId) as Row[]).map((r) => str(r.v));
    return {
      determinations: col("SELECT DISTINCT determination AS v FROM convictions WHERE run_id = ? ORDER BY 1"),
      reasons: col("SELECT DISTINCT reason AS v FROM convictions WHERE run_id = ? ORDER BY 1"),
      sections: col("SELECT DISTINCT section AS v FROM convictions WHERE run_id = ? ORDER BY 1"),
      flags: col("SELECT DISTINCT flag AS v FROM conviction_flags WHERE run_id = ? ORDER BY 1"),
    };
  }

  /** A person with all their convictions in the run (rule outcome, trace and current decision). */
  person(
    runId: string,
    personId: string,
  ):
    | { personId: string; name: string; dob: string; cii: string; convictions: ConvictionDetail[] }
    | undefined {
    const p = this.db
      .prepare("SELECT * FROM people WHERE run_id = ? AND person_id = ?")
      .get(runId, personId) as Row | undefined;
    if (!p) return undefined;
    const rows = this.db
      .prepare(
        `SELECT c.*, d.determination AS rule_determination, d.reason AS rule_reason, d.trace, d.statutory_remedy,
           d.statute_citation, d.statute_flags
         FROM convictions c JOIN determinations d ON d.conviction_id = c.id
         WHERE c.run_id = ? AND c.person_id = ? ORDER BY c.file_index, c.line`,
      )
      .all(runId, personId) as Row[];
    return {
      personId,
      name: str(p.name),
      dob: str(p.dob),
      cii: str(p.cii),
      convictions: rows.map((r) => ({
        ...toConviction(r),
        ruleDetermination: str(r.rule_determination),
        ruleReason: str(r.rule_reason),
        trace: JSON.parse(str(r.trace) || "[]"),
        statutoryRemedy: r.statutory_remedy ? str(r.statutory_remedy) : undefined,
        statuteCitation: r.statute_citation ? str(r.statute_citation) : undefined,
        statuteFlags: JSON.parse(str(r.statute_flags) || "[]"),
      })),
    };
  }

  /** One conviction of a run by key (`fileIndex:line`), or undefined. */
  conviction(runId: string, key: string): ConvictionRow | undefined {
    const r = this.db
      .prepare("SELECT * FROM convictions WHERE run_id = ? AND conv_key = ?")
      .get(runId, key) as Row | undefined;
    return r ? toConviction(r) : undefined;
  }

  /**
   * Changes a conviction's determination. Records who, when, before, after and why, and an audit event.
   * A reason (`why`) is required. Returns undefined when the conviction does not exist.
   */
  override(runId: string, key: string, input: OverrideInput): OverrideRecord | undefined {
    const why = input.why.trim();
    if (why === "") throw new Error("an override needs a reason");
    return this.db.transaction(() => {
      const cur = this.conviction(runId, key);
      if (!cur) return undefined;
      const at = this.#now();
      const afterReason = input.reason?.trim() || `Reviewer override: ${why}`;
      const id = this.db
        .prepare(
          `INSERT INTO overrides (run_id, conv_key, who, at, before_determination, before_reason, after_determination,
             after_reason, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          key,
          input.who,
          at,
          cur.determination,
          cur.reason,
          input.determination,
          afterReason,
          why,
        ).lastInsertRowid;
      this.db
        .prepare(
          "UPDATE convictions SET determination = ?, reason = ?, review = 'overridden' WHERE run_id = ? AND conv_key = ?",
        )
        .run(input.determination, afterReason, runId, key);
      this.#counts.clear();
      this.audit(runId, input.who, "override", {
        key,
        before: { determination: cur.determination, reason: cur.reason },
        after: { determination: input.determination, reason: afterReason },
        why,
      });
      return toOverride(this.db.prepare("SELECT * FROM overrides WHERE id = ?").get(id) as Row);
    })();
  }

  /** All overrides of a run, oldest first. */
  overrides(runId: string): OverrideRecord[] {
    return (this.db.prepare("SELECT * FROM overrides WHERE run_id = ? ORDER BY id").all(runId) as Row[]).map(
      toOverride,
    );
  }

  /**
   * The current decision of every overridden conviction, keyed by `fileIndex:line` (what exports rewrite).
   */
  overriddenDecisions(runId: string): Map<string, { determination: string; reason: string }> {
    const rows = this.db
      .prepare(
        "SELECT conv_key, determination, reason FROM convictions WHERE run_id = ? AND review = 'overridden'",
      )
      .all(runId) as Row[];
    return new Map(
      rows.map((r) => [str(r.conv_key), { determination: str(r.determination), reason: str(r.reason) }]),
    );
  }

  /** Marks every pending conviction matching the filter as accepted; records one audit event. */
  bulkAccept(runId: string, filter: ReviewFilter, who: string): number {
    return this.db.transaction(() => {
      const where = whereOf(runId, { ...filter, review: "pending" });
      const n = this.db
        .prepare(
          `UPDATE convictions SET review = 'accepted' WHERE id IN (SELECT c.id FROM ${where.from} WHERE ${where.sql})`,
        )
        .run(...where.params).changes;
      this.#counts.clear();
      this.audit(runId, who, "bulk-accept", { filter: { ...filter }, count: n });
      return n;
    })();
  }

  /** Aggregates for the dashboard charts (current decisions, so they reflect overrides). */
  charts(runId: string): RunCharts {
    return {
      bySectionAndOutcome: (
        this.db
          .prepare(
            `SELECT section, determination, COUNT(*) AS count FROM convictions WHERE run_id = ?
             GROUP BY section, determination ORDER BY section, determination`,
          )
          .all(runId) as Row[]
      ).map((r) => ({
        section: str(r.section),
        determination: str(r.determination),
        count: Number(r.count),
      })),
      byReason: (
        this.db
          .prepare(
            "SELECT reason, COUNT(*) AS count FROM convictions WHERE run_id = ? GROUP BY reason ORDER BY count DESC",
          )
          .all(runId) as Row[]
      ).map((r) => ({ reason: str(r.reason), count: Number(r.count) })),
      byReview: REVIEW_STATES.map((review) => ({
        review,
        count: Number(
          (
            this.db
              .prepare("SELECT COUNT(*) AS n FROM convictions WHERE run_id = ? AND review = ?")
              .get(runId, review) as Row
          ).n,
        ),
      })),
      flags: (
        this.db
          .prepare(
            "SELECT flag, COUNT(*) AS count FROM conviction_flags WHERE run_id = ? GROUP BY flag ORDER BY flag",
          )
          .all(runId) as Row[]
      ).map((r) => ({ flag: str(r.flag), count: Number(r.count) })),
      felonies: (() => {
        const r = this.db
          .prepare(
            `SELECT COUNT(*) AS total, COALESCE(SUM(determination IN ('Eligible for Dismissal', 'Eligible for Reduction')), 0)
               AS relieved FROM convictions WHERE run_id = ? AND level = 'F'`,
          )
          .get(runId) as Row;
        return { total: Number(r.total), relieved: Number(r.relieved) };
      })(),
    };
  }
}

/** Opens (creating and migrating if needed) the store at `path`. */
export function openStore(path: string, options?: StoreOptions): Store {
  return new Store(path, options);
}
