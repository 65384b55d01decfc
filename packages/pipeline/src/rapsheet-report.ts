/**
 * @module rapsheet-report — the rap-sheet use case: evaluates a parsed sheet's convictions and builds the stable JSON document
 * (`clearance rapsheet --json`, schema in docs/rapsheet.md) and the readable table.
 *
 * Evaluation: convictions of H&S 11357–11360 (and attempts) go through the office policy, the same
 * `Policy.decide` the bulk run uses, on the canonical model. Convictions the sheet shows as already
 * dismissed (PC 1203.4, 1203.4a, 1203.41, 1203.42) or already reduced or relieved (PC 17(b),
 * H&S 11361.8) get the outcome `already relieved` with that disposition named, and are not offered
 * again. A conviction whose code section could not be read is never called "not Prop 64": it gets
 * outcome null, remedy `needs-review` and (with a policy) `Hand Review`, with the reason
 * `Unreadable code section: "<section as printed>"` (as the bulk run names an unreadable date).
 * Each Prop 64 conviction also goes through the statute layer (`evaluateStatute`): the statutory
 * remedy, its citation, the missing facts and a plain-language reason.
 */
import { type Count, formatIso, type LocalDate, type Person } from "@clearance/core";
import { describeStatute, evaluateStatute, type Policy, viewOf } from "@clearance/law";
import {
  convictionsOf,
  type Diagnostic,
  formatSentence,
  type RapSheet,
  reliefName,
  reliefType,
  type SheetConviction,
  type SheetDate,
  sentenceEnd,
  toPerson,
} from "@clearance/sources";

/** Version of the JSON document layout. */
export const RAPSHEET_SCHEMA = "clearance.rapsheet/1";

/** Outcome of one conviction. */
export type OutcomeKind = "already relieved" | "not Prop 64" | "evaluated";

/** One conviction of the JSON document. */
export interface ConvictionJson {
  date: string | null;
  caseNumber: string | null;
  courthouse: string | null;
  courthouseKnown: boolean;
  codeSection: string | null;
  description: string | null;
  attempt: boolean;
  severity: "F" | "M" | "I" | null;
  originalSeverity: "F" | "M" | "I" | null;
  dispositions: Array<{ type: string; date: string | null; text: string; line: number }>;
  sentence: {
    text: string;
    parts: Array<{ kind: string; amount: number | null; unit: string | null; text: string }>;
    date: string | null;
    end: string | null;
    line: number;
  } | null;
  flags: string[];
  countNumber: number;
  line: number;
  endLine: number;
  eventLine: number;
  outcome: OutcomeKind | null;
  determination: string | null;
  remedy: string | null;
  /** Statute subsection of the remedy (or, when only the policy decided, the policy rule's citation). */
  citation: string | null;
  reason: string | null;
  /** Plain-language statute result, e.g. "Dismiss and seal (H&S 11361.8(e)): …". */
  statuteReason: string | null;
  missingFacts: string[];
  relief: { type: string; name: string; date: string | null; line: number } | null;
  trace: Array<{ rule: string; outcome: string; citation?: string; missing?: string }>;
}

/** The whole `--json` document. */
export interface RapSheetJson {
  schema: typeof RAPSHEET_SCHEMA;
  source: { file: string; format: "text" | "pdf"; lines: number };
  computeAt: string;
  policy: string | null;
  evaluation: { policy: boolean; statute: boolean; note: string };
  person: {
    cii: string | null;
    names: Record<string, string>;
    dob: string | null;
    sex: string | null;
    deceased: boolean;
    pc290Registration: boolean;
  };
  summary: {
    cycles: number;
    events: number;
    counts: number;
    convictions: number;
    prop64Convictions: number;
    alreadyRelieved: number;
    diagnostics: { error: number; warning: number; info: number };
  };
  convictions: ConvictionJson[];
  counts: Array<{
    eventType: string;
    eventDate: string | null;
    eventLine: number;
    countNumber: number;
    caseNumber: string | null;
    codeSection: string | null;
    description: string | null;
    flags: string[];
    convicted: boolean;
    dispositions: Array<{ type: string; date: string | null; text: string; line: number }>;
    line: number;
    endLine: number;
  }>;
  diagnostics: Array<{
    severity: string;
    code: string;
    line: number;
    endLine: number | null;
    /** PDF page the diagnostic is about, for problems of the file itself (a page without text). */
    page?: number;
    message: string;
    excerpt?: string;
  }>;
}

/**
 * A problem found while turning the file into text (a PDF page without text, bytes that are not valid
 * UTF-8), before the sheet was parsed. Its message never contains sheet text.
 */
export interface SourceDiagnostic {
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  /** 1-based line of the text the problem is at (or next to). */
  readonly line: number;
  readonly page?: number;
  readonly message: string;
}

