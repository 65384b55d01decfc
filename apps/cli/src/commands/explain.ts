/**
 * @module commands/explain — `clearance explain --run DIR --person ID`: one person's convictions in a
 * run folder, each with the office determination and reason, the statutory remedy, citation and missing
 * facts, the statute flags, related counts, and the full traces of both layers.
 *
 * results.ndjson is streamed line by line (a run may hold millions of convictions); only the person's
 * lines are kept.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Command } from "@commander-js/extra-typings";
import { ExitError } from "../boundary.ts";

/** The fields of a results.ndjson line this command shows (others are ignored). */
export interface ExplainedConviction {
  readonly personId: string;
  readonly name?: string;
  readonly cii?: string;
  readonly dob?: string | null;
  readonly file?: string;
  readonly line?: number;
  readonly codeSection?: string;
  readonly county?: string;
  readonly convictionDate?: string | null;
  readonly convictionDateRaw?: string;
  readonly level?: string | null;
  readonly caseNumbers?: readonly string[];
  readonly determination?: string;
  readonly reason?: string;
  readonly trace?: readonly { rule: string; outcome: string; citation?: string; missing?: string }[];
  readonly flags?: readonly string[];
  readonly statutoryRemedy?: string;
  readonly statuteCitation?: string;
  readonly statuteBasis?: string;
  readonly missingFacts?: readonly string[];
  readonly statutePossible?: readonly string[];
  readonly statuteReason?: string;
  readonly statuteTrace?: readonly { ruleId: string; outcome: string; citation: string }[];
  readonly statuteFlags?: readonly string[];
  readonly relatedCounts?: readonly { id: string; codeSection: string; line: number; label?: string }[];
}

/** What reading a run folder for one person found. */
export interface PersonResults {
  readonly convictions: ExplainedConviction[];
  /** Lines read in all (for the "not found" message). */
  readonly lines: number;
}

/** Streams `DIR/results.ndjson` and keeps the lines of one person. Throws ExitError(1) when missing. */
export async function readPersonResults(runDir: string, personId: string): Promise<PersonResults> {
  try {
    if (!(await stat(runDir)).isDirectory()) throw new ExitError(1, `${runDir} is not a folder`);
  } catch (e) {
    if (e instanceof ExitError) throw e;
    throw new ExitError(1, `run folder ${runDir} not found`);
  }
  const path = join(runDir, "results.ndjson");
  try {
    await stat(path);
  } catch {
    throw new ExitError(1, `no results.ndjson in ${runDir}: is it a folder written by \`clearance run\`?`);
  }
  const convictions: ExplainedConviction[] = [];
  let lines = 0;
  const rl = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of rl) {
    if (text.trim() === "") continue;
    lines++;
    // Cheap pre-check before parsing: the id appears in the line as a JSON string.
    if (!text.includes(JSON.stringify(personId))) continue;
    let obj: ExplainedConviction;
    try {
      obj = JSON.parse(text) as ExplainedConviction;
    } catch {
      throw new ExitError(1, `${path}, line ${lines}: not valid JSON`);
    }
    if (obj.personId === personId) convictions.push(obj);
  }
  return { convictions, lines };
}

const LEVEL: Record<string, string> = { F: "felony", M: "misdemeanour", I: "infraction" };

/** The plain-text explanation of one person's convictions. */
export function formatExplanation(personId: string, convictions: readonly ExplainedConviction[]): string {
  const first = convictions[0];
  const out: string[] = [];
  const who = [`Person ${personId}`];
  if (first?.name) who.push(first.name);
  if (first?.cii) who.push(`CII ${first.cii}`);
  if (first?.dob) who.push(`born ${first.dob}`);
  out.push(who.join(" — "));
  out.push(`${convictions.length} Prop 64 conviction(s) decided in this run`);
  convictions.forEach((c, i) => {
    out.push("");
    const date =
      c.convictionDate ?? (c.convictionDateRaw ? `unreadable date "${c.convictionDateRaw}"` : "no date");
    const level = c.level ? (LEVEL[c.level] ?? c.level) : "level unknown";
    out.push(
      `${i + 1}. ${c.codeSection ?? "?"}, convicted ${date}, ${level}${c.county ? `, ${c.county}` : ""}`,
    );
    const cases = (c.caseNumbers ?? []).map((s) => s.trim()).filter((s) => s !== "" && s !== "NULL");
    out.push(
      `   Source: ${c.file ?? "?"}, line ${c.line ?? "?"}${cases.length > 0 ? `; case ${cases.join(", ")}` : ""}`,
    );
    if (c.flags && c.flags.length > 0) out.push(`   Data flags: ${c.flags.join(", ")}`);
    out.push(`   Office:  ${c.determination || "(empty)"}${c.reason ? ` — ${c.reason}` : ""}`);
    if (c.statutoryRemedy !== undefined) {
      const basis = c.statuteBasis && c.statuteBasis !== c.statuteCitation ? `; basis ${c.statuteBasis}` : "";
      out.push(`   Statute: ${c.statutoryRemedy} (${c.statuteCitation ?? "?"}${basis})`);
      if (c.statuteReason) out.push(`            ${c.statuteReason}`);
      out.push(
        `   Missing facts: ${c.missingFacts && c.missingFacts.length > 0 ? c.missingFacts.join(", ") : "none"}`,
      );
      if (c.statutePossible && c.statutePossible.length > 0)
        out.push(`   Possible remedies: ${c.statutePossible.join(", ")}`);
      out.push(
        `   Statute flags: ${c.statuteFlags && c.statuteFlags.length > 0 ? c.statuteFlags.join(", ") : "none (the office decision is within what the statute provides)"}`,
      );
    } else out.push("   Statute: not recorded in this run (made before the statute layer was added)");
    for (const r of c.relatedCounts ?? [])
      out.push(
        `   Related count: ${r.codeSection} (line ${r.line}${r.label ? `, ${r.label}` : ""}) — possible plea bargain, review; not relieved automatically`,
      );
    out.push("   Office trace:");
    for (const t of c.trace ?? [])
      out.push(
        `     ${t.outcome.padEnd(14)} ${t.rule}${t.citation ? `  ${t.citation}` : ""}${t.missing ? `  (missing: ${t.missing})` : ""}`,
      );
    if (c.statuteTrace) {
      out.push("   Statute trace:");
      for (const t of c.statuteTrace) out.push(`     ${t.outcome.padEnd(14)} ${t.ruleId}  ${t.citation}`);
    }
  });
  return `${out.join("\n")}\n`;
}

/** Registers `explain`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerExplain(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("explain")
      .description(
        "Explain one person's decisions in a run folder: office determination, statutory remedy, flags and both traces.",
      )
      .requiredOption("-r, --run <dir>", "run folder written by `clearance run`")
      .requiredOption("--person <id>", "person id (SUBJECT_ID in the DOJ file; personId in results.ndjson)")
      .option("--json", "print the person's results.ndjson objects as a JSON array", false)
      .addHelpText(
        "after",
        `
Example:
  clearance explain --run out/run1 --person 17954908`,
      )
      .action(async (opts) => {
        const { convictions, lines } = await readPersonResults(opts.run, opts.person);
        if (convictions.length === 0)
          throw new ExitError(
            1,
            `person ${opts.person} not found in ${join(opts.run, "results.ndjson")} (${lines} conviction(s) read); the file lists only people with a Prop 64 conviction in the run's county`,
          );
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(convictions, null, 2)}\n`
            : formatExplanation(opts.person, convictions),
        );
      }),
  );
}
