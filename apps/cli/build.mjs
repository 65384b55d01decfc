// Bundles the CLI (TypeScript sources of every workspace package) into one ESM file with esbuild, so
// `clearance` starts in a fraction of a second with a small memory footprint. Packages with native code,
// data files or their own loaders stay external and load from node_modules.
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
export const BUNDLE = join(here, "dist", "clearance.mjs");
/** The slim bundle with only `run` and `generate`. */
export const BULK_BUNDLE = join(here, "dist", "clearance-bulk.mjs");

/** Pass 2's thread (packages/pipeline/src/pass2-thread.ts starts it from beside the bundle that runs). */
export const PASS2_WORKER = join(here, "dist", "pass2-worker.mjs");

/** Builds the bundles (pass 2's thread first: a bundle present always has it beside it). */
export async function buildCli() {
  await buildOne(join(here, "..", "..", "packages", "pipeline", "src", "pass2-worker.ts"), PASS2_WORKER);
  await buildOne(join(here, "src", "main.ts"), BUNDLE);
  await buildOne(join(here, "src", "main-bulk.ts"), BULK_BUNDLE);
}

/**
 * Builds one bundle atomically: into a temporary folder, then the source map and the bundle renamed into
 * place (the bundle last, so a present bundle always has its map). The map is a separate file rather than
 * inline: an inline map doubles the file Node reads and scans at every start (about 80 ms).
 */
async function buildOne(entry, out) {
  await mkdir(dirname(out), { recursive: true });
  const tmpDir = join(dirname(out), `.build-${process.pid}`);
  const tmp = join(tmpDir, basename(out));
  try {
    await build({
      entryPoints: [entry],
      outfile: tmp,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: "linked",
      logLevel: "error",
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
      external: [
        "better-sqlite3",
        "pdfjs-dist",
        "pdfkit",
        "@cantoo/pdf-lib",
        "yazl",
        "hono",
        "@hono/node-server",
        "vite",
        "playwright-core",
        "tsx",
        "esbuild",
        "fsevents",
      ],
    });
    await rename(`${tmp}.map`, `${out}.map`);
    await rename(tmp, out);
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
