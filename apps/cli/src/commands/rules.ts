/**
 * @module commands/rules — `clearance rules`: every statute rule (id, citation, plain description) and
 * every office-policy rule, or the generated statute guide (docs/law/prop64.md) with `--format markdown`.
 */
import { POLICY_RULES, renderProp64Guide, STATUTE_RULES } from "@clearance/law";
import { Command, Option } from "@commander-js/extra-typings";

/** The rule listing as plain text: statute rules by stage, then office-policy rules. */
export function formatRulesText(): string {
  const out: string[] = ["STATUTE RULES (H&S 11361.8 and the Prop 64 sections)", ""];
  let stage = "";
  for (const r of STATUTE_RULES) {
    if (r.stage !== stage) {
      stage = r.stage;
      out.push(`[${stage}]`);
    }
    out.push(`${r.id}  ${r.citation}`);
    out.push(`    ${r.description}`);
    if (r.note) out.push(`    Note: ${r.note}`);
  }
  out.push("", "OFFICE POLICY RULES", "");
  if (POLICY_RULES.length === 0) out.push("(none exported)");
  for (const r of POLICY_RULES) {
    out.push(`${r.policy}: ${r.id}${r.citation ? `  ${r.citation}` : ""}`);
    out.push(`    ${r.description}`);
  }
  return `${out.join("\n")}\n`;
}

/** The rule listing as JSON: `{ statute: [...], policy: [...] }` (conditions included). */
export function formatRulesJson(): string {
  return `${JSON.stringify({ statute: STATUTE_RULES, policy: POLICY_RULES }, null, 2)}\n`;
}

/** Registers `rules`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerRules(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("rules")
      .description("List every statute and office-policy rule with its id, citation and plain description.")
      .addOption(
        new Option("-f, --format <format>", "text, json, or markdown (the statute guide, docs/law/prop64.md)")
          .choices(["text", "json", "markdown"] as const)
          .default("text" as const),
      )
      .action((opts) => {
        const text =
          opts.format === "markdown"
            ? renderProp64Guide()
            : opts.format === "json"
              ? formatRulesJson()
              : formatRulesText();
        process.stdout.write(text);
      }),
  );
}
