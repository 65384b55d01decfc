/**
 * @module rapsheet — rap sheet mode: one client's sheet (text or text-layer PDF) → its convictions and
 * outcomes, using the same reader and report as `clearance rapsheet`. The uploaded sheet is deleted as
 * soon as it has been read; only a count-level audit event is kept (no personal data).
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseIsoDate } from "@clearance/core";
import { buildRapSheetReport, loadPolicy, type RapSheetJson, readRapSheetBytes } from "@clearance/pipeline";
import { parseRapSheet } from "@clearance/sources";
import { BEAR_DEFAULTS } from "./validate.ts";

/** The policies rap sheet mode offers. */
export type RapSheetPolicy = "none" | "los-angeles" | "bear-defaults";

/** Result of {@link evaluateRapSheetFile}: the report, or a message for the user. */
export type RapSheetResult =
  | { ok: true; report: RapSheetJson }
  | { ok: false; field: "file" | "computeAt"; error: string };

/** Reads the stored sheet at `path`, removes it, and returns its report. */
export async function evaluateRapSheetFile(
  path: string,
  name: string,
  policy: RapSheetPolicy,
  computeAtText: string,
  scratchDir: string,
): Promise<RapSheetResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } finally {
    await rm(path, { force: true });
  }
  const computeAt = parseIsoDate(computeAtText);
  if (computeAt === undefined)
    return { ok: false, field: "computeAt", error: "Enter a real compute-at date as YYYY-MM-DD." };
  const read = await readRapSheetBytes(bytes);
  if (!read.ok) return { ok: false, field: "file", error: read.error };
  let loaded: Awaited<ReturnType<typeof loadPolicy>> | undefined;
  if (policy === "los-angeles") loaded = await loadPolicy("los-angeles");
  else if (policy === "bear-defaults") {
    const file = join(scratchDir, "bear-defaults.json");
    await writeFile(file, JSON.stringify(BEAR_DEFAULTS));
    loaded = await loadPolicy(file);
  }
  const report = buildRapSheetReport(parseRapSheet(read.text), {
    file: name,
    format: read.pdf ? "pdf" : "text",
    computeAt,
    sourceDiagnostics: read.sourceDiagnostics,
    ...(loaded ? { policy: loaded.policy, policyName: loaded.description } : {}),
    verbose: false,
  });
  return { ok: true, report };
}
