/**
 * Writes docs/law/prop64.md from the statute rule data.
 * Run from the repo root: `npx tsx packages/law/scripts/generate-prop64-guide.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderProp64Guide } from "../src/statute/guide.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const target = resolve(root, "docs/law/prop64.md");
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderProp64Guide());
process.stdout.write(`wrote ${target}\n`);