/** Options for {@link buildRapSheetReport}. */
export interface ReportOptions {
  /** Name shown as the source (a base name; no directories). */
  readonly file: string;
  readonly format: "text" | "pdf";
  readonly computeAt: LocalDate;
  /** The office policy; without it, Prop 64 convictions are listed with a null outcome. */
  readonly policy?: Policy;
  readonly policyName?: string;
  /** Include sheet text in diagnostics (may contain personal data). */
  readonly verbose?: boolean;
  /** Problems of reading the file itself; listed with the sheet's diagnostics, in line order. */
  readonly sourceDiagnostics?: readonly SourceDiagnostic[];
}

function iso(d: SheetDate | undefined): string | null {
  return d?.value === undefined ? null : formatIso(d.value);
}

function level(s: string | undefined): "F" | "M" | "I" | null {
  return s === "F" || s === "M" || s === "I" ? s : null;
}

/** H&S 11357–11360, the sections H&S 11361.8 covers (attempts included: the flag does not change the section). */
function isProp64(c: SheetConviction): boolean {
  return c.count.code === "HS" && /^(?:11357|11358|11359|11360)(?!\d)/.test(c.count.section ?? "");
}

/**
 * The section part of a charge as printed (`11359 H&S-POSSESS …` → `11359 H&S`): the text before the
 * description's `-`, keeping an attempt prefix (`664-11359 XX`); at most 40 characters.
 */
