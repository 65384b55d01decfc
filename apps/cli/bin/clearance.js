#!/usr/bin/env node
// `clearance`: runs the bundled CLI (apps/cli/dist/clearance.mjs), rebuilding it first when any
// TypeScript source is newer, so it starts fast and never runs stale code. Set CLEARANCE_TSX=1 to run
// the sources through tsx instead (no bundle).
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(cliDir, "..", "..");
const bulk = ["run", "generate"].includes(process.argv[2] ?? "");
const bundle = join(cliDir, "dist", bulk ? "clearance-bulk.mjs" : "clearance.mjs");

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts") || e.name === "package.json")
        newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const base of ["packages", "apps/cli", "apps/server"]) walk(join(root, base));
  return newest;
}

/** When the bundle was built; -1 when it or pass 2's worker beside it is missing. */
function bundleTime() {
  try {
    statSync(join(cliDir, "dist", "pass2-worker.mjs"));
    return statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

if (process.env.CLEARANCE_TSX === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
} else {
  if (bundleTime() < newestSource()) {
    const { buildCli } = await import("../build.mjs");
    await buildCli();
  }
  await import(bundle);
}
