#!/usr/bin/env node
// `npm start`: generate (or reuse) a seeded synthetic DOJ file under examples/sample/, run the bulk job
// on it with a bundled policy, and print a short summary and where the outputs are.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "apps/cli/bin/clearance.js");
const sampleDir = join(root, "examples/sample");
const input = join(sampleDir, "doj-sample-20k.csv");
const out = join(root, "examples/output/sample-run");
const policy = join(root, "examples/policies/bear-default.json");
const county = "LOS ANGELES";
const computeAt = "2025-01-01";
const rel = (p) => relative(process.cwd(), p) || ".";

function clearance(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

mkdirSync(sampleDir, { recursive: true });
if (existsSync(input)) console.log(`Reusing the synthetic sample ${rel(input)}`);
else {
  console.log(`Generating a synthetic DOJ research file (fictional people) at ${rel(input)} …`);
  clearance(["generate", "--county", county, "--rows", "20000", "--seed", "2016", "--out", input]);
}
console.log(`Deciding every ${county} Prop 64 conviction with ${rel(policy)} at ${computeAt} …`);
clearance([
  "run",
  "--input",
  input,
  "--county",
  county,
  "--policy",
  policy,
  "--compute-at",
  computeAt,
  "--out",
  out,
  "--quiet",
]);

const docs = join(root, "examples/output/sample-documents");
console.log(
  `Writing the court documents for ${rel(out)} with the fictional office profile examples/office-los-angeles.json …`,
);
clearance([
  "documents",
  "--run",
  out,
  "--office",
  join(root, "examples/office-los-angeles.json"),
  "--out",
  docs,
  "--date",
  computeAt,
]);

const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
const bySection = s.prop64ConvictionsCountInCountyByCodeSection;
const rows = [
  ["Rows read / used / rejected", `${s.rows.read} / ${s.rows.used} / ${s.rows.rejected}`],
  ["Prop 64 convictions in county", Object.values(bySection).reduce((a, b) => a + b, 0)],
  [
    "  by section",
    Object.entries(bySection)
      .map(([k, v]) => `HS ${k}: ${v}`)
      .join(", "),
  ],
  [
    "  felonies / not felonies",
    `${s.prop64FelonyConvictionsCountInCounty} / ${s.prop64NonFelonyConvictionsCountInCounty}`,
  ],
  ["People with a Prop 64 conviction", s.subjectsWithProp64ConvictionCountInCounty],
  ["People with some relief", s.subjectsWithSomeReliefCount],
  ["People left with no felony", s.reliefWithCurrentEligibilityChoices.CountSubjectsNoFelony],
  ["People left with no conviction", s.reliefWithCurrentEligibilityChoices.CountSubjectsNoConviction],
  ["  if all Prop 64 were dismissed", s.reliefWithDismissAllProp64.CountSubjectsNoConviction],
];
const w = Math.max(...rows.map(([k]) => k.length));
console.log("\nSummary");
for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
console.log(
  `\nOutputs in ${rel(out)}: All_Results.csv, All_Results_Condensed.csv, Prop64_Results.csv, gogen.json,`,
);
console.log(
  "  Statute_Review.csv (the office decision beside what H&S 11361.8 provides), Related_Charges.csv,",
);
console.log(
  "  results.ndjson (one decision per conviction, with its reason trace), summary.json, manifest.json",
);
console.log(
  `Documents in ${rel(docs)}: motion.pdf, proposed-order.pdf (with exhibits), petitions/, notices/,`,
);
console.log("  pd-list.csv, pd-list.pdf, impact-report.pdf");
console.log(
  "Explore further: npx clearance --help, npx clearance explain --run <dir> --person <id>, npm run app",
);
