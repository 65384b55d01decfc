/**
 * @module policy-spec — turns the `--policy` argument into a policy: a path to an options file in the
 * original format (`baselineEligibility`…), a path to a policy file (`"format": "clearance-policy/1"`,
 * docs/policy-files.md), or the name `los-angeles` or `statute`. Options files and `los-angeles` run as
 * policy files too (written by `policyFileFromOptions` / `losAngelesPolicyFile`).
 */
import { readFile } from "node:fs/promises";
import {
  type ConfigurableOptions,
  compilePolicyFile,
  type LosAngelesOptions,
  losAngelesPolicyFile,
  type Policy,
  type PolicyFile,
  parseConfigurableOptions,
  parsePolicyFile,
  policyFileFromOptions,
  statutePolicy,
} from "@clearance/law";

/** A configuration problem the user must fix (exit code 1). */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}\n  - ${problems.join("\n  - ")}` : message);
  }
}

/** A loaded policy with what the outputs need to know about it. */
export interface LoadedPolicy {
  readonly policy: Policy;
  readonly kind: "configurable" | "los-angeles" | "statute" | "custom";
  readonly options?: ConfigurableOptions;
  readonly la?: LosAngelesOptions;
  /** The policy file that runs (absent for `statute`). */
  readonly file?: PolicyFile;
  /** Warnings about a custom policy file (rules without citation, rules that never decide). */
  readonly warnings?: readonly string[];
  /** Text recorded in the manifest. */
  readonly description: string;
}

/** Loads `--policy`: `los-angeles`, `statute`, or a path to an options JSON file or a policy file. */
export async function loadPolicy(spec: string, la: Partial<LosAngelesOptions> = {}): Promise<LoadedPolicy> {
  // The office decides what H&S 11361.8 provides (the statute pack's remedy in the compatible strings).
  if (spec === "statute") return { policy: statutePolicy, kind: "statute", description: statutePolicy.label };
  if (spec === "los-angeles") {
    const options: LosAngelesOptions = {
      age: la.age || 50,
      yearsConvictionFree: la.yearsConvictionFree || 10,
    };
    const file = losAngelesPolicyFile(options);
    const policy = compilePolicyFile(file);
    return { policy, kind: "los-angeles", la: options, file, description: policy.label };
  }
  let text: string;
  try {
    text = await readFile(spec, "utf8");
  } catch (e) {
    throw new ConfigError(
      `cannot read policy file ${spec}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`policy file ${spec} is not valid JSON: ${(e as Error).message}`);
  }
  if (isPolicyFile(json)) {
    const read = parsePolicyFile(json);
    if (!read.ok) throw new ConfigError(`policy file ${spec} has problems:`, read.errors);
    const policy = compilePolicyFile(read.value);
    return {
      policy,
      kind: "custom",
      file: read.value,
      warnings: read.warnings,
      description: `policy file ${spec}: ${read.value.id} (${read.value.label})`,
    };
  }
  const parsed = parseConfigurableOptions(json);
  if (!parsed.ok) throw new ConfigError(`policy file ${spec} has problems:`, parsed.errors);
  const file = policyFileFromOptions(parsed.value);
  return {
    policy: compilePolicyFile(file),
    kind: "configurable",
    options: parsed.value,
    file,
    description: `configurable options from ${spec}: ${JSON.stringify(parsed.value)}`,
  };
}

/** A policy file (`"format": "clearance-policy/1"`) rather than an original options file: it names a format or has rules. */
function isPolicyFile(json: unknown): boolean {
  return (
    typeof json === "object" && json !== null && !Array.isArray(json) && ("format" in json || "rules" in json)
  );
}
