/**
 * @module out-folder — a documents run owns its output folder. Before anything is written, a folder
 * holding anything Clearance does not write is refused (so documents never mix with other files);
 * after the run, documents an earlier run left there that this run did not write are removed, so a
 * folder never holds a petition or notice that `documents.json` does not list.
 */
import { readdir, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { DocumentInputError } from "./input-error.ts";

/** Top-level files `generateDocuments` writes. */
const TOP_FILES = new Set([
  "motion.pdf",
  "proposed-order.pdf",
  "pd-list.csv",
  "pd-list.pdf",
  "impact-report.pdf",
  "documents.json",
]);

/** Sub-folders of per-person documents; they hold only `.pdf` files. */
export const PERSON_FOLDERS = ["petitions", "notices", "forms"] as const;

/** True for a top-level file name Clearance writes (or its `.partial` while being written). */
function isTopFile(name: string): boolean {
  return TOP_FILES.has(name.replace(/\.partial$/, ""));
}

/** True for a per-person document's file name (or its `.partial`). */
function isPersonFile(name: string): boolean {
  return /\.pdf(\.partial)?$/.test(name);
}

async function list(dir: string): Promise<import("node:fs").Dirent[] | undefined> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * The generated files in `outDir` (paths relative to it, `/`-separated), or an error naming the
 * files that Clearance did not write. A missing folder has none.
 */
export async function generatedFiles(outDir: string): Promise<string[]> {
  const entries = await list(outDir);
  if (entries === undefined) return [];
  const files: string[] = [];
  const foreign: string[] = [];
  for (const e of entries) {
    if (e.isFile() && isTopFile(e.name)) files.push(e.name);
    else if (e.isDirectory() && (PERSON_FOLDERS as readonly string[]).includes(e.name)) {
      for (const f of (await list(join(outDir, e.name))) ?? []) {
        if (f.isFile() && isPersonFile(f.name)) files.push(`${e.name}/${f.name}`);
        else foreign.push(`${e.name}/${f.name}`);
      }
    } else foreign.push(e.name);
  }
  if (foreign.length > 0) {
    const shown =
      foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? `, … (${foreign.length} in all)` : "");
    throw new DocumentInputError(
      `output folder ${outDir} holds files that \`clearance documents\` did not write (${shown}); choose a new or empty folder for --out, or move those files away`,
    );
  }
  return files;
}

/**
 * Removes generated files of an earlier run that are not in `keep`, and per-person folders left
 * empty. Only names Clearance writes are touched (see {@link generatedFiles}).
 */
export async function removeStale(outDir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const f of await generatedFiles(outDir)) {
    if (keep.has(f)) continue;
    await rm(join(outDir, f), { force: true });
    removed.push(f);
  }
  for (const d of PERSON_FOLDERS) {
    const left = await list(join(outDir, d));
    if (left !== undefined && left.length === 0) await rmdir(join(outDir, d));
  }
  return removed;
}