function sectionText(charge: string | undefined): string | undefined {
  const t = /^\s*((?:664\s*[-/]\s*)?[^-]*)/.exec(charge ?? "")?.[1]?.trim();
  if (!t) return undefined;
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

function findCount(person: Person, c: SheetConviction): Count | undefined {
  const caseKey = `court:${c.event.line}`;
  const kase = person.cases.find((k) => k.key === caseKey);
  const idx = c.event.counts.indexOf(c.count);
  return kase?.counts[idx];
}

/** Builds the JSON document: every conviction with its outcome, every count with its lines, every diagnostic. */
export function buildRapSheetReport(sheet: RapSheet, options: ReportOptions): RapSheetJson {
  const person = toPerson(sheet, options.file);
  const view = viewOf(person);
  const convictions = convictionsOf(sheet);
  const rows: ConvictionJson[] = convictions.map((c) => {
    const canonical = findCount(person, c);
    const base: ConvictionJson = {
      date: iso(c.date),
      caseNumber: c.caseNumber ?? null,
      courthouse: c.event.courthouse ?? null,
      courthouseKnown: c.event.courthouseKnown,
      codeSection: c.count.codeSection ?? null,
      description: c.count.description ?? null,
      attempt: c.count.flags.some((f) => f.replace(/\s+/g, "") === "-ATTEMPTED"),
      severity: level(c.severity),
      originalSeverity: level(c.originalSeverity),
      dispositions: c.count.dispositions.map((d) => ({
        type: d.type,
        date: iso(d.date),
        text: d.text,
        line: d.line,
      })),
      sentence: c.sentence
        ? {
            text: formatSentence(c.sentence.components),
            parts: c.sentence.components.map((p) => ({
              kind: p.kind,
              amount: p.duration?.amount ?? null,
              unit: p.duration?.unit ?? null,
              text: p.text,
            })),
            date: iso(c.sentenceDate),
            end: (() => {
              const e = sentenceEnd(c.sentence, c.sentenceDate);
              return e === undefined ? null : formatIso(e);
            })(),
            line: c.sentence.line,
          }
        : null,
      flags: canonical ? [...canonical.flags] : [],
      countNumber: c.count.number,
      line: c.count.line,
      endLine: c.count.endLine,
      eventLine: c.event.line,
      outcome: null,
      determination: null,
      remedy: null,
      citation: null,
      reason: null,
      statuteReason: null,
      missingFacts: [],
      relief: null,
      trace: [],
    };
    if (c.relief) {
      const type = reliefType(c.relief);
      const name = reliefName(type);
      const date = iso(c.relief.date);
      return {
        ...base,
        outcome: "already relieved",
        reason: `already ${name.replace(/^relief already granted/, "granted relief")}${date ? ` on ${date}` : ""} (line ${c.relief.line})`,
        relief: { type, name, date, line: c.relief.line },
      };
    }
    if (c.count.codeSection === undefined) {
      // The parser could not read the section: whether it is H&S 11357–11360 is for a person to say.
      const text = sectionText(c.count.chargeRaw);
      const reason = `Unreadable code section: ${text ? JSON.stringify(text) : "no charge text under the count"}`;
      return {
        ...base,
        remedy: "needs-review",
        citation: "H&S 11361.8(a)",
        reason,
        statuteReason: reason,
        missingFacts: ["code-section"],
        determination: options.policy ? "Hand Review" : null,
        trace: [
          {
            rule: "clearance.unreadable-code-section",
            outcome: "unknown",
            citation: "H&S 11361.8(a)",
            missing: "code-section",
          },
        ],
      };
    }
    if (!isProp64(c)) {
      return {
        ...base,
        outcome: "not Prop 64",
        reason: "H&S 11361.8 covers convictions under H&S 11357–11360 only",
        citation: "H&S 11361.8(a), (e)",
      };
    }
    if (!canonical) return base;
    const statute = evaluateStatute(person, canonical, options.computeAt);
    const withStatute: ConvictionJson = {
      ...base,
      outcome: "evaluated",
      remedy: statute.remedy,
      citation: statute.citation,
      statuteReason: describeStatute(statute),
      missingFacts: [...statute.missingFacts],
      reason: describeStatute(statute),
    };
    if (!options.policy) return withStatute;
    const d = options.policy.decide(person, canonical, options.computeAt, view);
    return {
      ...withStatute,
      determination: d.determination,
      reason: d.reason || withStatute.reason,
      trace: d.trace.map((t) => ({
        rule: t.rule,
        outcome: t.outcome,
        ...(t.citation ? { citation: t.citation } : {}),
        ...(t.missing ? { missing: t.missing } : {}),
      })),
    };
  });

  const events = sheet.cycles.flatMap((c) => c.events);
  const counts = events.flatMap((e) =>
    e.counts.map((n) => ({
      eventType: e.type,
      eventDate: iso(e.date),
      eventLine: e.line,
      countNumber: n.number,
      caseNumber: n.caseNumber ?? null,
      codeSection: n.codeSection ?? null,
      description: n.description ?? null,
      flags: [...n.flags],
      convicted: n.dispositions.some((d) => d.type === "convicted"),
      dispositions: n.dispositions.map((d) => ({
        type: d.type,
        date: iso(d.date),
        text: d.text,
        line: d.line,
      })),
      line: n.line,
      endLine: n.endLine,
    })),
  );
  const diag = (d: Diagnostic) => ({
    severity: d.severity,
    code: d.code,
    line: d.line,
    endLine: d.endLine ?? null,
    message: d.message,
    ...(options.verbose && d.excerpt !== undefined ? { excerpt: d.excerpt } : {}),
  });
  const source = (options.sourceDiagnostics ?? []).map((d) => ({
    severity: d.severity,
    code: d.code,
    line: d.line,
    endLine: null,
    ...(d.page !== undefined ? { page: d.page } : {}),
    message: d.message,
  }));
  // Stable sort: at the same line, the file's own problems come first.
  const diagnostics = [...source, ...sheet.diagnostics.map(diag)].sort((a, b) => a.line - b.line);
  const bySeverity = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const pi = sheet.personalInfo;
  return {
    schema: RAPSHEET_SCHEMA,
    source: { file: options.file, format: options.format, lines: sheet.lineCount },
    computeAt: formatIso(options.computeAt),
    policy: options.policyName ?? null,
    evaluation: {
      policy: options.policy !== undefined,
      statute: true,
      note:
        "Statutory remedy from the Prop 64 statute pack (H&S 11361.8). " +
        (options.policy
          ? "Office determinations come from the given policy."
          : "No --policy was given: no office determination."),
    },
    person: {
      cii: pi.cii ?? null,
      names: { ...pi.names },
      dob: iso(pi.dob),
      sex: pi.sex ?? null,
      deceased: person.deceased,
      pc290Registration: person.pc290Registration,
    },
    summary: {
      cycles: sheet.cycles.length,
      events: events.length,
      counts: counts.length,
      convictions: rows.length,
      prop64Convictions: convictions.filter(isProp64).length,
      alreadyRelieved: rows.filter((r) => r.outcome === "already relieved").length,
      diagnostics: { error: bySeverity("error"), warning: bySeverity("warning"), info: bySeverity("info") },
    },
    convictions: rows,
    counts,
    diagnostics,
  };
}

/** The readable table: one row per conviction. */
export function formatConvictionTable(report: RapSheetJson): string {
  const head = [
    "date",
    "court",
    "case",
    "section",
    "lvl",
    "disposition",
    "outcome (statute / policy)",
    "reason",
  ];
  const rows = report.convictions.map((c) => [
    c.date ?? "?",
    c.courthouse ?? "?",
    c.caseNumber ?? "-",
    `${c.codeSection ?? "?"}${c.attempt ? " (attempt)" : ""}`,
    c.severity ?? "?",
    c.dispositions.map((d) => `${d.type}${d.date ? ` ${d.date}` : ""}`).join("; "),
    c.outcome === "evaluated" || (c.outcome === null && c.remedy !== null)
      ? `${c.remedy ?? "?"}${c.determination !== null ? ` / ${c.determination || "(policy: none)"}` : ""}`
      : (c.outcome ?? "not evaluated"),
    c.reason ?? "",
  ]);
  const widths = head.map((h, i) =>
    Math.min(i === 6 ? 50 : 40, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
  );
  const fmt = (r: string[]) =>
    r
      .map((cell, i) =>
        i === r.length - 1
          ? cell
          : cell.length > widths[i]!
            ? `${cell.slice(0, widths[i]! - 1)}…`
            : cell.padEnd(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  return [fmt(head), fmt(head.map((_, i) => "-".repeat(widths[i]!))), ...rows.map(fmt)].join("\n");
}
