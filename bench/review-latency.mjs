#!/usr/bin/env node
/**
 * Review-queue latency on a large run: loads N synthetic convictions (default 1,000,000) into a real
 * store through the same importer the server uses, starts the real server on 127.0.0.1, and times review
 * page requests over HTTP (filters, sorts, deep pages). Prints p50/p95/max per query kind and overall.
 *
 *   node bench/review-latency.mjs [--rows 1000000] [--requests 400]
 *
 * Or from another script: `import { benchReviewLatency } from "./review-latency.mjs"` →
 * `{ rows, importSeconds, overall: { p50, p95, max }, byKind }` (milliseconds). Data goes to a temp folder
 * that is removed afterwards.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();

const DETS = [
  ["Eligible for Dismissal", "Misdemeanor or Infraction"],
  ["Eligible for Dismissal", "Dismiss all HS 11357 convictions"],
  ["Eligible for Reduction", "Reduce all HS 11359 convictions"],
  ["Eligible for Dismissal", "Conviction occurred 5 or more years ago"],
  ["", ""],
];
const SECTIONS = ["11357", "11358", "11359", "11360"];
const SURNAMES = ["ADAMS", "BAKER", "CHEN", "DIAZ", "EVANS", "FLORES", "GARCIA", "HILL", "IBARRA", "JONES"];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function writeResults(path, rows) {
  const out = createWriteStream(path);
  for (let i = 0; i < rows; i++) {
    const [determination, reason] = DETS[i % DETS.length];
    const section = SECTIONS[(i * 7) % 4];
    const line = `${JSON.stringify({
      personId: `P${Math.floor(i / 3)}`,
      name: `${SURNAMES[(i * 13) % 10]},PERSON ${Math.floor(i / 3)}`,
      dob: "1970-01-01",
      cii: String(1000000000 + Math.floor(i / 3)),
      file: "bench.csv",
      fileIndex: 1,
      line: i + 2,
      rowIndex: i,
      codeSection: `${section} HS`,
      parsed: { section },
      county: "LOS ANGELES",
      convictionDate: `${1980 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
      level: i % 3 === 0 ? "F" : "M",
      caseNumbers: [`C${i}`],
      determination,
      reason,
      trace: [{ rule: "bench", outcome: "fired" }],
      flags: i % 97 === 0 ? ["bad-date"] : [],
      statuteFlags: i % 101 === 0 ? ["below-statute"] : [],
    })}\n`;
    if (!out.write(line)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
}

/** Runs the benchmark; returns milliseconds per request (p50, p95, max), overall and by query kind. */
export async function benchReviewLatency({ rows = 1_000_000, requests = 400 } = {}) {
  const { openStore } = await import("@clearance/store");
  const { startServer } = await import("@clearance/server");
  const dir = mkdtempSync(join(tmpdir(), "clearance-bench-"));
  try {
    const dataDir = join(dir, "data");
    mkdirSync(join(dataDir, "runs", "bench"), { recursive: true });
    const ndjson = join(dir, "results.ndjson");
    await writeResults(ndjson, rows);
    const runId = "00000000-0000-4000-8000-000000000001";
    const store = openStore(join(dataDir, "clearance.sqlite"));
    store.createRun({
      id: runId,
      createdBy: "bench",
      county: "LOS ANGELES",
      policy: { kind: "los-angeles" },
      computeAt: "2024-01-01",
      outDir: join(dataDir, "runs", "bench"),
      inputs: [{ uploadId: "bench", name: "bench.csv", path: join(dir, "bench.csv"), bytes: 0 }],
    });
    const t0 = performance.now();
    await store.importResults(runId, ndjson);
    const importSeconds = (performance.now() - t0) / 1000;
    store.finishRun(runId, "done", { summary: {} });
    store.close();

    const server = await startServer({ port: 0, dataDir, webDir: join(dir, "web") });
    const kinds = {
      "first page": () => "",
      "filter determination": () => "determination=Eligible%20for%20Reduction",
      "filter section": () => `section=${SECTIONS[Math.floor(Math.random() * 4)]}`,
      "filter flag": () => "flag=below-statute",
      "filter review": () => "review=pending",
      "filter reason + section": () => "reason=Misdemeanor%20or%20Infraction&section=11358",
      "name prefix": () => `name=${SURNAMES[Math.floor(Math.random() * 10)]}`,
      "sort name": () => "sort=name",
      "sort date desc": () => "sort=convictionDate&dir=desc",
      "page 1-200": () => `page=${1 + Math.floor(Math.random() * 200)}`,
    };
    const names = Object.keys(kinds);
    const byKind = Object.fromEntries(names.map((k) => [k, []]));
    const all = [];
    try {
      for (let i = 0; i < requests + 20; i++) {
        const kind = names[i % names.length];
        const url = `${server.origin}/api/runs/${runId}/convictions?pageSize=50&${kinds[kind]()}`;
        const t = performance.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } });
        await res.json();
        const ms = performance.now() - t;
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        if (i < 20) continue; // warm-up
        byKind[kind].push(ms);
        all.push(ms);
      }
    } finally {
      await server.close();
    }
    const stats = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return {
        p50: +percentile(s, 50).toFixed(1),
        p95: +percentile(s, 95).toFixed(1),
        max: +s.at(-1).toFixed(1),
      };
    };
    return {
      rows,
      importSeconds: +importSeconds.toFixed(1),
      overall: stats(all),
      byKind: Object.fromEntries(names.map((k) => [k, stats(byKind[k])])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const r = await benchReviewLatency({ rows: arg("rows", 1_000_000), requests: arg("requests", 400) });
  console.log(`review-latency: ${r.rows} convictions (import ${r.importSeconds} s)`);
  for (const [k, s] of Object.entries(r.byKind))
    console.log(`  ${k.padEnd(24)} p50 ${s.p50} ms  p95 ${s.p95} ms  max ${s.max} ms`);
  console.log(
    `  overall                  p50 ${r.overall.p50} ms  p95 ${r.overall.p95} ms  (target p95 < 100 ms)`,
  );
}
