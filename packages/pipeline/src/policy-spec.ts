/**
 * @module policy-spec — turns the `--policy` argument into a policy: a path to an options file in the
 * original format (`baselineEligibility`…), or the name `los-angeles` or `statute`.
 */
import { readFile } from "node:fs/promises";
import {
  type ConfigurableOptions,
  configurablePolicy,
  type LosAngelesOptions,
  losAngelesPolicy,
  type Policy,
  parseConfigurableOptions,
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
  readonly kind: "configurable" | "los-angeles" | "statute";
  readonly options?: ConfigurableOptions;
  readonly la?: LosAngelesOptions;
  /** Text recorded in the manifest. */
  readonly description: string;
}

/** Loads `--policy`: `los-angeles`, `statute` or a path to an options JSON file. */
export async function loadPolicy(spec: string, la: Partial<LosAngelesOptions> = {}): Promise<LoadedPolicy> {
  // The office decides what H&S 11361.8 provides (the statute pack's remedy in the compatible strings).
  if (spec === "statute") return { policy: statutePolicy, kind: "statute", description: statutePolicy.label };
  if (spec === "los-angeles") {
    const options: LosAngelesOptions = {
      age: la.age || 50,
      yearsConvictionFree: la.yearsConvictionFree || 10,
    };
    const policy = losAngelesPolicy(options);
    return { policy, kind: "los-angeles", la: options, description: policy.label };
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
  const parsed = parseConfigurableOptions(json);
  if (!parsed.ok) throw new ConfigError(`policy file ${spec} has problems:`, parsed.errors);
  return {
    policy: configurablePolicy(parsed.value),
    kind: "configurable",
    options: parsed.value,
    description: `configurable options from ${spec}: ${JSON.stringify(parsed.value)}`,
  };
}
