/** @module policy-file — custom office policies as JSON files (`clearance-policy/1`): schema, reading, evaluation. */
export { losAngelesPolicyFile, policyFileFromOptions } from "./builtins.ts";
export { compilePolicyFile } from "./evaluate.ts";
export { type PolicyFileResult, parsePolicyFile } from "./parse.ts";
export {
  CONDITION_KEYS,
  OFFICE_DETERMINATIONS,
  POLICY_DETERMINATIONS,
  POLICY_FILE_FORMAT,
  type PolicyCondition,
  type PolicyDetermination,
  type PolicyFile,
  type PolicyFileRule,
  policyConditionSchema,
  policyFileJsonSchema,
  policyFileSchema,
  policyRuleSchema,
  renderPolicyFileJsonSchema,
} from "./schema.ts";
