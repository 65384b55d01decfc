/**
 * @module policy-spec — turns the `--policy` argument into a policy: a path to an options file in the
 * original format (`baselineEligibility`…), a path to a policy file (`"format": "clearance-policy/1"`,
 * docs/policy-files.md), or the name `los-angeles` or `statute`. Options files and `los-angeles` run as
 * policy files too (written by `policyFileFromOptions` / `losAngelesPolicyFile`).
 *
 * The Los Angeles criteria (`--la-age`, `--la-years`) are whole numbers in the ranges the options files
 * enforce for the same criteria (age 40–65, years 1–15); absent, they are 50 and 10. They go with
 * `los-angeles` only: given with another policy they would be ignored, so that is an error.
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

/** Accepted values and default of each Los Angeles criterion, by its command-line option. */
export const LA_CRITERIA = {
  age: { option: "--la-age", min: 40, max: 65, default: 50 },
  yearsConvictionFree: { option: "--la-years", min: 1, max: 15, default: 10 },
} as const;

function laProblem(key: keyof typeof LA_CRITERIA, got: string): string {
  const c = LA_CRITERIA[key];
  return `${c.option} must be a whole number from ${c.min} to ${c.max} (default ${c.default}), got ${got}`;
}

function checkLa(key: keyof typeof LA_CRITERIA, value: number | undefined): number {
  const c = LA_CRITERIA[key];
  if (value === undefined) return c.default;
  if (!Number.isInteger(value) || value < c.min || value > c.max)
    throw new ConfigError(laProblem(key, String(value)));
  return value;
}

/**
 * Reads `--la-age` / `--la-years` as typed (digits only, so `12abc` or `1e1` are refused rather than
 * cut short); the ranges are checked by {@link loadPolicy}.
 * @throws ConfigError naming the option
 */
export function laOptionsFromFlags(flags: {
  readonly laAge?: string | undefined;
  readonly laYears?: string | undefined;
}): Partial<LosAngelesOptions> {
  const read = (key: keyof typeof LA_CRITERIA, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    const { min, max } = LA_CRITERIA[key];
    if (!/^\s*\d+\s*$/.test(text) || n < min || n > max)
      throw new ConfigError(laProblem(key, JSON.stringify(text)));
    return n;
  };
  const age = read("age", flags.laAge);
  const years = read("yearsConvictionFree", flags.laYears);
  return {
    ...(age !== undefined ? { age } : {}),
    ...(years !== undefined ? { yearsConvictionFree: years } : {}),
  };
}

/**
 * Why the Los Angeles criteria cannot go with `spec` (another policy, or none: they would be ignored,
 * and the run decided under other criteria than the user gave); undefined when they can.
 */
export function laCriteriaProblem(
  spec: string | undefined,
  la: Partial<LosAngelesOptions>,
): string | undefined {
  if (spec === "los-angeles" || (la.age === undefined && la.yearsConvictionFree === undefined))
    return undefined;
  const ignored =
    spec === undefined
      ? "without --policy they would be ignored"
      : `the policy ${JSON.stringify(spec)} would ignore them`;
  return `--la-age and --la-years go with --policy los-angeles; ${ignored}. Leave them out, or use --policy los-angeles`;
}

/** Loads `--policy`: `los-angeles`, `statute`, or a path to an options JSON file or a policy file. */
export async function loadPolicy(spec: string, la: Partial<LosAngelesOptions> = {}): Promise<LoadedPolicy> {
  const laProblem = laCriteriaProblem(spec, la);
  if (laProblem !== undefined) throw new ConfigError(laProblem);
  // The office decides what H&S 11361.8 provides (the statute pack's remedy in the compatible strings).
  if (spec === "statute") return { policy: statutePolicy, kind: "statute", description: statutePolicy.label };
  if (spec === "los-angeles") {
    const options: LosAngelesOptions = {
      age: checkLa("age", la.age),
      yearsConvictionFree: checkLa("yearsConvictionFree", la.yearsConvictionFree),
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
    warnings: parsed.warnings,
    description: `configurable options from ${spec}: ${JSON.stringify(parsed.value)}`,
  };
}

/** A policy file (`"format": "clearance-policy/1"`) rather than an original options file: it names a format or has rules. */
function isPolicyFile(json: unknown): boolean {
  return (
    typeof json === "object" && json !== null && !Array.isArray(json) && ("format" in json || "rules" in json)
  );
}
