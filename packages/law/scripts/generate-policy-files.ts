/**
 * Writes docs/policy-file.schema.json (the JSON Schema of policy files, from the zod schema) and
 * examples/policies/los-angeles.policy.json (the Los Angeles criteria, age 50 / 10 years).
 * Run from the repo root: `npx tsx packages/law/scripts/generate-policy-files.ts`.
 */
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { losAngelesPolicyFile, renderPolicyFileJsonSchema } from "../src/policy-file/index.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const outputs: [string, string][] = [
  ["docs/policy-file.schema.json", renderPolicyFileJsonSchema()],
  [
    "examples/policies/los-angeles.policy.json",
    `${JSON.stringify(losAngelesPolicyFile({ age: 50, yearsConvictionFree: 10 }), null, 2)}\n`,
  ],
];
for (const [path, text] of outputs) {
  writeFileSync(resolve(root, path), text);
  process.stdout.write(`wrote ${path}\n`);
}
