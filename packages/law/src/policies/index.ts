/** @module policies — the office policies (compatible with the original tool) and their shared facts. */
import { CONFIGURABLE_RULES } from "./configurable.ts";
import { LOS_ANGELES_RULES } from "./los-angeles.ts";
import { STATUTE_POLICY_RULES } from "./statute.ts";
import type { PolicyRuleInfo } from "./types.ts";

export * from "./configurable.ts";
export * from "./dismiss-all.ts";
export * from "./los-angeles.ts";
export * from "./statute.ts";
export type * from "./types.ts";
export * from "./view.ts";

/** Every office-policy rule, for `clearance rules` and the docs. */
export const POLICY_RULES: readonly PolicyRuleInfo[] = [
  ...CONFIGURABLE_RULES,
  ...LOS_ANGELES_RULES,
  ...STATUTE_POLICY_RULES,
];
