import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { POLICY_RULES, renderProp64Guide, STATUTE_RULES } from "@clearance/law";
import { describe, expect, it } from "vitest";
import { formatRulesJson, formatRulesText } from "./rules.ts";

const run = promisify(execFile);
const BIN = fileURLToPath(new URL("../../bin/clearance.js", import.meta.url));
const GUIDE = fileURLToPath(new URL("../../../../docs/law/prop64.md", import.meta.url));

describe("docs/law/prop64.md", () => {
  it("is the guide generated from the current rule data (regenerate: npx tsx packages/law/scripts/generate-prop64-guide.ts)", async () => {
    const committed = await readFile(GUIDE, "utf8");
    expect(committed).toBe(renderProp64Guide());
  });

  it("names every statute rule id and citation", () => {
    const guide = renderProp64Guide();
    for (const r of STATUTE_RULES) expect(guide).toContain(`\`${r.id}\` — ${r.citation}`);
  });
});

describe("clearance rules", () => {
  it("lists every statute rule with id and citation, and every policy rule", () => {
    const text = formatRulesText();
    for (const r of STATUTE_RULES) expect(text).toContain(`${r.id}  ${r.citation}`);
    for (const r of POLICY_RULES) expect(text).toContain(`${r.policy}: ${r.id}`);
  });

  it("json holds the same rules", () => {
    const json = JSON.parse(formatRulesJson()) as { statute: { id: string }[]; policy: { id: string }[] };
    expect(json.statute.map((r) => r.id)).toEqual(STATUTE_RULES.map((r) => r.id));
    expect(json.policy.length).toBe(POLICY_RULES.length);
  });

  it("runs from the command line", async () => {
    const r = await run(process.execPath, [BIN, "rules"]);
    expect(r.stdout).toContain("hs11359.c1-prior-super-strike-or-290  H&S 11359(c)(1)");
    const md = await run(process.execPath, [BIN, "rules", "--format", "markdown"]);
    expect(md.stdout).toBe(renderProp64Guide());
  });
});
